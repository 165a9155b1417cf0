/* agent-stdio: the stdio streams between the container's processes and the host. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"

int agent_stream_add(struct agent *a, uint32_t id, int fd, bool out, bool in, struct berr *err)
{
	struct agent_stream *s;

	if (id == 0 || agent_stream_find(a, id))
		return berr_set(err, EINVAL, "stream %u: zero or in use", id);
	if (a->n_streams == AGENT_MAX_STREAMS)
		return berr_set(err, EMFILE, "stream %u: too many streams", id);
	s = &a->streams[a->n_streams++];
	s->id = id;
	s->fd = fd;
	s->out = out;
	s->in = in;
	if (out) /* read when poll says so, never block the loop */
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return 0;
}

struct agent_stream *agent_stream_find(struct agent *a, uint32_t id)
{
	int i;

	for (i = 0; i < a->n_streams; i++)
		if (a->streams[i].id == id)
			return &a->streams[i];
	return NULL;
}

void agent_stream_close(struct agent *a, uint32_t id)
{
	struct agent_stream *s = agent_stream_find(a, id);

	if (!s)
		return;
	(void)close(s->fd);
	*s = a->streams[--a->n_streams];
}

void agent_stream_input(struct agent *a, uint32_t id, const char *data, size_t len)
{
	struct agent_stream *s = agent_stream_find(a, id);

	if (!s || !s->in)
		return; /* the process is gone: drop it, as a closed pipe would */
	if (len == 0) {
		if (s->out) /* a terminal stays open for output */
			s->in = false;
		else
			agent_stream_close(a, id);
		return;
	}
	if (proto_write_all(s->fd, data, len) < 0 && !s->out)
		agent_stream_close(a, id);
}

bool agent_stream_pump(struct agent *a, struct agent_stream *s)
{
	char buf[65536];
	struct berr err;
	uint32_t id = s->id;
	ssize_t n;

	do
		n = read(s->fd, buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	if (n < 0 && errno == EAGAIN)
		return true;
	if (n > 0) {
		(void)proto_chan_queue(&a->chan, id, buf, (size_t)n, &err);
		return true;
	}
	/* end of file (EIO: a pty whose last slave closed) */
	(void)proto_chan_queue(&a->chan, id, NULL, 0, &err);
	agent_stream_close(a, id);
	return false;
}
