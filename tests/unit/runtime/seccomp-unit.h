/* seccomp-unit: helpers shared by the seccomp unit tests (include after rt-unit.h): hand-made
 * linux.seccomp configs and a forked child that loads a filter and runs a probe under it. */
#ifndef BERTH_SECCOMP_UNIT_H
#define BERTH_SECCOMP_UNIT_H

#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "../../../runtime/seccomp.h"

/* config strings are char * (config/ owns copies); literals stand in for them here */
#define S(x) ((char *)(x))

/* A rule: names (NULL-terminated array), action, errnoRet when errno_ret >= 0. */
static inline struct cfg_seccomp_syscall ut_rule(char **names, const char *action,
						 long long errno_ret)
{
	struct cfg_seccomp_syscall sc = {.action = S(action)};

	sc.names.v = names;
	while (names[sc.names.n])
		sc.names.n++;
	if (errno_ret >= 0) {
		sc.errno_ret.set = true;
		sc.errno_ret.v = (uint64_t)errno_ret;
	}
	return sc;
}

/* linux.seccomp with a default action and n rules. */
static inline struct cfg_seccomp ut_seccomp(const char *def, struct cfg_seccomp_syscall *rules,
					    size_t n)
{
	struct cfg_seccomp s = {.present = true, .default_action = S(def)};

	s.syscalls = rules;
	s.n_syscalls = n;
	return s;
}

#define UT_LOAD_FAILED 250

/* The child of ut_run_filtered: loads ctx and exits with probe(arg) through exit_group, so no
 * libc or sanitizer exit path runs under the filter. Not instrumented: before any call it
 * thinks does not return, ASan calls sigaltstack() and gettid(), which a filter may deny. */
__attribute__((noinline, no_sanitize_address)) static void
ut_filtered_child(scmp_filter_ctx ctx, int (*probe)(void *), void *arg)
{
	struct berr err = {0};
	int fd, code;

	alarm(30); /* before the filter: a hung probe fails instead of hanging */
	/* no core file from the SIGSYS of the kill actions */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (rt_seccomp_load(ctx, &fd, &err) < 0)
		code = UT_LOAD_FAILED;
	else
		code = probe(arg) & 0xff;
	for (;;)
		(void)syscall(SYS_exit_group, code);
}

/* Forks a child that loads ctx and exits with probe(arg); returns that exit code, 128 + the
 * signal that ended the child, or UT_LOAD_FAILED. */
static inline int ut_run_filtered(scmp_filter_ctx ctx, int (*probe)(void *), void *arg)
{
	pid_t pid;
	int st;

	(void)fflush(stdout);
	(void)fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		ut_filtered_child(ctx, probe, arg);
	st = ut_wait(pid);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

/* Builds the filter of s (which must succeed) and runs probe under it. */
static inline int ut_prepare_run(const struct cfg_seccomp *s, int (*probe)(void *), void *arg)
{
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};
	char buf[600];

	if (rt_seccomp_prepare(s, &ctx, &err) < 0) {
		printf("# prepare: %s\n", berr_str(&err, buf, sizeof(buf)));
		return -1;
	}
	return ut_run_filtered(ctx, probe, arg);
}

/* errno of a raw syscall result: 0 when it succeeded */
static inline int ut_sys_errno(long r)
{
	return r < 0 ? errno : 0;
}

/* prepare fails with code and a message starting with msg (exactly msg unless prefix);
 * ret stays untouched */
static inline void ut_expect_error_(const struct cfg_seccomp *s, int code, const char *msg,
				    bool prefix)
{
	scmp_filter_ctx ctx = (scmp_filter_ctx)&code;
	struct berr err = {0};

	ASSERT_INT(rt_seccomp_prepare(s, &ctx, &err), -code);
	if (prefix)
		ASSERT_INT(strncmp(err.msg, msg, strlen(msg)), 0);
	else
		ASSERT_STR(err.msg, msg);
	ASSERT_TRUE(ctx == (scmp_filter_ctx)&code);
}

#define expect_error(s, code, msg)	  ut_expect_error_((s), (code), (msg), false)
#define expect_error_prefix(s, code, msg) ut_expect_error_((s), (code), (msg), true)

#endif
