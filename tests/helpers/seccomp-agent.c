/* seccomp-agent: test helper playing the seccomp agent at linux.seccomp.listenerPath. Listens on
 * SOCKET, receives the container process state and the notify fd (SCM_RIGHTS), writes the state
 * to OUT, then answers every notification until the container is gone: "errno:N" fails the
 * syscall with N, "continue" lets it run (SECCOMP_USER_NOTIF_FLAG_CONTINUE). Each handled
 * syscall is appended to OUT.log as "<name> <pid>". SOCKET appears only once it is listening.
 * usage: seccomp-agent SOCKET OUT errno:N|continue */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MSG_MAX (1 << 20)

static int listen_at(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char tmp[sizeof(sa.sun_path)];
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -1;
	memcpy(sa.sun_path, tmp, strlen(tmp) + 1);
	(void)unlink(tmp);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0)
		return -1;
	/* renamed into place: whoever sees SOCKET can connect */
	return rename(tmp, path) < 0 ? -1 : fd;
}

/* Reads the whole message (to EOF) into buf; returns the fd that came with it or -1. */
static int receive(int lfd, char *buf, size_t size, size_t *ret_len)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = buf, .iov_len = size - 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *c;
	int conn, fd = -1;
	size_t len = 0;
	ssize_t n;

	conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (conn < 0)
		return -1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	n = recvmsg(conn, &mh, MSG_CMSG_CLOEXEC);
	c = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	for (len = n > 0 ? (size_t)n : 0; n > 0 && len<size - 1; len += n> 0 ? (size_t)n : 0)
		n = read(conn, buf + len, size - 1 - len);
	buf[len] = '\0';
	*ret_len = len;
	(void)close(conn);
	return fd;
}

static int write_file(const char *path, const char *data, size_t len)
{
	char tmp[4096];
	int fd;

	(void)snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len || close(fd) < 0)
		return -1;
	return rename(tmp, path);
}

/* Answers one notification; returns 0, or -1 when the listener is broken. */
static int answer(int fd, const char *log_path, int error, bool cont)
{
	struct seccomp_notif *req = NULL;
	struct seccomp_notif_resp *resp = NULL;
	char *name;
	FILE *log;
	int r;

	if (seccomp_notify_alloc(&req, &resp) < 0)
		return -1;
	r = seccomp_notify_receive(fd, req);
	if (r < 0) {
		seccomp_notify_free(req, resp);
		/* the caller died while we looked: nothing to answer */
		return r == -ENOENT ? 0 : -1;
	}
	name = seccomp_syscall_resolve_num_arch(req->data.arch, req->data.nr);
	log = fopen(log_path, "ae");
	if (log) {
		fprintf(log, "%s %u\n", name ? name : "?", req->pid);
		(void)fclose(log);
	}
	free(name);
	resp->id = req->id;
	resp->val = 0;
	resp->error = cont ? 0 : -error;
	resp->flags = cont ? SECCOMP_USER_NOTIF_FLAG_CONTINUE : 0;
	(void)seccomp_notify_respond(fd, resp); /* ENOENT: the caller was killed meanwhile */
	seccomp_notify_free(req, resp);
	return 0;
}

int main(int argc, char **argv)
{
	static char buf[MSG_MAX];
	char log_path[4096];
	struct pollfd p = {.events = POLLIN};
	int lfd, error = 0;
	bool cont;
	size_t len = 0;

	cont = argc == 4 && strcmp(argv[3], "continue") == 0;
	if (argc == 4 && strncmp(argv[3], "errno:", 6) == 0)
		error = atoi(argv[3] + 6);
	if (argc != 4 || (!cont && error <= 0)) {
		fprintf(stderr, "usage: seccomp-agent SOCKET OUT errno:N|continue\n");
		return 2;
	}
	alarm(120); /* never outlive a hung test */
	(void)snprintf(log_path, sizeof(log_path), "%s.log", argv[2]);
	lfd = listen_at(argv[1]);
	if (lfd < 0) {
		perror("seccomp-agent: listen");
		return 1;
	}
	p.fd = receive(lfd, buf, sizeof(buf), &len);
	(void)close(lfd);
	(void)unlink(argv[1]);
	if (p.fd < 0 || write_file(argv[2], buf, len) < 0) {
		fprintf(stderr, "seccomp-agent: no state and fd received\n");
		return 1;
	}
	/* POLLHUP once no process uses the filter any more */
	for (;;) {
		p.revents = 0;
		if (poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("seccomp-agent: poll");
			return 1;
		}
		if (p.revents & POLLIN) {
			if (answer(p.fd, log_path, error, cont) < 0)
				return 1;
		} else if (p.revents & (POLLHUP | POLLERR | POLLNVAL)) {
			return 0;
		}
	}
}
