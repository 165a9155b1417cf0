/* test-cmd-resume: `berth resume ID` thaws a paused container for real (running again);
 * resuming one that is not paused fails with runc's "container not paused"; usage. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX], root[PATH_MAX];
static struct ut_argv a;

static void test_resume(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};
	pid_t pid = cg_live_container(root, "r1", "", cg);

	if (pid < 0) {
		printf("# skipped: no v1 cgroups here\n");
		return;
	}
	UT_ARGV(&a, "resume", "r1");
	ASSERT_INT(ut_cmd(rt_cmd_resume, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "container not paused");
	ASSERT_INT(rt_cgroup_freeze(cg, true, &err), 0);
	ASSERT_STR(ut_state_status(root, "r1"), "paused");
	UT_ARGV(&a, "resume", "r1");
	ASSERT_INT(ut_cmd(rt_cmd_resume, &a, NULL, &err), 0);
	ASSERT_STR(ut_state_status(root, "r1"), "running");
	ASSERT_TRUE(!rt_cgroup_is_frozen(cg));
	cg_end_container(root, "r1", pid, cg);
}

static void test_usage(void)
{
	struct berr err = {0};

	UT_ARGV(&a, "resume", "a", "b");
	ASSERT_INT(ut_cmd(rt_cmd_resume, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "berth resume ID requires exactly 1 argument (usage: berth resume ID)");
	UT_ARGV(&a, "resume", "nope");
	ASSERT_INT(ut_cmd(rt_cmd_resume, &a, NULL, &err), -ENOENT);
}

int main(void)
{
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	arg_global.root = root;
	RUN(test_resume);
	RUN(test_usage);
	ut_rmrf(dir);
	UNIT_DONE();
}
