/* test-sync: the parent <-> init messages over a SOCK_SEQPACKET pair: each type, a peer's
 * error carried as a berr, EOF and protocol errors, and fd passing. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "../../../runtime/sync.h"
#include "unit.h"
#include "rt-unit.h"

static int pair(int sp[2])
{
	return socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp);
}

static void test_round_trip_each_type(void)
{
	struct rt_sync_msg m;
	struct berr err = {0};
	int sp[2], t;

	ASSERT_INT(pair(sp), 0);
	for (t = RT_SYNC_PID; t <= RT_SYNC_START; t++) {
		ASSERT_INT(rt_sync_send(sp[0], t, 1000 + t, NULL, &err), 0);
		memset(&m, 0, sizeof(m));
		ASSERT_INT(rt_sync_recv(sp[1], t, &m, "step", &err), 0);
		ASSERT_INT(m.type, t);
		ASSERT_INT(m.pid, 1000 + t);
	}
	/* both directions, ret may be NULL */
	ASSERT_INT(rt_sync_send(sp[1], RT_SYNC_READY, 0, NULL, &err), 0);
	ASSERT_INT(rt_sync_recv(sp[0], RT_SYNC_READY, NULL, "create", &err), 0);
	ASSERT_INT(err.code, 0);
	(void)close(sp[0]);
	(void)close(sp[1]);
}

static void test_error_carries_berr(void)
{
	struct berr payload = {0}, err = {0}, sent = {0};
	struct rt_sync_msg m = {.type = 77};
	char buf[600];
	int sp[2];

	ASSERT_INT(pair(sp), 0);
	errno = EACCES;
	(void)berr_sys(&payload, "process.cwd: chdir to %s", "/secret");
	ASSERT_INT(rt_sync_send(sp[1], RT_SYNC_ERROR, 0, &payload, &sent), 0);
	ASSERT_INT(rt_sync_recv(sp[0], RT_SYNC_READY, &m, "create", &err), -EACCES);
	ASSERT_INT(err.code, EACCES);
	ASSERT_TRUE(err.sys);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "process.cwd: chdir to /secret: Permission denied");
	ASSERT_INT(m.type, 77); /* failure leaves ret alone */
	(void)close(sp[0]);
	(void)close(sp[1]);
}

static void test_error_with_bad_code_and_unterminated_msg(void)
{
	struct berr payload, err = {0};
	int sp[2];

	ASSERT_INT(pair(sp), 0);
	memset(&payload, 'A', sizeof(payload));
	payload.code = 0;
	payload.sys = false;
	ASSERT_INT(rt_sync_send(sp[1], RT_SYNC_ERROR, 0, &payload, &err), 0);
	ASSERT_INT(rt_sync_recv(sp[0], RT_SYNC_GO, NULL, "init", &err), -EIO);
	ASSERT_INT(err.code, EIO);
	ASSERT_INT(strlen(err.msg), sizeof(err.msg) - 1);
	(void)close(sp[0]);
	(void)close(sp[1]);
}

static void test_unexpected_type(void)
{
	struct berr err = {0};
	int sp[2];

	ASSERT_INT(pair(sp), 0);
	ASSERT_INT(rt_sync_send(sp[1], RT_SYNC_START, 0, NULL, &err), 0);
	ASSERT_INT(rt_sync_recv(sp[0], RT_SYNC_READY, NULL, "create", &err), -EPROTO);
	ASSERT_STR(err.msg, "create: unexpected sync message 4");
	(void)close(sp[0]);
	(void)close(sp[1]);
}

static void test_eof(void)
{
	struct berr err = {0};
	int sp[2];

	ASSERT_INT(pair(sp), 0);
	(void)close(sp[1]);
	ASSERT_INT(rt_sync_recv(sp[0], RT_SYNC_READY, NULL, "create", &err), -EPIPE);
	ASSERT_STR(err.msg, "create: container init exited unexpectedly");
	ASSERT_TRUE(!err.sys);
	(void)close(sp[0]);
}

static void test_short_message(void)
{
	struct berr err = {0};
	int sp[2], junk = RT_SYNC_READY;

	ASSERT_INT(pair(sp), 0);
	ASSERT_INT(send(sp[1], &junk, sizeof(junk), 0), sizeof(junk));
	ASSERT_INT(rt_sync_recv(sp[0], RT_SYNC_READY, NULL, "create", &err), -EPROTO);
	ASSERT_STR(err.msg, "create: short sync message");
	(void)close(sp[0]);
	(void)close(sp[1]);
}

static void test_send_to_closed_peer(void)
{
	struct berr err = {0};
	char buf[600];
	int sp[2];

	ASSERT_INT(pair(sp), 0);
	(void)close(sp[1]);
	/* MSG_NOSIGNAL: an error, not a SIGPIPE that kills the test */
	ASSERT_INT(rt_sync_send(sp[0], RT_SYNC_GO, 0, NULL, &err), -EPIPE);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "sync with container init: Broken pipe");
	(void)close(sp[0]);
}

static void test_recv_on_bad_fd(void)
{
	struct berr err = {0};
	char buf[600];

	ASSERT_INT(rt_sync_recv(-1, RT_SYNC_GO, NULL, "init", &err), -EBADF);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "init: sync with container init: Bad file descriptor");
}

static void test_fd_passing(void)
{
	struct berr err = {0};
	int sp[2], p[2], got;
	char buf[8] = "";

	ASSERT_INT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	ASSERT_INT(rt_send_fd(sp[0], p[1], &err), 0);
	(void)close(p[1]);
	got = rt_recv_fd(sp[1], &err);
	ASSERT_TRUE(got >= 0);
	ASSERT_TRUE(fcntl(got, F_GETFD) & FD_CLOEXEC); /* born close-on-exec */
	ASSERT_INT(write(got, "hey", 3), 3);
	(void)close(got);
	ASSERT_INT(read(p[0], buf, sizeof(buf) - 1), 3);
	ASSERT_STR(buf, "hey");
	(void)close(p[0]);
	(void)close(sp[0]);
	(void)close(sp[1]);
}

static void test_fd_passing_over_seqpacket(void)
{
	struct berr err = {0};
	struct stat a, b;
	int sp[2], got;

	ASSERT_INT(pair(sp), 0);
	ASSERT_INT(rt_send_fd(sp[0], STDIN_FILENO, &err), 0);
	got = rt_recv_fd(sp[1], &err);
	ASSERT_TRUE(got >= 0);
	ASSERT_INT(fstat(got, &a), 0);
	ASSERT_INT(fstat(STDIN_FILENO, &b), 0);
	ASSERT_TRUE(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	(void)close(got);
	(void)close(sp[0]);
	(void)close(sp[1]);
}

static void test_recv_fd_without_fd(void)
{
	struct berr err = {0};
	int sp[2];

	ASSERT_INT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	ASSERT_INT(write(sp[0], "x", 1), 1);
	ASSERT_INT(rt_recv_fd(sp[1], &err), -EPROTO);
	ASSERT_STR(err.msg, "receive fd over socket: no fd in message");
	(void)close(sp[0]);
	(void)close(sp[1]);
}

/* EOF is its own error, not whatever errno a previous call left */
static void test_recv_fd_eof(void)
{
	struct berr err = {0};
	char buf[600];
	int sp[2];

	ASSERT_INT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	(void)close(sp[0]);
	errno = ENOENT;
	ASSERT_INT(rt_recv_fd(sp[1], &err), -EPIPE);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "receive fd over socket: the peer closed the connection");
	(void)close(sp[1]);
}

static void test_send_fd_errors(void)
{
	struct berr err = {0};
	char buf[600];
	int sp[2];

	ASSERT_INT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	ASSERT_INT(rt_send_fd(sp[0], 987, &err), -EBADF); /* not an open fd */
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "send fd over socket: Bad file descriptor");
	(void)close(sp[1]);
	ASSERT_INT(rt_send_fd(sp[0], STDIN_FILENO, &err), -EPIPE);
	(void)close(sp[0]);
}

int main(void)
{
	RUN(test_round_trip_each_type);
	RUN(test_error_carries_berr);
	RUN(test_error_with_bad_code_and_unterminated_msg);
	RUN(test_unexpected_type);
	RUN(test_eof);
	RUN(test_short_message);
	RUN(test_send_to_closed_peer);
	RUN(test_recv_on_bad_fd);
	RUN(test_fd_passing);
	RUN(test_fd_passing_over_seqpacket);
	RUN(test_recv_fd_without_fd);
	RUN(test_recv_fd_eof);
	RUN(test_send_fd_errors);
	UNIT_DONE();
}
