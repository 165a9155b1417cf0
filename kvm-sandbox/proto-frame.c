/* proto-frame: frame queueing, non-blocking flush and parsing for the agent channel. */
#include "proto-frame.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void proto_chan_init(struct proto_chan *c, int fd, bool is_socket)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->is_socket = is_socket;
}

void proto_chan_free(struct proto_chan *c)
{
	int i;

	free(c->in);
	free(c->out);
	for (i = 0; i < c->n_fds; i++)
		(void)close(c->fds[i]);
	c->in = c->out = NULL;
	c->n_fds = 0;
}

static int reserve(char **buf, size_t *cap, size_t need, struct berr *err)
{
	size_t n = *cap ? *cap : 4096;
	char *p;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	p = realloc(*buf, n);
	if (!p)
		return berr_set(err, ENOMEM, "agent channel: out of memory");
	*buf = p;
	*cap = n;
	return 0;
}

static void put_be32(char *p, uint32_t v)
{
	p[0] = (char)(v >> 24);
	p[1] = (char)(v >> 16);
	p[2] = (char)(v >> 8);
	p[3] = (char)v;
}

static uint32_t get_be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 | (uint32_t)u[2] << 8 | u[3];
}

int proto_chan_queue(struct proto_chan *c, uint32_t stream, const void *data, size_t len,
		     struct berr *err)
{
	int r;

	if (len > PROTO_MAX_FRAME)
		return berr_set(err, EMSGSIZE, "agent channel: frame of %zu bytes is too large",
				len);
	/* compact what was already written before growing */
	if (c->out_off && c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	r = reserve(&c->out, &c->out_cap, c->out_len + PROTO_HEADER + len, err);
	if (r < 0)
		return r;
	put_be32(c->out + c->out_len, (uint32_t)len);
	put_be32(c->out + c->out_len + 4, stream);
	if (len)
		memcpy(c->out + c->out_len + PROTO_HEADER, data, len);
	c->out_len += PROTO_HEADER + len;
	return 0;
}

size_t proto_chan_queued(const struct proto_chan *c)
{
	return c->out_len - c->out_off;
}

int proto_chan_flush(struct proto_chan *c, struct berr *err)
{
	while (c->out_off < c->out_len) {
		ssize_t n = c->is_socket
				    ? send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
					   MSG_DONTWAIT | MSG_NOSIGNAL)
				    : write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 1;
		if (n < 0)
			return berr_sys(err, "agent channel: write");
		c->out_off += (size_t)n;
	}
	c->out_off = c->out_len = 0;
	return 0;
}

int proto_chan_flush_all(struct proto_chan *c, struct berr *err)
{
	struct pollfd p = {.fd = c->fd, .events = POLLOUT};
	int r;

	while ((r = proto_chan_flush(c, err)) == 1)
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			return berr_sys(err, "agent channel: poll");
	return r;
}

static void keep_fds(struct proto_chan *c, struct msghdr *mh)
{
	struct cmsghdr *cm;

	for (cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		size_t i, n;
		int *fds = (int *)CMSG_DATA(cm);

		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			if (c->n_fds < PROTO_MAX_FDS)
				c->fds[c->n_fds++] = fds[i];
			else
				(void)close(fds[i]);
		}
	}
}

int proto_chan_fill(struct proto_chan *c, struct berr *err)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * PROTO_MAX_FDS)];
		struct cmsghdr align;
	} ctl;
	struct iovec iov;
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n;
	int r;

	if (c->in_off) { /* drop what was consumed */
		memmove(c->in, c->in + c->in_off, c->in_len - c->in_off);
		c->in_len -= c->in_off;
		c->in_off = 0;
	}
	r = reserve(&c->in, &c->in_cap, c->in_len + 65536, err);
	if (r < 0)
		return r;
	iov.iov_base = c->in + c->in_len;
	iov.iov_len = c->in_cap - c->in_len;
	do {
		if (c->is_socket) {
			mh.msg_control = ctl.buf;
			mh.msg_controllen = sizeof(ctl.buf);
			n = recvmsg(c->fd, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
		} else {
			n = read(c->fd, iov.iov_base, iov.iov_len);
		}
	} while (n < 0 && errno == EINTR);
	if (n < 0 && errno == EAGAIN)
		return -EAGAIN;
	if (n < 0)
		return berr_sys(err, "agent channel: read");
	if (c->is_socket)
		keep_fds(c, &mh);
	c->in_len += (size_t)n;
	return (int)n;
}

int proto_chan_next(struct proto_chan *c, uint32_t *ret_stream, const char **ret_data,
		    size_t *ret_len, struct berr *err)
{
	size_t avail = c->in_len - c->in_off;
	uint32_t len;

	if (avail < PROTO_HEADER)
		return 0;
	len = get_be32(c->in + c->in_off);
	if (len > PROTO_MAX_FRAME)
		return berr_set(err, EPROTO, "agent channel: frame of %u bytes is too large", len);
	if (avail < PROTO_HEADER + len)
		return 0;
	*ret_stream = get_be32(c->in + c->in_off + 4);
	*ret_data = c->in + c->in_off + PROTO_HEADER;
	*ret_len = len;
	c->in_off += PROTO_HEADER + len;
	return 1;
}

int proto_chan_take_fd(struct proto_chan *c)
{
	int fd;

	if (!c->n_fds)
		return -1;
	fd = c->fds[0];
	memmove(c->fds, c->fds + 1, sizeof(int) * (size_t)--c->n_fds);
	return fd;
}

int proto_chan_send_fds(struct proto_chan *c, uint32_t stream, const void *data, size_t len,
			const int *fds, int n_fds, struct berr *err)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * PROTO_MAX_FDS)];
		struct cmsghdr align;
	} ctl;
	char head[PROTO_HEADER];
	struct iovec iov[2] = {{head, PROTO_HEADER}, {(void *)data, len}};
	struct msghdr mh = {.msg_iov = iov, .msg_iovlen = 2};
	struct cmsghdr *cm;
	ssize_t n;

	if (n_fds > PROTO_MAX_FDS || len > PROTO_MAX_FRAME)
		return berr_set(err, EINVAL, "agent channel: too many fds or bytes in one message");
	put_be32(head, (uint32_t)len);
	put_be32(head + 4, stream);
	if (n_fds) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)n_fds);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)n_fds);
		memcpy(CMSG_DATA(cm), fds, sizeof(int) * (size_t)n_fds);
	}
	do
		n = sendmsg(c->fd, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return berr_sys(err, "send to the VM monitor");
	if ((size_t)n != PROTO_HEADER + len)
		return berr_set(err, EIO, "send to the VM monitor: short write");
	return 0;
}

int proto_write_all(int fd, const void *p, size_t len)
{
	const char *c = p;

	while (len) {
		ssize_t n = write(fd, c, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			struct pollfd pf = {.fd = fd, .events = POLLOUT};

			(void)poll(&pf, 1, 100); /* the reader is slow: its pipe is full */
			continue;
		}
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		c += n;
		len -= (size_t)n;
	}
	return 0;
}
