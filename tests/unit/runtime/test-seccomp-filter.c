/* test-seccomp-filter: filters built from hand-made linux.seccomp configs, loaded in forked
 * children: errno rules and their defaults, an allowlist, argument conditions, unknown syscall
 * names, every action, a long profile, and the errors naming the config path. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>

#include "../../../runtime/base/cleanup.h"
#include "../../../runtime/base/log.h"
#include "unit.h"
#include "rt-unit.h"
#include "seccomp-unit.h"

static char dir[PATH_MAX];

static char *mkdir_names[] = {S("mkdir"), S("mkdirat"), NULL};
static char *getpgid_names[] = {S("getpgid"), NULL};
static char *exit_names[] = {S("exit_group"), S("exit"), NULL};

/* mkdirat(dir/d): 0 when it worked (the directory is removed again), else the errno */
static int probe_mkdir(void *arg)
{
	char p[PATH_MAX];

	(void)arg;
	ut_path(p, "%s/d", dir);
	if (syscall(SYS_mkdirat, AT_FDCWD, p, 0700) < 0)
		return errno;
	return syscall(SYS_unlinkat, AT_FDCWD, p, AT_REMOVEDIR) < 0 ? 99 : 0;
}

static void test_errno_rule_uses_errno_ret(void)
{
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

	ASSERT_INT(ut_prepare_run(&s, probe_mkdir, NULL), ENOSYS);
	/* and the same syscall works without the filter */
	ASSERT_INT(probe_mkdir(NULL), 0);
}

static void test_errno_rule_defaults_to_eperm(void)
{
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", -1);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

	ASSERT_INT(ut_prepare_run(&s, probe_mkdir, NULL), EPERM);
}

/* getpid is allowed (99 if not), getppid falls to the default: its errno */
static int probe_allowlist(void *arg)
{
	(void)arg;
	if (syscall(SYS_getpid) <= 0)
		return 99;
	return ut_sys_errno(syscall(SYS_getppid));
}

static void test_default_errno_with_allowlist(void)
{
	static char *allowed[] = {S("exit_group"), S("exit"), S("getpid"), NULL}; /* only these */
	struct cfg_seccomp_syscall r = ut_rule(allowed, "SCMP_ACT_ALLOW", -1);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ERRNO", &r, 1);

	s.default_errno_ret.set = true;
	s.default_errno_ret.v = EACCES;
	ASSERT_INT(ut_prepare_run(&s, probe_allowlist, NULL), EACCES);
	/* defaultErrnoRet defaults to EPERM */
	s.default_errno_ret.set = false;
	ASSERT_INT(ut_prepare_run(&s, probe_allowlist, NULL), EPERM);
}

struct getpgid_case {
	const char *op;
	uint64_t value;
	long match, miss; /* getpgid() arguments that do and do not meet the condition */
};

/* getpgid(match) fails with ENOSYS (the rule), getpgid(miss) does not: 0, else 1 or 2 */
static int probe_getpgid(void *arg)
{
	const struct getpgid_case *c = arg;

	if (ut_sys_errno(syscall(SYS_getpgid, c->match)) != ENOSYS)
		return 1;
	if (ut_sys_errno(syscall(SYS_getpgid, c->miss)) == ENOSYS)
		return 2;
	return 0;
}

static void test_arg_condition_each_operator(void)
{
	static const struct getpgid_case cases[] = {
		{"SCMP_CMP_EQ", 4242, 4242, 4243}, {"SCMP_CMP_NE", 4242, 4243, 4242},
		{"SCMP_CMP_LT", 4242, 4241, 4242}, {"SCMP_CMP_LE", 4242, 4242, 4243},
		{"SCMP_CMP_GE", 4242, 4242, 4241}, {"SCMP_CMP_GT", 4242, 4243, 4242},
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct cfg_seccomp_arg a = {
			.index = 0, .value = cases[i].value, .op = S(cases[i].op)};
		struct cfg_seccomp_syscall r = ut_rule(getpgid_names, "SCMP_ACT_ERRNO", ENOSYS);
		struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

		r.args = &a;
		r.n_args = 1;
		printf("# %s\n", cases[i].op);
		ASSERT_INT(ut_prepare_run(&s, probe_getpgid, (void *)&cases[i]), 0);
	}
}

/* umask(077) meets "mask 070 equals 070", umask(022) does not */
static int probe_umask(void *arg)
{
	(void)arg;
	if (ut_sys_errno(syscall(SYS_umask, 0077)) != ENOSYS)
		return 1;
	return ut_sys_errno(syscall(SYS_umask, 0022)) == 0 ? 0 : 2;
}

static void test_arg_condition_masked_eq(void)
{
	static char *names[] = {S("umask"), NULL};
	struct cfg_seccomp_arg a = {
		.index = 0, .value = 0070, .value_two = 0070, .op = S("SCMP_CMP_MASKED_EQ")};
	struct cfg_seccomp_syscall r = ut_rule(names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

	r.args = &a;
	r.n_args = 1;
	ASSERT_INT(ut_prepare_run(&s, probe_umask, NULL), 0);
}

/* conditions on two arguments must both hold: only getpriority(PRIO_PROCESS, 4242) fails */
static int probe_getpriority(void *arg)
{
	(void)arg;
	if (ut_sys_errno(syscall(SYS_getpriority, PRIO_PROCESS, 4242)) != ENOSYS)
		return 1;
	if (ut_sys_errno(syscall(SYS_getpriority, PRIO_PROCESS, 0)) != 0)
		return 2;
	return ut_sys_errno(syscall(SYS_getpriority, PRIO_PGRP, 4242)) == ENOSYS ? 3 : 0;
}

static void test_arg_conditions_on_two_args_are_anded(void)
{
	static char *names[] = {S("getpriority"), NULL};
	struct cfg_seccomp_arg a[] = {
		{.index = 0, .value = PRIO_PROCESS, .op = S("SCMP_CMP_EQ")},
		{.index = 1, .value = 4242, .op = S("SCMP_CMP_EQ")},
	};
	struct cfg_seccomp_syscall r = ut_rule(names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

	r.args = a;
	r.n_args = 2;
	ASSERT_INT(ut_prepare_run(&s, probe_getpriority, NULL), 0);
}

/* two conditions on one argument become two rules (either one matches), as in runc */
static int probe_getpgid_either(void *arg)
{
	(void)arg;
	if (ut_sys_errno(syscall(SYS_getpgid, 4242)) != ENOSYS)
		return 1;
	if (ut_sys_errno(syscall(SYS_getpgid, 4343)) != ENOSYS)
		return 2;
	return ut_sys_errno(syscall(SYS_getpgid, 4444)) == ENOSYS ? 3 : 0;
}

static void test_arg_conditions_on_one_arg_are_ored(void)
{
	struct cfg_seccomp_arg a[] = {
		{.index = 0, .value = 4242, .op = S("SCMP_CMP_EQ")},
		{.index = 0, .value = 4343, .op = S("SCMP_CMP_EQ")},
	};
	struct cfg_seccomp_syscall r = ut_rule(getpgid_names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

	r.args = a;
	r.n_args = 2;
	ASSERT_INT(ut_prepare_run(&s, probe_getpgid_either, NULL), 0);
}

static void test_unknown_syscall_name_is_skipped(void)
{
	static char *names[] = {S("berth_no_such_syscall"), S("mkdir"), S("mkdirat"), NULL};
	struct cfg_seccomp_syscall r = ut_rule(names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};
	char log[PATH_MAX], buf[4096];

	ut_path(log, "%s/debug.log", dir);
	ASSERT_INT(log_init(log, false, true, &err), 0);
	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	log_close();
	(void)log_init(NULL, false, false, &err); /* debug off again */
	ASSERT_TRUE(ut_read_file(log, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf,
			"level=debug msg=\"seccomp: linux.seccomp.syscalls[0].names[0]: "
			"syscall \\\"berth_no_such_syscall\\\" unknown to libseccomp; skipped\"");
	/* the names libseccomp knows still get their rule */
	ASSERT_INT(ut_run_filtered(ctx, probe_mkdir, NULL), ENOSYS);
}

static int probe_getppid(void *arg)
{
	(void)arg;
	return ut_sys_errno(syscall(SYS_getppid));
}

static void test_each_action(void)
{
	static char *names[] = {S("getppid"), NULL};
	static const struct {
		const char *action;
		int want;
	} cases[] = {
		{"SCMP_ACT_ALLOW", 0},
		{"SCMP_ACT_LOG", 0}, /* allowed, and logged by the kernel */
		{"SCMP_ACT_KILL", 128 + SIGSYS},
		{"SCMP_ACT_KILL_THREAD", 128 + SIGSYS},
		{"SCMP_ACT_KILL_PROCESS", 128 + SIGSYS},
		{"SCMP_ACT_TRAP", 128 + SIGSYS},
		{"SCMP_ACT_TRACE", ENOSYS}, /* no tracer attached: ENOSYS (seccomp(2)) */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		/* everything else fails, exit_group aside */
		struct cfg_seccomp_syscall r[] = {
			ut_rule(names, cases[i].action, -1),
			ut_rule(exit_names, "SCMP_ACT_ALLOW", -1),
		};
		struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ERRNO", r, 2);

		printf("# %s\n", cases[i].action);
		ASSERT_INT(ut_prepare_run(&s, probe_getppid, NULL), cases[i].want);
	}
}

static void test_trace_takes_errno_ret(void)
{
	static char *names[] = {S("getppid"), NULL};
	struct cfg_seccomp_syscall r = ut_rule(names, "SCMP_ACT_TRACE", 5);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

	/* the value is the tracer's message; without a tracer the call fails with ENOSYS */
	ASSERT_INT(ut_prepare_run(&s, probe_getppid, NULL), ENOSYS);
}

static void test_rule_with_the_default_action_is_skipped(void)
{
	struct cfg_seccomp_syscall r[] = {
		ut_rule(mkdir_names, "SCMP_ACT_ERRNO", EPERM),
		ut_rule(getpgid_names, "SCMP_ACT_ERRNO", -1),
	};
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ERRNO", r, 2);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};

	/* libseccomp itself would refuse both rules (EACCES) */
	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	ASSERT_TRUE(ctx != NULL);
}

/* unshare(0) changes nothing, but fails under the rule below */
static int probe_long(void *arg)
{
	int e = probe_mkdir(arg);

	return e == EXDEV && ut_sys_errno(syscall(SYS_unshare, 0)) == EPERM ? 0 : 1;
}

/* a long profile: libseccomp's binary tree (from runc's threshold of 32 rules) behaves the same */
static void test_long_profile(void)
{
	static char *names[][2] = {
		{S("acct")},
		{S("add_key")},
		{S("bpf")},
		{S("chroot")},
		{S("clock_adjtime")},
		{S("delete_module")},
		{S("fanotify_init")},
		{S("finit_module")},
		{S("init_module")},
		{S("ioperm")},
		{S("iopl")},
		{S("kexec_file_load")},
		{S("kexec_load")},
		{S("keyctl")},
		{S("mount")},
		{S("move_pages")},
		{S("name_to_handle_at")},
		{S("open_by_handle_at")},
		{S("perf_event_open")},
		{S("personality")},
		{S("pivot_root")},
		{S("process_vm_readv")},
		{S("process_vm_writev")},
		{S("ptrace")},
		{S("quotactl")},
		{S("reboot")},
		{S("request_key")},
		{S("set_mempolicy")},
		{S("setns")},
		{S("settimeofday")},
		{S("swapoff")},
		{S("swapon")},
		{S("sysfs")},
		{S("umount2")},
		{S("unshare")},
		{S("uselib")},
		{S("userfaultfd")},
		{S("ustat")},
		{S("syslog")},
	};
	struct cfg_seccomp_syscall r[ARRAY_SIZE(names) + 1];
	struct cfg_seccomp s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		r[i] = ut_rule(names[i], "SCMP_ACT_ERRNO", EPERM);
	r[i] = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", EXDEV);
	s = ut_seccomp("SCMP_ACT_ALLOW", r, ARRAY_SIZE(r));
	ASSERT_INT(ut_prepare_run(&s, probe_long, NULL), 0);
}

static void test_absent_builds_nothing(void)
{
	struct cfg_seccomp s = {0};
	scmp_filter_ctx ctx = (scmp_filter_ctx)&s;
	struct berr err = {0};

	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	ASSERT_TRUE(ctx == NULL);
}

static void test_errors_name_the_path(void)
{
	struct cfg_seccomp_arg bad_op = {.index = 0, .op = S("SCMP_CMP_NOPE")};
	struct cfg_seccomp_arg bad_index = {.index = 6, .op = S("SCMP_CMP_EQ")};
	struct cfg_seccomp_syscall r[4] = {
		ut_rule(mkdir_names, "SCMP_ACT_ERRNO", -1),
		ut_rule(mkdir_names, "SCMP_ACT_ERRNO", -1),
		ut_rule(mkdir_names, "SCMP_ACT_ERRNO", -1),
		ut_rule(mkdir_names, "SCMP_ACT_BOGUS", -1),
	};
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", r, 4);

	expect_error(&s, EINVAL,
		     "linux.seccomp.syscalls[3].action: unknown action "
		     "\"SCMP_ACT_BOGUS\"");
	s.n_syscalls = 1;
	r[0].args = &bad_op;
	r[0].n_args = 1;
	expect_error(&s, EINVAL,
		     "linux.seccomp.syscalls[0].args[0].op: unknown operator "
		     "\"SCMP_CMP_NOPE\"");
	r[0].args = &bad_index;
	expect_error(&s, EINVAL,
		     "linux.seccomp.syscalls[0].args[0].index: must be between 0 and 5");
	r[0] = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", 70000);
	expect_error(&s, ERANGE, "linux.seccomp.syscalls[0].errnoRet: 70000 is above 65535");
	r[0] = ut_rule(mkdir_names, "SCMP_ACT_ALLOW", 1);
	expect_error(&s, EINVAL,
		     "linux.seccomp.syscalls[0].errnoRet: only valid with "
		     "SCMP_ACT_ERRNO or SCMP_ACT_TRACE");
	r[0] = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", 1);
	s.default_action = S("SCMP_ACT_NOPE");
	expect_error(&s, EINVAL, "linux.seccomp.defaultAction: unknown action \"SCMP_ACT_NOPE\"");
	s.default_action = S("SCMP_ACT_NOTIFY");
	expect_error(&s, EINVAL,
		     "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default "
		     "action");
	s.default_action = S("SCMP_ACT_KILL");
	s.default_errno_ret.set = true;
	expect_error(&s, EINVAL,
		     "linux.seccomp.defaultErrnoRet: only valid with SCMP_ACT_ERRNO or "
		     "SCMP_ACT_TRACE");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_errno_rule_uses_errno_ret);
	RUN(test_errno_rule_defaults_to_eperm);
	RUN(test_default_errno_with_allowlist);
	RUN(test_arg_condition_each_operator);
	RUN(test_arg_condition_masked_eq);
	RUN(test_arg_conditions_on_two_args_are_anded);
	RUN(test_arg_conditions_on_one_arg_are_ored);
	RUN(test_unknown_syscall_name_is_skipped);
	RUN(test_each_action);
	RUN(test_trace_takes_errno_ret);
	RUN(test_rule_with_the_default_action_is_skipped);
	RUN(test_long_profile);
	RUN(test_absent_builds_nothing);
	RUN(test_errors_name_the_path);
	ut_rmrf(dir);
	UNIT_DONE();
}
