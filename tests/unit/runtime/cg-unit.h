/* cg-unit: helpers for the cgroup unit tests (include after unit.h and rt-unit.h): fake
 * cgroupfs trees in a temp dir (plain files standing in for cgroup files), specs from JSON
 * snippets, real cgroups on this host for a forked process, and a cgroup2 mount in a private
 * mount namespace. */
#ifndef BERTH_CG_UNIT_H
#define BERTH_CG_UNIT_H

#include <signal.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statfs.h>

#include "../../../config/spec.h"
#include "../../../runtime/base/cleanup.h"
#include "../../../runtime/cgroup-impl.h"
#include "../../../runtime/proc-stat.h"
#include "../../../runtime/state.h"

/* mkdir -p of path's parent, then path written with text. */
static inline void cg_put(const char *dir, const char *rel, const char *text)
{
	char p[PATH_MAX];
	char *s;

	ut_path(p, "%s/%s", dir, rel);
	for (s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		(void)mkdir(p, 0755);
		*s = '/';
	}
	if (ut_write_file(p, text, 0644) < 0)
		printf("# cg_put %s failed\n", p);
}

/* dir/rel's content without a trailing newline, in a static buffer; "(missing)" when absent. */
static inline const char *cg_get(const char *dir, const char *rel)
{
	static char buf[4][8192];
	static int k;
	char p[PATH_MAX];
	char *b = buf[k++ % 4];
	ssize_t n;

	ut_path(p, "%s/%s", dir, rel);
	n = ut_read_file(p, b, sizeof(buf[0]));
	if (n < 0)
		return "(missing)";
	if (n > 0 && b[n - 1] == '\n')
		b[n - 1] = '\0';
	return b;
}

/* A spec whose "linux" object has the members lnx; NULL (and a "#" line) when it fails. */
static inline struct cfg_spec *cg_spec(const char *lnx)
{
	char text[20480];
	struct cfg_spec *s = NULL;
	struct berr err = {0};

	(void)snprintf(text, sizeof(text),
		       "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"}, "
		       "\"linux\": {%s}}",
		       lnx);
	if (cfg_spec_parse(text, strlen(text), &s, &err) < 0)
		printf("# cg_spec: %s\n", err.msg);
	return s;
}

/* The resources of a spec built from the members of linux.resources (owned by *keep). */
static inline const struct cfg_resources *cg_res(const char *res, struct cfg_spec **keep)
{
	char lnx[16384];

	(void)snprintf(lnx, sizeof(lnx), "\"resources\": {%s}", res);
	cfg_spec_free(*keep);
	*keep = cg_spec(lnx);
	return *keep ? &(*keep)->linux_.resources : NULL;
}

/* A v1 cgroup over a fake tree: each listed hierarchy at <root>/<ctrl>/c1. */
static inline void cg_fake_v1(struct rt_cgroup *cg, const char *root)
{
	int c;

	memset(cg, 0, sizeof(*cg));
	cg->mode = RT_CGROUP_V1;
	for (c = 0; c < RT_CG_UNIFIED; c++) {
		const char *n = c == RT_CG_SYSTEMD ? "systemd" : rt_cg_ctrl_name(c);

		ut_path(cg->path[c], "%s/%s/c1", root, n);
		(void)mkdir(cg->path[c], 0755);
	}
}

/* A v2 cgroup over a fake tree at <root>/c1. */
static inline void cg_fake_v2(struct rt_cgroup *cg, const char *root)
{
	memset(cg, 0, sizeof(*cg));
	cg->mode = RT_CGROUP_V2;
	ut_path(cg->path[RT_CG_UNIFIED], "%s/c1", root);
	(void)mkdir(cg->path[RT_CG_UNIFIED], 0755);
}

/* A child that sleeps until killed (our child: the caller kills and reaps it). */
static inline pid_t cg_sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/* A unique cgroup name for this test process: tests of other files may run alongside. */
static inline const char *cg_unique(const char *tag)
{
	static char buf[4][64];
	static int k;
	char *b = buf[k++ % 4];

	(void)snprintf(b, sizeof(buf[0]), "berth-unit-%d-%s", (int)getpid(), tag);
	return b;
}

/* True when this host has v1 memory and pids hierarchies (the hybrid development host). */
static inline bool cg_host_v1(void)
{
	return access("/sys/fs/cgroup/memory/memory.limit_in_bytes", F_OK) == 0 &&
	       access("/sys/fs/cgroup/pids/cgroup.procs", F_OK) == 0 && geteuid() == 0;
}

/* Mounts a cgroup2 at dir (in the caller's mount namespace, made private by in_mntns or
 * unshare); true on success. */
static inline bool cg_mount_v2(const char *dir)
{
	if (unshare(CLONE_NEWNS) < 0 || mount("", "/", NULL, MS_PRIVATE | MS_REC, NULL) < 0)
		return false;
	return mount("none", dir, "cgroup2", 0, NULL) == 0;
}

/* A state dir <root>/<id> for a live pid with its cgroup recorded: what create leaves. */
static inline int cg_state_dir(const char *root, const char *id, pid_t pid,
			       const struct rt_cgroup *cg)
{
	struct rt_state st = {0};
	struct berr err = {0};
	char p[PATH_MAX];
	int fd, r;

	(void)mkdir(root, 0700);
	ut_path(p, "%s/%s", root, id);
	(void)mkdir(p, 0711);
	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	(void)snprintf(st.id, sizeof(st.id), "%s", id);
	(void)snprintf(st.bundle, sizeof(st.bundle), "/nonexistent");
	(void)snprintf(st.rootfs, sizeof(st.rootfs), "/nonexistent/rootfs");
	(void)snprintf(st.isolation, sizeof(st.isolation), "container");
	(void)snprintf(st.created, sizeof(st.created), "2024-01-01T00:00:00Z");
	st.pid = pid;
	r = rt_proc_stat(pid, &st.start_time, NULL);
	if (r == 0)
		r = rt_state_write(fd, &st, &err);
	if (r == 0 && cg)
		r = rt_cgroup_save(fd, cg, &err);
	if (r < 0)
		printf("# cg_state_dir: %s\n", err.msg);
	(void)close(fd);
	return r;
}

/* A live "container" for the command tests: a sleeping child of ours placed in a real cgroup
 * (with the linux.resources members res) under a unique path, and its state dir <root>/<id>.
 * Returns the pid, or -1 when the host cannot (not root, no v1 hierarchies). */
static inline pid_t cg_live_container(const char *root, const char *id, const char *res,
				      struct rt_cgroup *cg)
{
	char lnx[4096];
	struct rt_cg_where w = {NULL, id, false, false};
	struct cfg_spec *s;
	struct berr err = {0};
	pid_t pid;

	if (!cg_host_v1())
		return -1;
	(void)snprintf(lnx, sizeof(lnx), "\"resources\": {%s}", res);
	s = cg_spec(lnx);
	if (!s)
		return -1;
	w.cgroups_path = cg_unique(id);
	pid = cg_sleeper();
	if (rt_cg_setup_at(RT_CG_ROOT, "/proc/self/cgroup", s, &w, pid, cg, &err) < 0 ||
	    cg_state_dir(root, id, pid, cg) < 0) {
		printf("# cg_live_container: %s\n", err.msg);
		(void)kill(pid, SIGKILL);
		(void)ut_wait(pid);
		pid = -1;
	}
	cfg_spec_free(s);
	return pid;
}

/* Ends what cg_live_container made: the cgroup (killing the process), the state dir. */
static inline void cg_end_container(const char *root, const char *id, pid_t pid,
				    const struct rt_cgroup *cg)
{
	struct berr err = {0};
	char p[PATH_MAX];

	if (rt_cgroup_destroy(cg, &err) < 0)
		printf("# cg_end_container: %s\n", err.msg);
	if (pid > 0)
		(void)ut_wait(pid);
	ut_path(p, "%s/%s", root, id);
	ut_rmrf(p);
}

#endif
