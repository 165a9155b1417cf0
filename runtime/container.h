/* container: building one container on this kernel. The parent side (container-create.c)
 * prepares fds and state; the init side (init.c) runs after clone() and becomes the user's
 * process. The context is plain data so it survives clone() unchanged. */
#ifndef BERTH_RT_CONTAINER_H
#define BERTH_RT_CONTAINER_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"
#include "cgroup.h"
#include "state.h"

struct rt_container {
	const struct cfg_spec *spec;
	const char *id;
	char bundle[PATH_MAX];
	char rootfs[PATH_MAX];
	int rootfd;	  /* --root */
	int statefd;	  /* locked <root>/<id> */
	int sync_parent;  /* parent's end of the sync socketpair */
	int sync_child;	  /* init's end */
	int console_sock; /* connected --console-socket (or internal relay), -1 without tty */
	int relay_peer;	  /* init's end of the internal terminal socketpair (tty_relay) */
	int gate_fd;	  /* listening exec gate for create; -1 for run */
	int ns_fds[CFG_NS_COUNT];
	int *idmap_fds;	  /* per spec mount: detached id-mapped mount or -1 (NULL: none) */
	int preserve_fds; /* --preserve-fds plus LISTEN_FDS */
	bool listen_fds;  /* LISTEN_FDS was set: export LISTEN_FDS/LISTEN_PID to the process */
	int n_listen_fds;
	bool no_pivot;
	bool no_new_keyring;
	bool new_userns;
	struct rt_cgroup cg; /* where init was placed (has_cg) */
	bool has_cg;
	int cg_fd;	  /* cgroup v2: the container's cgroup directory, for CLONE_INTO_CGROUP */
	bool born_in_cg;  /* init was cloned into it (cg_fd): nothing to move there */
	bool self_attach; /* init moves itself into the v1 hierarchies (see setup_cgroup) */
	pid_t pid;	  /* init, as the parent sees it (init learns it from SYNC_GO) */
};

/* The state document of a container being built (status filled by the caller). */
void rt_container_state(const struct rt_container *c, struct rt_state *ret);

/* The child: never returns; reports failure over sync_child and _exit()s. */
__attribute__((noreturn)) void rt_init_main(struct rt_container *c);

/* Resolves process.args[0] against the PATH in env like runc (exec.LookPath); ret gets the
 * path to execve. Error text matches runc's so engines map it to exit 127. */
int rt_exec_lookup(const char *arg0, char *const *env, char *ret, size_t len, struct berr *err);
/* Builds the final environment: process.env plus HOME (from passwd) and LISTEN_* when set.
 * Returns a NULL-terminated malloc'd vector (strings borrowed or static). */
char **rt_exec_env(const struct cfg_process *p, const char *home, int n_listen_fds);

#endif
