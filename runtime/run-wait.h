/* run-wait: the foreground half of `berth run`: forward signals to the container, relay
 * its terminal to our stdio, reap, and turn its end into our exit status. */
#ifndef BERTH_RT_RUN_WAIT_H
#define BERTH_RT_RUN_WAIT_H

#include <sys/types.h>

#include "base/berr.h"

/* Blocks the forwarded signals; call before the container can exit unnoticed. */
int rt_run_block_signals(struct berr *err);
/* Waits for pid; master >= 0 is a pty master to relay. Returns code, or 128+signal. */
int rt_run_wait(pid_t pid, int master, struct berr *err);
/* The same, also relaying READY from the notify socket nfd (>= 0) to NOTIFY_SOCKET. */
int rt_run_wait_notify(pid_t pid, int master, int nfd, struct berr *err);
/* Exit status as a shell reports it: code, or 128+N for signal N. */
int rt_exit_status(int wstatus);

#endif
