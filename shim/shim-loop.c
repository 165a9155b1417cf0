/* shim-loop: the VM shim's one poll loop: the agent channel, vm.sock and its clients, the
 * stdio streams, and signals (SIGCHLD: QEMU ended; SIGWINCH: our terminal was resized; the
 * rest are forwarded to the container as `berth kill` would). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../runtime/base/log.h"
#include "shim-impl.h"

enum { MAX_POLL = 3 + SHIM_MAX_CLIENTS + SHIM_MAX_STREAMS };
enum slot_kind { SL_AGENT, SL_SIG, SL_LISTEN, SL_CLIENT, SL_STREAM };

struct slot {
	enum slot_kind kind;
	int key;
};

#define SHUTDOWN_GRACE_MS 3000

long long shim_send(struct shim *s, struct proto_json *j, enum shim_req kind, int client_fd,
		    uint32_t exec, struct berr *err)
{
	long long seq = ++s->seq;
	int i, r;

	pj_int(j, "seq", seq);
	r = pj_end(j, err);
	if (r == 0)
		r = proto_chan_queue(&s->agent, 0, j->s, j->len, err);
	pj_free(j);
	if (r < 0)
		return r;
	for (i = 0; kind != SHIM_REQ_NONE && i < SHIM_MAX_PENDING; i++) {
		if (!s->pending[i].seq) {
			s->pending[i] = (struct shim_pending){seq, client_fd, kind, exec};
			break;
		}
	}
	return seq;
}

static void on_event(struct shim *s, yajl_val msg, const char *raw, size_t len)
{
	long long ref = 0, v = 0;
	struct proto_json j;
	struct berr err;

	if (strcmp(proto_str(msg, "event") ?: "", "exit") || !proto_int(msg, "exec", &ref))
		return;
	if (ref) {
		shim_exec_exited(s, (uint32_t)ref, raw, len);
		return;
	}
	s->exited = true;
	log_debug("vm: the container exited");
	if (proto_int(msg, "signal", &v))
		s->exit_signal = (int)v;
	else if (proto_int(msg, "code", &v))
		s->exit_code = (int)v;
	/* the container is gone: so is the VM */
	pj_begin(&j);
	pj_str(&j, "op", "shutdown");
	(void)shim_send(s, &j, SHIM_REQ_NONE, -1, 0, &err);
}

void shim_agent_frame(struct shim *s, uint32_t stream, const char *data, size_t len)
{
	yajl_val msg = NULL;
	struct berr err;
	long long seq = 0;
	int i;

	if (stream) {
		shim_stream_output(s, stream, data, len);
		return;
	}
	if (proto_parse(data, len, &msg, &err) < 0) {
		log_debug("vm shim: %s", err.msg);
		return;
	}
	if (proto_str(msg, "event")) {
		on_event(s, msg, data, len);
	} else if (proto_int(msg, "seq", &seq) && seq) {
		for (i = 0; i < SHIM_MAX_PENDING; i++) {
			if (s->pending[i].seq != seq)
				continue;
			shim_client_reply(s, &s->pending[i], msg, data, len);
			s->pending[i].seq = 0;
			break;
		}
	}
	yajl_tree_free(msg);
}

static int build(struct shim *s, struct pollfd *pf, struct slot *sl)
{
	bool room = proto_chan_queued(&s->agent) < PROTO_HIGH_WATER;
	int n = 0, i;

	pf[n] = (struct pollfd){.fd = s->agent.fd,
				.events = POLLIN | (proto_chan_queued(&s->agent) ? POLLOUT : 0)};
	sl[n++] = (struct slot){SL_AGENT, 0};
	pf[n] = (struct pollfd){.fd = s->sigfd, .events = POLLIN};
	sl[n++] = (struct slot){SL_SIG, 0};
	if (s->listen_fd >= 0) {
		pf[n] = (struct pollfd){.fd = s->listen_fd, .events = POLLIN};
		sl[n++] = (struct slot){SL_LISTEN, 0};
	}
	for (i = 0; i < SHIM_MAX_CLIENTS; i++) {
		struct shim_client *c = &s->clients[i];

		if (c->fd < 0)
			continue;
		pf[n] = (struct pollfd){.fd = c->fd,
					.events = POLLIN |
						  (proto_chan_queued(&c->chan) ? POLLOUT : 0)};
		sl[n++] = (struct slot){SL_CLIENT, c->fd};
	}
	for (i = 0; room && !s->exited && i < s->n_streams; i++) {
		if (s->streams[i].in_fd < 0)
			continue;
		pf[n] = (struct pollfd){.fd = s->streams[i].in_fd, .events = POLLIN};
		sl[n++] = (struct slot){SL_STREAM, (int)s->streams[i].id};
	}
	return n;
}

static void forward_signal(struct shim *s, int sig)
{
	struct proto_json j;
	struct berr err;

	if (s->exited)
		return;
	pj_begin(&j);
	pj_str(&j, "op", "kill");
	pj_int(&j, "signal", sig);
	(void)shim_send(s, &j, SHIM_REQ_NONE, -1, 0, &err);
}

static void on_signals(struct shim *s)
{
	struct signalfd_siginfo si;
	int st;

	while (read(s->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGCHLD) {
			if (!s->qemu_gone && waitpid(s->qemu, &st, WNOHANG) == s->qemu) {
				log_debug("vm: QEMU ended");
				s->qemu_gone = true;
				s->qemu_status = st;
			}
		} else if (si.ssi_signo == SIGWINCH) {
			if (s->a->tty_fd >= 0)
				shim_send_size(s, s->a->tty_fd, 1);
			else if (s->a->tty_stdio)
				shim_send_size(s, 0, 1);
		} else if (si.ssi_signo != SIGPIPE) {
			forward_signal(s, (int)si.ssi_signo);
		}
	}
}

static void on_slot(struct shim *s, const struct slot *sl, short rev)
{
	struct shim_client *c;
	struct shim_stream *st;
	struct berr err;

	switch (sl->kind) {
	case SL_SIG:
		on_signals(s);
		break;
	case SL_LISTEN:
		shim_client_accept(s);
		break;
	case SL_CLIENT:
		c = shim_client_find(s, sl->key);
		if (c && (rev & POLLOUT) && proto_chan_flush(&c->chan, &err) < 0)
			shim_client_close(s, c);
		else if (c && (rev & (POLLIN | POLLHUP | POLLERR)) && !shim_client_input(s, c))
			shim_client_close(s, c);
		break;
	case SL_STREAM:
		st = shim_stream_find(s, (uint32_t)sl->key);
		if (st && st->in_fd >= 0)
			shim_stream_pump(s, st);
		break;
	default:
		break;
	}
}

/* The frames already read: after the boot these can be the container's first output, even
 * its exit, which came in with the create reply. */
static int agent_frames(struct shim *s, struct berr *err)
{
	const char *data;
	uint32_t stream;
	size_t len;
	int r;

	while ((r = proto_chan_next(&s->agent, &stream, &data, &len, err)) == 1)
		shim_agent_frame(s, stream, data, len);
	return r;
}

static int read_agent(struct shim *s, struct berr *err)
{
	int r = proto_chan_fill(&s->agent, err);

	if (r == -EAGAIN)
		return 0;
	if (r <= 0)
		return -EPIPE;
	return agent_frames(s, err);
}

static long long now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

void shim_loop(struct shim *s)
{
	struct pollfd pf[MAX_POLL];
	struct slot sl[MAX_POLL];
	long long deadline = 0;
	bool agent_open = true;
	struct berr err;
	int n, i;

	(void)agent_frames(s, &err);
	while (!s->qemu_gone) {
		if (s->exited && !deadline)
			deadline = now_ms() + SHUTDOWN_GRACE_MS;
		if (deadline && now_ms() > deadline)
			s->backend->stop(s->qemu); /* the guest did not end itself */
		n = build(s, pf, sl);
		if (!agent_open)
			pf[0].fd = -1;
		if (poll(pf, (nfds_t)n, deadline ? 200 : -1) < 0 && errno != EINTR)
			break;
		if (pf[0].revents & POLLOUT)
			(void)proto_chan_flush(&s->agent, &err);
		if (agent_open && (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    read_agent(s, &err) < 0)
			agent_open = false;
		for (i = 1; i < n; i++)
			if (pf[i].revents)
				on_slot(s, &sl[i], pf[i].revents);
		if (agent_open)
			(void)proto_chan_flush(&s->agent, &err);
	}
	/* clients still waiting hear of the end before we go */
	for (i = 0; i < SHIM_MAX_CLIENTS; i++)
		if (s->clients[i].fd >= 0)
			(void)proto_chan_flush_all(&s->clients[i].chan, &err);
}
