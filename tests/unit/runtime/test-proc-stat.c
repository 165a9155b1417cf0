/* test-proc-stat: start time and state from /proc/<pid>/stat, also past a comm that holds
 * spaces and parentheses, and liveness (zombies and reused pids are not alive). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "../../../runtime/proc-stat.h"
#include "unit.h"
#include "rt-unit.h"

/* field 22 of /proc/self/stat, read independently of the code under test */
static unsigned long long own_start_time(void)
{
	char buf[1024], *p;
	unsigned long long v = 0;
	int i;

	if (ut_read_file("/proc/self/stat", buf, sizeof(buf)) <= 0)
		return 0;
	p = strrchr(buf, ')') + 2;
	for (i = 3; i < 22; i++)
		p = strchr(p, ' ') + 1;
	(void)sscanf(p, "%llu", &v);
	return v;
}

static void test_self(void)
{
	uint64_t start = 0;
	char state = 0;

	ASSERT_INT(rt_proc_stat(getpid(), &start, &state), 0);
	ASSERT_INT(state, 'R');
	ASSERT_TRUE(start > 0);
	ASSERT_INT(start, own_start_time());
	ASSERT_TRUE(rt_proc_is_alive(getpid(), start));
	ASSERT_TRUE(!rt_proc_is_alive(getpid(), start + 1));
}

static void test_null_out_params(void)
{
	ASSERT_INT(rt_proc_stat(getpid(), NULL, NULL), 0);
}

static void test_bad_pids(void)
{
	uint64_t start = 7;
	char state = 'q';

	ASSERT_INT(rt_proc_stat(0, &start, &state), -ESRCH);
	ASSERT_INT(rt_proc_stat(-5, &start, &state), -ESRCH);
	ASSERT_INT(start, 7); /* failure leaves ret_ params alone */
	ASSERT_INT(state, 'q');
	ASSERT_TRUE(!rt_proc_is_alive(0, 0));
}

/* A child whose comm is "a) b (c" reports its own view of field 22 on a pipe and sleeps. */
static void test_comm_with_parens_and_spaces(void)
{
	int p[2];
	unsigned long long child_start = 0;
	uint64_t start = 0;
	char state = 0;
	pid_t pid;
	int st;

	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		unsigned long long v;

		(void)prctl(PR_SET_NAME, "a) b (c", 0, 0, 0);
		v = own_start_time();
		(void)!write(p[1], &v, sizeof(v));
		pause();
		_exit(0);
	}
	(void)close(p[1]);
	ASSERT_INT(read(p[0], &child_start, sizeof(child_start)), sizeof(child_start));
	(void)close(p[0]);
	/* wait until it sleeps in pause() */
	for (int i = 0; i < 500 && (rt_proc_stat(pid, NULL, &state) < 0 || state != 'S'); i++)
		usleep(2000);
	ASSERT_INT(rt_proc_stat(pid, &start, &state), 0);
	ASSERT_INT(state, 'S');
	ASSERT_INT(start, child_start);
	ASSERT_TRUE(rt_proc_is_alive(pid, start));
	(void)kill(pid, SIGKILL);
	/* a zombie is not alive */
	for (int i = 0; i < 500 && (rt_proc_stat(pid, NULL, &state) < 0 || state != 'Z'); i++)
		usleep(2000);
	ASSERT_INT(state, 'Z');
	ASSERT_TRUE(!rt_proc_is_alive(pid, start));
	st = ut_wait(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	/* reaped: gone */
	ASSERT_INT(rt_proc_stat(pid, &start, &state), -ENOENT);
	ASSERT_TRUE(!rt_proc_is_alive(pid, start));
}

int main(void)
{
	RUN(test_self);
	RUN(test_null_out_params);
	RUN(test_bad_pids);
	RUN(test_comm_with_parens_and_spaces);
	UNIT_DONE();
}
