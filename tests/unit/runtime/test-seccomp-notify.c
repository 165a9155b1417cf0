/* test-seccomp-notify: rt_seccomp_uses_notify, and the container process state sent with the
 * notify fd to a listening agent: one message with the fd, every field, no metadata when there
 * is none, a large state, and the errors naming linux.seccomp.listenerPath. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <yajl/yajl_tree.h>

#include "../../../runtime/base/cleanup.h"
#include "../../../runtime/state.h"
#include "unit.h"
#include "rt-unit.h"
#include "seccomp-unit.h"

#define BIG (512 * 1024) /* more than a unix socket buffer */

static char dir[PATH_MAX];
static char *mkdir_names[] = {S("mkdir"), S("mkdirat"), NULL};

/* What the agent got: the first recvmsg's length, everything until EOF, and the fd. */
struct got {
	char *buf;
	size_t first, len;
	int fd;
};

static int listen_at(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (strlen(path) >= sizeof(sa.sun_path))
		abort();
	memcpy(sa.sun_path, path, strlen(path) + 1);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0)
		abort();
	return fd;
}

static int receive(int lfd, struct got *g)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov;
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *c;
	int conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	ssize_t n;

	g->buf = calloc(1, BIG * 2);
	g->fd = -1;
	g->len = 0;
	if (conn < 0 || !g->buf)
		return -1;
	iov = (struct iovec){.iov_base = g->buf, .iov_len = BIG * 2 - 1};
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	n = recvmsg(conn, &mh, MSG_CMSG_CLOEXEC);
	c = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (c && c->cmsg_type == SCM_RIGHTS)
		memcpy(&g->fd, CMSG_DATA(c), sizeof(int));
	g->first = n > 0 ? (size_t)n : 0;
	for (g->len = g->first; n > 0 && g->len < BIG * 2 - 1; g->len += (size_t)n)
		n = read(conn, g->buf + g->len, BIG * 2 - 1 - g->len);
	(void)close(conn);
	return n < 0 ? -1 : 0;
}

/* Sends from a child (a big message needs the reader running); returns its pid. */
static pid_t send_from_child(const struct cfg_seccomp *s, const char *state, int fd)
{
	struct berr err = {0};
	char buf[600];
	pid_t pid;

	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		alarm(30);
		if (rt_seccomp_send_listener(s, state, fd, &err) < 0) {
			printf("# %s\n", berr_str(&err, buf, sizeof(buf)));
			(void)fflush(stdout);
			_exit(1);
		}
		_exit(0);
	}
	return pid;
}

static char *make_state(const char *value)
{
	struct cfg_kv kv = {.key = S("org.example.key"), .value = S(value)};
	struct rt_state st = {.pid = 4242};

	ut_path(st.id, "c1");
	ut_path(st.bundle, "/bundles/c1");
	ut_path(st.rootfs, "/bundles/c1/rootfs");
	ut_path(st.created, "2024-01-02T03:04:05Z");
	st.annotations.v = &kv;
	st.annotations.n = 1;
	return rt_state_to_json(&st, RT_STATUS_CREATING);
}

static const char *str_at(yajl_val v, const char *a, const char *b)
{
	const char *path[] = {a, b, NULL};
	yajl_val s = yajl_tree_get(v, path, yajl_t_string);

	return s ? s->u.string : NULL;
}

static long long int_at(yajl_val v, const char *a, const char *b)
{
	const char *path[] = {a, b, NULL};
	yajl_val n = yajl_tree_get(v, path, yajl_t_number);

	return n && YAJL_IS_INTEGER(n) ? YAJL_GET_INTEGER(n) : -1;
}

/* loading ctx gives no listener fd */
static void no_listener_child(void *ctx)
{
	struct berr err = {0};
	int fd = 5;

	ASSERT_INT(rt_seccomp_load(ctx, &fd, &err), 0);
	ASSERT_INT(fd, -1);
}

static void test_uses_notify(void)
{
	struct cfg_seccomp_syscall r[] = {
		ut_rule(mkdir_names, "SCMP_ACT_ERRNO", -1),
		ut_rule(mkdir_names, "SCMP_ACT_NOTIFY", -1),
	};
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", r, 1);

	ASSERT_TRUE(!rt_seccomp_uses_notify(&s));
	s.n_syscalls = 2;
	ASSERT_TRUE(rt_seccomp_uses_notify(&s));
	s.present = false;
	ASSERT_TRUE(!rt_seccomp_uses_notify(&s));
}

/* a notify rule whose names are all unknown is skipped: no listener will come */
static void test_uses_notify_needs_a_known_name(void)
{
	static char *unknown[] = {S("berth_no_such_syscall"), NULL};
	struct cfg_seccomp_syscall r = ut_rule(unknown, "SCMP_ACT_NOTIFY", -1);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};

	ASSERT_TRUE(!rt_seccomp_uses_notify(&s));
	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	ASSERT_CHILD_OK(no_listener_child, ctx);
}

/* sends state (annotation value) with a pipe's read end; checks message and fd */
static void send_and_check(const char *metadata, const char *value, bool one_message)
{
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_NOTIFY", -1);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_free_ char *state = make_state(value);
	char sock[PATH_MAX], err_buf[128];
	struct got g = {0};
	struct stat a, b;
	yajl_val v, fds;
	int lfd, p[2], st;
	pid_t pid;

	ut_path(sock, "%s/agent.sock", dir);
	(void)unlink(sock);
	lfd = listen_at(sock);
	s.listener_path = sock;
	s.listener_metadata = S(metadata);
	ASSERT_TRUE(state != NULL);
	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	pid = send_from_child(&s, state, p[0]);
	ASSERT_INT(receive(lfd, &g), 0);
	st = ut_wait(pid);
	(void)close(lfd);
	ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* the fd arrived, and it is our pipe */
	ASSERT_TRUE(g.fd >= 0);
	ASSERT_INT(fstat(g.fd, &a), 0);
	ASSERT_INT(fstat(p[0], &b), 0);
	ASSERT_INT(a.st_ino, b.st_ino);
	(void)close(g.fd);
	(void)close(p[0]);
	(void)close(p[1]);
	if (one_message)
		ASSERT_INT(g.first, g.len);
	v = yajl_tree_parse(g.buf, err_buf, sizeof(err_buf));
	free(g.buf);
	ASSERT_TRUE(v != NULL);
	ASSERT_STR(str_at(v, "ociVersion", NULL), str_at(v, "state", "ociVersion"));
	ASSERT_INT(int_at(v, "pid", NULL), 4242);
	ASSERT_STR(str_at(v, "state", "id"), "c1");
	ASSERT_STR(str_at(v, "state", "status"), "creating");
	ASSERT_INT(int_at(v, "state", "pid"), 4242);
	ASSERT_STR(str_at(v, "state", "bundle"), "/bundles/c1");
	fds = yajl_tree_get(v, (const char *[]){"fds", NULL}, yajl_t_array);
	ASSERT_TRUE(fds && fds->u.array.len == 1 && YAJL_IS_STRING(fds->u.array.values[0]));
	ASSERT_STR(fds->u.array.values[0]->u.string, "seccompFd");
	if (metadata)
		ASSERT_STR(str_at(v, "metadata", NULL), metadata);
	else
		ASSERT_TRUE(!yajl_tree_get(v, (const char *[]){"metadata", NULL}, yajl_t_any));
	yajl_tree_free(v);
}

static void test_send_state_and_fd_in_one_message(void)
{
	send_and_check("MKDIR=errno \"quoted\"", "v", true);
}

static void test_send_without_metadata(void)
{
	send_and_check(NULL, "v", true);
}

static void test_send_large_state(void)
{
	char *value = malloc(BIG);

	ASSERT_TRUE(value != NULL);
	memset(value, 'x', BIG - 1);
	value[BIG - 1] = '\0';
	send_and_check("m", value, false);
	free(value);
}

static void test_send_errors(void)
{
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_NOTIFY", -1);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_free_ char *state = make_state("v");
	char sock[PATH_MAX], msg[700], longp[200];
	struct berr err = {0};

	ut_path(sock, "%s/nobody.sock", dir);
	s.listener_path = sock;
	ASSERT_INT(rt_seccomp_send_listener(&s, state, 0, &err), -ENOENT);
	ut_path(msg, "linux.seccomp.listenerPath: connect to %s", sock);
	ASSERT_STR(err.msg, msg);
	ASSERT_TRUE(err.sys);
	memset(longp, 'a', sizeof(longp) - 1);
	longp[0] = '/';
	longp[sizeof(longp) - 1] = '\0';
	s.listener_path = longp;
	ASSERT_INT(rt_seccomp_send_listener(&s, state, 0, &err), -ENAMETOOLONG);
	ASSERT_CONTAINS(err.msg, "linux.seccomp.listenerPath: /aaa");
	ASSERT_CONTAINS(err.msg, " is longer than 107 bytes");
	s.listener_path = NULL;
	ASSERT_INT(rt_seccomp_send_listener(&s, state, 0, &err), -EINVAL);
	ASSERT_STR(err.msg, "linux.seccomp.listenerPath: required when SCMP_ACT_NOTIFY is used");
	s.listener_path = sock;
	ASSERT_INT(rt_seccomp_send_listener(&s, "{\"id\": \"c1\"}", 0, &err), -EINVAL);
	ASSERT_STR(err.msg, "linux.seccomp.listenerPath: container state is not a state document");
	ASSERT_INT(rt_seccomp_send_listener(&s, "not json", 0, &err), -EINVAL);
	ASSERT_INT(rt_seccomp_send_listener(&s, state, -1, &err), -EBADF);
	ASSERT_STR(err.msg, "linux.seccomp.listenerPath: no seccomp notify fd to send");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_uses_notify);
	RUN(test_uses_notify_needs_a_known_name);
	RUN(test_send_state_and_fd_in_one_message);
	RUN(test_send_without_metadata);
	RUN(test_send_large_state);
	RUN(test_send_errors);
	ut_rmrf(dir);
	UNIT_DONE();
}
