/* process-attrs: the scheduling and execution attributes the container's init gives itself
 * before execve (they are inherited across it): linux.personality, process.ioPriority,
 * process.scheduler, linux.memoryPolicy and process.execCPUAffinity. Each returns 0 when the
 * config leaves the attribute unset. */
#ifndef BERTH_RT_PROCESS_ATTRS_H
#define BERTH_RT_PROCESS_ATTRS_H

#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"

/* personality(2) with the domain (PER_LINUX or PER_LINUX32; the spec defines no flags yet). */
int rt_personality_apply(const struct cfg_personality *p, struct berr *err);

/* ioprio_set(2) on the calling process. IOPRIO_CLASS_RT needs CAP_SYS_ADMIN (or CAP_SYS_NICE)
 * in the initial user namespace: call it before capabilities are dropped. */
int rt_ioprio_apply(const struct cfg_io_priority *io, struct berr *err);

/* sched_setattr(2) on the calling process: policy, flags, nice, priority and the
 * SCHED_DEADLINE runtime/deadline/period. Realtime policies need CAP_SYS_NICE; a
 * SCHED_DEADLINE process cannot fork (EAGAIN), so call it after the last fork (hooks). */
int rt_sched_apply(const struct cfg_scheduler *s, struct berr *err);

/* set_mempolicy(2) with mode | flags and the node list. */
int rt_mempolicy_apply(const struct cfg_memory_policy *m, struct berr *err);

/* sched_setaffinity(2) of pid (0: the caller) to a CPU list ("0-3,7"); NULL or an empty
 * list leaves the affinity alone, as config.md asks of execCPUAffinity. Errors name the list:
 * "process.execCPUAffinity: set CPU affinity to 0-3: Invalid argument". */
int rt_cpu_affinity_set(pid_t pid, const char *cpulist, struct berr *err);
/* The same for the caller: the "final" list, just before execve. */
int rt_cpu_affinity_apply(const char *cpulist, struct berr *err);

#endif
