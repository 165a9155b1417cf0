/* test-cmd-delete: `berth delete` removes a stopped or created container (killing a created
 * one), refuses a running one without --force, and with --force kills it first. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "../../../runtime/run-wait.h"
#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], bundle[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;

static bool exists(const char *id)
{
	char p[PATH_MAX];

	ut_path(p, "%s/%s", root, id);
	return access(p, F_OK) == 0;
}

static pid_t create(const char *id, bool start)
{
	struct berr err = {0};

	UT_ARGV(&a, "create", "--bundle", bundle, id);
	if (ut_cmd(rt_cmd_create, &a, out, &err) < 0)
		return -1;
	if (start) {
		UT_ARGV(&a, "start", id);
		if (ut_cmd(rt_cmd_start, &a, NULL, &err) < 0)
			return -1;
	}
	return ut_state_pid(root, id);
}

static void test_delete_stopped(void)
{
	struct berr err = {0};
	pid_t pid = create("d1", true);

	ASSERT_TRUE(pid > 0);
	ASSERT_INT(kill(pid, SIGKILL), 0);
	(void)ut_wait(pid);
	UT_ARGV(&a, "delete", "d1");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), 0);
	ASSERT_TRUE(!exists("d1"));
	/* gone now */
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: d1");
}

static void test_delete_running_needs_force(void)
{
	struct berr err = {0};
	pid_t pid = create("d2", true);
	int wst;

	ASSERT_TRUE(pid > 0);
	UT_ARGV(&a, "delete", "d2");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), -EBUSY);
	ASSERT_STR(err.msg, "cannot delete container d2 that is not stopped: running");
	ASSERT_TRUE(exists("d2"));
	ASSERT_INT(kill(pid, 0), 0);
	UT_ARGV(&a, "delete", "--force", "d2");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), 0);
	ASSERT_TRUE(!exists("d2"));
	wst = ut_wait(pid);
	ASSERT_TRUE(WIFSIGNALED(wst));
	ASSERT_INT(WTERMSIG(wst), SIGKILL);
}

static void test_delete_created_kills_it(void)
{
	struct berr err = {0};
	pid_t pid = create("d3", false);

	ASSERT_TRUE(pid > 0);
	UT_ARGV(&a, "delete", "d3");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), 0);
	ASSERT_TRUE(!exists("d3"));
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 137);
}

static void test_delete_half_created(void)
{
	struct berr err = {0};
	char p[PATH_MAX];

	ut_path(p, "%s/half", root);
	ASSERT_INT(mkdir(p, 0711), 0);
	UT_ARGV(&a, "delete", "half");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "read state.json");
	ASSERT_TRUE(exists("half"));
	UT_ARGV(&a, "delete", "-f", "half");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), 0);
	ASSERT_TRUE(!exists("half"));
}

static void test_force_missing_is_fine(void)
{
	const char *saved = arg_global.root;
	struct berr err = {0};
	int r;

	UT_ARGV(&a, "delete", "--force", "never-was");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), 0);
	arg_global.root = "/nonexistent-berth-root";
	r = ut_cmd(rt_cmd_delete, &a, NULL, &err);
	UT_ARGV(&a, "delete", "x");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), -ENOENT);
	arg_global.root = saved;
	ASSERT_INT(r, 0);
	ASSERT_STR(err.msg, "container does not exist: x");
}

static void test_usage_errors(void)
{
	struct berr err = {0};

	UT_ARGV(&a, "delete");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "berth delete [--force] ID requires exactly 1 argument (usage: berth "
			    "delete [--force] ID)");
	UT_ARGV(&a, "delete", "--bogus", "x");
	ASSERT_INT(ut_cmd(rt_cmd_delete, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "delete: unknown option --bogus");
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(bundle, "%s/bundle", dir);
	ut_path(out, "%s/out", dir);
	if (mkdir(bundle, 0755) < 0 || ut_make_bundle(bundle, "\"args\": [\"sleep\", \"100\"]") < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	arg_global.root = root;
	RUN(test_delete_stopped);
	RUN(test_delete_running_needs_force);
	RUN(test_delete_created_kills_it);
	RUN(test_delete_half_created);
	RUN(test_force_missing_is_fine);
	RUN(test_usage_errors);
	ut_rmrf(dir);
	UNIT_DONE();
}
