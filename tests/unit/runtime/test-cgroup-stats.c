/* test-cgroup-stats: the shared parsing (memory.stat lines, CPU lists, bounded blkio lists)
 * and rt_cgroup_stats() choosing v1 or v2, refusing a missing or absent cgroup. */
#include <errno.h>

#include "../../../runtime/cgroup-stats.h"
#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static void test_raw(void)
{
	_cleanup_free_ struct rt_cgroup_stats *s = calloc(1, sizeof(*s));
	char text[] = "cache 4096\nrss 8192\nnospace\n"
		      "a_key_that_is_much_longer_than_forty_seven_bytes_in_total 1\nfile 3\n";

	rt_cg_stats_parse_raw(text, s);
	ASSERT_INT(s->memory.n_raw, 3);
	ASSERT_INT(rt_cg_stats_raw(s, "cache"), 4096);
	ASSERT_INT(rt_cg_stats_raw(s, "rss"), 8192);
	ASSERT_INT(rt_cg_stats_raw(s, "file"), 3);
	ASSERT_INT(rt_cg_stats_raw(s, "nope"), 0);
}

static void test_list(void)
{
	uint16_t v[8];

	ASSERT_INT(rt_cg_stats_parse_list("0-3,7", v, 8), 5);
	ASSERT_INT(v[3], 3);
	ASSERT_INT(v[4], 7);
	ASSERT_INT(rt_cg_stats_parse_list("", v, 8), 0);
	ASSERT_INT(rt_cg_stats_parse_list("0-100", v, 8), 8);
	ASSERT_INT(rt_cg_stats_parse_list("5\n", v, 8), 1);
	ASSERT_INT(v[0], 5);
}

static void test_blkio_bound(void)
{
	_cleanup_free_ struct rt_cgroup_stats *s = calloc(1, sizeof(*s));
	size_t i;

	for (i = 0; i < RT_CG_STATS_BLKIO + 5; i++)
		rt_cg_stats_blkio_add(&s->blkio.serviced, 8, i, "Read", i);
	ASSERT_INT(s->blkio.serviced.n, RT_CG_STATS_BLKIO);
	ASSERT_STR(s->blkio.serviced.v[1].op, "Read");
}

static void test_dispatch(void)
{
	_cleanup_free_ struct rt_cgroup_stats *s = calloc(1, sizeof(*s));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};

	ASSERT_INT(rt_cgroup_stats(cg, s, &err), -ENOTSUP);
	ASSERT_STR(err.msg, "the container has no cgroup");
	cg->mode = RT_CGROUP_V2;
	ut_path(cg->path[RT_CG_UNIFIED], "%s/gone", dir);
	ASSERT_INT(rt_cgroup_stats(cg, s, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "the container's cgroup ");
	cg_put(dir, "c1/pids.current", "3\n");
	ut_path(cg->path[RT_CG_UNIFIED], "%s/c1", dir);
	ASSERT_INT(rt_cgroup_stats(cg, s, &err), 0);
	ASSERT_INT(s->pids.current, 3);
	cg->mode = RT_CGROUP_V1;
	ut_path(cg->path[RT_CG_PIDS], "%s/c1", dir);
	ASSERT_INT(rt_cgroup_stats(cg, s, &err), 0);
	ASSERT_INT(s->pids.current, 3);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_raw);
	RUN(test_list);
	RUN(test_blkio_bound);
	RUN(test_dispatch);
	ut_rmrf(dir);
	UNIT_DONE();
}
