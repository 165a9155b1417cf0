/* notify-socket: the sd_notify relay between a container and berth's caller (see the header
 * for who calls what). */
#include "notify-socket.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"

#define ENV_NAME    "NOTIFY_SOCKET="
#define DGRAM_MAX   4096
#define SOCK_IN_CTR RT_NOTIFY_IN_CONTAINER "/" RT_NOTIFY_SOCK

const char *rt_notify_host_socket(void)
{
	const char *s = secure_getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa;

	if (!s || !*s || strlen(s) >= sizeof(sa.sun_path))
		return NULL;
	return s;
}

/* "@name" is abstract: a leading NUL in sun_path, and the length says where it ends. */
static socklen_t host_addr(const char *host, struct sockaddr_un *sa)
{
	size_t n = strlen(host);

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path, host, n);
	if (host[0] != '@')
		return (socklen_t)sizeof(*sa);
	sa->sun_path[0] = '\0';
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
}

static int strv_add(struct cfg_strv *v, const char *s)
{
	char **nv = realloc(v->v, (v->n + 2) * sizeof(*nv));

	if (!nv)
		return -ENOMEM;
	v->v = nv;
	nv[v->n] = strdup(s);
	if (!nv[v->n])
		return -ENOMEM;
	nv[++v->n] = NULL;
	return 0;
}

static int set_env(struct cfg_strv *env, struct berr *err)
{
	size_t i;
	char *s;

	for (i = 0; i < env->n; i++) {
		if (strncmp(env->v[i], ENV_NAME, strlen(ENV_NAME)) != 0)
			continue;
		s = strdup(ENV_NAME SOCK_IN_CTR);
		if (!s)
			return berr_set(err, ENOMEM, "NOTIFY_SOCKET: set process.env");
		free(env->v[i]);
		env->v[i] = s;
		return 0;
	}
	if (strv_add(env, ENV_NAME SOCK_IN_CTR) < 0)
		return berr_set(err, ENOMEM, "NOTIFY_SOCKET: set process.env");
	return 0;
}

static int add_mount(struct cfg_spec *spec, const char *source, struct berr *err)
{
	static const char *const opts[] = {"bind", "nosuid", "noexec", "nodev", "ro"};
	struct cfg_mount *mv = realloc(spec->mounts, (spec->n_mounts + 1) * sizeof(*mv));
	struct cfg_mount *m;
	size_t i;

	if (!mv)
		return berr_set(err, ENOMEM, "NOTIFY_SOCKET: add mount");
	spec->mounts = mv;
	m = &mv[spec->n_mounts++];
	memset(m, 0, sizeof(*m));
	m->destination = strdup(RT_NOTIFY_IN_CONTAINER);
	m->type = strdup("bind");
	m->source = strdup(source);
	if (!m->destination || !m->type || !m->source)
		return berr_set(err, ENOMEM, "NOTIFY_SOCKET: add mount");
	for (i = 0; i < ARRAY_SIZE(opts); i++)
		if (strv_add(&m->options, opts[i]) < 0)
			return berr_set(err, ENOMEM, "NOTIFY_SOCKET: add mount");
	return 0;
}

int rt_notify_setup_spec(int statefd, struct cfg_spec *spec, struct berr *err)
{
	char fdpath[64], dir[PATH_MAX];
	ssize_t n;
	int r;

	if (mkdirat(statefd, RT_NOTIFY_DIR, 0755) < 0 && errno != EEXIST)
		return berr_sys(err, "NOTIFY_SOCKET: create %s in the state directory",
				RT_NOTIFY_DIR);
	/* the mount source is a path string: the state dir's, as the kernel names it */
	(void)snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", statefd);
	n = readlink(fdpath, dir, sizeof(dir) - sizeof("/" RT_NOTIFY_DIR));
	if (n < 0)
		return berr_sys(err, "NOTIFY_SOCKET: find the state directory");
	dir[n] = '\0';
	strcat(dir, "/" RT_NOTIFY_DIR);
	r = add_mount(spec, dir, err);
	if (r == 0)
		r = set_env(&spec->process.env, err);
	return r;
}

int rt_notify_bind(int statefd, int *ret_fd, struct berr *err)
{
	_cleanup_close_ int fd = -1, dirfd = -1;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};

	dirfd = openat(statefd, RT_NOTIFY_DIR, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dirfd < 0 && errno == ENOENT) {
		*ret_fd = -1; /* created without NOTIFY_SOCKET: nothing to relay */
		return 0;
	}
	if (dirfd < 0)
		return berr_sys(err, "NOTIFY_SOCKET: open %s in the state directory",
				RT_NOTIFY_DIR);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return berr_sys(err, "NOTIFY_SOCKET: socket");
	/* the state dir may be deeper than sun_path allows */
	(void)snprintf(sa.sun_path, sizeof(sa.sun_path), "/proc/self/fd/%d/%s", dirfd,
		       RT_NOTIFY_SOCK);
	(void)unlinkat(dirfd, RT_NOTIFY_SOCK, 0); /* a stale one from an earlier start */
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return berr_sys(err, "NOTIFY_SOCKET: bind %s", RT_NOTIFY_SOCK);
	if (fchmodat(dirfd, RT_NOTIFY_SOCK, 0777, 0) < 0)
		return berr_sys(err, "NOTIFY_SOCKET: chmod %s", RT_NOTIFY_SOCK);
	*ret_fd = TAKE_FD(fd);
	return 0;
}

/* The READY=... line of one datagram, if any. */
static bool find_ready(char *msg, char *ret, size_t len)
{
	char *line, *save = NULL;

	for (line = strtok_r(msg, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "READY=", 6) != 0)
			continue;
		(void)snprintf(ret, len, "%s", line);
		return true;
	}
	return false;
}

int rt_notify_recv_ready(int fd, char *ret, size_t len, struct berr *err)
{
	char buf[DGRAM_MAX + 1];
	ssize_t n;

	for (;;) {
		n = recv(fd, buf, DGRAM_MAX, MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n < 0)
			return berr_sys(err, "NOTIFY_SOCKET: receive from the container");
		buf[n] = '\0';
		if (find_ready(buf, ret, len))
			return 1;
	}
}

/* sd_notify_barrier(3): systemd closes the fd it got once it has processed what came before. */
static int barrier(int sock, int barrier_ms, struct berr *err)
{
	char byte = 0, data[] = "BARRIER=1";
	char cbuf[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {.iov_base = data, .iov_len = strlen(data)};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	_cleanup_close_ int rd = -1, wr = -1;
	struct pollfd pf;
	int p[2], n;

	if (pipe2(p, O_CLOEXEC) < 0)
		return berr_sys(err, "NOTIFY_SOCKET: barrier pipe");
	rd = p[0];
	wr = p[1];
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &wr, sizeof(int));
	if (sendmsg(sock, &mh, MSG_NOSIGNAL) < 0)
		return berr_sys(err, "NOTIFY_SOCKET: send BARRIER=1");
	(void)close(TAKE_FD(wr));
	pf = (struct pollfd){.fd = rd, .events = POLLIN};
	do
		n = poll(&pf, 1, barrier_ms);
	while (n < 0 && errno == EINTR);
	if (n == 0) {
		log_warn("NOTIFY_SOCKET: no answer to BARRIER=1 after %d ms; continuing",
			 barrier_ms);
		return 0;
	}
	if (n > 0 && read(rd, &byte, 1) > 0)
		return berr_set(err, EPROTO, "NOTIFY_SOCKET: unexpected data on the barrier pipe");
	return 0;
}

int rt_notify_forward(const char *host, const char *ready, pid_t pid, int barrier_ms,
		      struct berr *err)
{
	_cleanup_close_ int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa;
	socklen_t salen = host_addr(host, &sa);
	char msg[DGRAM_MAX + 64];
	int n;

	if (fd < 0)
		return berr_sys(err, "NOTIFY_SOCKET: socket");
	if (connect(fd, (struct sockaddr *)&sa, salen) < 0)
		return berr_sys(err, "NOTIFY_SOCKET: connect to %s", host);
	n = snprintf(msg, sizeof(msg), "%s\nMAINPID=%d\n", ready, pid);
	if (send(fd, msg, (size_t)n, MSG_NOSIGNAL) < 0)
		return berr_sys(err, "NOTIFY_SOCKET: send to %s", host);
	return barrier(fd, barrier_ms, err);
}

int rt_notify_relay(int fd, const char *host, pid_t pid, struct berr *err)
{
	_cleanup_close_ int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct pollfd pf[2];
	char ready[DGRAM_MAX];
	int r;

	if (pidfd < 0 && errno == ESRCH)
		return 0;
	if (pidfd < 0)
		return berr_sys(err, "NOTIFY_SOCKET: watch container process %d", pid);
	for (;;) {
		r = rt_notify_recv_ready(fd, ready, sizeof(ready), err);
		if (r < 0)
			return r;
		if (r > 0)
			break;
		pf[0] = (struct pollfd){.fd = fd, .events = POLLIN};
		pf[1] = (struct pollfd){.fd = pidfd, .events = POLLIN};
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			return berr_sys(err, "NOTIFY_SOCKET: poll");
		/* a READY sent just before exiting still counts: drain once more */
		if (pf[1].revents && !(pf[0].revents & POLLIN))
			return 0;
	}
	r = rt_notify_forward(host, ready, pid, RT_NOTIFY_BARRIER_MS, err);
	return r < 0 ? r : 1;
}
