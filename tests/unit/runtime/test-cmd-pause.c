/* test-cmd-pause: `berth pause ID` freezes a running container's cgroup for real (its status
 * becomes paused); pausing a paused, stopped or missing container fails as runc does; usage. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX], root[PATH_MAX];
static struct ut_argv a;

static void test_pause(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};
	pid_t pid = cg_live_container(root, "p1", "", cg);

	if (pid < 0) {
		printf("# skipped: no v1 cgroups here\n");
		return;
	}
	ASSERT_STR(ut_state_status(root, "p1"), "running");
	UT_ARGV(&a, "pause", "p1");
	ASSERT_INT(ut_cmd(rt_cmd_pause, &a, NULL, &err), 0);
	ASSERT_STR(ut_state_status(root, "p1"), "paused");
	ASSERT_TRUE(rt_cgroup_is_frozen(cg));
	UT_ARGV(&a, "pause", "p1");
	ASSERT_INT(ut_cmd(rt_cmd_pause, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "container not running");
	ASSERT_INT(rt_cgroup_freeze(cg, false, &err), 0);
	ASSERT_STR(ut_state_status(root, "p1"), "running");
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
	UT_ARGV(&a, "pause", "p1");
	ASSERT_INT(ut_cmd(rt_cmd_pause, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "container not running");
	cg_end_container(root, "p1", -1, cg);
}

static void test_usage(void)
{
	struct berr err = {0};

	UT_ARGV(&a, "pause");
	ASSERT_INT(ut_cmd(rt_cmd_pause, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "berth pause ID requires exactly 1 argument (usage: berth pause ID)");
	UT_ARGV(&a, "pause", "--bogus", "x");
	ASSERT_INT(ut_cmd(rt_cmd_pause, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "pause: unknown option --bogus");
	UT_ARGV(&a, "pause", "nope");
	ASSERT_INT(ut_cmd(rt_cmd_pause, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: nope");
}

int main(void)
{
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	arg_global.root = root;
	RUN(test_pause);
	RUN(test_usage);
	ut_rmrf(dir);
	UNIT_DONE();
}
