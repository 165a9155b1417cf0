/* vm-client: requests to a VM's shim (see the header). */
#include "vm-client.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../runtime/container-record.h"
#include "../shim/shim-vm.h"
#include "proto-frame.h"
#include "proto-json.h"

static int connect_shim(int statefd, struct berr *err)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return berr_sys(err, "socket");
	(void)snprintf(sa.sun_path, sizeof(sa.sun_path), "/proc/self/fd/%d/%s", statefd,
		       SHIM_VM_SOCK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		(void)close(fd);
		if (errno == ENOENT || errno == ECONNREFUSED)
			return berr_set(err, ESRCH, "container not running");
		return berr_sys(err, "connect to the VM shim");
	}
	return fd;
}

/* The next control message on c (blocking); -EPIPE when the shim went away. */
static int next_msg(struct proto_chan *c, int sigfd, yajl_val *ret, int *ret_sig, struct berr *err)
{
	const char *data;
	uint32_t stream;
	size_t len;
	int r;

	for (;;) {
		struct pollfd pf[2] = {{c->fd, POLLIN, 0}, {sigfd, POLLIN, 0}};
		struct signalfd_siginfo si;

		while ((r = proto_chan_next(c, &stream, &data, &len, err)) == 1)
			if (stream == 0)
				return proto_parse(data, len, ret, err);
		if (r < 0)
			return r;
		if (poll(pf, sigfd >= 0 ? 2 : 1, -1) < 0 && errno != EINTR)
			return berr_sys(err, "poll");
		if (sigfd >= 0 && (pf[1].revents & POLLIN) &&
		    read(sigfd, &si, sizeof(si)) == sizeof(si)) {
			*ret_sig = (int)si.ssi_signo;
			return 0;
		}
		if (!(pf[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		r = proto_chan_fill(c, err);
		if (r == 0)
			return berr_set(err, EPIPE, "the VM shim went away");
		if (r < 0 && r != -EAGAIN)
			return r;
	}
}

static int check_ok(yajl_val msg, struct berr *err)
{
	const char *e = proto_str(msg, "error");
	long long code = EIO;

	if (proto_bool(msg, "ok"))
		return 0;
	(void)proto_int(msg, "errno", &code);
	return berr_set(err, code > 0 && code < 4096 ? (int)code : EIO, "%s",
			e ? e : "the VM shim refused the request");
}

static int request(int statefd, struct proto_json *j, struct berr *err)
{
	struct proto_chan c;
	yajl_val msg = NULL;
	int fd, r, sig = 0;

	r = pj_end(j, err);
	if (r < 0)
		return r;
	fd = connect_shim(statefd, err);
	if (fd < 0)
		return fd;
	proto_chan_init(&c, fd, true);
	r = proto_chan_queue(&c, 0, j->s, j->len, err);
	if (r == 0)
		r = proto_chan_flush_all(&c, err);
	if (r == 0)
		r = next_msg(&c, -1, &msg, &sig, err);
	if (r == 0)
		r = check_ok(msg, err);
	yajl_tree_free(msg);
	proto_chan_free(&c);
	(void)close(fd);
	return r;
}

int vm_client_start(int statefd, struct berr *err)
{
	struct proto_json j;
	int r;

	pj_begin(&j);
	pj_str(&j, "op", "start");
	r = request(statefd, &j, err);
	pj_free(&j);
	return r;
}

int vm_client_kill(int statefd, int sig, bool all, struct berr *err)
{
	struct proto_json j;
	int r;

	pj_begin(&j);
	pj_str(&j, "op", "kill");
	pj_int(&j, "signal", sig);
	pj_bool(&j, "all", all);
	r = request(statefd, &j, err);
	pj_free(&j);
	return r;
}

int vm_client_update(int statefd, const char *options_json, const char *resources_json,
		     struct berr *err)
{
	struct proto_json j;
	int r;

	pj_begin(&j);
	pj_str(&j, "op", "update");
	pj_raw(&j, "options", options_json);
	if (resources_json)
		pj_raw(&j, "resources", resources_json);
	r = request(statefd, &j, err);
	pj_free(&j);
	return r;
}

static void send_op(struct proto_chan *c, const char *op, int sig, int tty_fd)
{
	struct proto_json j;
	struct winsize ws;
	struct berr ignored;

	pj_begin(&j);
	pj_str(&j, "op", op);
	if (!strcmp(op, "kill")) {
		pj_int(&j, "signal", sig);
		pj_bool(&j, "exec", true);
	} else {
		if (ioctl(tty_fd, TIOCGWINSZ, &ws) < 0 || (!ws.ws_row && !ws.ws_col)) {
			pj_free(&j);
			return;
		}
		pj_int(&j, "rows", ws.ws_row);
		pj_int(&j, "cols", ws.ws_col);
	}
	if (pj_end(&j, &ignored) == 0 && proto_chan_queue(c, 0, j.s, j.len, &ignored) == 0)
		(void)proto_chan_flush_all(c, &ignored);
	pj_free(&j);
}

/* Waits for the exec's exit event, forwarding signals and terminal resizes. */
static int wait_exit(struct proto_chan *c, const struct vm_exec_req *req, struct berr *err)
{
	sigset_t set;
	int sigfd, r, sig;
	long long v;

	(void)sigfillset(&set);
	(void)sigdelset(&set, SIGKILL);
	(void)sigdelset(&set, SIGSTOP);
	(void)sigprocmask(SIG_BLOCK, &set, NULL);
	sigfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sigfd < 0)
		return berr_sys(err, "signalfd");
	if (req->tty)
		send_op(c, "resize", 0, req->fds[0]);
	for (;;) {
		yajl_val msg = NULL;

		sig = 0;
		r = next_msg(c, sigfd, &msg, &sig, err);
		if (r < 0)
			break;
		if (sig == SIGWINCH && req->tty) {
			send_op(c, "resize", 0, req->fds[0]);
		} else if (sig && sig != SIGCHLD && sig != SIGPIPE && sig != SIGWINCH) {
			send_op(c, "kill", sig, -1);
		} else if (msg && !strcmp(proto_str(msg, "event") ?: "", "exit")) {
			r = proto_int(msg, "signal", &v)
				    ? 128 + (int)v
				    : (proto_int(msg, "code", &v) ? (int)v : 255);
			yajl_tree_free(msg);
			break;
		}
		yajl_tree_free(msg);
	}
	(void)close(sigfd);
	return r;
}

int vm_client_exec(int statefd, const struct vm_exec_req *req, struct berr *err)
{
	struct proto_chan c;
	struct proto_json j;
	yajl_val msg = NULL;
	int fd, r, sig = 0, n_fds = req->tty ? 2 : 3;
	pid_t keeper;

	pj_begin(&j);
	pj_str(&j, "op", "exec");
	pj_raw(&j, "process", req->process_json);
	pj_bool(&j, "terminal", req->tty);
	r = pj_end(&j, err);
	if (r < 0) {
		pj_free(&j);
		return r;
	}
	fd = connect_shim(statefd, err);
	if (fd < 0) {
		pj_free(&j);
		return fd;
	}
	proto_chan_init(&c, fd, true);
	r = proto_chan_send_fds(&c, 0, j.s, j.len, req->fds, n_fds, err);
	pj_free(&j);
	if (r == 0)
		r = next_msg(&c, -1, &msg, &sig, err);
	if (r == 0)
		r = check_ok(msg, err);
	yajl_tree_free(msg);
	if (r == 0 && req->detach) {
		/* a host process for the engine to watch, as long as the exec runs */
		keeper = fork();
		if (keeper == 0) {
			(void)setsid();
			_exit(wait_exit(&c, req, err) & 0xff);
		}
		r = keeper < 0 ? berr_sys(err, "fork") : 0;
		if (r == 0 && req->pid_file)
			r = rt_pid_file_write(req->pid_file, keeper, err);
	} else if (r == 0) {
		if (req->pid_file)
			r = rt_pid_file_write(req->pid_file, getpid(), err);
		if (r == 0)
			r = wait_exit(&c, req, err);
	}
	proto_chan_free(&c);
	(void)close(fd);
	return r;
}
