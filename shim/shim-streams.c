/* shim-streams: the container's and the execs' stdio between host fds and the agent. */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "shim-impl.h"

int shim_stream_add(struct shim *s, uint32_t id, int in_fd, int out_fd, bool owned, bool tty,
		    struct berr *err)
{
	struct shim_stream *st;

	if (s->n_streams == SHIM_MAX_STREAMS)
		return berr_set(err, EMFILE, "too many streams in one VM");
	st = &s->streams[s->n_streams++];
	st->id = id;
	st->in_fd = in_fd;
	st->out_fd = out_fd;
	st->owned = owned;
	st->tty = tty;
	return 0;
}

struct shim_stream *shim_stream_find(struct shim *s, uint32_t id)
{
	int i;

	for (i = 0; i < s->n_streams; i++)
		if (s->streams[i].id == id)
			return &s->streams[i];
	return NULL;
}

static void close_side(struct shim_stream *st, int *fd)
{
	int other = fd == &st->in_fd ? st->out_fd : st->in_fd;

	if (*fd < 0)
		return;
	/* fds 0-2 stay open (they are the caller's); a shared tty fd closes with its last side */
	if (st->owned && *fd != other)
		(void)close(*fd);
	*fd = -1;
}

void shim_stream_drop(struct shim *s, uint32_t id)
{
	struct shim_stream *st = shim_stream_find(s, id);

	if (!st)
		return;
	close_side(st, &st->in_fd);
	close_side(st, &st->out_fd);
	*st = s->streams[--s->n_streams];
}

void shim_stream_output(struct shim *s, uint32_t id, const char *data, size_t len)
{
	struct shim_stream *st = shim_stream_find(s, id);

	if (!st || st->out_fd < 0)
		return;
	if (len == 0) {
		if (!st->tty) /* the guest closed it: so do we, as the container would */
			close_side(st, &st->out_fd);
		return;
	}
	if (proto_write_all(st->out_fd, data, len) < 0)
		close_side(st, &st->out_fd); /* the reader went away (EPIPE) */
}

void shim_stream_pump(struct shim *s, struct shim_stream *st)
{
	char buf[65536];
	struct berr err;
	ssize_t n;

	do
		n = read(st->in_fd, buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	if (n < 0 && errno == EAGAIN)
		return;
	if (n > 0) {
		(void)proto_chan_queue(&s->agent, st->id, buf, (size_t)n, &err);
		return;
	}
	/* end of input: the guest sees end of file (a terminal: the session is over) */
	if (!st->tty)
		(void)proto_chan_queue(&s->agent, st->id, NULL, 0, &err);
	close_side(st, &st->in_fd);
}

void shim_send_size(struct shim *s, int tty_fd, uint32_t stream)
{
	struct winsize ws;
	struct proto_json j;
	struct berr err;

	if (ioctl(tty_fd, TIOCGWINSZ, &ws) < 0 || (!ws.ws_row && !ws.ws_col))
		return;
	pj_begin(&j);
	pj_str(&j, "op", "resize");
	pj_int(&j, "stream", stream);
	pj_int(&j, "rows", ws.ws_row);
	pj_int(&j, "cols", ws.ws_col);
	(void)shim_send(s, &j, SHIM_REQ_NONE, -1, 0, &err);
}
