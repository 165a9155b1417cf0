/* container-create: the host side of `create` and `run`: checks, state dir, spawn, sync,
 * state.json and pid file, with every side effect undone on failure. */
#ifndef BERTH_RT_CONTAINER_CREATE_H
#define BERTH_RT_CONTAINER_CREATE_H

#include <stdbool.h>
#include <sys/types.h>

#include "base/berr.h"

struct rt_create_opts {
	const char *root;
	const char *id;
	const char *bundle;
	const char *console_socket;
	const char *pid_file;
	const char *isolation; /* --isolation, or NULL */
	bool no_pivot;
	bool no_new_keyring;
	int preserve_fds;
	bool start_now; /* run: release the process at once, no exec gate */
	bool tty_relay; /* run in the foreground with a terminal: we hold the pty master */
};

struct rt_created {
	pid_t pid;
	int rootfd;
	int statefd;	  /* locked while the caller holds it */
	int relay_master; /* pty master for tty_relay, else -1 */
	int notify_fd;	  /* NOTIFY_SOCKET with tty_relay: READY still to relay, else -1 */
};

int rt_container_create(const struct rt_create_opts *o, struct rt_created *ret, struct berr *err);

#endif
