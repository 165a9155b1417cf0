/* signal-container: deliver a signal to a container's init (or every process of it) without
 * hitting a reused pid, and wait for it to be gone. Used by kill and delete. */
#ifndef BERTH_RT_SIGNAL_CONTAINER_H
#define BERTH_RT_SIGNAL_CONTAINER_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/berr.h"
#include "state.h"

/* Opens a pidfd for the state's init, checked against its start time; -ESRCH when gone. */
int rt_pidfd_open_checked(const struct rt_state *st, struct berr *err);
/* Signals init, or with all every process in init's pid namespace (init last). */
int rt_signal_container(const struct rt_state *st, int sig, bool all, struct berr *err);
/* Signals every process of the container's saved cgroup (frozen meanwhile, thawed after),
 * init last through rt_signal_container; 1 when done, 0 when the container has no cgroup (the
 * caller falls back to rt_signal_container's pid namespace). */
int rt_signal_cgroup(int statefd, pid_t init, int sig, struct berr *err);
/* Waits up to timeout_ms for init to exit; 0 when gone, -ETIMEDOUT otherwise. */
int rt_wait_gone(const struct rt_state *st, int timeout_ms, struct berr *err);

#endif
