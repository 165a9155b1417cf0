/* exec-gate: how `berth start` releases a created container. `create` binds
 * <root>/<id>/exec.sock; the waiting init accepts one connection, reads one byte and execs;
 * the connection is close-on-exec, so `start` reads EOF on success or an error message. */
#ifndef BERTH_RT_EXEC_GATE_H
#define BERTH_RT_EXEC_GATE_H

#include "base/berr.h"

/* Binds and listens on exec.sock in the state dir; returns the listening fd. */
int rt_gate_listen(int statefd, struct berr *err);
/* In init: blocks until start connects; returns the connection fd. */
int rt_gate_wait(int listenfd, struct berr *err);
/* In init: reports a failure after the gate opened to the waiting `start`. */
void rt_gate_report(int connfd, const struct berr *failure);
/* In start: connects, releases the process, waits for exec; fills err with init's failure. */
int rt_gate_open(int statefd, struct berr *err);

#endif
