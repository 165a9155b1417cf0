/* test-cgroup-v1: directories in each v1 hierarchy (co-mounted ones once), new cpuset levels
 * filled from their parent (a fake tree, then for real on this host's cpuset hierarchy), and
 * a failure in one hierarchy undoing the others. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static void fake_mounts(struct rt_cg_mounts *m, const char *root)
{
	memset(m, 0, sizeof(*m));
	m->mode = RT_CGROUP_V1;
	ut_path(m->mnt[RT_CG_CPUSET], "%s/cpuset", root);
	ut_path(m->mnt[RT_CG_CPU], "%s/cpu,cpuacct", root);
	ut_path(m->mnt[RT_CG_CPUACCT], "%s/cpu,cpuacct", root);
	ut_path(m->mnt[RT_CG_PIDS], "%s/pids", root);
}

static void test_fake_tree(void)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};

	fake_mounts(m, dir);
	cg_put(dir, "cpuset/cpuset.cpus", "0-3\n");
	cg_put(dir, "cpuset/cpuset.mems", "0\n");
	cg_put(dir, "cpuset/own/cpuset.cpus", "\n"); /* an empty level above us */
	cg_put(dir, "cpuset/own/cpuset.mems", "\n");
	cg_put(dir, "cpuset/own/c1/cpuset.cpus", "");
	cg_put(dir, "cpuset/own/c1/cpuset.mems", "");
	(void)mkdir(m->mnt[RT_CG_CPU], 0755);
	(void)mkdir(m->mnt[RT_CG_PIDS], 0755);
	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_CPUSET], "%s/cpuset/own/c1", dir);
	ut_path(cg->path[RT_CG_CPU], "%s/cpu,cpuacct/c1", dir);
	ut_path(cg->path[RT_CG_CPUACCT], "%s/cpu,cpuacct/c1", dir);
	ut_path(cg->path[RT_CG_PIDS], "%s/pids/x/c1", dir);
	ASSERT_INT(rt_cg_v1_create(cg, m, &err), 0);
	ASSERT_STR(cg_get(dir, "cpuset/own/cpuset.cpus"), "0-3");
	ASSERT_STR(cg_get(dir, "cpuset/own/c1/cpuset.cpus"), "0-3");
	ASSERT_STR(cg_get(dir, "cpuset/own/c1/cpuset.mems"), "0");
	ASSERT_INT(cg->created[RT_CG_CPUSET], 0); /* it existed (the fake's files) */
	ASSERT_INT(cg->created[RT_CG_CPU], 1);
	ASSERT_INT(cg->created[RT_CG_CPUACCT], 0); /* the same directory */
	ASSERT_INT(cg->created[RT_CG_PIDS], 2);
	ASSERT_INT(access(cg->path[RT_CG_PIDS], F_OK), 0);
}

static void test_failure_undoes(void)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};
	char base[PATH_MAX], p[PATH_MAX];

	ut_path(base, "%s/undo", dir);
	(void)mkdir(base, 0755);
	fake_mounts(m, base);
	(void)mkdir(m->mnt[RT_CG_CPU], 0755);
	(void)mkdir(m->mnt[RT_CG_CPUSET], 0755);
	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_CPU], "%s/cpu,cpuacct/c1", base);
	/* the cpuset level has no cpuset.cpus: its hook fails, after cpu was made */
	ut_path(cg->path[RT_CG_CPUSET], "%s/cpuset/c1", base);
	ASSERT_INT(rt_cg_v1_create(cg, m, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "cpuset.cpus");
	ASSERT_TRUE(access(cg->path[RT_CG_CPU], F_OK) < 0);
	ASSERT_TRUE(access(cg->path[RT_CG_CPUSET], F_OK) < 0);
	ut_path(p, "%s/cpu,cpuacct", base);
	ASSERT_INT(access(p, F_OK), 0);
}

static void test_real_cpuset(void)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};
	char want[256], got[256];

	if (!cg_host_v1() || access("/sys/fs/cgroup/cpuset/cpuset.cpus", F_OK) < 0) {
		printf("# skipped: no v1 cpuset hierarchy\n");
		return;
	}
	ASSERT_INT(rt_cg_mounts_detect("/sys/fs/cgroup", m, &err), 0);
	cg->mode = m->mode;
	ut_path(cg->path[RT_CG_CPUSET], "/sys/fs/cgroup/cpuset/%s/inner", cg_unique("v1"));
	ASSERT_INT(rt_cg_v1_create(cg, m, &err), 0);
	ASSERT_INT(cg->created[RT_CG_CPUSET], 2);
	ASSERT_INT(rt_cg_read("/sys/fs/cgroup/cpuset", "cpuset.cpus", want, sizeof(want), &err), 0);
	ASSERT_INT(rt_cg_read(cg->path[RT_CG_CPUSET], "cpuset.cpus", got, sizeof(got), &err), 0);
	ASSERT_STR(got, want);
	ASSERT_INT(rt_cg_remove_dirs(cg, &err), 0);
	ASSERT_TRUE(access(cg->path[RT_CG_CPUSET], F_OK) < 0);
	*strrchr(cg->path[RT_CG_CPUSET], '/') = '\0';
	ASSERT_TRUE(access(cg->path[RT_CG_CPUSET], F_OK) < 0); /* the parent we made, too */
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_fake_tree);
	RUN(test_failure_undoes);
	RUN(test_real_cpuset);
	ut_rmrf(dir);
	UNIT_DONE();
}
