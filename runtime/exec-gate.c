/* exec-gate: the unix-socket handshake between `berth start` and the waiting init. */
#include "exec-gate.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "state.h"

/* The state dir can be deeper than sun_path allows: address it through /proc/self/fd. */
static void gate_addr(int statefd, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	(void)snprintf(sa->sun_path, sizeof(sa->sun_path), "/proc/self/fd/%d/%s", statefd,
		       RT_EXEC_SOCK);
}

int rt_gate_listen(int statefd, struct berr *err)
{
	_cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa;

	if (fd < 0)
		return berr_sys(err, "create exec gate socket");
	gate_addr(statefd, &sa);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return berr_sys(err, "bind exec gate %s", RT_EXEC_SOCK);
	if (listen(fd, 1) < 0)
		return berr_sys(err, "listen on exec gate");
	return TAKE_FD(fd);
}

int rt_gate_wait(int listenfd, struct berr *err)
{
	char byte;
	int c;

	for (;;) {
		c = accept4(listenfd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0) {
			if (errno == EINTR)
				continue;
			return berr_sys(err, "wait for start (accept)");
		}
		if (read(c, &byte, 1) == 1 && byte == 'S')
			return c;
		(void)close(c); /* a stray connection: keep waiting for start */
	}
}

void rt_gate_report(int connfd, const struct berr *failure)
{
	char msg[600];

	(void)berr_str(failure, msg, sizeof(msg));
	(void)!write(connfd, msg, strlen(msg)); /* the peer prints it; nothing else to do */
}

int rt_gate_open(int statefd, struct berr *err)
{
	_cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa;
	char buf[sizeof(err->msg)];
	size_t used = 0;
	ssize_t n;

	if (fd < 0)
		return berr_sys(err, "create socket");
	gate_addr(statefd, &sa);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return berr_sys(err, "connect to the waiting container process");
	if (write(fd, "S", 1) != 1)
		return berr_sys(err, "release the container process");
	while (used < sizeof(buf) - 1) {
		n = read(fd, buf + used, sizeof(buf) - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += (size_t)n;
	}
	if (used) {
		buf[used] = '\0';
		return berr_set(err, EIO, "%s", buf);
	}
	return 0;
}
