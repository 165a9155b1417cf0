/* test-cmd-create: `berth create` on a busybox bundle leaves a created container waiting at
 * its exec gate (nothing run yet); errors name what failed and leave nothing. */
#include <errno.h>
#include <string.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], bundle[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;

static void test_create_leaves_created_container(void)
{
	char p[PATH_MAX], pidf[PATH_MAX], buf[64];
	struct berr err = {0};
	struct stat st;
	pid_t pid;

	ut_path(pidf, "%s/c1.pid", dir);
	UT_ARGV(&a, "create", "--bundle", bundle, "--pid-file", pidf, "c1");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), 0);
	ASSERT_STR(err.msg, "");
	pid = ut_state_pid(root, "c1");
	ASSERT_TRUE(pid > 0);
	ASSERT_STR(ut_state_status(root, "c1"), "created");
	ut_path(p, "%s/c1/exec.sock", root);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_TRUE(S_ISSOCK(st.st_mode));
	ASSERT_TRUE(ut_read_file(pidf, buf, sizeof(buf)) > 0);
	ASSERT_INT(strtol(buf, NULL, 10), pid);
	/* the process did not run yet: no output */
	usleep(100000);
	ASSERT_INT(ut_read_file(out, buf, sizeof(buf)), 0);
	ASSERT_INT(waitpid(pid, NULL, WNOHANG), 0);
	ut_cleanup_container(root, "c1");
}

static void test_create_existing_id(void)
{
	struct berr err = {0};
	pid_t pid;

	UT_ARGV(&a, "create", "--bundle", bundle, "c2");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), 0);
	pid = ut_state_pid(root, "c2");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), -EEXIST);
	ASSERT_STR(err.msg, "container with id exists: c2");
	/* the first one is untouched */
	ASSERT_INT(ut_state_pid(root, "c2"), pid);
	ASSERT_STR(ut_state_status(root, "c2"), "created");
	ut_cleanup_container(root, "c2");
}

static void test_create_errors(void)
{
	char p[PATH_MAX], want[PATH_MAX], got[PATH_MAX];
	struct berr err = {0};

	UT_ARGV(&a, "create", "--bundle", bundle);
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), -EINVAL);
	ASSERT_STR(err.msg, "berth create [options] ID requires exactly 1 argument (usage: berth "
			    "create [options] ID)");
	UT_ARGV(&a, "create", "--bogus", "c3");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), -EINVAL);
	ASSERT_STR(err.msg, "create: unknown option --bogus");
	ut_path(p, "%s/no-bundle", dir);
	UT_ARGV(&a, "create", "--bundle", p, "c3");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), -ENOENT);
	ut_path(want, "open %s/config.json: No such file or directory", p);
	ASSERT_STR(berr_str(&err, got, sizeof(got)), want);
	UT_ARGV(&a, "create", "--bundle", bundle, "..");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid container id format: ..");
	ut_path(p, "%s/c3", root);
	ASSERT_TRUE(access(p, F_OK) < 0);
	ASSERT_TRUE(ut_no_children());
}

static void test_create_missing_program(void)
{
	char b[PATH_MAX], p[PATH_MAX];
	struct berr err = {0};

	ut_path(b, "%s/missing", dir);
	ASSERT_INT(mkdir(b, 0755), 0);
	ASSERT_INT(ut_make_bundle(b, "\"args\": [\"no-such-program\"]"), 0);
	UT_ARGV(&a, "create", "--bundle", b, "c4");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), -ENOENT);
	ASSERT_STR(err.msg, "exec: \"no-such-program\": executable file not found in $PATH");
	ut_path(p, "%s/c4", root);
	ASSERT_TRUE(access(p, F_OK) < 0);
	ASSERT_TRUE(ut_no_children());
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(bundle, "%s/bundle", dir);
	ut_path(out, "%s/out", dir);
	if (mkdir(bundle, 0755) < 0 || ut_make_bundle(bundle, "\"args\": [\"echo\", \"ran\"]") < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	arg_global.root = root;
	RUN(test_create_leaves_created_container);
	RUN(test_create_existing_id);
	RUN(test_create_errors);
	RUN(test_create_missing_program);
	ut_rmrf(dir);
	UNIT_DONE();
}
