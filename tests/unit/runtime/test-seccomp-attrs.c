/* test-seccomp-attrs: the filter-wide part of linux.seccomp: architectures (the native one
 * kept), flags as filter attributes (TSYNC ignored, WAIT_KILLABLE_RECV only with notify),
 * no_new_privs left alone, and the errors naming the config path. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "../../../runtime/base/cleanup.h"
#include "unit.h"
#include "rt-unit.h"
#include "seccomp-unit.h"

static char dir[PATH_MAX];

static char *mkdir_names[] = {S("mkdir"), S("mkdirat"), NULL};

static int probe_mkdir(void *arg)
{
	char p[PATH_MAX];

	(void)arg;
	ut_path(p, "%s/d", dir);
	if (syscall(SYS_mkdirat, AT_FDCWD, p, 0700) < 0)
		return errno;
	return syscall(SYS_unlinkat, AT_FDCWD, p, AT_REMOVEDIR) < 0 ? 99 : 0;
}

static void test_architectures(void)
{
#if defined(__x86_64__)
	static char *arches[] = {S("SCMP_ARCH_X86_64"), S("SCMP_ARCH_X86"), S("SCMP_ARCH_X32"),
				 NULL};
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};

	s.architectures.v = arches;
	s.architectures.n = 3;
	/* the native one is in already: not an error */
	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	ASSERT_INT(seccomp_arch_exist(ctx, SCMP_ARCH_X86), 0);
	ASSERT_INT(seccomp_arch_exist(ctx, SCMP_ARCH_X32), 0);
	ASSERT_INT(seccomp_arch_exist(ctx, SCMP_ARCH_AARCH64), -EEXIST);
	ASSERT_INT(ut_run_filtered(ctx, probe_mkdir, NULL), ENOSYS);
#else
	printf("# not x86_64: skipped\n");
#endif
}

static void test_flags(void)
{
	static char *flags[] = {S("SECCOMP_FILTER_FLAG_LOG"), S("SECCOMP_FILTER_FLAG_SPEC_ALLOW"),
				S("SECCOMP_FILTER_FLAG_TSYNC"),
				S("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"), NULL};
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};
	uint32_t v = 7;

	s.flags.v = flags;
	s.flags.n = 4;
	/* TSYNC is ignored (one thread), WAIT_KILLABLE_RECV too without a notify rule */
	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	ASSERT_INT(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_LOG, &v), 0);
	ASSERT_INT(v, 1);
	ASSERT_INT(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_SSB, &v), 0);
	ASSERT_INT(v, 1);
	/* no_new_privs is left to process.noNewPrivileges */
	ASSERT_INT(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_NNP, &v), 0);
	ASSERT_INT(v, 0);
	ASSERT_INT(ut_run_filtered(ctx, probe_mkdir, NULL), ENOSYS);
}

static void test_wait_killable_with_notify(void)
{
	static char *flags[] = {S("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"), NULL};
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_NOTIFY", -1);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};

	s.flags.v = flags;
	s.flags.n = 1;
	s.listener_path = S("/run/agent.sock");
#if SCMP_VER_MAJOR > 2 || (SCMP_VER_MAJOR == 2 && SCMP_VER_MINOR >= 6)
	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
#else
	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), -EOPNOTSUPP);
	ASSERT_CONTAINS(err.msg, "linux.seccomp.flags[0]: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV "
				 "needs libseccomp 2.6 or later");
	ASSERT_TRUE(ctx == NULL);
#endif
}

static void test_defaults(void)
{
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};
	uint32_t v = 7;

	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	/* no_new_privs is left to process.noNewPrivileges; no flag unless asked */
	ASSERT_INT(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_NNP, &v), 0);
	ASSERT_INT(v, 0);
	ASSERT_INT(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_LOG, &v), 0);
	ASSERT_INT(v, 0);
	ASSERT_INT(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_SSB, &v), 0);
	ASSERT_INT(v, 0);
	ASSERT_INT(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_TSYNC, &v), 0);
	ASSERT_INT(v, 0);
}

static void test_errors_name_the_path(void)
{
	static char *bad_arch[] = {S("SCMP_ARCH_X86_64"), S("SCMP_ARCH_NOPE"), NULL};
	static char *no_prefix[] = {S("x86_64"), NULL};
	static char *bad_flag[] = {S("SECCOMP_FILTER_FLAG_LOG"), S("SECCOMP_FILTER_FLAG_NOPE"),
				   NULL};
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", -1);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);

	s.architectures.v = bad_arch;
	s.architectures.n = 2;
	expect_error_prefix(&s, EINVAL,
			    "linux.seccomp.architectures[1]: \"SCMP_ARCH_NOPE\" unknown to "
			    "libseccomp ");
	s.architectures.v = no_prefix;
	s.architectures.n = 1;
	expect_error_prefix(&s, EINVAL,
			    "linux.seccomp.architectures[0]: \"x86_64\" unknown to libseccomp ");
	s.architectures.n = 0;
	s.flags.v = bad_flag;
	s.flags.n = 2;
	expect_error(&s, EINVAL,
		     "linux.seccomp.flags[1]: unknown flag \"SECCOMP_FILTER_FLAG_NOPE\"");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_architectures);
	RUN(test_defaults);
	RUN(test_flags);
	RUN(test_wait_killable_with_notify);
	RUN(test_errors_name_the_path);
	ut_rmrf(dir);
	UNIT_DONE();
}
