/* rootfs-probe: test helper that runs a bundle's process.args in a rootfs set up by
 * runtime/rootfs.c alone (no cgroups, capabilities or seccomp), to compare the container's
 * mount table and /dev with runc's.
 * usage: rootfs-probe [--no-pivot] [--cgroup NAME] BUNDLE
 * --cgroup NAME joins NAME below this process's cgroup in every v1 hierarchy, as runc puts a
 * container whose cgroupsPath is empty, so the cgroup binds show the same paths. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../config/spec.h"
#include "../../runtime/base/berr.h"
#include "../../runtime/rootfs.h"

extern char **environ;

static int fail(const struct berr *err)
{
	char buf[1024];

	fprintf(stderr, "rootfs-probe: %s\n", berr_str(err, buf, sizeof(buf)));
	return 1;
}

/* cpuset refuses tasks until cpus and mems are set: copy the parent's. */
static void cpuset_inherit(const char *dir)
{
	static const char *const files[] = {"cpuset.cpus", "cpuset.mems"};
	char src[PATH_MAX * 3], dst[PATH_MAX * 3], val[4096];
	size_t i;
	ssize_t n;
	int fd;

	for (i = 0; i < 2; i++) {
		snprintf(src, sizeof(src), "%s/../%s", dir, files[i]);
		snprintf(dst, sizeof(dst), "%s/%s", dir, files[i]);
		fd = open(src, O_RDONLY | O_CLOEXEC);
		n = fd < 0 ? -1 : read(fd, val, sizeof(val));
		if (fd >= 0)
			close(fd);
		fd = n > 0 ? open(dst, O_WRONLY | O_CLOEXEC) : -1;
		if (fd >= 0 && write(fd, val, (size_t)n) < 0)
			fprintf(stderr, "rootfs-probe: write %s: %s\n", dst, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
}

/* Writes our pid to <mountpoint><own cgroup>/<name>/cgroup.procs of each v1 hierarchy. */
static int join_cgroups(const char *name)
{
	char line[4096], path[PATH_MAX * 2], *ctrl, *cg;
	FILE *f = fopen("/proc/self/cgroup", "re");
	int fd;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		ctrl = strchr(line, ':');
		cg = ctrl ? strchr(ctrl + 1, ':') : NULL;
		if (!cg || cg == ctrl + 1)
			continue; /* v2 line */
		*cg++ = '\0';
		ctrl++;
		if (strncmp(ctrl, "name=", 5) == 0)
			ctrl += 5;
		snprintf(path, sizeof(path), "/sys/fs/cgroup/%s%s/%s", ctrl,
			 strcmp(cg, "/") ? cg : "", name);
		(void)mkdir(path, 0755);
		if (strcmp(ctrl, "cpuset") == 0)
			cpuset_inherit(path);
		strcat(path, "/cgroup.procs");
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || dprintf(fd, "%d\n", (int)getpid()) < 0)
			fprintf(stderr, "rootfs-probe: join %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	fclose(f);
	return 0;
}

static int child(const struct cfg_spec *s, const char *rootfs, bool no_pivot)
{
	struct rt_rootfs_ctx c = {.spec = s, .rootfs = rootfs, .no_pivot = no_pivot};
	struct berr err = {0};

	if (rt_rootfs_mount_all(&c, &err) < 0 || rt_rootfs_pivot(&c, &err) < 0 ||
	    rt_rootfs_finish(&c, &err) < 0)
		return fail(&err);
	if (s->hostname && sethostname(s->hostname, strlen(s->hostname)) < 0)
		perror("rootfs-probe: sethostname");
	if (chdir(s->process.cwd) < 0) {
		perror("rootfs-probe: chdir");
		return 1;
	}
	environ = s->process.env.v ? s->process.env.v : environ;
	execvp(s->process.args.v[0], s->process.args.v);
	fprintf(stderr, "rootfs-probe: exec %s: %s\n", s->process.args.v[0], strerror(errno));
	return 127;
}

static int ns_flags(const struct cfg_spec *s);

/* unshare, then fork the container's pid 1 (the cgroup namespace is rooted at the cgroup
 * joined before, as runc's) */
static int in_new_namespaces(const struct cfg_spec *s, const char *rootfs, bool no_pivot)
{
	pid_t pid;
	int st;

	if (unshare(ns_flags(s)) < 0) {
		perror("rootfs-probe: unshare");
		return 1;
	}
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0)
		_exit(child(s, rootfs, no_pivot));
	if (waitpid(pid, &st, 0) < 0)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int ns_flags(const struct cfg_spec *s)
{
	int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS;

	if (cfg_ns_find(s, CFG_NS_NETWORK))
		flags |= CLONE_NEWNET;
	if (cfg_ns_find(s, CFG_NS_CGROUP))
		flags |= CLONE_NEWCGROUP;
	return flags;
}

int main(int argc, char **argv)
{
	struct cfg_spec *s = NULL;
	struct berr err = {0};
	char tmp[PATH_MAX * 2], rootfs[PATH_MAX];
	const char *cgroup = NULL;
	bool no_pivot = false;
	int i = 1, st;
	pid_t pid;

	for (; i < argc - 1; i++) {
		if (strcmp(argv[i], "--no-pivot") == 0)
			no_pivot = true;
		else if (strcmp(argv[i], "--cgroup") == 0 && i + 1 < argc - 1)
			cgroup = argv[++i];
	}
	if (i != argc - 1) {
		fprintf(stderr, "usage: rootfs-probe [--no-pivot] [--cgroup NAME] BUNDLE\n");
		return 2;
	}
	if (cfg_spec_load(argv[i], &s, &err) < 0)
		return fail(&err);
	if (chdir(argv[i]) < 0) {
		perror("rootfs-probe: chdir");
		return 1;
	}
	snprintf(tmp, sizeof(tmp), "%s", s->root_path);
	if (!realpath(tmp, rootfs)) {
		perror("rootfs-probe: root.path");
		return 1;
	}
	if (cgroup)
		(void)join_cgroups(cgroup);
	fflush(NULL);
	/* this process stays in the caller's namespaces, as runc does, so the peer groups of its
	 * mount namespace live on while the container runs */
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0)
		_exit(in_new_namespaces(s, rootfs, no_pivot));
	if (waitpid(pid, &st, 0) < 0)
		return 1;
	cfg_spec_free(s);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
