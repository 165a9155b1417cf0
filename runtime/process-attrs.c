/* process-attrs: personality, I/O priority, scheduler, memory policy and CPU affinity, set by
 * the container's init on itself (the affinity also by the parent on init). */
#include "process-attrs.h"

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

/* linux/ioprio.h */
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_CLASS_SHIFT 13

/* sched_setattr(2); glibc before 2.41 has no wrapper, and linux/sched/types.h clashes with
 * sched.h on older header sets */
struct sched_attr_v1 {
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;
	uint64_t sched_deadline;
	uint64_t sched_period;
};

int rt_personality_apply(const struct cfg_personality *p, struct berr *err)
{
	if (!p->present)
		return 0;
	if (personality((unsigned long)p->domain_id) < 0)
		return berr_sys(err, "linux.personality: personality(%s)", p->domain);
	return 0;
}

int rt_ioprio_apply(const struct cfg_io_priority *io, struct berr *err)
{
	int value;

	if (!io->present)
		return 0;
	value = (io->class_id << IOPRIO_CLASS_SHIFT) | (int)io->priority;
	if (syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, value) < 0)
		return berr_sys(err, "process.ioPriority: ioprio_set %s %lld", io->class_name,
				(long long)io->priority);
	return 0;
}

int rt_sched_apply(const struct cfg_scheduler *s, struct berr *err)
{
	struct sched_attr_v1 attr = {
		.size = sizeof(attr),
		.sched_policy = (uint32_t)s->policy_id,
		.sched_flags = s->flag_mask,
		.sched_nice = s->nice,
		.sched_priority = (uint32_t)s->priority,
		.sched_runtime = s->runtime,
		.sched_deadline = s->deadline,
		.sched_period = s->period,
	};

	if (!s->present)
		return 0;
	if (syscall(SYS_sched_setattr, 0, &attr, 0) < 0)
		return berr_sys(err, "process.scheduler: sched_setattr %s", s->policy);
	return 0;
}

static bool is_empty_list(const char *list)
{
	return !list || !list[strspn(list, " \t")];
}

int rt_mempolicy_apply(const struct cfg_memory_policy *m, struct berr *err)
{
	uint64_t mask[CFG_CPU_MAX / 64];
	unsigned long maxnode = 0;
	const uint64_t *nodes = NULL;

	if (!m->present)
		return 0;
	if (!is_empty_list(m->nodes)) {
		memset(mask, 0, sizeof(mask));
		if (cfg_cpulist_parse(m->nodes, mask, CFG_CPU_MAX) < 0)
			return berr_set(err, EINVAL,
					"linux.memoryPolicy.nodes: invalid node list %s", m->nodes);
		nodes = mask;
		/* the kernel reads maxnode - 1 bits (a historic off-by-one kept for ABI) */
		maxnode = CFG_CPU_MAX + 1;
	}
	if (syscall(SYS_set_mempolicy, m->mode_id | m->flag_mask, nodes, maxnode) < 0)
		return berr_sys(err, "linux.memoryPolicy: set_mempolicy %s%s%s", m->mode,
				nodes ? " " : "", nodes ? m->nodes : "");
	return 0;
}

int rt_cpu_affinity_set(pid_t pid, const char *cpulist, struct berr *err)
{
	uint64_t mask[CFG_CPU_MAX / 64];

	if (is_empty_list(cpulist))
		return 0;
	memset(mask, 0, sizeof(mask));
	if (cfg_cpulist_parse(cpulist, mask, CFG_CPU_MAX) < 0)
		return berr_set(err, EINVAL, "process.execCPUAffinity: invalid CPU list %s",
				cpulist);
	if (sched_setaffinity(pid, sizeof(mask), (const cpu_set_t *)mask) < 0) {
		if (pid)
			return berr_sys(err,
					"process.execCPUAffinity: set CPU affinity of pid %d to %s",
					pid, cpulist);
		return berr_sys(err, "process.execCPUAffinity: set CPU affinity to %s", cpulist);
	}
	return 0;
}

int rt_cpu_affinity_apply(const char *cpulist, struct berr *err)
{
	return rt_cpu_affinity_set(0, cpulist, err);
}
