/* test-namespaces: CLONE_NEW* flags from a hand-built spec, opening namespace paths (and
 * what a bad path reports), and joining them with setns() in a forked child. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>

#include "../../../runtime/namespaces.h"
#include "unit.h"
#include "rt-unit.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static void spec_with(struct cfg_spec *s, struct cfg_namespace *ns, size_t n)
{
	memset(s, 0, sizeof(*s));
	s->linux_.namespaces = ns;
	s->linux_.n_namespaces = n;
}

static void test_clone_flag_per_type(void)
{
	ASSERT_INT(rt_ns_clone_flag(CFG_NS_PID), CLONE_NEWPID);
	ASSERT_INT(rt_ns_clone_flag(CFG_NS_NETWORK), CLONE_NEWNET);
	ASSERT_INT(rt_ns_clone_flag(CFG_NS_MOUNT), CLONE_NEWNS);
	ASSERT_INT(rt_ns_clone_flag(CFG_NS_IPC), CLONE_NEWIPC);
	ASSERT_INT(rt_ns_clone_flag(CFG_NS_UTS), CLONE_NEWUTS);
	ASSERT_INT(rt_ns_clone_flag(CFG_NS_USER), CLONE_NEWUSER);
	ASSERT_INT(rt_ns_clone_flag(CFG_NS_CGROUP), CLONE_NEWCGROUP);
	ASSERT_INT(rt_ns_clone_flag(CFG_NS_TIME), CLONE_NEWTIME);
}

static void test_new_flags_skip_paths(void)
{
	struct cfg_namespace ns[] = {
		{CFG_NS_PID, NULL},
		{CFG_NS_MOUNT, NULL},
		{CFG_NS_NETWORK, (char *)"/proc/self/ns/net"},
		{CFG_NS_UTS, NULL},
	};
	struct cfg_spec s;

	spec_with(&s, ns, 4);
	ASSERT_INT(rt_ns_new_flags(&s), CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS);
	spec_with(&s, NULL, 0);
	ASSERT_INT(rt_ns_new_flags(&s), 0);
}

static void test_new_flags_all(void)
{
	struct cfg_namespace ns[CFG_NS_COUNT];
	struct cfg_spec s;
	int t;

	for (t = 0; t < CFG_NS_COUNT; t++)
		ns[t] = (struct cfg_namespace){(enum cfg_ns_type)t, NULL};
	spec_with(&s, ns, CFG_NS_COUNT);
	/* no CLONE_NEWTIME: its bit is clone(2)'s exit signal; init makes that namespace */
	ASSERT_INT(rt_ns_new_flags(&s), CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWIPC |
						CLONE_NEWUTS | CLONE_NEWUSER | CLONE_NEWCGROUP);
	/* with a new user namespace init creates all but user and pid itself, never time */
	ASSERT_INT(rt_ns_deferred_flags(&s),
		   CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP);
}

static void test_open_paths(void)
{
	struct cfg_namespace ns[] = {
		{CFG_NS_PID, NULL},
		{CFG_NS_NETWORK, (char *)"/proc/self/ns/net"},
		{CFG_NS_UTS, (char *)"/proc/self/ns/uts"},
	};
	struct cfg_spec s;
	struct berr err = {0};
	struct stat a, b;
	int fds[CFG_NS_COUNT], t;

	spec_with(&s, ns, 3);
	ASSERT_INT(rt_ns_open_paths(&s, fds, &err), 2);
	for (t = 0; t < CFG_NS_COUNT; t++)
		if (t != CFG_NS_NETWORK && t != CFG_NS_UTS)
			ASSERT_INT(fds[t], -1);
	ASSERT_TRUE(fds[CFG_NS_NETWORK] >= 0);
	ASSERT_TRUE(fcntl(fds[CFG_NS_NETWORK], F_GETFD) & FD_CLOEXEC);
	ASSERT_INT(fstat(fds[CFG_NS_NETWORK], &a), 0);
	ASSERT_INT(stat("/proc/self/ns/net", &b), 0);
	ASSERT_TRUE(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	rt_ns_close(fds);
	for (t = 0; t < CFG_NS_COUNT; t++)
		ASSERT_INT(fds[t], -1);
}

static void test_open_paths_none(void)
{
	struct cfg_namespace ns[] = {{CFG_NS_MOUNT, NULL}};
	struct cfg_spec s;
	struct berr err = {0};
	int fds[CFG_NS_COUNT], t;

	spec_with(&s, ns, 1);
	for (t = 0; t < CFG_NS_COUNT; t++)
		fds[t] = 1000 + t; /* garbage in, -1 out */
	ASSERT_INT(rt_ns_open_paths(&s, fds, &err), 0);
	for (t = 0; t < CFG_NS_COUNT; t++)
		ASSERT_INT(fds[t], -1);
}

static void test_open_paths_missing(void)
{
	struct cfg_namespace ns[] = {
		{CFG_NS_NETWORK, (char *)"/proc/self/ns/net"},
		{CFG_NS_IPC, (char *)"/nonexistent/ns/ipc"},
	};
	struct cfg_spec s;
	struct berr err = {0};
	char buf[600];
	int fds[CFG_NS_COUNT], t, before, after;

	spec_with(&s, ns, 2);
	before = open("/dev/null", O_RDONLY | O_CLOEXEC);
	(void)close(before);
	ASSERT_INT(rt_ns_open_paths(&s, fds, &err), -ENOENT);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "linux.namespaces[1].path: open /nonexistent/ns/ipc: No such file or directory");
	for (t = 0; t < CFG_NS_COUNT; t++)
		ASSERT_INT(fds[t], -1);
	/* the net fd opened before the failure was closed, not leaked */
	after = open("/dev/null", O_RDONLY | O_CLOEXEC);
	(void)close(after);
	ASSERT_INT(after, before);
}

/* A child that sits in a new network and uts namespace until killed. */
static pid_t ns_holder(void)
{
	int p[2];
	pid_t pid;
	char c = 'n';

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		c = unshare(CLONE_NEWNET | CLONE_NEWUTS) == 0 ? 'y' : 'n';
		(void)!write(p[1], &c, 1);
		pause();
		_exit(0);
	}
	(void)close(p[1]);
	if (read(p[0], &c, 1) != 1 || c != 'y') {
		(void)kill(pid, SIGKILL);
		(void)ut_wait(pid);
		pid = -1;
	}
	(void)close(p[0]);
	return pid;
}

static bool same_ns(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

struct join_arg {
	pid_t holder;
};

static void join_child(void *p)
{
	struct join_arg *a = p;
	char net[64], uts[64];
	struct cfg_namespace ns[2];
	struct cfg_spec s;
	struct berr err = {0};
	int fds[CFG_NS_COUNT];

	(void)snprintf(net, sizeof(net), "/proc/%d/ns/net", a->holder);
	(void)snprintf(uts, sizeof(uts), "/proc/%d/ns/uts", a->holder);
	ns[0] = (struct cfg_namespace){CFG_NS_NETWORK, net};
	ns[1] = (struct cfg_namespace){CFG_NS_UTS, uts};
	spec_with(&s, ns, 2);
	ASSERT_TRUE(!same_ns("/proc/self/ns/net", net));
	ASSERT_INT(rt_ns_open_paths(&s, fds, &err), 2);
	ASSERT_INT(rt_ns_join(fds, &err), 0);
	rt_ns_close(fds);
	ASSERT_TRUE(same_ns("/proc/self/ns/net", net));
	ASSERT_TRUE(same_ns("/proc/self/ns/uts", uts));
}

static void test_join(void)
{
	struct join_arg a = {ns_holder()};
	int st;

	ASSERT_TRUE(a.holder > 0);
	st = ut_fork_check(join_child, &a);
	(void)kill(a.holder, SIGKILL);
	(void)ut_wait(a.holder);
	ASSERT_INT(st, 0);
}

static void join_bad_child(void *p)
{
	struct berr err = {0};
	char buf[600];
	int fds[CFG_NS_COUNT], t;

	(void)p;
	for (t = 0; t < CFG_NS_COUNT; t++)
		fds[t] = -1;
	/* not a namespace file: setns refuses it */
	fds[CFG_NS_NETWORK] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ASSERT_INT(rt_ns_join(fds, &err), -EINVAL);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "join network namespace (setns): Invalid argument");
	rt_ns_close(fds);
	/* nothing to join is fine */
	ASSERT_INT(rt_ns_join(fds, &err), 0);
}

static void test_join_errors(void)
{
	ASSERT_CHILD_OK(join_bad_child, NULL);
}

/* the type of an fd must match: a uts fd joined as network fails */
static void join_mismatch_child(void *p)
{
	struct berr err = {0};
	char buf[600];
	int fds[CFG_NS_COUNT], t;

	(void)p;
	for (t = 0; t < CFG_NS_COUNT; t++)
		fds[t] = -1;
	fds[CFG_NS_IPC] = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
	ASSERT_INT(rt_ns_join(fds, &err), -EINVAL);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "join ipc namespace (setns): Invalid argument");
	rt_ns_close(fds);
}

static void test_join_wrong_type(void)
{
	ASSERT_CHILD_OK(join_mismatch_child, NULL);
}

int main(void)
{
	RUN(test_clone_flag_per_type);
	RUN(test_new_flags_skip_paths);
	RUN(test_new_flags_all);
	RUN(test_open_paths);
	RUN(test_open_paths_none);
	RUN(test_open_paths_missing);
	RUN(test_join);
	RUN(test_join_errors);
	RUN(test_join_wrong_type);
	UNIT_DONE();
}
