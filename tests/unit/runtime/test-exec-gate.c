/* test-exec-gate: the create/start handshake: listen in a state dir, a forked "init" waiting
 * on the gate that then fails (its error reaches start) or execs (EOF: success). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../../../runtime/exec-gate.h"
#include "../../../runtime/state.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

static int open_dir(const char *name)
{
	char p[PATH_MAX];

	ut_path(p, "%s/%s", dir, name);
	if (mkdir(p, 0700) < 0)
		return -errno;
	return open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

enum waiter_mode { REPORT_ERROR, EXIT_QUIETLY };

/* The init side: waits for start, then reports a failure or just goes (as an exec would). */
static pid_t waiter(int listenfd, enum waiter_mode mode)
{
	pid_t pid;

	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct berr err = {0}, failure = {0};
		int c;

		alarm(20);
		c = rt_gate_wait(listenfd, &err);
		if (c < 0)
			_exit(2);
		if (mode == REPORT_ERROR) {
			errno = ENOENT;
			(void)berr_sys(&failure, "exec %s", "/bin/nope");
			rt_gate_report(c, &failure);
		}
		_exit(0);
	}
	return pid;
}

static void test_listen_creates_socket(void)
{
	struct berr err = {0};
	struct stat st;
	int fd = open_dir("listen"), l;

	ASSERT_TRUE(fd >= 0);
	l = rt_gate_listen(fd, &err);
	ASSERT_TRUE(l >= 0);
	ASSERT_TRUE(fcntl(l, F_GETFD) & FD_CLOEXEC);
	ASSERT_INT(fstatat(fd, RT_EXEC_SOCK, &st, AT_SYMLINK_NOFOLLOW), 0);
	ASSERT_TRUE(S_ISSOCK(st.st_mode));
	/* a second gate in the same dir is refused */
	ASSERT_INT(rt_gate_listen(fd, &err), -EADDRINUSE);
	ASSERT_STR(err.msg, "bind exec gate exec.sock");
	(void)close(l);
	(void)close(fd);
}

static void test_open_gets_init_error(void)
{
	struct berr err = {0};
	char buf[600];
	int fd = open_dir("error"), l;
	pid_t pid;

	ASSERT_TRUE(fd >= 0);
	l = rt_gate_listen(fd, &err);
	ASSERT_TRUE(l >= 0);
	pid = waiter(l, REPORT_ERROR);
	ASSERT_TRUE(pid > 0);
	ASSERT_INT(rt_gate_open(fd, &err), -EIO);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "exec /bin/nope: No such file or directory");
	ASSERT_INT(ut_wait(pid), 0);
	(void)close(l);
	(void)close(fd);
}

static void test_open_eof_is_success(void)
{
	struct berr err = {0};
	int fd = open_dir("eof"), l;
	pid_t pid;

	ASSERT_TRUE(fd >= 0);
	l = rt_gate_listen(fd, &err);
	ASSERT_TRUE(l >= 0);
	pid = waiter(l, EXIT_QUIETLY);
	ASSERT_TRUE(pid > 0);
	ASSERT_INT(rt_gate_open(fd, &err), 0);
	ASSERT_INT(err.code, 0);
	ASSERT_INT(ut_wait(pid), 0);
	(void)close(l);
	(void)close(fd);
}

/* a connection that does not say "S" is dropped and the waiter keeps waiting */
static void test_stray_connection_ignored(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct berr err = {0};
	int fd = open_dir("stray"), l, c;
	char byte;
	pid_t pid;

	ASSERT_TRUE(fd >= 0);
	l = rt_gate_listen(fd, &err);
	ASSERT_TRUE(l >= 0);
	pid = waiter(l, REPORT_ERROR);
	ASSERT_TRUE(pid > 0);
	c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_TRUE(c >= 0);
	(void)snprintf(sa.sun_path, sizeof(sa.sun_path), "/proc/self/fd/%d/%s", fd, RT_EXEC_SOCK);
	ASSERT_INT(connect(c, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ASSERT_INT(write(c, "X", 1), 1);
	ASSERT_INT(read(c, &byte, 1), 0); /* dropped without an answer */
	(void)close(c);
	/* still waiting: the real start gets the error */
	ASSERT_INT(rt_gate_open(fd, &err), -EIO);
	ASSERT_STR(err.msg, "exec /bin/nope: No such file or directory");
	ASSERT_INT(ut_wait(pid), 0);
	(void)close(l);
	(void)close(fd);
}

static void test_open_without_waiter(void)
{
	struct berr err = {0};
	char buf[600];
	int fd = open_dir("nobody"), l;

	ASSERT_TRUE(fd >= 0);
	ASSERT_INT(rt_gate_open(fd, &err), -ENOENT);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "connect to the waiting container process: No such file or directory");
	/* a gate nobody listens on any more */
	l = rt_gate_listen(fd, &err);
	ASSERT_TRUE(l >= 0);
	(void)close(l);
	ASSERT_INT(rt_gate_open(fd, &err), -ECONNREFUSED);
	(void)close(fd);
}

/* the state dir may be deeper than sun_path (108 bytes): the gate still works */
static void test_deep_state_dir(void)
{
	char deep[PATH_MAX];
	struct berr err = {0};
	int fd, l, i;
	pid_t pid;

	ut_path(deep, "%s", dir);
	for (i = 0; i < 4; i++) {
		size_t n = strlen(deep);

		(void)snprintf(deep + n, sizeof(deep) - n,
			       "/a-rather-long-directory-name-to-pass-the-limit-%d", i);
		ASSERT_INT(mkdir(deep, 0700), 0);
	}
	ASSERT_TRUE(strlen(deep) + strlen("/exec.sock") >
		    sizeof(((struct sockaddr_un *)0)->sun_path));
	fd = open(deep, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_TRUE(fd >= 0);
	l = rt_gate_listen(fd, &err);
	ASSERT_TRUE(l >= 0);
	pid = waiter(l, EXIT_QUIETLY);
	ASSERT_INT(rt_gate_open(fd, &err), 0);
	ASSERT_INT(ut_wait(pid), 0);
	(void)close(l);
	(void)close(fd);
}

/* a long failure message is passed whole, up to what a berr holds */
static void test_long_report(void)
{
	struct berr err = {0};
	int fd = open_dir("long"), l;
	pid_t pid;

	ASSERT_TRUE(fd >= 0);
	l = rt_gate_listen(fd, &err);
	ASSERT_TRUE(l >= 0);
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct berr e = {0}, failure = {0};
		int c = rt_gate_wait(l, &e);

		memset(failure.msg, 'm', sizeof(failure.msg) - 1);
		failure.code = EINVAL;
		rt_gate_report(c, &failure);
		_exit(0);
	}
	ASSERT_INT(rt_gate_open(fd, &err), -EIO);
	ASSERT_INT(strlen(err.msg), sizeof(err.msg) - 1);
	ASSERT_INT(ut_wait(pid), 0);
	(void)close(l);
	(void)close(fd);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_listen_creates_socket);
	RUN(test_open_gets_init_error);
	RUN(test_open_eof_is_success);
	RUN(test_stray_connection_ignored);
	RUN(test_open_without_waiter);
	RUN(test_deep_state_dir);
	RUN(test_long_report);
	ut_rmrf(dir);
	UNIT_DONE();
}
