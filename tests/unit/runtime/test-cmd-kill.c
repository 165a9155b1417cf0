/* test-cmd-kill: `berth kill ID [SIGNAL]` signals a container's init (TERM by default, names and
 * numbers), refuses a stopped one, and names bad signals, usage and missing containers. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "../../../runtime/run-wait.h"
#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], bundle[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;

/* create + start; returns init's pid */
static pid_t running(const char *id)
{
	struct berr err = {0};

	UT_ARGV(&a, "create", "--bundle", bundle, id);
	if (ut_cmd(rt_cmd_create, &a, out, &err) < 0)
		return -1;
	UT_ARGV(&a, "start", id);
	if (ut_cmd(rt_cmd_start, &a, NULL, &err) < 0)
		return -1;
	/* wait until the trap is set: the script prints "ready" */
	for (int i = 0; i < 500; i++) {
		char buf[64];

		if (ut_read_file(out, buf, sizeof(buf)) > 0 && strstr(buf, "ready"))
			break;
		usleep(10000);
	}
	return ut_state_pid(root, id);
}

static void test_default_term(void)
{
	struct berr err = {0};
	pid_t pid = running("k1");

	ASSERT_TRUE(pid > 0);
	UT_ARGV(&a, "kill", "k1");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), 0);
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 15); /* the script's TERM trap */
	ut_cleanup_container(root, "k1");
}

static void test_named_and_numbered_signals(void)
{
	struct berr err = {0};
	pid_t pid = running("k2");

	ASSERT_TRUE(pid > 0);
	UT_ARGV(&a, "kill", "k2", "SIGUSR1");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), 0);
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 10); /* USR1 trap */
	ut_cleanup_container(root, "k2");
	pid = running("k3");
	ASSERT_TRUE(pid > 0);
	UT_ARGV(&a, "kill", "--all", "k3", "9");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), 0);
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 137);
	/* stopped now */
	UT_ARGV(&a, "kill", "k3", "KILL");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), -ESRCH);
	ASSERT_STR(err.msg, "container not running");
	/* but --all succeeds on a stopped container, as runc's does */
	UT_ARGV(&a, "kill", "--all", "k3", "KILL");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), 0);
	ut_cleanup_container(root, "k3");
}

/* a created container (waiting at the gate) can be killed too */
static void test_kill_created(void)
{
	struct berr err = {0};
	pid_t pid;

	UT_ARGV(&a, "create", "--bundle", bundle, "k4");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), 0);
	pid = ut_state_pid(root, "k4");
	UT_ARGV(&a, "kill", "k4", "KILL");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), 0);
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 137);
	ut_cleanup_container(root, "k4");
}

static void test_errors(void)
{
	struct berr err = {0};
	const char *saved = arg_global.root;

	UT_ARGV(&a, "kill", "nope");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: nope");
	UT_ARGV(&a, "kill", "nope", "FOO");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: FOO"); /* checked before the container */
	UT_ARGV(&a, "kill");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg,
		   "kill requires 1 or 2 arguments (usage: berth kill [--all] ID [SIGNAL])");
	UT_ARGV(&a, "kill", "a", "TERM", "extra");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), -EINVAL);
	UT_ARGV(&a, "kill", "--bogus", "a");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "kill: unknown option --bogus");
	arg_global.root = "/nonexistent-berth-root";
	UT_ARGV(&a, "kill", "x");
	ASSERT_INT(ut_cmd(rt_cmd_kill, &a, NULL, &err), -ENOENT);
	arg_global.root = saved;
	ASSERT_STR(err.msg, "container does not exist: x");
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(bundle, "%s/bundle", dir);
	ut_path(out, "%s/out", dir);
	/* pid 1 of its namespace only gets the signals it handles: trap them */
	if (mkdir(bundle, 0755) < 0 ||
	    ut_make_bundle(bundle, "\"args\": [\"sh\", \"-c\", \"trap 'exit 15' TERM;"
				   " trap 'exit 10' USR1; echo ready;"
				   " while :; do sleep 0.05; done\"]") < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	arg_global.root = root;
	RUN(test_default_term);
	RUN(test_named_and_numbered_signals);
	RUN(test_kill_created);
	RUN(test_errors);
	ut_rmrf(dir);
	UNIT_DONE();
}
