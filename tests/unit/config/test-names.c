/* Tests config/names.c: every name table both ways round and its unknown names. */
#include <sched.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/resource.h>

#include "cfg-test.h"

static void test_namespaces(void)
{
	for (int i = 0; i < CFG_NS_COUNT; i++)
		ASSERT_INT(cfg_ns_from_name(cfg_ns_name((enum cfg_ns_type)i)), i);
	ASSERT_STR(cfg_ns_name(CFG_NS_NETWORK), "network");
	ASSERT_STR(cfg_ns_name(CFG_NS_TIME), "time");
	ASSERT_STR(cfg_ns_name(CFG_NS_COUNT), "?");
	ASSERT_INT(cfg_ns_from_name("net"), -1);
	ASSERT_INT(cfg_ns_from_name(""), -1);
	ASSERT_INT(cfg_ns_from_name(NULL), -1);
}

static void test_rlimits(void)
{
	ASSERT_INT(cfg_rlimit_from_name("RLIMIT_AS"), RLIMIT_AS);
	ASSERT_INT(cfg_rlimit_from_name("RLIMIT_NOFILE"), RLIMIT_NOFILE);
	ASSERT_INT(cfg_rlimit_from_name("RLIMIT_STACK"), RLIMIT_STACK);
	ASSERT_INT(cfg_rlimit_from_name("RLIMIT_RTTIME"), RLIMIT_RTTIME);
	ASSERT_INT(cfg_rlimit_from_name("RLIMIT_SIGPENDING"), RLIMIT_SIGPENDING);
	ASSERT_INT(cfg_rlimit_from_name("RLIMIT_nofile"), -1);
	ASSERT_INT(cfg_rlimit_from_name("NOFILE"), -1);
	ASSERT_INT(cfg_rlimit_from_name(NULL), -1);
}

static void test_scheduling(void)
{
	ASSERT_INT(cfg_ioprio_class_from_name("IOPRIO_CLASS_RT"), 1);
	ASSERT_INT(cfg_ioprio_class_from_name("IOPRIO_CLASS_BE"), 2);
	ASSERT_INT(cfg_ioprio_class_from_name("IOPRIO_CLASS_IDLE"), 3);
	ASSERT_INT(cfg_ioprio_class_from_name("IOPRIO_CLASS_NONE"), -1);
	ASSERT_INT(cfg_sched_policy_from_name("SCHED_OTHER"), SCHED_OTHER);
	ASSERT_INT(cfg_sched_policy_from_name("SCHED_FIFO"), SCHED_FIFO);
	ASSERT_INT(cfg_sched_policy_from_name("SCHED_RR"), SCHED_RR);
	ASSERT_INT(cfg_sched_policy_from_name("SCHED_BATCH"), SCHED_BATCH);
	ASSERT_INT(cfg_sched_policy_from_name("SCHED_IDLE"), SCHED_IDLE);
	ASSERT_INT(cfg_sched_policy_from_name("SCHED_ISO"), 4);
	ASSERT_INT(cfg_sched_policy_from_name("SCHED_DEADLINE"), 6);
	ASSERT_INT(cfg_sched_policy_from_name("SCHED_NORMAL"), -1);
	ASSERT_INT(cfg_sched_flag_from_name("SCHED_FLAG_RESET_ON_FORK"), 1);
	ASSERT_INT(cfg_sched_flag_from_name("SCHED_FLAG_DL_OVERRUN"), 4);
	ASSERT_INT(cfg_sched_flag_from_name("SCHED_FLAG_KEEP_POLICY"), 8);
	ASSERT_INT(cfg_sched_flag_from_name("SCHED_FLAG_UTIL_CLAMP_MIN"), 0x20);
	ASSERT_INT(cfg_sched_flag_from_name("SCHED_FLAG_ALL"), -1);
}

static void test_memory_policy(void)
{
	ASSERT_INT(cfg_mpol_mode_from_name("MPOL_DEFAULT"), 0);
	ASSERT_INT(cfg_mpol_mode_from_name("MPOL_PREFERRED"), 1);
	ASSERT_INT(cfg_mpol_mode_from_name("MPOL_BIND"), 2);
	ASSERT_INT(cfg_mpol_mode_from_name("MPOL_INTERLEAVE"), 3);
	ASSERT_INT(cfg_mpol_mode_from_name("MPOL_LOCAL"), 4);
	ASSERT_INT(cfg_mpol_mode_from_name("MPOL_PREFERRED_MANY"), 5);
	ASSERT_INT(cfg_mpol_mode_from_name("MPOL_WEIGHTED_INTERLEAVE"), 6);
	ASSERT_INT(cfg_mpol_mode_from_name("MPOL_MAX"), -1);
	ASSERT_INT(cfg_mpol_flag_from_name("MPOL_F_STATIC_NODES"), 1 << 15);
	ASSERT_INT(cfg_mpol_flag_from_name("MPOL_F_RELATIVE_NODES"), 1 << 14);
	ASSERT_INT(cfg_mpol_flag_from_name("MPOL_F_NUMA_BALANCING"), 1 << 13);
	ASSERT_INT(cfg_mpol_flag_from_name("MPOL_F_NODE"), -1);
}

static void test_seccomp(void)
{
	ASSERT_INT(cfg_seccomp_flag_from_name("SECCOMP_FILTER_FLAG_TSYNC"), 1);
	ASSERT_INT(cfg_seccomp_flag_from_name("SECCOMP_FILTER_FLAG_LOG"), 2);
	ASSERT_INT(cfg_seccomp_flag_from_name("SECCOMP_FILTER_FLAG_SPEC_ALLOW"), 4);
	ASSERT_INT(cfg_seccomp_flag_from_name("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"), 32);
	ASSERT_INT(cfg_seccomp_flag_from_name("SECCOMP_FILTER_FLAG_TSYNC_ESRCH"), -1);
	ASSERT_TRUE(cfg_seccomp_action_known("SCMP_ACT_KILL_PROCESS"));
	ASSERT_TRUE(cfg_seccomp_action_known("SCMP_ACT_NOTIFY"));
	ASSERT_TRUE(!cfg_seccomp_action_known("SCMP_ACT_ALLOW "));
	ASSERT_TRUE(!cfg_seccomp_action_known(NULL));
	ASSERT_TRUE(cfg_seccomp_arch_known("SCMP_ARCH_X32"));
	ASSERT_TRUE(cfg_seccomp_arch_known("SCMP_ARCH_MIPSEL64N32"));
	ASSERT_TRUE(cfg_seccomp_arch_known("SCMP_ARCH_SHEB"));
	ASSERT_TRUE(!cfg_seccomp_arch_known("SCMP_ARCH_NATIVE"));
	ASSERT_TRUE(cfg_seccomp_op_known("SCMP_CMP_MASKED_EQ"));
	ASSERT_TRUE(cfg_seccomp_op_known("SCMP_CMP_NE"));
	ASSERT_TRUE(!cfg_seccomp_op_known("SCMP_CMP_MASKED_NE"));
}

static void test_misc(void)
{
	ASSERT_INT(cfg_personality_from_name("LINUX"), PER_LINUX);
	ASSERT_INT(cfg_personality_from_name("LINUX32"), PER_LINUX32);
	ASSERT_INT(cfg_personality_from_name("linux"), -1);
	ASSERT_INT(cfg_propagation_from_name("private"), MS_PRIVATE);
	ASSERT_INT(cfg_propagation_from_name("rslave"), MS_SLAVE | MS_REC);
	ASSERT_INT(cfg_propagation_from_name("runbindable"), MS_UNBINDABLE | MS_REC);
	ASSERT_INT(cfg_propagation_from_name("rshared"), MS_SHARED | MS_REC);
	ASSERT_INT(cfg_propagation_from_name("recursive"), -1);
}

int main(void)
{
	RUN(test_namespaces);
	RUN(test_rlimits);
	RUN(test_scheduling);
	RUN(test_memory_policy);
	RUN(test_seccomp);
	RUN(test_misc);
	UNIT_DONE();
}
