/* test-undo: the reversal list runs newest first, once, and refuses to overflow. */
#include <errno.h>
#include <string.h>

#include "../../../runtime/state.h"
#include "../../../runtime/undo.h"
#include "unit.h"
#include "rt-unit.h"

#include <signal.h>
#include <sys/wait.h>

struct trace {
	char order[64];
	int n;
};

static void record(void *ctx, long arg)
{
	struct trace *t = ctx;

	t->order[t->n++] = (char)arg;
	t->order[t->n] = '\0';
}

static void test_runs_newest_first(void)
{
	struct rt_undo u = {.n = 0};
	struct trace t = {.n = 0};

	ASSERT_INT(rt_undo_push(&u, record, &t, 'a'), 0);
	ASSERT_INT(rt_undo_push(&u, record, &t, 'b'), 0);
	ASSERT_INT(rt_undo_push(&u, record, &t, 'c'), 0);
	rt_undo_run(&u);
	ASSERT_STR(t.order, "cba");
	ASSERT_INT(u.n, 0);
	rt_undo_run(&u); /* emptied: nothing runs twice */
	ASSERT_STR(t.order, "cba");
}

static void test_forget_keeps_effects(void)
{
	struct rt_undo u = {.n = 0};
	struct trace t = {.n = 0};

	ASSERT_INT(rt_undo_push(&u, record, &t, 'x'), 0);
	rt_undo_forget(&u);
	ASSERT_INT(u.n, 0);
	rt_undo_run(&u);
	ASSERT_INT(t.n, 0);
}

static void test_full_list_refuses(void)
{
	struct rt_undo u = {.n = 0};
	struct trace t = {.n = 0};
	int i;

	for (i = 0; i < RT_UNDO_MAX; i++)
		ASSERT_INT(rt_undo_push(&u, record, &t, 'A' + i), 0);
	ASSERT_INT(rt_undo_push(&u, record, &t, 'z'), -ENOSPC);
	ASSERT_INT(u.n, RT_UNDO_MAX);
	rt_undo_run(&u);
	ASSERT_INT(t.n, RT_UNDO_MAX);
	ASSERT_INT(t.order[0], 'A' + RT_UNDO_MAX - 1);
	ASSERT_INT(t.order[RT_UNDO_MAX - 1], 'A');
	ASSERT_TRUE(!strchr(t.order, 'z'));
}

static void test_reusable_after_run(void)
{
	struct rt_undo u = {.n = 0};
	struct trace t = {.n = 0};

	ASSERT_INT(rt_undo_push(&u, record, &t, '1'), 0);
	rt_undo_run(&u);
	ASSERT_INT(rt_undo_push(&u, record, &t, '2'), 0);
	rt_undo_run(&u);
	ASSERT_STR(t.order, "12");
}

/* the shared reversals of create: the state dir goes, a process is killed and reaped */
static void test_state_dir_and_process(void)
{
	char dir[PATH_MAX], path[PATH_MAX];
	struct rt_undo_dir ud;
	struct rt_undo u = {.n = 0};
	struct berr err = {0};
	int rootfd, fd;
	pid_t pid;

	ut_tmpdir(dir);
	rootfd = rt_state_open_root(dir, true, &err);
	ASSERT_TRUE(rootfd >= 0);
	fd = rt_state_create_dir(rootfd, "u1", &err);
	ASSERT_TRUE(fd >= 0);
	(void)close(fd);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	ud = (struct rt_undo_dir){rootfd, "u1"};
	ASSERT_INT(rt_undo_push(&u, rt_undo_state_dir, &ud, 0), 0);
	ASSERT_INT(rt_undo_push(&u, rt_undo_process, NULL, pid), 0);
	rt_undo_run(&u);
	ut_path(path, "%s/u1", dir);
	ASSERT_TRUE(access(path, F_OK) < 0);
	ASSERT_TRUE(kill(pid, 0) < 0 && errno == ESRCH); /* killed and reaped: no zombie */
	(void)close(rootfd);
	ut_rmrf(dir);
}

int main(void)
{
	RUN(test_state_dir_and_process);
	RUN(test_runs_newest_first);
	RUN(test_forget_keeps_effects);
	RUN(test_full_list_refuses);
	RUN(test_reusable_after_run);
	UNIT_DONE();
}
