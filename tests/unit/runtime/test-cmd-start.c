/* test-cmd-start: `berth start` releases a created container once; a stopped or running one
 * is refused, a missing one named. */
#include <errno.h>
#include <string.h>

#include "../../../runtime/run-wait.h"
#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;

static int make(const char *name, const char *process_json, char b[PATH_MAX])
{
	ut_pathn(b, PATH_MAX, "%s/%s", dir, name);
	if (mkdir(b, 0755) < 0)
		return -errno;
	return ut_make_bundle(b, process_json);
}

static void test_start_runs_once(void)
{
	char b[PATH_MAX], buf[256], p[PATH_MAX];
	struct berr err = {0};
	pid_t pid;

	ASSERT_INT(make("once", "\"args\": [\"sh\", \"-c\", \"echo started; exit 6\"]", b), 0);
	UT_ARGV(&a, "create", "--bundle", b, "s1");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), 0);
	pid = ut_state_pid(root, "s1");
	ASSERT_TRUE(pid > 0);
	UT_ARGV(&a, "start", "s1");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), 0);
	ASSERT_STR(err.msg, "");
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 6);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "started\n");
	ut_path(p, "%s/s1/exec.sock", root);
	ASSERT_TRUE(access(p, F_OK) < 0); /* the gate is used once */
	ASSERT_STR(ut_state_status(root, "s1"), "stopped");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "cannot start a container that has stopped");
	ut_cleanup_container(root, "s1");
}

static void test_start_running(void)
{
	char b[PATH_MAX];
	struct berr err = {0};

	ASSERT_INT(make("running", "\"args\": [\"sleep\", \"100\"]", b), 0);
	UT_ARGV(&a, "create", "--bundle", b, "s2");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), 0);
	UT_ARGV(&a, "start", "s2");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), 0);
	ASSERT_STR(ut_state_status(root, "s2"), "running");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "cannot start an already running container");
	ut_cleanup_container(root, "s2");
}

/* the process fails at exec, after start released it: start reports init's error */
static void test_start_reports_exec_failure(void)
{
	char b[PATH_MAX], p[PATH_MAX];
	struct berr err = {0};
	pid_t pid;

	ASSERT_INT(make("badexec", "\"args\": [\"script\"]", b), 0);
	ut_path(p, "%s/rootfs/bin/script", b);
	ASSERT_INT(ut_write_file(p, "#!/no/such/interpreter\n", 0755), 0);
	UT_ARGV(&a, "create", "--bundle", b, "s3");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), 0);
	pid = ut_state_pid(root, "s3");
	UT_ARGV(&a, "start", "s3");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), -EIO);
	ASSERT_STR(err.msg, "exec /bin/script: No such file or directory");
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 1);
	ut_cleanup_container(root, "s3");
}

static void test_start_errors(void)
{
	struct berr err = {0};
	const char *saved = arg_global.root;

	UT_ARGV(&a, "start", "nope");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: nope");
	/* no state root at all */
	arg_global.root = "/nonexistent-berth-root";
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: nope");
	arg_global.root = saved;
	ASSERT_TRUE(access("/nonexistent-berth-root", F_OK) < 0); /* start never creates it */
	UT_ARGV(&a, "start");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "berth start ID requires exactly 1 argument (usage: berth start ID)");
	UT_ARGV(&a, "start", "a", "b");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), -EINVAL);
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(out, "%s/out", dir);
	arg_global.root = root;
	RUN(test_start_runs_once);
	RUN(test_start_running);
	RUN(test_start_reports_exec_failure);
	RUN(test_start_errors);
	ut_rmrf(dir);
	UNIT_DONE();
}
