/* Tests config/parse-process.c: user, args, env, cwd, console, rlimits and the process's small
 * settings, with the exact error for each way they can be wrong. */
#include "cfg-test.h"

static void test_defaults(void)
{
	const struct cfg_process *p;

	ASSERT_PARSES(PROCESS(""));
	p = &t_spec->process;
	ASSERT_TRUE(t_spec->has_process);
	ASSERT_TRUE(!p->terminal && !p->no_new_privileges);
	ASSERT_INT(p->user.uid, 0);
	ASSERT_TRUE(!p->user.umask.set && !p->console_height.set && !p->oom_score_adj.set);
	ASSERT_TRUE(p->env.v == NULL && p->rlimits == NULL && !p->caps.present);
	ASSERT_TRUE(!p->io_priority.present && !p->scheduler.present);
}

static void test_args(void)
{
	ASSERT_FAILS(CONFIG(", \"process\": {\"cwd\": \"/\"}"), "process.args: required");
	ASSERT_FAILS(PROCESS(", \"args\": []"), "process.args: must not be empty");
	ASSERT_FAILS(PROCESS(", \"args\": [\"\"]"), "process.args[0]: must not be empty");
	ASSERT_FAILS(PROCESS(", \"args\": \"sh\""), "process.args: expected an array");
	ASSERT_FAILS(PROCESS(", \"args\": [\"sh\", 1]"), "process.args[1]: expected a string");
	ASSERT_FAILS(PROCESS(", \"args\": [\"sh\", null]"), "process.args[1]: expected a string");
	ASSERT_PARSES(PROCESS(", \"args\": [\"sh\", \"\"]"));
}

static void test_env(void)
{
	ASSERT_PARSES(PROCESS(", \"env\": [\"A=\", \"B=c=d\"]"));
	ASSERT_INT(t_spec->process.env.n, 2);
	ASSERT_FAILS(PROCESS(", \"env\": [\"A=1\", \"FOO\"]"),
		     "process.env[1]: expected KEY=value, got \"FOO\"");
	ASSERT_FAILS(PROCESS(", \"env\": [\"=x\"]"),
		     "process.env[0]: expected KEY=value, got \"=x\"");
	ASSERT_FAILS(PROCESS(", \"env\": [\"A\\nB\"]"),
		     "process.env[0]: expected KEY=value, got \"A?B\"");
}

static void test_cwd(void)
{
	ASSERT_FAILS(CONFIG(", \"process\": {\"args\": [\"sh\"]}"), "process.cwd: required");
	ASSERT_FAILS(PROCESS(", \"cwd\": \"tmp\""), "process.cwd: must be an absolute path");
	ASSERT_FAILS(PROCESS(", \"cwd\": \"\""), "process.cwd: must be an absolute path");
	ASSERT_FAILS(PROCESS(", \"cwd\": 1"), "process.cwd: expected a string");
}

static void test_user(void)
{
	ASSERT_PARSES(PROCESS(", \"user\": {\"uid\": 4294967295, \"gid\": 0, \"umask\": 511}"));
	ASSERT_INT(t_spec->process.user.uid, 4294967295u);
	ASSERT_INT(t_spec->process.user.umask.v, 0777);
	ASSERT_FAILS(PROCESS(", \"user\": {\"uid\": -1}"),
		     "process.user.uid: expected an unsigned 32-bit integer");
	ASSERT_FAILS(PROCESS(", \"user\": {\"uid\": 4294967296}"),
		     "process.user.uid: expected an unsigned 32-bit integer");
	ASSERT_FAILS(PROCESS(", \"user\": {\"uid\": \"0\"}"),
		     "process.user.uid: expected an unsigned 32-bit integer");
	ASSERT_FAILS(PROCESS(", \"user\": {\"gid\": 1.5}"),
		     "process.user.gid: expected an unsigned 32-bit integer");
	ASSERT_FAILS(PROCESS(", \"user\": {\"umask\": 512}"),
		     "process.user.umask: must be at most 0777");
	ASSERT_FAILS(PROCESS(", \"user\": {\"additionalGids\": [1, -2]}"),
		     "process.user.additionalGids[1]: expected an unsigned 32-bit integer");
	ASSERT_FAILS(PROCESS(", \"user\": {\"additionalGids\": 1}"),
		     "process.user.additionalGids: expected an array");
	ASSERT_FAILS(PROCESS(", \"user\": {\"username\": 1}"),
		     "process.user.username: expected a string");
	ASSERT_FAILS(PROCESS(", \"user\": 0"), "process.user: expected an object");
}

static void test_console(void)
{
	ASSERT_PARSES(PROCESS(
		", \"terminal\": true, \"consoleSize\": {\"height\": 0, \"width\": 65535}"));
	ASSERT_TRUE(t_spec->process.terminal);
	ASSERT_INT(t_spec->process.console_width.v, 65535);
	ASSERT_FAILS(PROCESS(", \"consoleSize\": {\"height\": 1}"),
		     "process.consoleSize.width: required");
	ASSERT_FAILS(PROCESS(", \"consoleSize\": {\"width\": 1}"),
		     "process.consoleSize.height: required");
	ASSERT_FAILS(PROCESS(", \"consoleSize\": {\"height\": 65536, \"width\": 1}"),
		     "process.consoleSize.height: expected an unsigned 16-bit integer");
	ASSERT_FAILS(PROCESS(", \"terminal\": \"yes\""), "process.terminal: expected a boolean");
}

static void test_rlimits(void)
{
	ASSERT_PARSES(
		PROCESS(", \"rlimits\": [{\"type\": \"RLIMIT_STACK\", \"soft\": 0, \"hard\": 0}, "
			"{\"type\": \"RLIMIT_RTTIME\", \"soft\": 9, \"hard\": 1}]"));
	ASSERT_INT(t_spec->process.rlimits[0].resource, 3);
	ASSERT_INT(t_spec->process.rlimits[1].soft, 9);
	ASSERT_FAILS(
		PROCESS(", \"rlimits\": [{\"type\": \"RLIMIT_FOO\", \"soft\": 1, \"hard\": 1}]"),
		"process.rlimits[0].type: unknown rlimit \"RLIMIT_FOO\"");
	ASSERT_FAILS(
		PROCESS(", \"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"soft\": 1, \"hard\": 1}, "
			"{\"type\": \"RLIMIT_NOFILE\", \"soft\": 1, \"hard\": 1}, "
			"{\"type\": \"RLIMIT_CORE\", \"soft\": 2, \"hard\": 2}]"),
		"process.rlimits[2]: duplicate rlimit \"RLIMIT_CORE\"");
	ASSERT_FAILS(PROCESS(", \"rlimits\": [{\"soft\": 1, \"hard\": 1}]"),
		     "process.rlimits[0].type: required");
	ASSERT_FAILS(PROCESS(", \"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"hard\": 1}]"),
		     "process.rlimits[0].soft: required");
	ASSERT_FAILS(PROCESS(", \"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"soft\": 1}]"),
		     "process.rlimits[0].hard: required");
	ASSERT_FAILS(
		PROCESS(", \"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"soft\": 1, \"hard\": -1}]"),
		"process.rlimits[0].hard: expected an unsigned 64-bit integer");
	ASSERT_FAILS(PROCESS(", \"rlimits\": [\"RLIMIT_CORE\"]"),
		     "process.rlimits[0]: expected an object");
}

static void test_security(void)
{
	ASSERT_PARSES(PROCESS(", \"oomScoreAdj\": 1000, \"noNewPrivileges\": false, "
			      "\"apparmorProfile\": \"p\", \"selinuxLabel\": \"l\""));
	ASSERT_INT(t_spec->process.oom_score_adj.v, 1000);
	ASSERT_PARSES(PROCESS(", \"oomScoreAdj\": -1000"));
	ASSERT_FAILS(PROCESS(", \"oomScoreAdj\": 1001"),
		     "process.oomScoreAdj: must be between -1000 and 1000");
	ASSERT_FAILS(PROCESS(", \"oomScoreAdj\": -1001"),
		     "process.oomScoreAdj: must be between -1000 and 1000");
	ASSERT_FAILS(PROCESS(", \"oomScoreAdj\": 2147483648"),
		     "process.oomScoreAdj: expected a 32-bit integer");
	ASSERT_FAILS(PROCESS(", \"noNewPrivileges\": 1"),
		     "process.noNewPrivileges: expected a boolean");
	ASSERT_FAILS(PROCESS(", \"apparmorProfile\": false"),
		     "process.apparmorProfile: expected a string");
	ASSERT_FAILS(PROCESS(", \"selinuxLabel\": {}"), "process.selinuxLabel: expected a string");
	ASSERT_FAILS(PROCESS(", \"commandLine\": []"), "process.commandLine: expected a string");
}

int main(void)
{
	RUN(test_defaults);
	RUN(test_args);
	RUN(test_env);
	RUN(test_cwd);
	RUN(test_user);
	RUN(test_console);
	RUN(test_rlimits);
	RUN(test_security);
	t_done();
	UNIT_DONE();
}
