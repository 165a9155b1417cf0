/* notify-socket: NOTIFY_SOCKET pass-through as runc does it. When berth's caller (systemd, or an
 * engine acting for it) sets NOTIFY_SOCKET:
 *   create: rt_notify_setup_spec() makes <state>/notify, binds it read-only into the container
 *           at /run/notify and sets NOTIFY_SOCKET=/run/notify/notify.sock in process.env;
 *   start (or run): rt_notify_bind() creates the datagram socket in that directory before the
 *           process is released, then rt_notify_relay() waits for READY=... from the container
 *           and forwards it with MAINPID=<pid> to the caller's socket (and BARRIER=1). */
#ifndef BERTH_RT_NOTIFY_SOCKET_H
#define BERTH_RT_NOTIFY_SOCKET_H

#include <stddef.h>
#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"

#define RT_NOTIFY_DIR	       "notify"
#define RT_NOTIFY_SOCK	       "notify.sock"
#define RT_NOTIFY_IN_CONTAINER "/run/notify"
#define RT_NOTIFY_BARRIER_MS   30000 /* as runc: then warn and carry on */

/* The caller's NOTIFY_SOCKET (secure_getenv), or NULL when unset, empty or too long for a unix
 * socket address. "@name" is an abstract socket. */
const char *rt_notify_host_socket(void);

/* create: mkdir <state>/notify and append to spec the read-only bind mount of it on
 * /run/notify (bind, nosuid, noexec, nodev, ro) and NOTIFY_SOCKET=/run/notify/notify.sock to
 * process.env (replacing one the config set). The spec owns what is added (cfg_spec_free). */
int rt_notify_setup_spec(int statefd, struct cfg_spec *spec, struct berr *err);

/* start / run: binds <state>/notify/notify.sock (SOCK_DGRAM, mode 0777 so any container user
 * may send) and sets *ret_fd. *ret_fd = -1 and 0 returned when the container was created
 * without NOTIFY_SOCKET (no notify directory). */
int rt_notify_bind(int statefd, int *ret_fd, struct berr *err);

/* Drains the datagrams queued on fd without blocking. Returns 1 and copies the READY=... line
 * to ret when one carried it, 0 when none did (yet). For a caller that polls fd itself (run
 * with a terminal to relay). */
int rt_notify_recv_ready(int fd, char *ret, size_t len, struct berr *err);

/* Sends "<ready>\nMAINPID=<pid>\n" to host, then BARRIER=1 with a pipe and waits up to
 * barrier_ms for the receiver to close it (a timeout is only logged, as runc). */
int rt_notify_forward(const char *host, const char *ready, pid_t pid, int barrier_ms,
		      struct berr *err);

/* Blocks until the container reports READY (forwarded: returns 1) or pid exits (returns 0). */
int rt_notify_relay(int fd, const char *host, pid_t pid, struct berr *err);

#endif
