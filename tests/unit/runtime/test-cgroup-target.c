/* test-cgroup-target: opening a container for the cgroup commands: state, status and cgroup
 * under the lock; a missing container, a missing root and a container without cgroup.json
 * each named. */
#include <errno.h>
#include <sys/file.h>

#include "../../../runtime/cgroup-target.h"
#include "../../../runtime/cli.h"
#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX], root[PATH_MAX];

static void test_errors(void)
{
	struct rt_cg_target t;
	struct berr err = {0};
	char missing[PATH_MAX];

	ut_path(missing, "%s/nope", dir);
	arg_global.root = missing;
	ASSERT_INT(rt_cg_target_open("c1", &t, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: c1");
	arg_global.root = root;
	ASSERT_INT(rt_cg_target_open("c1", &t, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: c1");
	ASSERT_INT(cg_state_dir(root, "nocg", getpid(), NULL), 0);
	ASSERT_INT(rt_cg_target_open("nocg", &t, &err), -ENOENT);
	ASSERT_STR(err.msg, "the container has no cgroup");
}

static void test_open(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct rt_cg_target t;
	struct berr err = {0};
	pid_t pid;
	int fd, lk;

	arg_global.root = root;
	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_FREEZER], "%s/freezer/c1", dir);
	cg_put(dir, "freezer/c1/freezer.state", "THAWED\n");
	pid = cg_sleeper();
	ASSERT_INT(cg_state_dir(root, "t1", pid, cg), 0);
	ASSERT_INT(rt_cg_target_open("t1", &t, &err), 0);
	ASSERT_INT(t.status, RT_STATUS_RUNNING);
	ASSERT_INT(t.st.pid, pid);
	ASSERT_STR(t.cg->path[RT_CG_FREEZER], cg->path[RT_CG_FREEZER]);
	/* the lock is held until unlock */
	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	lk = openat(fd, "t1", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_INT(flock(lk, LOCK_EX | LOCK_NB), -1);
	rt_cg_target_unlock(&t);
	ASSERT_INT(flock(lk, LOCK_EX | LOCK_NB), 0);
	(void)close(lk);
	ASSERT_INT(t.dirfd, -1);
	ASSERT_STR(t.st.id, "t1");
	rt_cg_target_close(&t);
	/* a frozen cgroup reads as paused */
	cg_put(dir, "freezer/c1/freezer.state", "FROZEN\n");
	ASSERT_INT(rt_cg_target_open("t1", &t, &err), 0);
	ASSERT_INT(t.status, RT_STATUS_PAUSED);
	rt_cg_target_close(&t);
	(void)close(fd);
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
	ASSERT_INT(rt_cg_target_open("t1", &t, &err), 0);
	ASSERT_INT(t.status, RT_STATUS_STOPPED);
	rt_cg_target_close(&t);
}

int main(void)
{
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	(void)mkdir(root, 0700);
	RUN(test_errors);
	RUN(test_open);
	ut_rmrf(dir);
	UNIT_DONE();
}
