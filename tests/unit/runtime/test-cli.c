/* test-cli: the helpers every subcommand's parser shares: positional argument counts,
 * unsigned option values, --systemd-cgroup, and the global option defaults. */
#include <errno.h>
#include <string.h>

#include "../../../runtime/cli.h"
#include "unit.h"

#include <sched.h>
#include "rt-unit.h"

static void test_defaults(void)
{
	ASSERT_STR(arg_global.root, "/run/berth");
	ASSERT_STR(arg_global.log_format, "text");
	ASSERT_STR(arg_global.argv0, "berth");
	ASSERT_TRUE(arg_global.log_path == NULL);
	ASSERT_TRUE(!arg_global.debug);
	ASSERT_TRUE(!arg_global.systemd_cgroup);
}

static void test_want_args(void)
{
	struct berr err = {0};

	ASSERT_INT(rt_cli_want_args(2, 1, 1, "berth state ID", &err), 0);
	ASSERT_INT(rt_cli_want_args(3, 3, 0, "berth list [options]", &err), 0);
	ASSERT_INT(err.code, 0);
	ASSERT_INT(rt_cli_want_args(1, 1, 1, "berth state ID", &err), -EINVAL);
	ASSERT_STR(err.msg, "berth state ID requires exactly 1 argument (usage: berth state ID)");
	ASSERT_INT(rt_cli_want_args(3, 1, 1, "berth state ID", &err), -EINVAL);
	ASSERT_STR(err.msg, "berth state ID requires exactly 1 argument (usage: berth state ID)");
	ASSERT_INT(rt_cli_want_args(2, 1, 2, "berth x A B", &err), -EINVAL);
	ASSERT_STR(err.msg, "berth x A B requires exactly 2 arguments (usage: berth x A B)");
	ASSERT_INT(rt_cli_want_args(2, 1, 0, "berth list", &err), -EINVAL);
	ASSERT_STR(err.msg, "berth list requires exactly 0 arguments (usage: berth list)");
	ASSERT_TRUE(!err.sys);
}

static void test_parse_uint(void)
{
	struct berr err = {0};
	int v = -7;

	ASSERT_INT(rt_cli_parse_uint("--preserve-fds", "0", &v, &err), 0);
	ASSERT_INT(v, 0);
	ASSERT_INT(rt_cli_parse_uint("--preserve-fds", "5", &v, &err), 0);
	ASSERT_INT(v, 5);
	ASSERT_INT(rt_cli_parse_uint("--preserve-fds", "1048576", &v, &err), 0);
	ASSERT_INT(v, 1 << 20);
	ASSERT_INT(err.code, 0);
}

static void test_parse_uint_errors(void)
{
	static const char *const bad[] = {
		"", "abc", "-1", "5x", " 5x", "1048577", "99999999999999999999", "0x10"};
	struct berr err = {0};
	char want[128];
	size_t i;
	int v = 77;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ASSERT_INT(rt_cli_parse_uint("--preserve-fds", bad[i], &v, &err), -EINVAL);
		(void)snprintf(want, sizeof(want),
			       "--preserve-fds: invalid value \"%s\": expected a number", bad[i]);
		ASSERT_STR(err.msg, want);
		ASSERT_INT(v, 77); /* failure leaves ret alone */
	}
}

static void test_check_systemd(void)
{
	struct berr err = {0};
	bool have_systemd = access("/run/systemd/system", F_OK) == 0;

	ASSERT_INT(rt_cli_check_systemd(&err), 0);
	arg_global.systemd_cgroup = true;
	if (have_systemd) {
		ASSERT_INT(rt_cli_check_systemd(&err), 0);
	} else {
		ASSERT_INT(rt_cli_check_systemd(&err), -ENOTSUP);
		ASSERT_STR(err.msg,
			   "--systemd-cgroup: systemd is not running on this host; use the "
			   "cgroupfs driver");
	}
	arg_global.systemd_cgroup = false;
}

static void in_new_userns(void *arg)
{
	(void)arg;
	ASSERT_INT(unshare(CLONE_NEWUSER), 0);
	/* no mapping yet: we are the overflow uid, clearly not root */
	ASSERT_TRUE(rt_cli_is_rootless());
}

static void test_rootless_detection(void)
{
	/* the suite runs as root of the initial user namespace */
	ASSERT_TRUE(!rt_cli_is_rootless());
	ASSERT_CHILD_OK(in_new_userns, NULL);
}

int main(void)
{
	RUN(test_defaults);
	RUN(test_want_args);
	RUN(test_parse_uint);
	RUN(test_parse_uint_errors);
	RUN(test_check_systemd);
	RUN(test_rootless_detection);
	UNIT_DONE();
}
