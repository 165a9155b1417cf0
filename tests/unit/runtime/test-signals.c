/* test-signals: names and numbers for `berth kill`: SIG prefix optional, any case, numbers,
 * RTMIN+N / RTMAX-N, and the messages for what is not a signal. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "../../../runtime/signals.h"
#include "unit.h"

static void test_names_any_case_with_or_without_sig(void)
{
	struct berr err = {0};

	ASSERT_INT(rt_signal_parse("TERM", &err), SIGTERM);
	ASSERT_INT(rt_signal_parse("SIGTERM", &err), SIGTERM);
	ASSERT_INT(rt_signal_parse("sigterm", &err), SIGTERM);
	ASSERT_INT(rt_signal_parse("term", &err), SIGTERM);
	ASSERT_INT(rt_signal_parse("KILL", &err), SIGKILL);
	ASSERT_INT(rt_signal_parse("SIGUSR1", &err), SIGUSR1);
	ASSERT_INT(rt_signal_parse("winch", &err), SIGWINCH);
	ASSERT_INT(rt_signal_parse("CLD", &err), SIGCHLD);
	ASSERT_INT(rt_signal_parse("IOT", &err), SIGABRT);
	ASSERT_INT(rt_signal_parse("STKFLT", &err), SIGSTKFLT);
	ASSERT_INT(err.code, 0); /* success leaves err alone */
}

static void test_numbers(void)
{
	struct berr err = {0};

	ASSERT_INT(rt_signal_parse("9", &err), 9);
	ASSERT_INT(rt_signal_parse("15", &err), 15);
	ASSERT_INT(rt_signal_parse("1", &err), 1);
	ASSERT_INT(rt_signal_parse("64", &err), SIGRTMAX);
}

static void test_bad_numbers(void)
{
	struct berr err = {0};

	ASSERT_INT(rt_signal_parse("0", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: 0");
	ASSERT_INT(err.code, EINVAL);
	ASSERT_INT(rt_signal_parse("65", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: 65");
	ASSERT_INT(rt_signal_parse("15x", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: 15x");
	ASSERT_INT(rt_signal_parse("99999999999999999999", &err), -EINVAL);
	ASSERT_INT(rt_signal_parse("-9", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: -9");
}

static void test_realtime(void)
{
	struct berr err = {0};

	ASSERT_INT(rt_signal_parse("RTMIN", &err), SIGRTMIN);
	ASSERT_INT(rt_signal_parse("SIGRTMIN+3", &err), SIGRTMIN + 3);
	ASSERT_INT(rt_signal_parse("rtmin+0", &err), SIGRTMIN);
	ASSERT_INT(rt_signal_parse("RTMAX", &err), SIGRTMAX);
	ASSERT_INT(rt_signal_parse("SIGRTMAX-2", &err), SIGRTMAX - 2);
	ASSERT_INT(rt_signal_parse("RTMIN+100", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: RTMIN+100");
	ASSERT_INT(rt_signal_parse("RTMAX-100", &err), -EINVAL);
	ASSERT_INT(rt_signal_parse("RTMIN-1", &err), -EINVAL);
	ASSERT_INT(rt_signal_parse("RTMIN+", &err), -EINVAL);
	ASSERT_INT(rt_signal_parse("RTMAX+1", &err), -EINVAL);
	ASSERT_INT(rt_signal_parse("RTMINX", &err), -EINVAL);
}

static void test_unknown_and_empty(void)
{
	struct berr err = {0};
	char long_name[64];

	ASSERT_INT(rt_signal_parse("FOO", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: FOO");
	ASSERT_INT(rt_signal_parse("SIGFOO", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: FOO");
	ASSERT_INT(rt_signal_parse("SIG", &err), -EINVAL);
	ASSERT_INT(rt_signal_parse("", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: empty");
	ASSERT_INT(rt_signal_parse(NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid signal: empty");
	memset(long_name, 'A', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	ASSERT_INT(rt_signal_parse(long_name, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "invalid signal: AAAA");
}

static void test_names(void)
{
	ASSERT_STR(rt_signal_name(SIGTERM), "SIGTERM");
	ASSERT_STR(rt_signal_name(SIGKILL), "SIGKILL");
	ASSERT_STR(rt_signal_name(SIGCHLD), "SIGCHLD");
	ASSERT_STR(rt_signal_name(SIGABRT), "SIGABRT");
	ASSERT_STR(rt_signal_name(SIGIO), "SIGIO");
	ASSERT_TRUE(rt_signal_name(0) == NULL);
	ASSERT_TRUE(rt_signal_name(SIGRTMIN) == NULL);
}

/* every classic signal has a name, and the name parses back to it */
static void test_round_trip(void)
{
	struct berr err = {0};
	int sig;

	for (sig = 1; sig < 32; sig++) {
		const char *name = rt_signal_name(sig);

		ASSERT_TRUE(name != NULL);
		ASSERT_INT(rt_signal_parse(name, &err), sig);
		ASSERT_INT(rt_signal_parse(name + 3, &err), sig);
	}
}

int main(void)
{
	RUN(test_names_any_case_with_or_without_sig);
	RUN(test_numbers);
	RUN(test_bad_numbers);
	RUN(test_realtime);
	RUN(test_unknown_and_empty);
	RUN(test_names);
	RUN(test_round_trip);
	UNIT_DONE();
}
