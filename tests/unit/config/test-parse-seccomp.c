/* Tests config/parse-seccomp.c: linux.seccomp, its name lists and its notify rules. */
#include "cfg-test.h"

#define SECCOMP(s) LINUX("\"seccomp\": {" s "}")
#define ALLOW	   "\"defaultAction\": \"SCMP_ACT_ALLOW\""

static void test_minimal(void)
{
	ASSERT_PARSES(SECCOMP(ALLOW));
	ASSERT_TRUE(t_spec->linux_.seccomp.present);
	ASSERT_INT(t_spec->linux_.seccomp.n_syscalls, 0);
	ASSERT_TRUE(t_spec->linux_.seccomp.architectures.v == NULL);
	ASSERT_INT(t_spec->linux_.seccomp.flag_mask, 0);
	ASSERT_FAILS(SECCOMP(""), "linux.seccomp.defaultAction: required");
	ASSERT_FAILS(LINUX("\"seccomp\": true"), "linux.seccomp: expected an object");
}

static void test_actions(void)
{
	static const char *const ok[] = {
		"SCMP_ACT_KILL",  "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",
		"SCMP_ACT_ERRNO", "SCMP_ACT_TRACE",	   "SCMP_ACT_ALLOW",	   "SCMP_ACT_LOG"};
	char json[256];

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(json, sizeof(json),
			 SECCOMP("\"defaultAction\": \"%s\", \"syscalls\": [{"
				 "\"names\": [\"x\"], \"action\": \"%s\"}]"),
			 ok[i], ok[i]);
		ASSERT_PARSES(json);
	}
	ASSERT_FAILS(SECCOMP("\"defaultAction\": \"SCMP_ACT_DENY\""),
		     "linux.seccomp.defaultAction: unknown action \"SCMP_ACT_DENY\"");
	ASSERT_FAILS(SECCOMP(ALLOW
			     ", \"syscalls\": [{\"names\": [\"a\"], \"action\": "
			     "\"SCMP_ACT_ALLOW\"}, {\"names\": [\"b\"], \"action\": \"allow\"}]"),
		     "linux.seccomp.syscalls[1].action: unknown action \"allow\"");
	ASSERT_FAILS(SECCOMP(ALLOW ", \"syscalls\": [{\"names\": [\"a\"]}]"),
		     "linux.seccomp.syscalls[0].action: required");
}

static void test_errno(void)
{
	ASSERT_PARSES(SECCOMP("\"defaultAction\": \"SCMP_ACT_TRACE\", \"defaultErrnoRet\": 5"));
	ASSERT_INT(t_spec->linux_.seccomp.default_errno_ret.v, 5);
	ASSERT_FAILS(
		SECCOMP(ALLOW ", \"defaultErrnoRet\": 1"),
		"linux.seccomp.defaultErrnoRet: only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE");
	ASSERT_FAILS(SECCOMP(ALLOW ", \"syscalls\": [{\"names\": [\"a\"], \"action\": "
				   "\"SCMP_ACT_KILL\", \"errnoRet\": 1}]"),
		     "linux.seccomp.syscalls[0].errnoRet: only valid with SCMP_ACT_ERRNO or "
		     "SCMP_ACT_TRACE");
	ASSERT_FAILS(SECCOMP(ALLOW ", \"syscalls\": [{\"names\": [\"a\"], \"action\": "
				   "\"SCMP_ACT_ERRNO\", \"errnoRet\": -1}]"),
		     "linux.seccomp.syscalls[0].errnoRet: expected an unsigned 32-bit integer");
}

static void test_names_lists(void)
{
	ASSERT_PARSES(SECCOMP(ALLOW ", \"architectures\": [\"SCMP_ARCH_RISCV64\", "
				    "\"SCMP_ARCH_LOONGARCH64\", \"SCMP_ARCH_S390X\"], \"flags\": ["
				    "\"SECCOMP_FILTER_FLAG_TSYNC\", "
				    "\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"]"));
	ASSERT_INT(t_spec->linux_.seccomp.flag_mask, 1 | 32);
	ASSERT_FAILS(SECCOMP(ALLOW ", \"architectures\": [\"SCMP_ARCH_X86_64\", \"x86_64\"]"),
		     "linux.seccomp.architectures[1]: unknown architecture \"x86_64\"");
	ASSERT_FAILS(SECCOMP(ALLOW ", \"flags\": [\"SECCOMP_FILTER_FLAG_NEW_LISTENER\"]"),
		     "linux.seccomp.flags[0]: unknown flag \"SECCOMP_FILTER_FLAG_NEW_LISTENER\"");
}

static void test_syscalls(void)
{
	ASSERT_PARSES(SECCOMP(ALLOW
			      ", \"syscalls\": [{\"names\": [\"no_such_syscall\"], "
			      "\"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 5, "
			      "\"value\": 18446744073709551615, \"op\": \"SCMP_CMP_GE\"}]}]"));
	ASSERT_STR(t_spec->linux_.seccomp.syscalls[0].names.v[0], "no_such_syscall");
	ASSERT_TRUE(t_spec->linux_.seccomp.syscalls[0].args[0].value == UINT64_MAX);
	ASSERT_INT(t_spec->linux_.seccomp.syscalls[0].args[0].value_two, 0);
	ASSERT_FAILS(SECCOMP(ALLOW ", \"syscalls\": [{\"action\": \"SCMP_ACT_KILL\"}]"),
		     "linux.seccomp.syscalls[0].names: required");
	ASSERT_FAILS(
		SECCOMP(ALLOW ", \"syscalls\": [{\"names\": [], \"action\": \"SCMP_ACT_KILL\"}]"),
		"linux.seccomp.syscalls[0].names: must not be empty");
	ASSERT_FAILS(SECCOMP(ALLOW
			     ", \"syscalls\": [{\"names\": [\"a\"], \"action\": "
			     "\"SCMP_ACT_KILL\", \"args\": [{\"index\": 6, \"value\": 1, \"op\": "
			     "\"SCMP_CMP_EQ\"}]}]"),
		     "linux.seccomp.syscalls[0].args[0].index: must be between 0 and 5");
	ASSERT_FAILS(SECCOMP(ALLOW
			     ", \"syscalls\": [{\"names\": [\"a\"], \"action\": "
			     "\"SCMP_ACT_KILL\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": "
			     "\"SCMP_CMP_XOR\"}]}]"),
		     "linux.seccomp.syscalls[0].args[0].op: unknown operator \"SCMP_CMP_XOR\"");
	ASSERT_FAILS(
		SECCOMP(ALLOW
			", \"syscalls\": [{\"names\": [\"a\"], \"action\": "
			"\"SCMP_ACT_KILL\", \"args\": [{\"index\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]"),
		"linux.seccomp.syscalls[0].args[0].value: required");
	ASSERT_FAILS(SECCOMP(ALLOW ", \"syscalls\": [{\"names\": [\"a\"], \"action\": "
				   "\"SCMP_ACT_KILL\", \"args\": [{\"index\": 0, \"value\": 1}]}]"),
		     "linux.seccomp.syscalls[0].args[0].op: required");
	ASSERT_FAILS(
		SECCOMP(ALLOW
			", \"syscalls\": [{\"names\": [\"a\"], \"action\": "
			"\"SCMP_ACT_KILL\", \"args\": [{\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]"),
		"linux.seccomp.syscalls[0].args[0].index: required");
	ASSERT_FAILS(SECCOMP(ALLOW ", \"syscalls\": {}"),
		     "linux.seccomp.syscalls: expected an array");
}

static void test_notify(void)
{
	ASSERT_FAILS(SECCOMP("\"defaultAction\": \"SCMP_ACT_NOTIFY\", \"listenerPath\": \"/s\""),
		     "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action");
	ASSERT_FAILS(SECCOMP(ALLOW ", \"syscalls\": [{\"names\": [\"mount\"], \"action\": "
				   "\"SCMP_ACT_NOTIFY\"}]"),
		     "linux.seccomp.listenerPath: required when SCMP_ACT_NOTIFY is used");
	ASSERT_FAILS(
		SECCOMP(ALLOW ", \"listenerPath\": \"/s\", \"syscalls\": [{\"names\": "
			      "[\"read\", \"write\"], \"action\": \"SCMP_ACT_NOTIFY\"}]"),
		"linux.seccomp.syscalls[0].action: SCMP_ACT_NOTIFY cannot be used for \"write\"");
	ASSERT_FAILS(SECCOMP(ALLOW ", \"listenerMetadata\": \"m\""),
		     "linux.seccomp.listenerMetadata: requires listenerPath");
	ASSERT_PARSES(SECCOMP(ALLOW ", \"listenerPath\": \"/s\", \"listenerMetadata\": \"m\""));
}

int main(void)
{
	RUN(test_minimal);
	RUN(test_actions);
	RUN(test_errno);
	RUN(test_names_lists);
	RUN(test_syscalls);
	RUN(test_notify);
	t_done();
	UNIT_DONE();
}
