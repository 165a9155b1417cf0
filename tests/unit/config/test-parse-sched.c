/* Tests config/parse-sched.c: process.ioPriority, process.scheduler and
 * process.execCPUAffinity. */
#include "cfg-test.h"

#define IO(x)	 PROCESS(", \"ioPriority\": {" x "}")
#define SCHED(x) PROCESS(", \"scheduler\": {" x "}")
#define AFF(x)	 PROCESS(", \"execCPUAffinity\": {" x "}")

static void test_io_priority(void)
{
	ASSERT_PARSES(IO("\"class\": \"IOPRIO_CLASS_RT\", \"priority\": 0"));
	ASSERT_INT(t_spec->process.io_priority.class_id, 1);
	ASSERT_PARSES(IO("\"class\": \"IOPRIO_CLASS_IDLE\""));
	ASSERT_INT(t_spec->process.io_priority.class_id, 3);
	ASSERT_INT(t_spec->process.io_priority.priority, 0);
	ASSERT_FAILS(IO("\"priority\": 1"), "process.ioPriority.class: required");
	ASSERT_FAILS(IO("\"class\": \"IOPRIO_CLASS_NONE\""),
		     "process.ioPriority.class: unknown class \"IOPRIO_CLASS_NONE\"");
	ASSERT_FAILS(IO("\"class\": \"IOPRIO_CLASS_BE\", \"priority\": 8"),
		     "process.ioPriority.priority: must be between 0 and 7");
	ASSERT_FAILS(IO("\"class\": \"IOPRIO_CLASS_BE\", \"priority\": -1"),
		     "process.ioPriority.priority: must be between 0 and 7");
	ASSERT_FAILS(PROCESS(", \"ioPriority\": 3"), "process.ioPriority: expected an object");
}

static void test_scheduler(void)
{
	ASSERT_PARSES(SCHED("\"policy\": \"SCHED_OTHER\", \"nice\": -20"));
	ASSERT_INT(t_spec->process.scheduler.policy_id, 0);
	ASSERT_INT(t_spec->process.scheduler.nice, -20);
	ASSERT_PARSES(
		SCHED("\"policy\": \"SCHED_RR\", \"priority\": 99, "
		      "\"flags\": [\"SCHED_FLAG_UTIL_CLAMP_MAX\", \"SCHED_FLAG_KEEP_PARAMS\"]"));
	ASSERT_INT(t_spec->process.scheduler.priority, 99);
	ASSERT_INT(t_spec->process.scheduler.flag_mask, 0x40 | 0x10);
	ASSERT_PARSES(SCHED("\"policy\": \"SCHED_BATCH\""));
	ASSERT_PARSES(SCHED("\"policy\": \"SCHED_IDLE\""));
	ASSERT_PARSES(SCHED("\"policy\": \"SCHED_ISO\""));
	ASSERT_FAILS(SCHED("\"nice\": 1"), "process.scheduler.policy: required");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_FAST\""),
		     "process.scheduler.policy: unknown policy \"SCHED_FAST\"");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_OTHER\", \"nice\": 20"),
		     "process.scheduler.nice: must be between -20 and 19");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_FIFO\""),
		     "process.scheduler.priority: must be between 1 and 99 for SCHED_FIFO");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_RR\", \"priority\": 100"),
		     "process.scheduler.priority: must be between 1 and 99 for SCHED_RR");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_OTHER\", \"priority\": 1"),
		     "process.scheduler.priority: only valid with SCHED_FIFO or SCHED_RR");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_OTHER\", \"deadline\": 1"),
		     "process.scheduler.deadline: only valid with SCHED_DEADLINE");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_DEADLINE\", \"flags\": [\"SCHED_FLAG_X\"]"),
		     "process.scheduler.flags[0]: unknown flag \"SCHED_FLAG_X\"");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_DEADLINE\", \"runtime\": -1"),
		     "process.scheduler.runtime: expected an unsigned 64-bit integer");
	ASSERT_FAILS(SCHED("\"policy\": \"SCHED_OTHER\", \"nice\": 2147483648"),
		     "process.scheduler.nice: expected a 32-bit integer");
}

static void test_cpu_affinity(void)
{
	ASSERT_PARSES(AFF("\"initial\": \"0-3,7\", \"final\": \"\""));
	ASSERT_STR(t_spec->process.exec_cpu_affinity.initial, "0-3,7");
	ASSERT_STR(t_spec->process.exec_cpu_affinity.final, "");
	ASSERT_PARSES(AFF(""));
	ASSERT_TRUE(t_spec->process.exec_cpu_affinity.initial == NULL);
	ASSERT_FAILS(AFF("\"initial\": \"0-x\""),
		     "process.execCPUAffinity.initial: invalid CPU list \"0-x\"");
	ASSERT_FAILS(AFF("\"final\": \"3-1\""),
		     "process.execCPUAffinity.final: invalid CPU list \"3-1\"");
	ASSERT_FAILS(AFF("\"final\": \"8192\""),
		     "process.execCPUAffinity.final: CPU number too large (the limit is 8191)");
	ASSERT_FAILS(AFF("\"initial\": 3"), "process.execCPUAffinity.initial: expected a string");
}

int main(void)
{
	RUN(test_io_priority);
	RUN(test_scheduler);
	RUN(test_cpu_affinity);
	t_done();
	UNIT_DONE();
}
