/* idmap: /proc/<pid>/{uid,gid}_map writes for a new user namespace. */
#include "idmap.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"

int rt_idmap_format(const struct cfg_id_map *m, size_t n, char *buf, size_t len)
{
	size_t used = 0, i;
	int w;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < n; i++) {
		w = snprintf(buf + used, len - used, "%u %u %u\n", m[i].container_id, m[i].host_id,
			     m[i].size);
		if (w < 0 || (size_t)w >= len - used)
			return -ENOSPC;
		used += (size_t)w;
	}
	return (int)used;
}

int rt_idmap_write_map(pid_t pid, const char *file, const char *what, const struct cfg_id_map *m,
		       size_t n, struct berr *err)
{
	char path[64], buf[4096];
	_cleanup_close_ int fd = -1;
	int len;

	if (!n)
		return 0;
	len = rt_idmap_format(m, n, buf, sizeof(buf));
	if (len < 0)
		return berr_set(err, E2BIG, "%s: too many mappings", what);
	(void)snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "open %s", path);
	if (write(fd, buf, (size_t)len) != len)
		return berr_sys(err, "write %s", path);
	return 0;
}

/* Without privileges the kernel accepts one mapping of our own id, and a gid map only after
 * setgroups is denied; anything wider goes through the setuid newuidmap/newgidmap helpers. */
static bool own_id_only(const struct cfg_id_map *m, size_t n, uint32_t own)
{
	return n == 1 && m[0].size == 1 && m[0].host_id == own;
}

static int deny_setgroups(pid_t pid, struct berr *err)
{
	char path[64];
	_cleanup_close_ int fd = -1;

	(void)snprintf(path, sizeof(path), "/proc/%d/setgroups", pid);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "deny", 4) != 4)
		return berr_sys(err, "write %s", path);
	return 0;
}

static int run_helper(const char *helper, pid_t pid, const struct cfg_id_map *m, size_t n,
		      const char *field, struct berr *err)
{
	char args[3 * 64][16], pidbuf[16];
	char *argv[3 * 64 + 3];
	size_t i, k = 0;
	int status;
	pid_t child;

	if (n > 64)
		return berr_set(err, E2BIG, "linux.%s: too many mappings", field);
	(void)snprintf(pidbuf, sizeof(pidbuf), "%d", pid);
	argv[k++] = (char *)helper;
	argv[k++] = pidbuf;
	for (i = 0; i < n; i++) {
		(void)snprintf(args[3 * i], 16, "%u", m[i].container_id);
		(void)snprintf(args[3 * i + 1], 16, "%u", m[i].host_id);
		(void)snprintf(args[3 * i + 2], 16, "%u", m[i].size);
		argv[k++] = args[3 * i];
		argv[k++] = args[3 * i + 1];
		argv[k++] = args[3 * i + 2];
	}
	argv[k] = NULL;
	child = fork();
	if (child == 0) {
		execvp(helper, argv);
		_exit(127);
	}
	if (child < 0)
		return berr_sys(err, "fork %s", helper);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return berr_set(err, ENOENT,
				"linux.%s: mapping more than your own id needs %s (package uidmap)",
				field, helper);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return berr_set(err, EPERM,
				"linux.%s: %s failed (check /etc/subuid and /etc/subgid)", field,
				helper);
	return 0;
}

int rt_idmap_write(pid_t pid, const struct cfg_spec *spec, struct berr *err)
{
	const struct cfg_linux *l = &spec->linux_;
	bool root = geteuid() == 0;
	int r;

	if (root || own_id_only(l->uid_mappings, l->n_uid_mappings, geteuid()))
		r = rt_idmap_write_map(pid, "uid_map", "linux.uidMappings", l->uid_mappings,
				       l->n_uid_mappings, err);
	else
		r = run_helper("newuidmap", pid, l->uid_mappings, l->n_uid_mappings, "uidMappings",
			       err);
	if (r < 0)
		return r;
	if (root)
		return rt_idmap_write_map(pid, "gid_map", "linux.gidMappings", l->gid_mappings,
					  l->n_gid_mappings, err);
	if (own_id_only(l->gid_mappings, l->n_gid_mappings, getegid())) {
		r = deny_setgroups(pid, err);
		if (r < 0)
			return r;
		return rt_idmap_write_map(pid, "gid_map", "linux.gidMappings", l->gid_mappings,
					  l->n_gid_mappings, err);
	}
	return run_helper("newgidmap", pid, l->gid_mappings, l->n_gid_mappings, "gidMappings", err);
}
