/* test-cgroup-freeze: pause/resume on a fake v1 and v2 tree, then for real: a process in a v1
 * freezer cgroup on this host, and in a cgroup of a private cgroup2 mount (cgroup.freeze),
 * frozen and thawed with the state read back. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static void test_fake_v1(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};

	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_FREEZER], "%s/freezer/c1", dir);
	cg_put(dir, "freezer/c1/freezer.state", "THAWED\n");
	ASSERT_TRUE(!rt_cgroup_is_frozen(cg));
	ASSERT_INT(rt_cgroup_freeze(cg, true, &err), 0);
	ASSERT_STR(cg_get(dir, "freezer/c1/freezer.state"), "FROZEN");
	ASSERT_TRUE(rt_cgroup_is_frozen(cg));
	ASSERT_INT(rt_cgroup_freeze(cg, false, &err), 0);
	ASSERT_TRUE(!rt_cgroup_is_frozen(cg));
	cg->path[RT_CG_FREEZER][0] = '\0';
	ASSERT_INT(rt_cgroup_freeze(cg, true, &err), -ENOTSUP);
	ASSERT_STR(err.msg, "pause: the container has no freezer cgroup");
	ASSERT_TRUE(!rt_cgroup_is_frozen(cg));
}

static void test_fake_v2(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};

	cg->mode = RT_CGROUP_V2;
	ut_path(cg->path[RT_CG_UNIFIED], "%s/v2/c1", dir);
	cg_put(dir, "v2/c1/cgroup.freeze", "0\n");
	/* the kernel would update cgroup.events; the fake says it is done already */
	cg_put(dir, "v2/c1/cgroup.events", "populated 1\nfrozen 1\n");
	ASSERT_INT(rt_cgroup_freeze(cg, true, &err), 0);
	ASSERT_STR(cg_get(dir, "v2/c1/cgroup.freeze"), "1");
	ASSERT_TRUE(rt_cgroup_is_frozen(cg));
	cg_put(dir, "v2/c1/cgroup.events", "populated 1\nfrozen 0\n");
	ASSERT_INT(rt_cgroup_freeze(cg, false, &err), 0);
	ASSERT_TRUE(!rt_cgroup_is_frozen(cg));
	ut_path(cg->path[RT_CG_UNIFIED], "%s/v2/none", dir);
	ASSERT_INT(rt_cgroup_freeze(cg, true, &err), -ENOENT);
	ASSERT_STR(err.msg, "pause: write cgroup.freeze");
}

static void freeze_real(struct rt_cgroup *cg, const char *dir_, pid_t pid)
{
	struct berr err = {0};
	char buf[32];

	(void)snprintf(buf, sizeof(buf), "%d", pid);
	ASSERT_INT(rt_cg_write(dir_, "cgroup.procs", buf, "test", &err), 0);
	ASSERT_INT(rt_cgroup_freeze(cg, true, &err), 0);
	ASSERT_TRUE(rt_cgroup_is_frozen(cg));
	ASSERT_INT(rt_cgroup_freeze(cg, false, &err), 0);
	ASSERT_TRUE(!rt_cgroup_is_frozen(cg));
}

static void test_real_v1(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	pid_t pid;

	if (!cg_host_v1() || access("/sys/fs/cgroup/freezer/cgroup.procs", F_OK) < 0) {
		printf("# skipped: no v1 freezer hierarchy\n");
		return;
	}
	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_FREEZER], "/sys/fs/cgroup/freezer/%s", cg_unique("frz"));
	ASSERT_INT(mkdir(cg->path[RT_CG_FREEZER], 0755), 0);
	pid = cg_sleeper();
	freeze_real(cg, cg->path[RT_CG_FREEZER], pid);
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
	ASSERT_INT(rmdir(cg->path[RT_CG_FREEZER]), 0);
}

static char mnt[PATH_MAX];

static void real_v2_body(void *arg)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	pid_t pid;

	(void)arg;
	ASSERT_TRUE(cg_mount_v2(mnt));
	cg->mode = RT_CGROUP_V2;
	ut_path(cg->path[RT_CG_UNIFIED], "%s/%s", mnt, cg_unique("frz2"));
	ASSERT_INT(mkdir(cg->path[RT_CG_UNIFIED], 0755), 0);
	pid = cg_sleeper();
	freeze_real(cg, cg->path[RT_CG_UNIFIED], pid);
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
	ASSERT_INT(rmdir(cg->path[RT_CG_UNIFIED]), 0);
}

static void test_real_v2(void)
{
	if (geteuid() != 0) {
		printf("# skipped: needs root\n");
		return;
	}
	ut_tmpdir(mnt);
	ASSERT_CHILD_OK(real_v2_body, NULL);
	(void)rmdir(mnt);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_fake_v1);
	RUN(test_fake_v2);
	RUN(test_real_v1);
	RUN(test_real_v2);
	ut_rmrf(dir);
	UNIT_DONE();
}
