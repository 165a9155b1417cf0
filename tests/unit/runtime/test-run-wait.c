/* test-run-wait: exit statuses as a shell reports them, waiting for a child that exits or is
 * killed, signal forwarding, and relaying a pty to stdout (each in a forked "berth run"). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <termios.h>

#include "../../../runtime/run-wait.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

static void test_exit_status(void)
{
	ASSERT_INT(rt_exit_status(0), 0);
	ASSERT_INT(rt_exit_status(3 << 8), 3);
	ASSERT_INT(rt_exit_status(255 << 8), 255);
	ASSERT_INT(rt_exit_status(SIGKILL), 137);
	ASSERT_INT(rt_exit_status(SIGTERM | 0x80), 143);	/* core dumped */
	ASSERT_INT(rt_exit_status(0x7f | (SIGSTOP << 8)), 255); /* stopped: no exit status */
}

static pid_t child_exiting(int code, bool wait_for_kill)
{
	pid_t pid;

	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (wait_for_kill)
			pause();
		_exit(code);
	}
	return pid;
}

/* runs in a forked "berth run" so the blocked signals and subreaper stay there */
static void wait_exit_child(void *arg)
{
	struct berr err = {0};
	pid_t pid;

	(void)arg;
	ASSERT_INT(rt_run_block_signals(&err), 0);
	pid = child_exiting(3, false);
	ASSERT_TRUE(pid > 0);
	ASSERT_INT(rt_run_wait(pid, -1, &err), 3);
	ASSERT_TRUE(waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD); /* reaped */
	pid = child_exiting(0, true);
	ASSERT_TRUE(pid > 0);
	(void)kill(pid, SIGKILL);
	ASSERT_INT(rt_run_wait(pid, -1, &err), 137);
}

static void test_wait_exit_and_kill(void)
{
	ASSERT_CHILD_OK(wait_exit_child, NULL);
}

static void block_child(void *arg)
{
	struct berr err = {0};
	sigset_t set;

	(void)arg;
	ASSERT_INT(rt_run_block_signals(&err), 0);
	ASSERT_INT(sigprocmask(SIG_BLOCK, NULL, &set), 0);
	ASSERT_INT(sigismember(&set, SIGTERM), 1);
	ASSERT_INT(sigismember(&set, SIGINT), 1);
	ASSERT_INT(sigismember(&set, SIGCHLD), 1);
	ASSERT_INT(sigismember(&set, SIGWINCH), 1);
	ASSERT_INT(sigismember(&set, SIGSEGV), 0);
	ASSERT_INT(sigismember(&set, SIGBUS), 0);
	ASSERT_INT(sigismember(&set, SIGILL), 0);
	ASSERT_INT(sigismember(&set, SIGFPE), 0);
	{
		int on = 0;

		ASSERT_INT(prctl(PR_GET_CHILD_SUBREAPER, &on, 0, 0, 0), 0);
		ASSERT_INT(on, 1);
	}
}

static void test_block_signals(void)
{
	ASSERT_CHILD_OK(block_child, NULL);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* The "container": unblocks, catches SIGUSR1, says it is ready and exits 42 once it got it. */
static pid_t catcher(int ready_fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		sigset_t none;

		(void)signal(SIGUSR1, on_usr1);
		(void)sigemptyset(&none);
		(void)sigprocmask(SIG_SETMASK, &none, NULL);
		(void)!write(ready_fd, "r", 1);
		alarm(10);
		while (!got_usr1)
			pause();
		_exit(42);
	}
	return pid;
}

static void test_signal_forwarding(void)
{
	int p[2];
	pid_t runner;
	char c;

	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	(void)fflush(stdout);
	runner = fork();
	ASSERT_TRUE(runner >= 0);
	if (runner == 0) {
		struct berr err = {0};
		pid_t pid;

		if (rt_run_block_signals(&err) < 0)
			_exit(200);
		pid = catcher(p[1]);
		_exit(rt_run_wait(pid, -1, &err));
	}
	(void)close(p[1]);
	ASSERT_INT(read(p[0], &c, 1), 1);
	(void)close(p[0]);
	/* what berth run receives goes to the container */
	ASSERT_INT(kill(runner, SIGUSR1), 0);
	ASSERT_INT(ut_wait(runner), 42 << 8);
}

/* The "container" writes to its terminal and exits 5; the runner relays to its stdout. */
static void relay_child(void *arg)
{
	char out[PATH_MAX], buf[256], name[64];
	struct berr err = {0};
	int master, slave, saved, r, null;
	pid_t pid;

	(void)arg;
	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	ASSERT_TRUE(master >= 0);
	ASSERT_INT(grantpt(master), 0);
	ASSERT_INT(unlockpt(master), 0);
	ASSERT_INT(ptsname_r(master, name, sizeof(name)), 0);
	slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	ASSERT_TRUE(slave >= 0);
	/* stdin is not a terminal: no raw mode, and its EOF must not end the relay */
	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ASSERT_TRUE(null >= 0);
	ASSERT_INT(dup2(null, STDIN_FILENO), 0);
	ASSERT_INT(rt_run_block_signals(&err), 0);
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)dup2(slave, STDOUT_FILENO);
		usleep(50000);
		(void)!write(STDOUT_FILENO, "hello from the container\n", 25);
		_exit(5);
	}
	(void)close(slave);
	ut_path(out, "%s/relay.out", dir);
	saved = ut_capture_begin(STDOUT_FILENO, out);
	r = rt_run_wait(pid, master, &err);
	ut_capture_end(STDOUT_FILENO, saved);
	(void)close(master);
	ASSERT_INT(r, 5);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "hello from the container\r\n"); /* the pty's onlcr */
}

static void test_relay_terminal(void)
{
	ASSERT_CHILD_OK(relay_child, NULL);
}

/* A child that forks a grandchild living grand_ms, reports its pid, and exits 7 after
 * child_ms. */
static pid_t parent_of_orphan(int grand_ms, int child_ms, pid_t *ret_orphan)
{
	pid_t pid;
	int p[2];

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pid_t g = fork();

		if (g == 0) {
			usleep((useconds_t)grand_ms * 1000);
			_exit(0);
		}
		(void)!write(p[1], &g, sizeof(g));
		usleep((useconds_t)child_ms * 1000);
		_exit(7);
	}
	(void)close(p[1]);
	if (read(p[0], ret_orphan, sizeof(*ret_orphan)) != sizeof(*ret_orphan))
		*ret_orphan = -1;
	(void)close(p[0]);
	return pid;
}

static pid_t ppid_of(pid_t pid)
{
	char path[64], buf[512], *p;

	(void)snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (ut_read_file(path, buf, sizeof(buf)) <= 0 || !(p = strrchr(buf, ')')))
		return -1;
	return (pid_t)strtol(p + 4, NULL, 10); /* ") S <ppid>" */
}

/* orphans of the container come to us (subreaper) and are reaped on the way */
static void orphan_child(void *arg)
{
	struct berr err = {0};
	pid_t pid, orphan = -1;

	(void)arg;
	ASSERT_INT(rt_run_block_signals(&err), 0);
	/* the orphan outlives its parent: it is ours now */
	pid = parent_of_orphan(300, 20, &orphan);
	ASSERT_TRUE(pid > 0 && orphan > 0);
	ASSERT_INT(rt_run_wait(pid, -1, &err), 7);
	ASSERT_INT(ppid_of(orphan), getpid());
	ASSERT_INT(ut_wait(orphan), 0);
	/* the orphan died first: a zombie handed to us with its parent's exit, reaped */
	pid = parent_of_orphan(10, 150, &orphan);
	ASSERT_TRUE(pid > 0 && orphan > 0);
	ASSERT_INT(rt_run_wait(pid, -1, &err), 7);
	ASSERT_INT(waitpid(orphan, NULL, WNOHANG), -1);
	ASSERT_INT(errno, ECHILD);
}

static void test_orphans_reaped(void)
{
	ASSERT_CHILD_OK(orphan_child, NULL);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_exit_status);
	RUN(test_wait_exit_and_kill);
	RUN(test_block_signals);
	RUN(test_signal_forwarding);
	RUN(test_relay_terminal);
	RUN(test_orphans_reaped);
	ut_rmrf(dir);
	UNIT_DONE();
}
