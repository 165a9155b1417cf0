/* process-exec: the last steps before execve() shared by the container init and `exec`:
 * terminal, capabilities, user switch, umask, no_new_privs, fds, then execve. */
#ifndef BERTH_RT_PROCESS_EXEC_H
#define BERTH_RT_PROCESS_EXEC_H

#include <limits.h>

#include "../config/spec.h"
#include "base/berr.h"
#include "identity.h"
#include "seccomp.h"

/* Everything resolved while the host and the rootfs were still reachable. */
struct rt_process_final {
	struct rt_identity ident;
	char exe[PATH_MAX];
	char **env;
	int tty_slave;		 /* -1 without a terminal */
	int preserve_fds;	 /* fds 3..3+n-1 stay open */
	bool setgroups;		 /* false where the user namespace forbids setgroups */
	bool exec_affinity;	 /* apply process.execCPUAffinity.final (exec only) */
	scmp_filter_ctx seccomp; /* NULL: none (or already loaded) */
};

/* setrlimit for each of process.rlimits. */
int rt_process_rlimits(const struct cfg_process *p, struct berr *err);
/* A notify filter is loaded before the rest of the set-up, while a host-side parent can still
 * pass its fd on: loads f->seccomp, sends the listener fd over the sync socket sock
 * (RT_SYNC_SECCOMP + fd) and waits for RT_SYNC_SECCOMP_DONE. */
int rt_process_seccomp_handover(struct rt_process_final *f, int sock, struct berr *err);
/* Switches to the process's identity and execs it; returns only on failure. */
int rt_process_exec(const struct cfg_process *p, const struct rt_process_final *f,
		    struct berr *err);

#endif
