/* test-cgroup-dirs: a cgroup path made level by level (the hook sees each level, the count of
 * new levels is kept, a failure removes what was made), co-mounted duplicates, moving a pid
 * in, and removal of the directory, its children and the parents setup made. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

struct seen {
	char levels[8][PATH_MAX];
	bool leaf[8];
	int n, fail_at;
};

static int hook(const char *d, unsigned depth, bool leaf, void *ctx, struct berr *err)
{
	struct seen *s = ctx;

	if (s->n < 8) {
		snprintf(s->levels[s->n], PATH_MAX, "%s", d);
		s->leaf[s->n] = leaf;
	}
	s->n++;
	if ((int)depth == s->fail_at)
		return berr_set(err, EIO, "hook failed at %s", d);
	return 0;
}

static void test_mkdirs(void)
{
	char mnt[PATH_MAX], path[PATH_MAX], p[PATH_MAX];
	struct seen s = {.fail_at = -1};
	struct berr err = {0};
	unsigned char created = 9;

	ut_path(mnt, "%s/mnt", dir);
	ASSERT_INT(mkdir(mnt, 0755), 0);
	ut_path(p, "%s/own", mnt);
	ASSERT_INT(mkdir(p, 0755), 0);
	ut_path(path, "%s/own/a/b", mnt);
	ASSERT_INT(rt_cg_mkdirs(mnt, path, hook, &s, &created, &err), 0);
	ASSERT_INT(created, 2);
	ASSERT_INT(s.n, 4);
	ASSERT_STR(s.levels[0], mnt);
	ASSERT_STR(s.levels[1], p);
	ASSERT_STR(s.levels[3], path);
	ASSERT_TRUE(!s.leaf[2] && s.leaf[3]);
	/* again: all there, nothing new */
	ASSERT_INT(rt_cg_mkdirs(mnt, path, NULL, NULL, &created, &err), 0);
	ASSERT_INT(created, 0);
	ASSERT_INT(rt_cg_remove_path(path, 2, &err), 0);
	ASSERT_TRUE(access(path, F_OK) < 0);
	ut_path(p, "%s/own/a", mnt);
	ASSERT_TRUE(access(p, F_OK) < 0);
	ut_path(p, "%s/own", mnt);
	ASSERT_INT(access(p, F_OK), 0); /* not ours */
}

static void test_mkdirs_failure_undoes(void)
{
	char mnt[PATH_MAX], path[PATH_MAX], p[PATH_MAX];
	struct seen s = {.fail_at = 3};
	struct berr err = {0};
	unsigned char created = 9;

	ut_path(mnt, "%s/mnt2", dir);
	ASSERT_INT(mkdir(mnt, 0755), 0);
	ut_path(path, "%s/x/y/z", mnt);
	ASSERT_INT(rt_cg_mkdirs(mnt, path, hook, &s, &created, &err), -EIO);
	ASSERT_INT(created, 9); /* failure leaves ret alone */
	ut_path(p, "%s/x", mnt);
	ASSERT_TRUE(access(p, F_OK) < 0);
	ut_path(path, "%s/file/y", mnt);
	cg_put(dir, "mnt2/file", "");
	ASSERT_INT(rt_cg_mkdirs(mnt, path, NULL, NULL, &created, &err), -ENOTDIR);
	ASSERT_CONTAINS(err.msg, "create cgroup ");
	ASSERT_INT(rt_cg_mkdirs(mnt, "/elsewhere/x", NULL, NULL, &created, &err), -EINVAL);
}

static void test_remove_children(void)
{
	char path[PATH_MAX];
	struct berr err = {0};

	/* a container may make cgroups of its own below its cgroup */
	cg_put(dir, "rm/c1/sub/deeper/x", "");
	ut_path(path, "%s/rm/c1/sub/deeper/x", dir);
	ASSERT_INT(unlink(path), 0); /* real cgroup dirs hold no removable files */
	ut_path(path, "%s/rm/c1", dir);
	ASSERT_INT(rt_cg_remove_path(path, 1, &err), 0);
	ASSERT_TRUE(access(path, F_OK) < 0);
	/* already gone: fine */
	ASSERT_INT(rt_cg_remove_path(path, 1, &err), 0);
}

static void test_attach_and_dups(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};

	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_CPU], "%s/cpu,cpuacct/c1", dir);
	ut_path(cg->path[RT_CG_CPUACCT], "%s/cpu,cpuacct/c1", dir);
	ut_path(cg->path[RT_CG_PIDS], "%s/pids/c1", dir);
	ASSERT_TRUE(!rt_cg_path_dup(cg, RT_CG_CPU));
	ASSERT_TRUE(rt_cg_path_dup(cg, RT_CG_CPUACCT));
	cg_put(dir, "cpu,cpuacct/c1/cgroup.procs", "");
	cg_put(dir, "pids/c1/cgroup.procs", "");
	ASSERT_INT(rt_cg_attach(cg, 4242, &err), 0);
	ASSERT_STR(cg_get(dir, "cpu,cpuacct/c1/cgroup.procs"), "4242");
	ASSERT_STR(cg_get(dir, "pids/c1/cgroup.procs"), "4242");
	ut_path(cg->path[RT_CG_MEMORY], "%s/memory/c1", dir);
	ASSERT_INT(rt_cg_attach(cg, 4242, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "move process 4242 into ");
	ASSERT_CONTAINS(err.msg, "/memory/c1: cgroup: write cgroup.procs");
}

/* A fake tree: v1 hierarchies get "0" in tasks, the v2 one in cgroup.procs (or nothing with
 * skip_unified), duplicates once; a missing file names the hierarchy. */
static void test_attach_self(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};

	cg->mode = RT_CGROUP_HYBRID;
	ut_path(cg->path[RT_CG_CPU], "%s/cpu,cpuacct/s1", dir);
	ut_path(cg->path[RT_CG_CPUACCT], "%s/cpu,cpuacct/s1", dir);
	ut_path(cg->path[RT_CG_PIDS], "%s/pids/s1", dir);
	ut_path(cg->path[RT_CG_UNIFIED], "%s/unified/s1", dir);
	cg_put(dir, "cpu,cpuacct/s1/tasks", "");
	cg_put(dir, "pids/s1/tasks", "");
	cg_put(dir, "unified/s1/cgroup.procs", "");
	ASSERT_INT(rt_cgroup_attach_self(cg, true, &err), 0);
	ASSERT_STR(cg_get(dir, "cpu,cpuacct/s1/tasks"), "0");
	ASSERT_STR(cg_get(dir, "pids/s1/tasks"), "0");
	ASSERT_STR(cg_get(dir, "unified/s1/cgroup.procs"), "");
	ASSERT_INT(rt_cgroup_attach_self(cg, false, &err), 0);
	ASSERT_STR(cg_get(dir, "unified/s1/cgroup.procs"), "0");
	{
		int fd = rt_cgroup_open_unified(cg);

		ASSERT_TRUE(fd >= 0);
		(void)close(fd);
	}
	ut_path(cg->path[RT_CG_MEMORY], "%s/memory/s1", dir);
	ASSERT_INT(rt_cgroup_attach_self(cg, true, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "/memory/s1: cgroup: write tasks");
	cg->mode = RT_CGROUP_NONE;
	ASSERT_INT(rt_cgroup_attach_self(cg, false, &err), 0);
	cg->path[RT_CG_UNIFIED][0] = '\0';
	ASSERT_INT(rt_cgroup_open_unified(cg), -1);
}

/* The real kernel: a child moves itself into a v1 pids cgroup and reports where it is. */
static void test_attach_self_real(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	char got[512] = "", want[128];
	struct berr err = {0};
	int p[2], st;
	ssize_t n;
	pid_t pid;

	if (geteuid() != 0 || access("/sys/fs/cgroup/pids/tasks", F_OK) < 0) {
		printf("# no v1 pids hierarchy here (or not root): nothing to check\n");
		return;
	}
	cg->mode = RT_CGROUP_V1;
	(void)snprintf(want, sizeof(want), "berth-unit-%d", (int)getpid());
	(void)snprintf(cg->path[RT_CG_PIDS], PATH_MAX, "/sys/fs/cgroup/pids/%s", want);
	ASSERT_TRUE(mkdir(cg->path[RT_CG_PIDS], 0755) == 0);
	ASSERT_TRUE(pipe(p) == 0);
	pid = fork();
	if (pid == 0) {
		char line[512];
		FILE *f;

		if (rt_cgroup_attach_self(cg, false, &err) < 0)
			_exit(1);
		f = fopen("/proc/self/cgroup", "r");
		while (f && fgets(line, sizeof(line), f))
			if (strstr(line, ":pids:"))
				(void)!write(p[1], line, strlen(line));
		_exit(0);
	}
	(void)close(p[1]);
	n = read(p[0], got, sizeof(got) - 1);
	(void)close(p[0]);
	ASSERT_TRUE(waitpid(pid, &st, 0) == pid);
	ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ASSERT_TRUE(n > 0);
	ASSERT_CONTAINS(got, want);
	ASSERT_TRUE(rmdir(cg->path[RT_CG_PIDS]) == 0);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_mkdirs);
	RUN(test_mkdirs_failure_undoes);
	RUN(test_remove_children);
	RUN(test_attach_and_dups);
	RUN(test_attach_self);
	RUN(test_attach_self_real);
	ut_rmrf(dir);
	UNIT_DONE();
}
