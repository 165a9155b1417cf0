/* sync: the parent <-> container-init protocol over a SOCK_SEQPACKET socketpair.
 *
 *   parent                          init (after clone)
 *   [intermediate: SYNC_PID pid] -> (only when joining namespaces by path)
 *   write uid/gid maps
 *   SYNC_GO(pid) -----------------> set up namespaces, mounts
 *            <--------------------- SYNC_HOOKS (only with prestart/createRuntime hooks)
 *   run them; SYNC_HOOKS_DONE ----> createContainer hooks, pivot_root, console, process
 *            <--------------------- SYNC_READY   (or SYNC_ERROR + berr)
 *   write state.json, pid file
 *   SYNC_START (run only) --------> exec the user's program
 * With `create`, init waits on the exec gate instead (exec-gate.h) for `berth start`.
 * An fd (the pty master) may ride along with a message as SCM_RIGHTS. */
#ifndef BERTH_RT_SYNC_H
#define BERTH_RT_SYNC_H

#include <stddef.h>
#include <sys/types.h>

#include "base/berr.h"

enum rt_sync_type {
	RT_SYNC_PID = 1,
	RT_SYNC_GO,
	RT_SYNC_READY,
	RT_SYNC_START,
	RT_SYNC_ERROR,
	RT_SYNC_HOOKS,	      /* init: mounts done, run prestart + createRuntime now */
	RT_SYNC_HOOKS_DONE,   /* parent: they ran; carries init's host pid */
	RT_SYNC_SECCOMP,      /* init -> parent, then the notify fd (rt_send_fd) */
	RT_SYNC_SECCOMP_DONE, /* parent -> init: the agent has it */
};

struct rt_sync_msg {
	int type;
	pid_t pid;
	struct berr err; /* for RT_SYNC_ERROR */
};

/* Sends a message; fd >= 0 is passed along as SCM_RIGHTS. */
int rt_sync_send(int sock, int type, pid_t pid, const struct berr *payload, struct berr *err);
/* Receives one message of the expected type; SYNC_ERROR copies the peer's berr into err and
 * returns its -code; EOF is reported as "<what>: container init exited". */
int rt_sync_recv(int sock, int expect, struct rt_sync_msg *ret, const char *what, struct berr *err);
/* Sends/receives one fd over a unix socket with a one-byte payload. */
int rt_send_fd(int sock, int fd, struct berr *err);
/* The same with len bytes of data as the payload (all of it, the fd with the first part). */
int rt_send_fd_msg(int sock, int fd, const void *data, size_t len, struct berr *err);
int rt_recv_fd(int sock, struct berr *err);

#endif
