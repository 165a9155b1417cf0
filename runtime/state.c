/* state: create, lock, remove the per-container directory and derive its status. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cgroup.h"
#include "proc-stat.h"

int rt_state_check_id(const char *id, struct berr *err)
{
	const char *p;

	if (!id || !*id)
		return berr_set(err, EINVAL, "container id cannot be empty");
	if (strlen(id) > 200 || !strcmp(id, ".") || !strcmp(id, ".."))
		return berr_set(err, EINVAL, "invalid container id format: %s", id);
	for (p = id; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_+-.", *p))
			continue;
		return berr_set(err, EINVAL, "invalid container id format: %s", id);
	}
	return 0;
}

static int mkdir_parents(const char *path)
{
	char buf[4096];
	char *p;

	if (strlen(path) >= sizeof(buf))
		return -ENAMETOOLONG;
	strcpy(buf, path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0711) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

int rt_state_open_root(const char *root, bool create, struct berr *err)
{
	int fd, r;

	fd = open(root, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (fd >= 0 || errno != ENOENT || !create)
		return fd >= 0 ? fd : berr_sys(err, "open state root %s", root);
	r = mkdir_parents(root);
	if (r < 0)
		return berr_sys_code(err, r, "create state root %s", root);
	fd = open(root, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "open state root %s", root);
	return fd;
}

int rt_state_create_dir(int rootfd, const char *id, struct berr *err)
{
	_cleanup_close_ int fd = -1;

	if (mkdirat(rootfd, id, 0711) < 0) {
		if (errno == EEXIST)
			return berr_set(err, EEXIST, "container with id exists: %s", id);
		return berr_sys(err, "create state directory for %s", id);
	}
	fd = openat(rootfd, id, O_DIRECTORY | O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "open state directory for %s", id);
	if (flock(fd, LOCK_EX) < 0)
		return berr_sys(err, "lock state of %s", id);
	return TAKE_FD(fd);
}

int rt_state_lock(int rootfd, const char *id, struct berr *err)
{
	_cleanup_close_ int fd = -1;

	fd = openat(rootfd, id, O_DIRECTORY | O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return berr_set(err, ENOENT, "container does not exist: %s", id);
		return berr_sys(err, "open state of %s", id);
	}
	if (flock(fd, LOCK_EX) < 0)
		return berr_sys(err, "lock state of %s", id);
	/* a concurrent delete may have removed the directory while we waited for the lock */
	if (faccessat(fd, ".", F_OK, 0) < 0 || faccessat(rootfd, id, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
		return berr_set(err, ENOENT, "container does not exist: %s", id);
	return TAKE_FD(fd);
}

/* Empties directory fd, descending into subdirectories (a VM's shares/) up to depth levels;
 * symlinks are removed, never followed. */
static int empty_dir(int fd, const char *id, int depth, struct berr *err)
{
	_cleanup_closedir_ DIR *d = fdopendir(fd);
	struct dirent *de;

	if (!d) {
		(void)close(fd);
		return berr_sys(err, "read state of %s", id);
	}
	while ((de = readdir(d))) {
		int sub, r;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == 0 || errno == ENOENT)
			continue;
		if (errno != EISDIR || depth == 0)
			return berr_sys(err, "remove state file %s/%s", id, de->d_name);
		sub = openat(dirfd(d), de->d_name, O_DIRECTORY | O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			return berr_sys(err, "open state directory %s/%s", id, de->d_name);
		r = empty_dir(sub, id, depth - 1, err);
		if (r < 0)
			return r;
		if (unlinkat(dirfd(d), de->d_name, AT_REMOVEDIR) < 0 && errno != ENOENT)
			return berr_sys(err, "remove state directory %s/%s", id, de->d_name);
	}
	return 0;
}

int rt_state_remove(int rootfd, const char *id, struct berr *err)
{
	int fd, r;

	fd = openat(rootfd, id, O_DIRECTORY | O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : berr_sys(err, "open state of %s", id);
	r = empty_dir(fd, id, 2, err);
	if (r < 0)
		return r;
	if (unlinkat(rootfd, id, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return berr_sys(err, "remove state directory %s", id);
	return 0;
}

/* pause froze the container's cgroup (no cgroup.json: never paused) */
static bool is_paused(int dirfd)
{
	_cleanup_free_ struct rt_cgroup *cg = malloc(sizeof(*cg));
	struct berr ignored;

	return cg && rt_cgroup_load(dirfd, cg, &ignored) == 0 && rt_cgroup_is_frozen(cg);
}

enum rt_status rt_state_status(int dirfd, const struct rt_state *st)
{
	if (st->pid <= 0)
		return RT_STATUS_CREATING;
	if (!rt_proc_is_alive(st->pid, st->start_time))
		return RT_STATUS_STOPPED;
	if (is_paused(dirfd))
		return RT_STATUS_PAUSED;
	/* the exec gate exists from create until start releases the process */
	if (faccessat(dirfd, RT_EXEC_SOCK, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ||
	    faccessat(dirfd, RT_VM_CREATED, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
		return RT_STATUS_CREATED;
	return RT_STATUS_RUNNING;
}

const char *rt_status_name(enum rt_status s)
{
	static const char *const names[] = {"creating", "created", "running", "paused", "stopped"};

	return names[s];
}

int rt_state_load(const char *root, const char *id, struct rt_state *ret, struct berr *err)
{
	_cleanup_close_ int rootfd = -1, dirfd = -1;
	int r;

	rootfd = rt_state_open_root(root, false, err);
	if (rootfd < 0)
		return berr_set(err, ENOENT, "container does not exist: %s", id);
	dirfd = rt_state_lock(rootfd, id, err);
	if (dirfd < 0)
		return dirfd;
	r = rt_state_read(dirfd, ret, err);
	if (r < 0)
		return r;
	return TAKE_FD(dirfd);
}
