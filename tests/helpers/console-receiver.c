/* console-receiver: test helper playing the engine's side of --console-socket. Listens on
 * SOCKET, receives one pty master (SCM_RIGHTS), optionally writes INPUT to it, and copies
 * everything the container writes to OUT until the pty closes. With ROWSxCOLS it resizes the
 * terminal once the container's first output arrived (a window change while it runs).
 * usage: console-receiver SOCKET OUT [INPUT [ROWSxCOLS]] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], buf[256];
	struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf)};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *c;
	int fd;

	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	if (recvmsg(sock, &mh, 0) <= 0)
		return -1;
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char buf[4096];
	int lfd, conn, master, out;
	ssize_t n;

	if (argc < 3 || strlen(argv[1]) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "usage: console-receiver SOCKET OUT [INPUT [ROWSxCOLS]]\n");
		return 2;
	}
	strcpy(sa.sun_path, argv[1]);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(lfd, 1) < 0) {
		perror("console-receiver: listen");
		return 1;
	}
	conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	master = conn < 0 ? -1 : recv_fd(conn);
	if (master < 0) {
		fprintf(stderr, "console-receiver: no fd received\n");
		return 1;
	}
	out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0)
		return 1;
	if (argc > 3 && write(master, argv[3], strlen(argv[3])) < 0)
		return 1;
	/* EIO once the last slave fd in the container is closed */
	while ((n = read(master, buf, sizeof(buf))) > 0) {
		if (write(out, buf, (size_t)n) != n)
			return 1;
		if (argc > 4) {
			struct winsize ws = {0};

			if (sscanf(argv[4], "%hux%hu", &ws.ws_row, &ws.ws_col) != 2 ||
			    ioctl(master, TIOCSWINSZ, &ws) < 0)
				return 1;
			argc = 4; /* once */
		}
	}
	return 0;
}
