/* test-signal-container: a pidfd checked against the start time (a reused pid is never
 * signalled), delivering signals to init and, with --all, to its pid namespace, and waiting
 * for it to be gone. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>

#include "../../../runtime/proc-stat.h"
#include "../../../runtime/signal-container.h"
#include "unit.h"
#include "rt-unit.h"

static pid_t sleeper(void)
{
	pid_t pid;

	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		alarm(30);
		pause();
		_exit(0);
	}
	return pid;
}

static int state_of(pid_t pid, struct rt_state *st)
{
	memset(st, 0, sizeof(*st));
	st->pid = pid;
	return rt_proc_stat(pid, &st->start_time, NULL);
}

static void test_pidfd_live(void)
{
	struct rt_state st;
	struct berr err = {0};
	pid_t pid = sleeper();
	int fd;

	ASSERT_TRUE(pid > 0);
	ASSERT_INT(state_of(pid, &st), 0);
	fd = rt_pidfd_open_checked(&st, &err);
	ASSERT_TRUE(fd >= 0);
	ASSERT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	(void)close(fd);
	/* the same pid with another start time is another process */
	st.start_time += 1;
	ASSERT_INT(rt_pidfd_open_checked(&st, &err), -ESRCH);
	ASSERT_STR(err.msg, "container not running");
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
}

static void test_pidfd_gone(void)
{
	struct rt_state st;
	struct berr err = {0};
	pid_t pid = sleeper();

	ASSERT_TRUE(pid > 0);
	ASSERT_INT(state_of(pid, &st), 0);
	(void)kill(pid, SIGKILL);
	/* a zombie is not running */
	for (int i = 0; i < 500 && rt_proc_is_alive(pid, st.start_time); i++)
		usleep(2000);
	ASSERT_INT(rt_pidfd_open_checked(&st, &err), -ESRCH);
	ASSERT_STR(err.msg, "container not running");
	(void)ut_wait(pid);
	/* reaped */
	memset(&err, 0, sizeof(err));
	ASSERT_INT(rt_pidfd_open_checked(&st, &err), -ESRCH);
	ASSERT_STR(err.msg, "container not running");
	ASSERT_TRUE(!err.sys);
}

static void test_pidfd_bad_pid(void)
{
	struct rt_state st = {.pid = -1};
	struct berr err = {0};
	char buf[600];

	ASSERT_INT(rt_pidfd_open_checked(&st, &err), -EINVAL);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "pidfd_open(-1): Invalid argument");
}

static void test_signal_delivered(void)
{
	struct rt_state st;
	struct berr err = {0};
	pid_t pid = sleeper();
	int wst;

	ASSERT_TRUE(pid > 0);
	ASSERT_INT(state_of(pid, &st), 0);
	ASSERT_INT(rt_signal_container(&st, SIGUSR1, false, &err), 0);
	wst = ut_wait(pid);
	ASSERT_TRUE(WIFSIGNALED(wst));
	ASSERT_INT(WTERMSIG(wst), SIGUSR1);
	/* it is gone now: a second signal is refused, not sent to whoever reuses the pid */
	ASSERT_INT(rt_signal_container(&st, SIGUSR1, false, &err), -ESRCH);
	ASSERT_STR(err.msg, "container not running");
}

/* with --all in the host pid namespace only init itself is signalled */
static void test_signal_all_host_pidns(void)
{
	struct rt_state st;
	struct berr err = {0};
	pid_t pid = sleeper(), bystander = sleeper();
	int wst;

	ASSERT_TRUE(pid > 0 && bystander > 0);
	ASSERT_INT(state_of(pid, &st), 0);
	ASSERT_INT(rt_signal_container(&st, SIGUSR2, true, &err), 0);
	wst = ut_wait(pid);
	ASSERT_INT(WTERMSIG(wst), SIGUSR2);
	ASSERT_INT(kill(bystander, 0), 0);
	(void)kill(bystander, SIGKILL);
	(void)ut_wait(bystander);
}

static volatile sig_atomic_t init_got;

static void on_sig(int sig)
{
	init_got = sig;
}

/*
 * A pid namespace of our own: A unshares it and forks B (its pid 1), which catches SIGUSR1 and
 * forks C. B reports its host pid; with --all, C must die of SIGUSR1 and B must get it too.
 * B exits 20 when both happened. A exits with B's status.
 */
static pid_t pidns_tree(int report_fd)
{
	pid_t a = fork();

	if (a != 0)
		return a;
	alarm(20);
	if (unshare(CLONE_NEWPID) < 0)
		_exit(90);
	pid_t b = fork();

	if (b == 0) {
		pid_t c;
		int st;

		alarm(20); /* on failure: B dies, and with it its namespace */
		c = fork();
		if (c == 0) {
			pause();
			_exit(0);
		}
		(void)signal(SIGUSR1, on_sig); /* C keeps the default action: it dies */
		(void)!write(report_fd, "r", 1);
		if (waitpid(c, &st, 0) != c || !WIFSIGNALED(st) || WTERMSIG(st) != SIGUSR1)
			_exit(91);
		while (!init_got)
			pause();
		_exit(20);
	}
	(void)!write(report_fd, &b, sizeof(b));
	_exit(WEXITSTATUS(ut_wait(b)));
}

static void test_signal_all_pidns(void)
{
	struct rt_state st;
	struct berr err = {0};
	int p[2];
	pid_t a, b = 0;
	char c;

	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	(void)fflush(stdout);
	a = pidns_tree(p[1]);
	ASSERT_TRUE(a > 0);
	(void)close(p[1]);
	ASSERT_INT(read(p[0], &b, sizeof(b)), sizeof(b));
	ASSERT_INT(read(p[0], &c, 1), 1); /* B has its handler and C */
	(void)close(p[0]);
	ASSERT_INT(state_of(b, &st), 0);
	ASSERT_INT(rt_signal_container(&st, SIGUSR1, true, &err), 0);
	ASSERT_INT(ut_wait(a), 20 << 8);
}

static void test_wait_gone(void)
{
	struct rt_state st;
	struct berr err = {0};
	pid_t pid;

	/* exits by itself within the timeout */
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		_exit(0);
	}
	ASSERT_INT(state_of(pid, &st), 0);
	ASSERT_INT(rt_wait_gone(&st, 5000, &err), 0);
	ASSERT_TRUE(!rt_proc_is_alive(pid, st.start_time));
	(void)ut_wait(pid);
	/* already gone */
	ASSERT_INT(rt_wait_gone(&st, 10, &err), 0);
	ASSERT_INT(err.code, 0);
}

static void test_wait_gone_timeout(void)
{
	struct rt_state st;
	struct berr err = {0};
	char want[64];
	pid_t pid = sleeper();

	ASSERT_TRUE(pid > 0);
	ASSERT_INT(state_of(pid, &st), 0);
	ASSERT_INT(rt_wait_gone(&st, 50, &err), -ETIMEDOUT);
	(void)snprintf(want, sizeof(want), "container init %d did not exit", pid);
	ASSERT_STR(err.msg, want);
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
}

int main(void)
{
	RUN(test_pidfd_live);
	RUN(test_pidfd_gone);
	RUN(test_pidfd_bad_pid);
	RUN(test_signal_delivered);
	RUN(test_signal_all_host_pidns);
	RUN(test_signal_all_pidns);
	RUN(test_wait_gone);
	RUN(test_wait_gone_timeout);
	UNIT_DONE();
}
