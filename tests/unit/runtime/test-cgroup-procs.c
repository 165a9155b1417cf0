/* test-cgroup-procs: a container's pids from cgroup.procs of its cgroup and every cgroup
 * below it, sorted and unique (a fake tree), for real for a process on this host, and the
 * error when there is no cgroup. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static void test_fake_tree(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};
	pid_t *pids = NULL;
	size_t n = 0;

	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_PIDS], "%s/pids/c1", dir);
	cg_put(dir, "pids/c1/cgroup.procs", "30\n10\n");
	cg_put(dir, "pids/c1/sub/cgroup.procs", "20\n10\n");
	cg_put(dir, "pids/c1/sub/deeper/cgroup.procs", "5\n");
	cg_put(dir, "pids/c1/notes", "not a cgroup dir entry\n");
	ASSERT_INT(rt_cgroup_pids(cg, &pids, &n, &err), 0);
	ASSERT_INT(n, 4);
	ASSERT_TRUE(pids && pids[0] == 5 && pids[1] == 10 && pids[2] == 20 && pids[3] == 30);
	free(pids);
	pids = NULL;
	/* empty */
	ut_path(cg->path[RT_CG_PIDS], "%s/pids/empty", dir);
	cg_put(dir, "pids/empty/cgroup.procs", "");
	ASSERT_INT(rt_cgroup_pids(cg, &pids, &n, &err), 0);
	ASSERT_INT(n, 0);
	free(pids);
	ut_path(cg->path[RT_CG_PIDS], "%s/pids/gone", dir);
	ASSERT_INT(rt_cgroup_pids(cg, &pids, &n, &err), -ENOENT);
	memset(cg, 0, sizeof(*cg));
	ASSERT_INT(rt_cgroup_pids(cg, &pids, &n, &err), -ENOTSUP);
	ASSERT_STR(err.msg, "the container has no cgroup");
}

static void test_real(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};
	pid_t *pids = NULL, pid;
	size_t n = 0;
	char buf[32];

	if (!cg_host_v1()) {
		printf("# skipped: no v1 pids hierarchy\n");
		return;
	}
	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_PIDS], "/sys/fs/cgroup/pids/%s", cg_unique("procs"));
	ASSERT_INT(mkdir(cg->path[RT_CG_PIDS], 0755), 0);
	pid = cg_sleeper();
	(void)snprintf(buf, sizeof(buf), "%d", pid);
	ASSERT_INT(rt_cg_write(cg->path[RT_CG_PIDS], "cgroup.procs", buf, "test", &err), 0);
	ASSERT_INT(rt_cgroup_pids(cg, &pids, &n, &err), 0);
	ASSERT_INT(n, 1);
	ASSERT_INT(pids[0], pid);
	free(pids);
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
	ASSERT_INT(rmdir(cg->path[RT_CG_PIDS]), 0);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_fake_tree);
	RUN(test_real);
	ut_rmrf(dir);
	UNIT_DONE();
}
