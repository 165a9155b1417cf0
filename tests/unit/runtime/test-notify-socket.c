/* test-notify-socket: the spec additions of create (mount, env; freed with the spec), the
 * socket start binds (reachable through a read-only bind mount, as in the container), and the
 * relay to a fake systemd: READY + MAINPID, the barrier, abstract addresses, a container that
 * exits without READY. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../../runtime/notify-socket.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

static const char spec_json[] =
	"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
	" \"process\": {\"args\": [\"sh\"], \"cwd\": \"/\", \"env\": [\"PATH=/bin\"%s]},"
	" \"mounts\": [{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"}]}";

static struct cfg_spec *load(const char *extra_env)
{
	char text[1024];
	struct cfg_spec *s = NULL;
	struct berr err = {0};

	(void)snprintf(text, sizeof(text), spec_json, extra_env);
	if (cfg_spec_parse(text, strlen(text), &s, &err) < 0) {
		printf("# parse: %s\n", err.msg);
		return NULL;
	}
	return s;
}

static void test_host_socket_from_env(void)
{
	char longname[200];

	(void)setenv("NOTIFY_SOCKET", "/run/systemd/notify", 1);
	ASSERT_STR(rt_notify_host_socket(), "/run/systemd/notify");
	(void)setenv("NOTIFY_SOCKET", "", 1);
	ASSERT_TRUE(rt_notify_host_socket() == NULL);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	(void)setenv("NOTIFY_SOCKET", longname, 1);
	ASSERT_TRUE(rt_notify_host_socket() == NULL);
	(void)unsetenv("NOTIFY_SOCKET");
	ASSERT_TRUE(rt_notify_host_socket() == NULL);
}

/* A fresh state dir for a test; its fd is returned. */
static int state_dir(const char *name, char *ret, size_t len)
{
	ut_pathn(ret, len, "%s/%s", dir, name);
	if (mkdir(ret, 0700) < 0)
		return -1;
	return open(ret, O_DIRECTORY | O_CLOEXEC);
}

static void test_setup_spec_adds_mount_and_env(void)
{
	char state[PATH_MAX], want[PATH_MAX + 16];
	struct cfg_spec *s = load(", \"NOTIFY_SOCKET=/elsewhere\", \"A=b\"");
	struct berr err = {0};
	const struct cfg_mount *m;
	struct stat st;
	int fd = state_dir("st1", state, sizeof(state));

	ASSERT_TRUE(s != NULL && fd >= 0);
	ASSERT_INT(rt_notify_setup_spec(fd, s, &err), 0);
	(void)close(fd);
	ut_path(want, "%s/notify", state);
	ASSERT_TRUE(stat(want, &st) == 0 && S_ISDIR(st.st_mode));
	ASSERT_INT(s->n_mounts, 2);
	m = &s->mounts[1];
	ASSERT_STR(m->destination, "/run/notify");
	ASSERT_STR(m->type, "bind");
	ASSERT_STR(m->source, want);
	ASSERT_INT(m->options.n, 5);
	ASSERT_STR(m->options.v[0], "bind");
	ASSERT_STR(m->options.v[4], "ro");
	ASSERT_TRUE(m->options.v[5] == NULL);
	/* replaced in place, not added twice */
	ASSERT_INT(s->process.env.n, 3);
	ASSERT_STR(s->process.env.v[1], "NOTIFY_SOCKET=/run/notify/notify.sock");
	cfg_spec_free(s);
}

static void test_setup_spec_appends_env(void)
{
	char state[PATH_MAX];
	struct cfg_spec *s = load("");
	struct berr err = {0};
	int fd = state_dir("st2", state, sizeof(state));

	ASSERT_TRUE(s != NULL && fd >= 0);
	ASSERT_INT(rt_notify_setup_spec(fd, s, &err), 0);
	(void)close(fd);
	ASSERT_INT(s->process.env.n, 2);
	ASSERT_STR(s->process.env.v[1], "NOTIFY_SOCKET=/run/notify/notify.sock");
	ASSERT_TRUE(s->process.env.v[2] == NULL);
	cfg_spec_free(s);
}

static void test_bind_without_notify_dir(void)
{
	char state[PATH_MAX];
	struct berr err = {0};
	int fd = state_dir("st3", state, sizeof(state)), sock = 7;

	ASSERT_TRUE(fd >= 0);
	ASSERT_INT(rt_notify_bind(fd, &sock, &err), 0);
	ASSERT_INT(sock, -1);
	(void)close(fd);
}

static int bind_dgram(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	(void)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (path[0] == '@') {
		sa.sun_path[0] = '\0';
		len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path));
	}
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, len) < 0)
		return -1;
	return fd;
}

static int send_to(const char *path, const char *msg)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), r;

	(void)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	r = sendto(fd, msg, strlen(msg), 0, (struct sockaddr *)&sa, sizeof(sa)) < 0 ? -errno : 0;
	(void)close(fd);
	return r;
}

/* A fake systemd: receives two datagrams, the second with an fd (the barrier) that it closes
 * unless told to hold it; writes the first to out. */
static pid_t fake_systemd(int fd, const char *out, bool hold)
{
	pid_t pid = fork();
	char buf[512], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {buf, sizeof(buf) - 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n;

	if (pid != 0)
		return pid;
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	(void)ut_write_file(out, buf, 0644);
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	buf[n > 0 ? n : 0] = '\0';
	if (strcmp(buf, "BARRIER=1") != 0)
		_exit(3);
	if (hold)
		pause();
	_exit(0); /* closing the barrier fd is the answer */
}

static void test_relay_ready_to_host(void)
{
	char state[PATH_MAX], host[PATH_MAX], out[PATH_MAX], sock[PATH_MAX], want[64], buf[256];
	struct cfg_spec *s = load("");
	struct berr err = {0};
	int sfd = state_dir("st4", state, sizeof(state)), nfd = -1, hfd;
	pid_t ctr, sysd;

	ASSERT_TRUE(s != NULL && sfd >= 0);
	ASSERT_INT(rt_notify_setup_spec(sfd, s, &err), 0);
	cfg_spec_free(s);
	ASSERT_INT(rt_notify_bind(sfd, &nfd, &err), 0);
	ASSERT_TRUE(nfd >= 0);
	ut_path(sock, "%s/notify/notify.sock", state);
	ut_path(host, "%s/host.sock", dir);
	ut_path(out, "%s/host.out", dir);
	hfd = bind_dgram(host);
	ASSERT_TRUE(hfd >= 0);
	sysd = fake_systemd(hfd, out, false);
	ctr = fork();
	if (ctr == 0) { /* the container: a status first, READY later, then it lives on */
		(void)send_to(sock, "STATUS=starting");
		usleep(100000);
		(void)send_to(sock, "STATUS=up\nREADY=1\n");
		pause();
		_exit(0);
	}
	ASSERT_INT(rt_notify_relay(nfd, host, ctr, &err), 1);
	(void)kill(ctr, SIGKILL);
	(void)ut_wait(ctr);
	ASSERT_INT(ut_wait(sysd), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	(void)snprintf(want, sizeof(want), "READY=1\nMAINPID=%d\n", ctr);
	ASSERT_STR(buf, want);
	(void)close(hfd);
	(void)close(nfd);
	(void)close(sfd);
}

static void test_relay_ends_when_container_exits(void)
{
	char state[PATH_MAX], sock[PATH_MAX];
	struct berr err = {0};
	int sfd = state_dir("st5", state, sizeof(state)), nfd = -1;
	pid_t ctr;

	ASSERT_TRUE(sfd >= 0);
	ASSERT_INT(mkdirat(sfd, "notify", 0755), 0);
	ASSERT_INT(rt_notify_bind(sfd, &nfd, &err), 0);
	ut_path(sock, "%s/notify/notify.sock", state);
	ctr = fork();
	if (ctr == 0) {
		(void)send_to(sock, "STATUS=bye");
		_exit(0);
	}
	ASSERT_INT(rt_notify_relay(nfd, "/nonexistent/host.sock", ctr, &err), 0);
	(void)ut_wait(ctr);
	(void)close(nfd);
	(void)close(sfd);
}

/* The container reaches the socket through a read-only bind of the notify dir. */
static void child_through_ro_bind(void *arg)
{
	const char *notify_dir = arg;
	char mnt[PATH_MAX], sock[PATH_MAX];

	ut_path(mnt, "%s/ro-view", dir);
	ASSERT_INT(unshare(CLONE_NEWNS), 0);
	ASSERT_INT(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0);
	ASSERT_INT(mount(notify_dir, mnt, NULL, MS_BIND, NULL), 0);
	ASSERT_INT(mount(NULL, mnt, NULL,
			 MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL),
		   0);
	ut_path(sock, "%s/notify.sock", mnt);
	ASSERT_INT(send_to(sock, "READY=1"), 0);
}

static void test_socket_reachable_through_ro_bind(void)
{
	char state[PATH_MAX], ndir[PATH_MAX], mnt[PATH_MAX], ready[64];
	struct berr err = {0};
	int sfd = state_dir("st6", state, sizeof(state)), nfd = -1;

	ASSERT_TRUE(sfd >= 0);
	ASSERT_INT(mkdirat(sfd, "notify", 0755), 0);
	ASSERT_INT(rt_notify_bind(sfd, &nfd, &err), 0);
	ut_path(ndir, "%s/notify", state);
	ut_path(mnt, "%s/ro-view", dir);
	ASSERT_INT(mkdir(mnt, 0755), 0);
	ASSERT_CHILD_OK(child_through_ro_bind, ndir);
	ASSERT_INT(rt_notify_recv_ready(nfd, ready, sizeof(ready), &err), 1);
	ASSERT_STR(ready, "READY=1");
	ASSERT_INT(rt_notify_recv_ready(nfd, ready, sizeof(ready), &err), 0);
	(void)close(nfd);
	(void)close(sfd);
}

static void test_forward_abstract_and_barrier_timeout(void)
{
	char name[64], out[PATH_MAX], logp[PATH_MAX], buf[512];
	struct berr err = {0};
	int hfd, saved;
	pid_t sysd;

	(void)snprintf(name, sizeof(name), "@berth-unit-notify-%d", getpid());
	ut_path(out, "%s/abstract.out", dir);
	ut_path(logp, "%s/barrier.log", dir);
	hfd = bind_dgram(name);
	ASSERT_TRUE(hfd >= 0);
	sysd = fake_systemd(hfd, out, true); /* never answers the barrier */
	saved = ut_capture_begin(2, logp);
	ASSERT_INT(rt_notify_forward(name, "READY=1", 77, 200, &err), 0);
	ut_capture_end(2, saved);
	(void)kill(sysd, SIGKILL);
	(void)ut_wait(sysd);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "READY=1\nMAINPID=77\n");
	ASSERT_TRUE(ut_read_file(logp, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf, "no answer to BARRIER=1 after 200 ms; continuing");
	(void)close(hfd);
	/* nobody listening: the caller hears of it */
	ASSERT_INT(rt_notify_forward("/nonexistent/sock", "READY=1", 1, 200, &err), -ENOENT);
	ASSERT_STR(err.msg, "NOTIFY_SOCKET: connect to /nonexistent/sock");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_host_socket_from_env);
	RUN(test_setup_spec_adds_mount_and_env);
	RUN(test_setup_spec_appends_env);
	RUN(test_bind_without_notify_dir);
	RUN(test_relay_ready_to_host);
	RUN(test_relay_ends_when_container_exits);
	RUN(test_socket_reachable_through_ro_bind);
	RUN(test_forward_abstract_and_barrier_timeout);
	ut_rmrf(dir);
	UNIT_DONE();
}
