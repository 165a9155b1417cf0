/* test-cgroup-destroy: delete's end of a cgroup for real on this host: every process in it
 * killed (freeze, SIGKILL, thaw on v1) including ones it forked, the directories removed,
 * and a cgroup already gone, a state dir without cgroup.json and a cgroup-less container
 * all fine; the undo hook does the same. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

/* A process with two children of its own (not ours to reap: they die with the cgroup). */
static pid_t family(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (fork() == 0 || fork() == 0)
			for (;;)
				pause();
		for (;;)
			pause();
	}
	return pid;
}

static void test_real_v1(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct cfg_spec *s = cg_spec("\"resources\": {\"pids\": {\"limit\": 10}}");
	struct rt_cg_where w = {cg_unique("destroy"), "c1", false, false};
	struct berr err = {0};
	pid_t pid, *pids = NULL;
	size_t n = 0;

	if (!cg_host_v1()) {
		printf("# skipped: no v1 hierarchies\n");
		cfg_spec_free(s);
		return;
	}
	ASSERT_TRUE(s);
	pid = family();
	ASSERT_INT(rt_cg_setup_at(RT_CG_ROOT, "/proc/self/cgroup", s, &w, pid, cg, &err), 0);
	cfg_spec_free(s);
	/* the children were forked before the move: move them too, as if forked after */
	usleep(50000);
	{
		char task[64], p[PATH_MAX];
		FILE *f;
		int k;

		(void)snprintf(p, sizeof(p), "/proc/%d/task/%d/children", pid, pid);
		f = fopen(p, "re");
		while (f && fscanf(f, "%d", &k) == 1) {
			(void)snprintf(task, sizeof(task), "%d", k);
			(void)rt_cg_attach(cg, k, &err);
		}
		if (f)
			fclose(f);
	}
	ASSERT_INT(rt_cgroup_pids(cg, &pids, &n, &err), 0);
	free(pids);
	ASSERT_INT(n, 3);
	ASSERT_INT(rt_cgroup_destroy(cg, &err), 0);
	ASSERT_TRUE(WIFSIGNALED(ut_wait(pid)));
	ASSERT_TRUE(access(cg->path[RT_CG_PIDS], F_OK) < 0);
	ASSERT_TRUE(access(cg->path[RT_CG_FREEZER], F_OK) < 0);
	ASSERT_TRUE(access(cg->path[RT_CG_MEMORY], F_OK) < 0);
	ASSERT_INT(rt_cgroup_destroy(cg, &err), 0);
}

static void test_nothing_to_do(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};
	char dir[PATH_MAX];
	int fd;

	ASSERT_INT(rt_cgroup_destroy(cg, &err), 0); /* RT_CGROUP_NONE */
	ut_tmpdir(dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_INT(rt_cgroup_destroy_saved(fd, &err), 0);
	/* a recorded cgroup that is gone already */
	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_PIDS], "%s/pids/gone", dir);
	ASSERT_INT(rt_cgroup_save(fd, cg, &err), 0);
	ASSERT_INT(rt_cgroup_destroy_saved(fd, &err), 0);
	rt_cgroup_undo(cg, 0);
	(void)close(fd);
	ut_rmrf(dir);
}

int main(void)
{
	RUN(test_real_v1);
	RUN(test_nothing_to_do);
	UNIT_DONE();
}
