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

/* Appends s to the array being written, as a JSON string. */
static void add_str(FILE *f, bool *first, const char *s)
{
	struct proto_json one;
	struct berr ignored;

	pj_begin(&one);
	pj_str(&one, "k", s); /* {"k":"..."}: the quoted string is what follows {"k": */
	if (pj_end(&one, &ignored) == 0)
		(void)fprintf(f, "%s%.*s", *first ? "" : ",", (int)one.len - 6, one.s + 5);
	pj_free(&one);
	*first = false;
}

/* A JSON array text of the options for the guest's berth exec. */
static char *options_json(const struct rt_exec_opts *o)
{
	char *out = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&out, &len);
	char num[16];
	bool first = true;

	if (!f)
		return NULL;
	(void)fputc('[', f);
	if (o->cwd) {
		add_str(f, &first, "--cwd");
		add_str(f, &first, o->cwd);
	}
	if (o->user) {
		add_str(f, &first, "--user");
		add_str(f, &first, o->user);
	}
	for (i = 0; i < o->n_env; i++) {
		add_str(f, &first, "--env");
		add_str(f, &first, o->env[i]);
	}
	for (i = 0; i < o->n_caps; i++) {
		add_str(f, &first, "--cap");
		add_str(f, &first, o->caps[i]);
	}
	for (i = 0; i < o->n_gids; i++) {
		(void)snprintf(num, sizeof(num), "%u", o->gids[i]);
		add_str(f, &first, "--additional-gids");
		add_str(f, &first, num);
	}
	if (o->no_new_privs)
		add_str(f, &first, "--no-new-privs");
	if (o->ignore_paused)
		add_str(f, &first, "--ignore-paused");
	(void)fputs("],\"args\":[", f);
	first = true;
	for (i = 0; i < o->n_args; i++)
		add_str(f, &first, o->args[i]);
	(void)fputc(']', f);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

int vm_exec(int statefd, const struct rt_exec_opts *o, struct berr *err)
{
	_cleanup_free_ char *opts = options_json(o), *process = NULL, *body = NULL;
	struct vm_exec_req req = {.tty = o->tty, .detach = o->detach, .pid_file = o->pid_file};
	struct termios saved;
	size_t process_len = 0;
	bool raw = false;
	int slave = -1, r = 0;

	if (!opts)
		return berr_set(err, ENOMEM, "exec: out of memory");
	if (o->preserve_fds)
		return berr_set(err, ENOTSUP, "--preserve-fds: host fds cannot cross into a VM");
	if (o->process_file)
		r = rt_exec_process_read(o->process_file, &process, &process_len, err);
	if (r < 0)
		return r;
	if (asprintf(&body, "{\"options\":%s%s%s}", opts, process ? ",\"process\":" : "",
		     process ? process : "") < 0)
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
