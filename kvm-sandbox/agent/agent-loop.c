/* agent-loop: one poll loop over the host channel, the streams and SIGCHLD. Output streams
 * are read only while the channel's queue is below PROTO_HIGH_WATER, so a slow host slows the
 * container instead of filling the guest. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "agent.h"

enum { MAX_POLL = 2 + AGENT_MAX_STREAMS + AGENT_MAX_PROCS };

struct slot {
	int kind; /* 0 channel, 1 signals, 2 stream */
	uint32_t id;
};

static void on_frame(struct agent *a, uint32_t stream, const char *data, size_t len)
{
	struct berr err;
	yajl_val msg = NULL;

	if (stream != 0) {
		agent_stream_input(a, stream, data, len);
		return;
	}
	if (proto_parse(data, len, &msg, &err) < 0) {
		agent_reply_err(a, 0, &err);
		return;
	}
	agent_op(a, msg);
	yajl_tree_free(msg);
}

static int read_channel(struct agent *a, struct berr *err)
{
	const char *data;
	uint32_t stream;
	size_t len;
	int r = proto_chan_fill(&a->chan, err);

	if (r == -EAGAIN)
		return 0;
	if (r <= 0)
		return r < 0 ? r : -EPIPE; /* the host went away */
	while ((r = proto_chan_next(&a->chan, &stream, &data, &len, err)) == 1)
		on_frame(a, stream, data, len);
	return r;
}

static int build(struct agent *a, struct pollfd *pf, struct slot *sl)
{
	bool room = proto_chan_queued(&a->chan) < PROTO_HIGH_WATER;
	int n = 0, i;

	pf[n] = (struct pollfd){.fd = a->chan.fd,
				.events = POLLIN | (proto_chan_queued(&a->chan) ? POLLOUT : 0)};
	sl[n++] = (struct slot){0, 0};
	pf[n] = (struct pollfd){.fd = a->sigfd, .events = POLLIN};
	sl[n++] = (struct slot){1, 0};
	for (i = 0; room && i < a->n_streams; i++) {
		if (!a->streams[i].out)
			continue;
		pf[n] = (struct pollfd){.fd = a->streams[i].fd, .events = POLLIN};
		sl[n++] = (struct slot){2, a->streams[i].id};
	}
	return n;
}

static void on_ready(struct agent *a, const struct slot *s)
{
	struct signalfd_siginfo si;
	struct agent_stream *st;

	if (s->kind == 1) {
		while (read(a->sigfd, &si, sizeof(si)) == sizeof(si))
			;
		agent_reap(a);
	} else if (s->kind == 2) {
		st = agent_stream_find(a, s->id);
		if (st)
			(void)agent_stream_pump(a, st);
	}
}

int agent_loop(struct agent *a, struct berr *err)
{
	struct pollfd pf[MAX_POLL];
	struct slot sl[MAX_POLL];
	int n, i, r;

	for (;;) {
		if (a->shutting_down && !proto_chan_queued(&a->chan))
			return 0;
		n = build(a, pf, sl);
		if (poll(pf, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return berr_sys(err, "poll");
		}
		if (pf[0].revents & POLLOUT) {
			r = proto_chan_flush(&a->chan, err);
			if (r < 0)
				return r;
		}
		if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			r = read_channel(a, err);
			if (r < 0)
				return r;
		}
		for (i = 1; i < n; i++)
			if (pf[i].revents)
				on_ready(a, &sl[i]);
		r = proto_chan_flush(&a->chan, err);
		if (r < 0)
			return r;
	}
}
