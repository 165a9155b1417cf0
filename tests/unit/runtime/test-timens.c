/* test-timens: offsets of a new time namespace as the container's init sets them: written by
 * the process that unshared (or by its parent through /proc/<pid>), seen by its children and,
 * after execve, by itself; refused once a process has entered the namespace. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../../runtime/timens.h"
#include "unit.h"
#include "rt-unit.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

#define DAY 86400LL

static char dir[PATH_MAX];

static void spec_with(struct cfg_spec *s, struct cfg_time_offset *t, size_t n)
{
	memset(s, 0, sizeof(*s));
	s->linux_.time_offsets = t;
	s->linux_.n_time_offsets = n;
}

static long long mono_s(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

/* Forks a child that exits 0 when its CLOCK_MONOTONIC is ours + offset (+-2 s). */
static int child_sees_offset(long long offset)
{
	long long before = mono_s();
	pid_t pid = fork();
	long long d;

	if (pid == 0) {
		d = mono_s() - before - offset;
		_exit(d >= -2 && d <= 2 ? 0 : 1);
	}
	return ut_wait(pid);
}

static void child_unshare(void *arg)
{
	struct cfg_time_offset t[] = {{(char *)"monotonic", 1000, 5}, {(char *)"boottime", DAY, 0}};
	struct cfg_spec s;
	struct berr err = {0};
	char buf[256], c1[16], c2[16];
	long long s1, s2;
	long n1, n2;

	(void)arg;
	spec_with(&s, t, 2);
	ASSERT_INT(rt_timens_unshare(&s, &err), 0);
	/* we stay where we were; our children are in the new namespace */
	ASSERT_TRUE(child_sees_offset(0) != 0);
	ASSERT_INT(child_sees_offset(1000), 0);
	ASSERT_TRUE(ut_read_file("/proc/self/timens_offsets", buf, sizeof(buf)) > 0);
	ASSERT_INT(sscanf(buf, "%15s %lld %ld %15s %lld %ld", c1, &s1, &n1, c2, &s2, &n2), 6);
	ASSERT_STR(c1, "monotonic");
	ASSERT_INT(s1, 1000);
	ASSERT_INT(n1, 5);
	ASSERT_STR(c2, "boottime");
	ASSERT_INT(s2, DAY);
	ASSERT_INT(n2, 0);
}

static void test_unshare_then_children_see_offsets(void)
{
	ASSERT_CHILD_OK(child_unshare, NULL);
}

static double uptime_of(const char *path)
{
	char buf[128];

	return ut_read_file(path, buf, sizeof(buf)) > 0 ? atof(buf) : -1;
}

static void test_exec_moves_init_into_the_namespace(void)
{
	struct cfg_time_offset t[] = {{(char *)"boottime", 1000 * DAY, 0}};
	struct cfg_spec s;
	struct berr err = {0};
	char out[PATH_MAX], cmd[PATH_MAX + 64];
	double host, seen;
	pid_t pid;

	spec_with(&s, t, 1);
	ut_path(out, "%s/uptime", dir);
	(void)snprintf(cmd, sizeof(cmd), "cat /proc/uptime >%s", out);
	pid = fork();
	if (pid == 0) {
		if (rt_timens_unshare(&s, &err) < 0)
			_exit(2);
		/* Linux >= 6.0: execve switches us into time_for_children */
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(3);
	}
	ASSERT_INT(ut_wait(pid), 0);
	host = uptime_of("/proc/uptime");
	seen = uptime_of(out);
	ASSERT_TRUE(seen - host > 1000 * DAY - 5 && seen - host < 1000 * DAY + 5);
}

static void test_parent_writes_through_proc_pid(void)
{
	struct cfg_time_offset t[] = {{(char *)"monotonic", -10, 0}};
	struct cfg_spec s;
	struct berr err = {0};
	int go[2], done[2];
	char c = 0;
	pid_t pid;
	int st;

	spec_with(&s, t, 1);
	ASSERT_INT(pipe(go), 0);
	ASSERT_INT(pipe(done), 0);
	pid = fork();
	if (pid == 0) {
		if (unshare(CLONE_NEWTIME) < 0)
			_exit(2);
		(void)!write(done[1], &c, 1);
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		_exit(child_sees_offset(-10) == 0 ? 0 : 4);
	}
	ASSERT_INT(read(done[0], &c, 1), 1);
	ASSERT_INT(rt_timens_write_offsets(pid, &s, &err), 0);
	(void)!write(go[1], &c, 1);
	st = ut_wait(pid);
	(void)close(go[0]);
	(void)close(go[1]);
	(void)close(done[0]);
	(void)close(done[1]);
	ASSERT_INT(st, 0);
}

static void child_frozen(void *arg)
{
	struct cfg_time_offset t[] = {{(char *)"monotonic", 1, 0}};
	struct cfg_spec s;
	struct berr err = {0};
	char msg[600];

	(void)arg;
	spec_with(&s, t, 1);
	ASSERT_INT(unshare(CLONE_NEWTIME), 0);
	ASSERT_INT(child_sees_offset(0), 0); /* a first process entered: offsets are fixed */
	ASSERT_INT(rt_timens_write_offsets(0, &s, &err), -EACCES);
	ASSERT_STR(berr_str(&err, msg, sizeof(msg)),
		   "linux.timeOffsets: write /proc/self/timens_offsets: Permission denied");
}

static void test_offsets_frozen_once_entered(void)
{
	ASSERT_CHILD_OK(child_frozen, NULL);
}

static void test_no_offsets_writes_nothing(void)
{
	struct cfg_spec s;
	struct berr err = {0};

	spec_with(&s, NULL, 0);
	/* no time namespace of our own: a write would fail, so nothing was written */
	ASSERT_INT(rt_timens_write_offsets(0, &s, &err), 0);
	ASSERT_INT(err.code, 0);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_unshare_then_children_see_offsets);
	RUN(test_exec_moves_init_into_the_namespace);
	RUN(test_parent_writes_through_proc_pid);
	RUN(test_offsets_frozen_once_entered);
	RUN(test_no_offsets_writes_nothing);
	ut_rmrf(dir);
	UNIT_DONE();
}
