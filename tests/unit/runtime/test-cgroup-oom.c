/* test-cgroup-oom: OOM notifications: v2 by inotify on a fake memory.events whose oom_kill
 * count goes up; v1 for real on this host: a process over an 8 MiB limit is OOM-killed and the
 * eventfd reports it, and removing the cgroup is told apart from an OOM. */
#include <errno.h>
#include <poll.h>

#include "../../../runtime/cgroup-stats.h"
#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static bool readable(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};

	return poll(&p, 1, ms) == 1;
}

static void test_fake_v2(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct rt_cg_oom w;
	struct berr err = {0};
	uint64_t n = 9;
	char p[PATH_MAX];

	ASSERT_INT(rt_cg_oom_open(cg, &w, &err), -ENOTSUP);
	cg->mode = RT_CGROUP_V2;
	ut_path(cg->path[RT_CG_UNIFIED], "%s/v2/c1", dir);
	cg_put(dir, "v2/c1/memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 1\n");
	ASSERT_INT(rt_cg_oom_open(cg, &w, &err), 0);
	ASSERT_TRUE(w.v2 && w.last == 1);
	ASSERT_TRUE(!readable(w.fd, 0));
	cg_put(dir, "v2/c1/memory.events", "low 0\nhigh 0\nmax 4\noom 3\noom_kill 3\n");
	ASSERT_TRUE(readable(w.fd, 1000));
	ASSERT_INT(rt_cg_oom_read(&w, &n, &err), 0);
	ASSERT_INT(n, 2);
	ASSERT_TRUE(!readable(w.fd, 0)); /* drained */
	cg_put(dir, "v2/c1/memory.events", "low 1\nhigh 0\nmax 4\noom 3\noom_kill 3\n");
	ASSERT_TRUE(readable(w.fd, 1000));
	ASSERT_INT(rt_cg_oom_read(&w, &n, &err), 0);
	ASSERT_INT(n, 0); /* another counter moved */
	ut_path(p, "%s/v2/c1", dir);
	ut_rmrf(p);
	ASSERT_INT(rt_cg_oom_read(&w, &n, &err), -ENOENT);
	rt_cg_oom_close(&w);
	ASSERT_INT(w.fd, -1);
}

static void test_real_v1(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct cfg_spec *s = cg_spec("\"resources\": {\"memory\": {\"limit\": 8388608}}");
	struct rt_cg_where w = {cg_unique("oom"), "c1", false, false};
	struct rt_cg_oom o;
	struct berr err = {0};
	int p[2], st;
	uint64_t n = 0;
	pid_t pid;

	if (!cg_host_v1()) {
		printf("# skipped: no v1 memory hierarchy\n");
		cfg_spec_free(s);
		return;
	}
	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	if (pid == 0) {
		char c, *mem;
		size_t i;

		if (read(p[0], &c, 1) != 1)
			_exit(1);
		mem = malloc(64 << 20);
		for (i = 0; mem && i < (64u << 20); i += 4096)
			mem[i] = 1;
		_exit(0);
	}
	ASSERT_INT(rt_cg_setup_at(RT_CG_ROOT, "/proc/self/cgroup", s, &w, pid, cg, &err), 0);
	cfg_spec_free(s);
	ASSERT_INT(rt_cg_oom_open(cg, &o, &err), 0);
	ASSERT_TRUE(!o.v2);
	ASSERT_INT(write(p[1], "x", 1), 1);
	st = ut_wait(pid);
	ASSERT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	ASSERT_TRUE(readable(o.fd, 2000));
	ASSERT_INT(rt_cg_oom_read(&o, &n, &err), 0);
	ASSERT_TRUE(n >= 1);
	ASSERT_INT(rt_cgroup_destroy(cg, &err), 0);
	/* the eventfd also fires when the cgroup goes: that is not an OOM */
	ASSERT_TRUE(readable(o.fd, 2000));
	ASSERT_INT(rt_cg_oom_read(&o, &n, &err), -ENOENT);
	rt_cg_oom_close(&o);
	(void)close(p[0]);
	(void)close(p[1]);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_fake_v2);
	RUN(test_real_v1);
	ut_rmrf(dir);
	UNIT_DONE();
}
