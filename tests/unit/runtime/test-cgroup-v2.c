/* test-cgroup-v2: the unified directory made with each ancestor's offered controllers enabled
 * in its cgroup.subtree_control (a fake tree; then for real in a private cgroup2 mount, where
 * this host offers hugetlb), and the leaf left alone. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static void test_fake_tree(void)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};

	m->mode = RT_CGROUP_V2;
	ut_path(m->mnt[RT_CG_UNIFIED], "%s/v2", dir);
	cg_put(dir, "v2/cgroup.controllers", "cpu memory pids\n");
	cg_put(dir, "v2/cgroup.subtree_control", "cpu memory\n");
	cg_put(dir, "v2/p/cgroup.controllers", "cpu memory\n");
	cg_put(dir, "v2/p/cgroup.subtree_control", "memory\n");
	cg->mode = RT_CGROUP_V2;
	ut_path(cg->path[RT_CG_UNIFIED], "%s/v2/p/c1", dir);
	ASSERT_INT(rt_cg_v2_create(cg, m, &err), 0);
	ASSERT_INT(cg->created[RT_CG_UNIFIED], 1);
	/* the files are plain here: each write replaces the last, so only the last is seen */
	ASSERT_STR(cg_get(dir, "v2/cgroup.subtree_control"), "+pids");
	ASSERT_STR(cg_get(dir, "v2/p/cgroup.subtree_control"), "+cpu");
	ASSERT_STR(cg_get(dir, "v2/p/c1/cgroup.subtree_control"), "(missing)");
	/* a level without cgroup.controllers (not a cgroup) is skipped, not an error */
	ut_path(cg->path[RT_CG_UNIFIED], "%s/v2/q/r/c1", dir);
	ASSERT_INT(rt_cg_v2_create(cg, m, &err), 0);
	ASSERT_INT(cg->created[RT_CG_UNIFIED], 3);
}

static char mnt[PATH_MAX];

static void real_body(void *arg)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	char before[256], offered[256], ctl[256], parent[PATH_MAX];
	struct berr err = {0};

	(void)arg;
	ASSERT_TRUE(cg_mount_v2(mnt));
	ASSERT_INT(rt_cg_mounts_detect(mnt, m, &err), 0);
	ASSERT_INT(m->mode, RT_CGROUP_V2);
	ASSERT_STR(m->mnt[RT_CG_UNIFIED], mnt);
	ASSERT_INT(rt_cg_read(mnt, "cgroup.subtree_control", before, sizeof(before), &err), 0);
	ASSERT_INT(rt_cg_read(mnt, "cgroup.controllers", offered, sizeof(offered), &err), 0);
	cg->mode = RT_CGROUP_V2;
	ut_path(parent, "%s/%s", mnt, cg_unique("v2"));
	ut_path(cg->path[RT_CG_UNIFIED], "%s/c1", parent);
	ASSERT_INT(rt_cg_v2_create(cg, m, &err), 0);
	ASSERT_INT(cg->created[RT_CG_UNIFIED], 2);
	ASSERT_INT(rt_cg_read(parent, "cgroup.subtree_control", ctl, sizeof(ctl), &err), 0);
	/* what the root offers (hugetlb on this hybrid host) reaches our parent's children */
	if (strstr(offered, "hugetlb"))
		ASSERT_CONTAINS(ctl, "hugetlb");
	ASSERT_INT(rt_cg_remove_dirs(cg, &err), 0);
	ASSERT_TRUE(access(parent, F_OK) < 0);
	/* leave the hierarchy's root as we found it */
	if (!strstr(before, "hugetlb"))
		(void)rt_cg_write(mnt, "cgroup.subtree_control", "-hugetlb", "test", &err);
}

static void test_real_v2(void)
{
	if (geteuid() != 0) {
		printf("# skipped: needs root\n");
		return;
	}
	ut_tmpdir(mnt);
	ASSERT_CHILD_OK(real_body, NULL);
	(void)rmdir(mnt);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_fake_tree);
	RUN(test_real_v2);
	ut_rmrf(dir);
	UNIT_DONE();
}
