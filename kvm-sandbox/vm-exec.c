/* vm-exec: exec through the VM shim (see the header). */
#include "vm-exec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "../runtime/base/cleanup.h"
#include "../runtime/sync.h"
#include "proto-json.h"
#include "vm-client.h"
#include "vm-tty.h"

/* The command line's options as the guest's berth exec takes them, a JSON array. */
static char *options_json(const struct rt_exec_opts *o)
{
	char *w[4 + 2 * (3 * RT_EXEC_MAX_LIST) + 2], gids[RT_EXEC_MAX_LIST][16];
	size_t n = 0, i;

#define PAIR(flag, value) (w[n++] = (char *)(flag), w[n++] = (char *)(value))
	if (o->cwd)
		PAIR("--cwd", o->cwd);
	if (o->user)
		PAIR("--user", o->user);
	for (i = 0; i < o->n_env; i++)
		PAIR("--env", o->env[i]);
	for (i = 0; i < o->n_caps; i++)
		PAIR("--cap", o->caps[i]);
	for (i = 0; i < o->n_gids; i++) {
		(void)snprintf(gids[i], sizeof(gids[i]), "%u", o->gids[i]);
		PAIR("--additional-gids", gids[i]);
	}
#undef PAIR
	if (o->no_new_privs)
		w[n++] = (char *)"--no-new-privs";
	if (o->ignore_paused)
		w[n++] = (char *)"--ignore-paused";
	return pj_strv(w, n);
}

int vm_exec(int statefd, const struct rt_exec_opts *o, struct berr *err)
{
	_cleanup_free_ char *opts = options_json(o), *args = pj_strv(o->args, o->n_args);
	_cleanup_free_ char *process = NULL, *body = NULL;
	struct vm_exec_req req = {.tty = o->tty, .detach = o->detach, .pid_file = o->pid_file};
	struct termios saved;
	size_t process_len = 0;
	bool raw = false;
	int slave = -1, r = 0;

	if (!opts || !args)
		return berr_set(err, ENOMEM, "exec: out of memory");
	if (o->preserve_fds)
		return berr_set(err, ENOTSUP, "--preserve-fds: host fds cannot cross into a VM");
	if (o->process_file)
		r = rt_exec_process_read(o->process_file, &process, &process_len, err);
	if (r < 0)
		return r;
	if (asprintf(&body, "{\"options\":%s,\"args\":%s%s%s}", opts, args,
		     process ? ",\"process\":" : "", process ? process : "") < 0)
		return berr_set(err, ENOMEM, "exec: out of memory");
	req.process_json = body;
	if (o->tty && o->console_socket) {
		slave = vm_tty_open(o->console_socket, 0, 0, err);
		if (slave < 0)
			return slave;
		req.fds[0] = req.fds[1] = slave;
	} else if (o->tty) {
		if (o->detach)
			return berr_set(err, EINVAL,
					"--console-socket: required with --tty and --detach");
		if (isatty(0) && tcgetattr(0, &saved) == 0) {
			struct termios t = saved;

			cfmakeraw(&t);
			raw = tcsetattr(0, TCSANOW, &t) == 0;
		}
		req.fds[0] = 0;
		req.fds[1] = 1;
	} else {
		req.fds[0] = 0;
		req.fds[1] = 1;
		req.fds[2] = 2;
	}
	r = vm_client_exec(statefd, &req, err);
	if (raw)
		(void)tcsetattr(0, TCSANOW, &saved);
	if (slave >= 0)
		(void)close(slave);
	return r;
}
