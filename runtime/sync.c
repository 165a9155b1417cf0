/* sync: fixed-size messages between berth and the container init; see sync.h for the order. */
#include "sync.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int rt_sync_send(int sock, int type, pid_t pid, const struct berr *payload, struct berr *err)
{
	struct rt_sync_msg m;
	ssize_t n;

	memset(&m, 0, sizeof(m));
	m.type = type;
	m.pid = pid;
	if (payload)
		m.err = *payload;
	do
		n = send(sock, &m, sizeof(m), MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(m))
		return berr_sys(err, "sync with container init");
	return 0;
}

int rt_sync_recv(int sock, int expect, struct rt_sync_msg *ret, const char *what, struct berr *err)
{
	struct rt_sync_msg m;
	ssize_t n;

	do
		n = recv(sock, &m, sizeof(m), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return berr_sys(err, "%s: sync with container init", what);
	if (n == 0)
		return berr_set(err, EPIPE, "%s: container init exited unexpectedly", what);
	if (n != (ssize_t)sizeof(m))
		return berr_set(err, EPROTO, "%s: short sync message", what);
	if (m.type == RT_SYNC_ERROR) {
		m.err.msg[sizeof(m.err.msg) - 1] = '\0';
		*err = m.err;
		if (err->code <= 0)
			err->code = EIO;
		return -err->code;
	}
	if (m.type != expect)
		return berr_set(err, EPROTO, "%s: unexpected sync message %d", what, m.type);
	if (ret)
		*ret = m;
	return 0;
}

int rt_send_fd_msg(int sock, int fd, const void *data, size_t len, struct berr *err)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = (void *)data, .iov_len = len};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *c;
	size_t off = 0;
	ssize_t n;

	memset(cbuf, 0, sizeof(cbuf));
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	do
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	/* a stream socket may take part of the payload: the rest follows without the fd */
	while (n > 0 && (off += (size_t)n) < len)
		do
			n = send(sock, (const char *)data + off, len - off, MSG_NOSIGNAL);
		while (n < 0 && errno == EINTR);
	if (n <= 0) {
		if (n == 0)
			errno = EPIPE; /* a stream socket that takes nothing: the peer is gone */
		return berr_sys(err, "send fd over socket");
	}
	return 0;
}

int rt_send_fd(int sock, int fd, struct berr *err)
{
	return rt_send_fd_msg(sock, fd, "", 1, err);
}

int rt_recv_fd(int sock, struct berr *err)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	char byte;
	struct iovec iov = {.iov_base = &byte, .iov_len = 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *c;
	ssize_t n;
	int fd;

	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	if (n < 0)
		return berr_sys(err, "receive fd over socket");
	/* EOF sets no errno: say what happened rather than report a stale one */
	if (n == 0)
		return berr_set(err, EPIPE,
				"receive fd over socket: the peer closed the connection");
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int)))
		return berr_set(err, EPROTO, "receive fd over socket: no fd in message");
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}
