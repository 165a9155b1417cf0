/* names: the spec's names for kernel constants (namespaces, rlimits, I/O and CPU scheduling,
 * memory policy, seccomp, personality, propagation). Used by the parsers and the runtime. */
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/resource.h>

#include "parse.h"
#include "../runtime/base/cleanup.h"

struct name_value {
	const char *name;
	int value;
};

static int lookup(const struct name_value *t, size_t n, const char *name)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return t[i].value;
	return -1;
}

static bool known(const char *const *t, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(t[i], name) == 0)
			return true;
	return false;
}

/* Indexed by enum cfg_ns_type. */
static const char *const ns_names[CFG_NS_COUNT] = {
	[CFG_NS_PID] = "pid",	    [CFG_NS_NETWORK] = "network", [CFG_NS_MOUNT] = "mount",
	[CFG_NS_IPC] = "ipc",	    [CFG_NS_UTS] = "uts",	  [CFG_NS_USER] = "user",
	[CFG_NS_CGROUP] = "cgroup", [CFG_NS_TIME] = "time",
};

const char *cfg_ns_name(enum cfg_ns_type t)
{
	if ((unsigned)t >= CFG_NS_COUNT)
		return "?";
	return ns_names[t];
}

int cfg_ns_from_name(const char *name)
{
	for (int i = 0; name && i < CFG_NS_COUNT; i++)
		if (strcmp(ns_names[i], name) == 0)
			return i;
	return -1;
}

static const struct name_value rlimits[] = {
	{"RLIMIT_AS", RLIMIT_AS},
	{"RLIMIT_CORE", RLIMIT_CORE},
	{"RLIMIT_CPU", RLIMIT_CPU},
	{"RLIMIT_DATA", RLIMIT_DATA},
	{"RLIMIT_FSIZE", RLIMIT_FSIZE},
	{"RLIMIT_LOCKS", RLIMIT_LOCKS},
	{"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK},
	{"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE},
	{"RLIMIT_NICE", RLIMIT_NICE},
	{"RLIMIT_NOFILE", RLIMIT_NOFILE},
	{"RLIMIT_NPROC", RLIMIT_NPROC},
	{"RLIMIT_RSS", RLIMIT_RSS},
	{"RLIMIT_RTPRIO", RLIMIT_RTPRIO},
	{"RLIMIT_RTTIME", RLIMIT_RTTIME},
	{"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
	{"RLIMIT_STACK", RLIMIT_STACK},
};

int cfg_rlimit_from_name(const char *name)
{
	return lookup(rlimits, ARRAY_SIZE(rlimits), name);
}

/* linux/ioprio.h; not every libc header set has it. */
static const struct name_value ioprio_classes[] = {
	{"IOPRIO_CLASS_RT", 1},
	{"IOPRIO_CLASS_BE", 2},
	{"IOPRIO_CLASS_IDLE", 3},
};

int cfg_ioprio_class_from_name(const char *name)
{
	return lookup(ioprio_classes, ARRAY_SIZE(ioprio_classes), name);
}

/* sched(7) numbers; SCHED_ISO is reserved by Linux but never implemented. */
static const struct name_value sched_policies[] = {
	{"SCHED_OTHER", 0}, {"SCHED_FIFO", 1}, {"SCHED_RR", 2},	      {"SCHED_BATCH", 3},
	{"SCHED_ISO", 4},   {"SCHED_IDLE", 5}, {"SCHED_DEADLINE", 6},
};

int cfg_sched_policy_from_name(const char *name)
{
	return lookup(sched_policies, ARRAY_SIZE(sched_policies), name);
}

/* linux/sched.h, the flags of sched_setattr(2). */
static const struct name_value sched_flags[] = {
	{"SCHED_FLAG_RESET_ON_FORK", 0x01},  {"SCHED_FLAG_RECLAIM", 0x02},
	{"SCHED_FLAG_DL_OVERRUN", 0x04},     {"SCHED_FLAG_KEEP_POLICY", 0x08},
	{"SCHED_FLAG_KEEP_PARAMS", 0x10},    {"SCHED_FLAG_UTIL_CLAMP_MIN", 0x20},
	{"SCHED_FLAG_UTIL_CLAMP_MAX", 0x40},
};

int cfg_sched_flag_from_name(const char *name)
{
	return lookup(sched_flags, ARRAY_SIZE(sched_flags), name);
}

/* linux/mempolicy.h; MPOL_WEIGHTED_INTERLEAVE (6.9) is newer than Debian 12's headers. */
static const struct name_value mpol_modes[] = {
	{"MPOL_DEFAULT", 0},
	{"MPOL_PREFERRED", 1},
	{"MPOL_BIND", 2},
	{"MPOL_INTERLEAVE", 3},
	{"MPOL_LOCAL", 4},
	{"MPOL_PREFERRED_MANY", 5},
	{"MPOL_WEIGHTED_INTERLEAVE", 6},
};

int cfg_mpol_mode_from_name(const char *name)
{
	return lookup(mpol_modes, ARRAY_SIZE(mpol_modes), name);
}

static const struct name_value mpol_flags[] = {
	{"MPOL_F_STATIC_NODES", 1 << 15},
	{"MPOL_F_RELATIVE_NODES", 1 << 14},
	{"MPOL_F_NUMA_BALANCING", 1 << 13},
};

int cfg_mpol_flag_from_name(const char *name)
{
	return lookup(mpol_flags, ARRAY_SIZE(mpol_flags), name);
}

/* linux/seccomp.h, the flags of seccomp(SECCOMP_SET_MODE_FILTER) the spec lists. */
static const struct name_value seccomp_flags[] = {
	{"SECCOMP_FILTER_FLAG_TSYNC", 1 << 0},
	{"SECCOMP_FILTER_FLAG_LOG", 1 << 1},
	{"SECCOMP_FILTER_FLAG_SPEC_ALLOW", 1 << 2},
	{"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", 1 << 5},
};

int cfg_seccomp_flag_from_name(const char *name)
{
	return lookup(seccomp_flags, ARRAY_SIZE(seccomp_flags), name);
}

static const struct name_value personalities[] = {
	{"LINUX", PER_LINUX},
	{"LINUX32", PER_LINUX32},
};

int cfg_personality_from_name(const char *name)
{
	return lookup(personalities, ARRAY_SIZE(personalities), name);
}

/* The spec lists the first four; runc and CRI-O also use the recursive forms. */
static const struct name_value propagations[] = {
	{"shared", MS_SHARED},
	{"slave", MS_SLAVE},
	{"private", MS_PRIVATE},
	{"unbindable", MS_UNBINDABLE},
	{"rshared", MS_SHARED | MS_REC},
	{"rslave", MS_SLAVE | MS_REC},
	{"rprivate", MS_PRIVATE | MS_REC},
	{"runbindable", MS_UNBINDABLE | MS_REC},
};

int cfg_propagation_from_name(const char *name)
{
	return lookup(propagations, ARRAY_SIZE(propagations), name);
}

static const char *const seccomp_actions[] = {
	"SCMP_ACT_KILL",  "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
	"SCMP_ACT_TRAP",  "SCMP_ACT_ERRNO",	   "SCMP_ACT_TRACE",
	"SCMP_ACT_ALLOW", "SCMP_ACT_LOG",	   "SCMP_ACT_NOTIFY",
};

bool cfg_seccomp_action_known(const char *name)
{
	return known(seccomp_actions, ARRAY_SIZE(seccomp_actions), name);
}

/* The spec's list (libseccomp's names), including the later LoongArch, m68k and SuperH. */
static const char *const seccomp_archs[] = {
	"SCMP_ARCH_X86",     "SCMP_ARCH_X86_64",   "SCMP_ARCH_X32",	    "SCMP_ARCH_ARM",
	"SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS",	   "SCMP_ARCH_MIPS64",	    "SCMP_ARCH_MIPS64N32",
	"SCMP_ARCH_MIPSEL",  "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC",
	"SCMP_ARCH_PPC64",   "SCMP_ARCH_PPC64LE",  "SCMP_ARCH_S390",	    "SCMP_ARCH_S390X",
	"SCMP_ARCH_PARISC",  "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64",	    "SCMP_ARCH_LOONGARCH64",
	"SCMP_ARCH_M68K",    "SCMP_ARCH_SH",	   "SCMP_ARCH_SHEB",
};

bool cfg_seccomp_arch_known(const char *name)
{
	return known(seccomp_archs, ARRAY_SIZE(seccomp_archs), name);
}

static const char *const seccomp_ops[] = {
	"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",	    "SCMP_CMP_EQ",
	"SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ",
};

bool cfg_seccomp_op_known(const char *name)
{
	return known(seccomp_ops, ARRAY_SIZE(seccomp_ops), name);
}
