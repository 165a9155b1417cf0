/* test-create-opts: runc's create/run flags from argv arrays: long, single-dash long and
 * short forms, the id anywhere, and the messages for bad values, unknown flags, missing id. */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "../../../runtime/cli.h"
#include "../../../runtime/create-opts.h"
#include "unit.h"
#include "rt-unit.h"

static struct ut_argv a;

static int parse(bool is_run, struct rt_create_opts *o, struct rt_run_flags *rf, struct berr *err)
{
	optind = 0; /* GNU getopt: start over */
	return rt_create_opts_parse(a.argc, a.argv, is_run, o, rf, err);
}

static void test_defaults(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "create", "c1");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	ASSERT_STR(o.id, "c1");
	ASSERT_STR(o.bundle, ".");
	ASSERT_STR(o.root, arg_global.root);
	ASSERT_TRUE(o.console_socket == NULL && o.pid_file == NULL);
	ASSERT_TRUE(!o.no_pivot && !o.no_new_keyring && !o.start_now && !o.tty_relay);
	ASSERT_INT(o.preserve_fds, 0);
}

static void test_all_flags(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "create", "--bundle", "/b", "--console-socket", "/s.sock", "--pid-file",
		"/p.pid", "--no-pivot", "--no-new-keyring", "--preserve-fds", "3", "--no-subreaper",
		"--isolation", "container", "c2");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	ASSERT_STR(o.id, "c2");
	ASSERT_STR(o.bundle, "/b");
	ASSERT_STR(o.console_socket, "/s.sock");
	ASSERT_STR(o.pid_file, "/p.pid");
	ASSERT_TRUE(o.no_pivot && o.no_new_keyring);
	ASSERT_INT(o.preserve_fds, 3);
}

static void test_single_dash_and_equals_forms(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	/* containerd and podman pass runc's flags with one dash */
	UT_ARGV(&a, "create", "-bundle", "/b1", "-pid-file=/p", "-preserve-fds=2", "c3");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	ASSERT_STR(o.bundle, "/b1");
	ASSERT_STR(o.pid_file, "/p");
	ASSERT_INT(o.preserve_fds, 2);
	ASSERT_STR(o.id, "c3");
	UT_ARGV(&a, "create", "-b", "/b2", "--bundle=/b3", "c4");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	ASSERT_STR(o.bundle, "/b3"); /* the last one wins */
}

static void test_id_before_flags(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "create", "c5", "--bundle", "/b");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	ASSERT_STR(o.id, "c5");
	ASSERT_STR(o.bundle, "/b");
}

static void test_root_from_globals(void)
{
	struct rt_create_opts o;
	struct berr err = {0};
	const char *saved = arg_global.root;

	arg_global.root = "/tmp/some-root";
	UT_ARGV(&a, "create", "c6");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	arg_global.root = saved;
	ASSERT_STR(o.root, "/tmp/some-root");
}

static void test_run_flags(void)
{
	struct rt_create_opts o;
	struct rt_run_flags rf = {0};
	struct berr err = {0};

	UT_ARGV(&a, "run", "-d", "--keep", "r1");
	ASSERT_INT(parse(true, &o, &rf, &err), 0);
	ASSERT_TRUE(rf.detach && rf.keep);
	ASSERT_STR(o.id, "r1");
	rf = (struct rt_run_flags){0};
	UT_ARGV(&a, "run", "--detach", "-bundle", "/rb", "r2");
	ASSERT_INT(parse(true, &o, &rf, &err), 0);
	ASSERT_TRUE(rf.detach && !rf.keep);
	ASSERT_STR(o.bundle, "/rb");
	rf = (struct rt_run_flags){0};
	UT_ARGV(&a, "run", "r3");
	ASSERT_INT(parse(true, &o, &rf, &err), 0);
	ASSERT_TRUE(!rf.detach && !rf.keep);
}

static void test_run_only_flags_refused_by_create(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "create", "--detach", "c7");
	ASSERT_INT(parse(false, &o, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "create: unknown option --detach");
	UT_ARGV(&a, "create", "--keep", "c7");
	ASSERT_INT(parse(false, &o, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "create: unknown option --keep");
	UT_ARGV(&a, "create", "-d", "c7");
	ASSERT_INT(parse(false, &o, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "create: unknown option -d");
}

static void test_bad_preserve_fds(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "create", "--preserve-fds", "abc", "c8");
	ASSERT_INT(parse(false, &o, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "--preserve-fds: invalid value \"abc\": expected a number");
	UT_ARGV(&a, "run", "-preserve-fds=-1", "c8");
	ASSERT_INT(parse(true, &o, &(struct rt_run_flags){0}, &err), -EINVAL);
	ASSERT_STR(err.msg, "--preserve-fds: invalid value \"-1\": expected a number");
}

static void test_missing_or_extra_id(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "create", "--bundle", "/b");
	ASSERT_INT(parse(false, &o, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "berth create [options] ID requires exactly 1 argument (usage: berth "
			    "create [options] ID)");
	UT_ARGV(&a, "run", "a", "b");
	ASSERT_INT(parse(true, &o, &(struct rt_run_flags){0}, &err), -EINVAL);
	ASSERT_STR(err.msg,
		   "berth run [options] ID requires exactly 1 argument (usage: berth run [options] "
		   "ID)");
}

static void test_unknown_option(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "create", "--bogus", "c9");
	ASSERT_INT(parse(false, &o, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "create: unknown option --bogus");
	UT_ARGV(&a, "run", "c9", "-x");
	ASSERT_INT(parse(true, &o, &(struct rt_run_flags){0}, &err), -EINVAL);
	ASSERT_STR(err.msg, "run: unknown option -x");
}

static void test_isolation(void)
{
	struct rt_create_opts o;
	struct berr err = {0};

	/* the value is kept; container-create checks it with the config (config/isolation.c) */
	UT_ARGV(&a, "create", "--isolation", "vm", "c10");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	ASSERT_STR(o.isolation, "vm");
	UT_ARGV(&a, "create", "--isolation=container", "c10");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	ASSERT_STR(o.isolation, "container");
	UT_ARGV(&a, "create", "c10");
	ASSERT_INT(parse(false, &o, NULL, &err), 0);
	ASSERT_TRUE(o.isolation == NULL);
}

static void test_systemd_cgroup_checked(void)
{
	struct rt_create_opts o;
	struct berr err = {0};
	int r;

	arg_global.systemd_cgroup = true;
	UT_ARGV(&a, "create", "c11");
	r = parse(false, &o, NULL, &err);
	arg_global.systemd_cgroup = false;
	if (access("/run/systemd/system", F_OK) == 0) {
		ASSERT_INT(r, 0);
	} else {
		ASSERT_INT(r, -ENOTSUP);
		ASSERT_CONTAINS(err.msg, "--systemd-cgroup: systemd is not running on this host");
	}
}

int main(void)
{
	RUN(test_defaults);
	RUN(test_all_flags);
	RUN(test_single_dash_and_equals_forms);
	RUN(test_id_before_flags);
	RUN(test_root_from_globals);
	RUN(test_run_flags);
	RUN(test_run_only_flags_refused_by_create);
	RUN(test_bad_preserve_fds);
	RUN(test_missing_or_extra_id);
	RUN(test_unknown_option);
	RUN(test_isolation);
	RUN(test_systemd_cgroup_checked);
	UNIT_DONE();
}
