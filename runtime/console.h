/* console: the container's terminal (process.terminal): a pty made from the container's own
 * /dev/pts, its slave bound on /dev/console, its master sent over --console-socket. */
#ifndef BERTH_RT_CONSOLE_H
#define BERTH_RT_CONSOLE_H

#include "../config/spec.h"
#include <stddef.h>

#include "base/berr.h"

/* After pivot_root: opens /dev/ptmx, sizes the pty from process.consoleSize, binds the slave
 * on /dev/console, sends the master on sock. Returns the slave fd (close-on-exec). */
int rt_console_setup(const struct cfg_process *p, int sock, struct berr *err);
/* Opens a new pty from the current /dev/ptmx, sizes it, sends the master on sock; returns
 * the slave fd and its path in ret_path (for `exec`, which has no /dev/console to bind). */
int rt_console_new_pty(const struct cfg_process *p, int sock, char *ret_path, size_t len,
		       struct berr *err);
/* Connects to --console-socket path (create, run and exec, in either isolation); returns the
 * socket. Errors: "--console-socket: connect to <path>: <errno text>". */
int rt_console_connect(const char *path, struct berr *err);
/* In the process about to exec: new session, slave as controlling tty and stdio. */
int rt_console_attach(int slave, struct berr *err);

#endif
