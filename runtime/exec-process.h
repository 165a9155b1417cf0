/* exec-process: `berth exec`: start a new process inside a running container, joining all
 * of its namespaces (setns), with the same process setup as the container's init. */
#ifndef BERTH_RT_EXEC_PROCESS_H
#define BERTH_RT_EXEC_PROCESS_H

#include <stdbool.h>
#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"
#include "state.h"

struct rt_exec_req {
	pid_t init_pid; /* whose namespaces to join */
	const struct cfg_process *process;
	int console_sock; /* connected console socket or relay end, -1 without tty */
	int relay_peer;	  /* the child's end for a relayed tty, else -1 */
	int preserve_fds;
	int keep_fd; /* the caller's state lock: closed in the child */
	const struct cfg_seccomp *seccomp;
	const struct rt_state *state;
	/* the container's, for a seccomp listener */ /* the container's linux.seccomp */
};

/* Spawns the process; *ret_pid is our child. Returns once it has exec'd, or with the
 * failure it reported from inside the container. */
int rt_exec_spawn(const struct rt_exec_req *req, pid_t *ret_pid, struct berr *err);

#endif
