/* test-seccomp-load: loading in forked children: a NULL ctx, no listener fd without a notify
 * rule, no_new_privs left alone, the error without no_new_privs nor CAP_SYS_ADMIN, and a
 * notify filter whose listener the parent answers (an errno, then CONTINUE). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include "../../../runtime/base/cleanup.h"
#include "../../../runtime/sync.h"
#include "unit.h"
#include "rt-unit.h"
#include "seccomp-unit.h"

static char dir[PATH_MAX];

static char *mkdir_names[] = {S("mkdir"), S("mkdirat"), NULL};

/* mkdirat(dir/name): 0 or the errno; the directory stays */
static int make_dir(const char *name)
{
	char p[PATH_MAX];

	ut_path(p, "%s/%s", dir, name);
	return syscall(SYS_mkdirat, AT_FDCWD, p, 0700) < 0 ? errno : 0;
}

static void test_null_ctx_loads_nothing(void)
{
	struct berr err = {0};
	int fd = 5;

	ASSERT_INT(rt_seccomp_load(NULL, &fd, &err), 0);
	ASSERT_INT(fd, -1);
	ASSERT_INT(prctl(PR_GET_SECCOMP, 0, 0, 0, 0), 0);
}

static void load_child(void *arg)
{
	struct berr err = {0};
	int fd = 5;

	ASSERT_INT(rt_seccomp_load(arg, &fd, &err), 0);
	ASSERT_INT(fd, -1);
	ASSERT_INT(prctl(PR_GET_SECCOMP, 0, 0, 0, 0), 2); /* SECCOMP_MODE_FILTER */
	/* root with CAP_SYS_ADMIN: the filter did not need no_new_privs, nor set it */
	ASSERT_INT(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	ASSERT_INT(make_dir("load"), ENOSYS);
}

static void test_load_without_notify(void)
{
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};

	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	ASSERT_CHILD_OK(load_child, ctx);
}

/* an unprivileged process needs no_new_privs first (seccomp(2)) */
static void unprivileged_child(void *arg)
{
	struct berr err = {0};
	int fd = 5;

	ASSERT_INT(setresgid(65534, 65534, 65534), 0);
	ASSERT_INT(setresuid(65534, 65534, 65534), 0); /* drops every capability */
	ASSERT_INT(rt_seccomp_load(arg, &fd, &err), -EACCES);
	ASSERT_STR(err.msg, "linux.seccomp: load filter without process.noNewPrivileges nor "
			    "CAP_SYS_ADMIN");
	ASSERT_INT(fd, 5);
	ASSERT_INT(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), 0);
	ASSERT_INT(rt_seccomp_load(arg, &fd, &err), 0);
	/* the rule comes before the permission check on the directory */
	ASSERT_INT(make_dir("unprivileged"), ENOSYS);
}

static void test_load_needs_nnp_or_cap_sys_admin(void)
{
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_ERRNO", ENOSYS);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct berr err = {0};

	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	ASSERT_CHILD_OK(unprivileged_child, ctx);
}

/* The child: load, pass the listener to the parent, then two mkdirs the parent answers.
 * Exit 0 when the first failed with EXDEV and the second went through. */
__attribute__((noreturn)) static void notify_child(scmp_filter_ctx ctx, int sock)
{
	struct berr err = {0};
	int fd = -1;

	alarm(30);
	if (rt_seccomp_load(ctx, &fd, &err) < 0 || fd < 0)
		_exit(10);
	if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
		_exit(11);
	if (rt_send_fd(sock, fd, &err) < 0)
		_exit(12);
	(void)close(fd);
	if (make_dir("refused") != EXDEV)
		_exit(13);
	_exit(make_dir("continued") == 0 ? 0 : 14);
}

/* Receives one notification for mkdir(at) from pid and answers it with error / flags. */
static void answer(int fd, pid_t pid, int error, uint32_t flags)
{
	struct seccomp_notif *req = NULL;
	struct seccomp_notif_resp *resp = NULL;

	ASSERT_INT(seccomp_notify_alloc(&req, &resp), 0);
	if (seccomp_notify_receive(fd, req) != 0) {
		seccomp_notify_free(req, resp);
		FAIL_("seccomp_notify_receive failed");
	}
	ASSERT_INT(req->pid, pid);
	ASSERT_TRUE(req->data.nr == seccomp_syscall_resolve_name("mkdirat") ||
		    req->data.nr == seccomp_syscall_resolve_name("mkdir"));
	resp->id = req->id;
	resp->error = error;
	resp->val = 0;
	resp->flags = flags;
	ASSERT_INT(seccomp_notify_respond(fd, resp), 0);
	seccomp_notify_free(req, resp);
}

static void test_notify_listener_answers(void)
{
	struct cfg_seccomp_syscall r = ut_rule(mkdir_names, "SCMP_ACT_NOTIFY", -1);
	struct cfg_seccomp s = ut_seccomp("SCMP_ACT_ALLOW", &r, 1);
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	_cleanup_close_ int nfd = -1;
	struct berr err = {0};
	char p[PATH_MAX];
	int sp[2], st;
	pid_t pid;

	s.listener_path = S("/run/agent.sock");
	ASSERT_INT(rt_seccomp_prepare(&s, &ctx, &err), 0);
	ASSERT_INT(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp), 0);
	(void)fflush(stdout);
	pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0)
		notify_child(ctx, sp[1]);
	(void)close(sp[1]);
	nfd = rt_recv_fd(sp[0], &err);
	(void)close(sp[0]);
	ASSERT_TRUE(nfd >= 0);
	answer(nfd, pid, -EXDEV, 0);
	answer(nfd, pid, 0, SECCOMP_USER_NOTIF_FLAG_CONTINUE);
	st = ut_wait(pid);
	ASSERT_TRUE(WIFEXITED(st));
	ASSERT_INT(WEXITSTATUS(st), 0);
	ut_path(p, "%s/refused", dir);
	ASSERT_INT(access(p, F_OK), -1);
	ut_path(p, "%s/continued", dir);
	ASSERT_INT(rmdir(p), 0);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_null_ctx_loads_nothing);
	RUN(test_load_without_notify);
	RUN(test_load_needs_nnp_or_cap_sys_admin);
	RUN(test_notify_listener_answers);
	ut_rmrf(dir);
	UNIT_DONE();
}
