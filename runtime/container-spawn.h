/* container-spawn: start the container init process (see container-spawn.c). */
#ifndef BERTH_RT_CONTAINER_SPAWN_H
#define BERTH_RT_CONTAINER_SPAWN_H

#include "container.h"

/* Clones init into its namespaces; sets c->pid (a child of the caller). With c->cg_fd (cgroup
 * v2) init is born in that cgroup (clone3 CLONE_INTO_CGROUP, c->born_in_cg): no move, which
 * costs an RCU grace period; where the kernel lacks it, a plain clone and the caller moves it. */
int rt_container_spawn(struct rt_container *c, struct berr *err);
/* fork() semantics (flags: CLONE_* without the exit signal; SIGCHLD is added, or with
 * CLONE_PARENT the parent's own exit signal is the child's), the child born
 * in the cgroup2 directory cg_fd; -1 with errno when the kernel cannot (ENOSYS before 5.3,
 * E2BIG before 5.7). */
pid_t rt_clone_into_cgroup(unsigned long flags, int cg_fd);
/* True when the config joins a namespace by path (c->ns_fds): init then comes from an
 * intermediate process that joined them. */
bool rt_container_joins_namespaces(const struct rt_container *c);

#endif
