/* notify-receiver: test helper playing systemd's side of NOTIFY_SOCKET. Binds a datagram socket
 * at SOCKET, appends every message to OUT, closes the fd that comes with BARRIER=1 (the
 * sd_notify_barrier answer) and exits after it, or after 30 s.
 * usage: notify-receiver SOCKET OUT */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* One datagram into buf (NUL-terminated); a passed fd is closed. Returns its length or -1. */
static ssize_t recv_one(int sock, char *buf, size_t len)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = buf, .iov_len = len - 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	ssize_t n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	int fd;

	if (n < 0)
		return -1;
	buf[n] = '\0';
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
		(void)close(fd);
	}
	return n;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct pollfd pf;
	char buf[4096];
	int sock, out;
	ssize_t n;

	if (argc != 3 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: notify-receiver SOCKET OUT\n");
		return 2;
	}
	strcpy(sa.sun_path, argv[1]);
	out = open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (out < 0 || sock < 0 || bind(sock, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("notify-receiver");
		return 1;
	}
	pf = (struct pollfd){.fd = sock, .events = POLLIN};
	while (poll(&pf, 1, 30000) > 0) {
		n = recv_one(sock, buf, sizeof(buf));
		if (n < 0)
			return 1;
		if (strcmp(buf, "BARRIER=1") == 0)
			return 0;
		if (write(out, buf, (size_t)n) != n)
			return 1;
	}
	return 1;
}
