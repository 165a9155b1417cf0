/* test-cgroup-file: path joining, writes whose errors name the field and the file, reads of
 * values, numbers ("max"), keyed lines, and which hierarchy lists a container's processes. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static void test_join(void)
{
	char b[PATH_MAX], small[8];

	ASSERT_INT(rt_cg_join(b, sizeof(b), "/a/", "/b"), 0);
	ASSERT_STR(b, "/a/b");
	ASSERT_INT(rt_cg_join(b, sizeof(b), "/", "x/y"), 0);
	ASSERT_STR(b, "/x/y");
	ASSERT_INT(rt_cg_join(b, sizeof(b), "/a", ""), 0);
	ASSERT_STR(b, "/a");
	ASSERT_INT(rt_cg_join(small, sizeof(small), "/abcdef", "ghi"), -ENAMETOOLONG);
}

static void test_write(void)
{
	struct berr err = {0};
	char d[PATH_MAX];

	cg_put(dir, "f/memory.limit_in_bytes", "old value that is long\n");
	ut_path(d, "%s/f", dir);
	ASSERT_INT(rt_cg_write(d, "memory.limit_in_bytes", "1024", "linux.x", &err), 0);
	ASSERT_STR(cg_get(dir, "f/memory.limit_in_bytes"), "1024"); /* truncated */
	ASSERT_INT(rt_cg_writef(d, "memory.limit_in_bytes", "linux.x", &err, "%d-%s", 7, "z"), 0);
	ASSERT_STR(cg_get(dir, "f/memory.limit_in_bytes"), "7-z");
	/* no such file: a missing controller; never created */
	ASSERT_INT(rt_cg_write(d, "pids.max", "5", "linux.resources.pids.limit", &err), -ENOENT);
	ASSERT_STR(err.msg, "linux.resources.pids.limit: write pids.max");
	ASSERT_TRUE(err.sys);
	ASSERT_STR(cg_get(dir, "f/pids.max"), "(missing)");
}

static void test_read(void)
{
	char d[PATH_MAX], buf[64];
	struct berr err = {0};
	uint64_t v = 7;

	ut_path(d, "%s/r", dir);
	cg_put(dir, "r/a", "12345\n");
	cg_put(dir, "r/max", "max\n");
	cg_put(dir, "r/bad", "12x\n");
	cg_put(dir, "r/stat", "cache 10\nrss 20\nrss_huge 30\n");
	ASSERT_INT(rt_cg_read(d, "a", buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "12345");
	ASSERT_INT(rt_cg_read(d, "a", buf, 3, &err), 0);
	ASSERT_STR(buf, "12");
	ASSERT_INT(rt_cg_read_u64(d, "a", &v, &err), 0);
	ASSERT_INT(v, 12345);
	ASSERT_INT(rt_cg_read_u64(d, "max", &v, &err), 0);
	ASSERT_TRUE(v == UINT64_MAX);
	v = 7;
	ASSERT_INT(rt_cg_read_u64(d, "bad", &v, &err), -EINVAL);
	ASSERT_INT(v, 7);
	ASSERT_INT(rt_cg_read_u64(d, "none", &v, &err), -ENOENT);
	ASSERT_INT(rt_cg_read_key(d, "stat", "rss", &v, &err), 0);
	ASSERT_INT(v, 20);
	ASSERT_INT(rt_cg_read_key(d, "stat", "rss_huge", &v, &err), 0);
	ASSERT_INT(v, 30);
	ASSERT_INT(rt_cg_read_key(d, "stat", "rs", &v, &err), -ENOENT);
	ASSERT_TRUE(rt_cg_has(d, "a"));
	ASSERT_TRUE(!rt_cg_has(d, "nope"));
}

static void test_procs_dir(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	static const int order[] = {RT_CG_PIDS, RT_CG_MEMORY, -1};

	cg->mode = RT_CGROUP_V1;
	ASSERT_TRUE(rt_cg_procs_dir(cg) == NULL);
	strcpy(cg->path[RT_CG_MEMORY], "/m");
	strcpy(cg->path[RT_CG_CPU], "/c");
	ASSERT_STR(rt_cg_procs_dir(cg), "/m");
	strcpy(cg->path[RT_CG_FREEZER], "/f");
	ASSERT_STR(rt_cg_procs_dir(cg), "/f");
	ASSERT_STR(rt_cg_first_path(cg, order), "/m");
	cg->mode = RT_CGROUP_V2;
	ASSERT_TRUE(rt_cg_procs_dir(cg) == NULL);
	strcpy(cg->path[RT_CG_UNIFIED], "/u");
	ASSERT_STR(rt_cg_procs_dir(cg), "/u");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_join);
	RUN(test_write);
	RUN(test_read);
	RUN(test_procs_dir);
	ut_rmrf(dir);
	UNIT_DONE();
}
