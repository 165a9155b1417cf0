/* test-cgroup-stats-v2: statistics from a fake v2 directory: cpu.stat in microseconds to ns,
 * memory.current/max/peak, swap reported as memory+swap like v1, io.stat split into
 * Read/Write entries, pids and hugetlb. */
#include <errno.h>

#include "../../../runtime/cgroup-stats.h"
#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static void test_fake(void)
{
	_cleanup_free_ struct rt_cgroup_stats *s = calloc(1, sizeof(*s));
	struct berr err = {0};
	char d[PATH_MAX];

	ut_path(d, "%s/c1", dir);
	cg_put(dir, "c1/cpu.stat",
	       "usage_usec 30\nuser_usec 20\nsystem_usec 10\nnr_periods 5\n"
	       "nr_throttled 2\nthrottled_usec 7\n");
	cg_put(dir, "c1/cpuset.cpus.effective", "0-1\n");
	cg_put(dir, "c1/cpuset.mems.effective", "0\n");
	cg_put(dir, "c1/memory.current", "1000\n");
	cg_put(dir, "c1/memory.max", "4000\n");
	cg_put(dir, "c1/memory.peak", "1500\n");
	cg_put(dir, "c1/memory.events", "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
	cg_put(dir, "c1/memory.swap.current", "100\n");
	cg_put(dir, "c1/memory.swap.max", "2000\n");
	cg_put(dir, "c1/memory.stat", "anon 600\nfile 400\n");
	cg_put(dir, "c1/pids.current", "4\n");
	cg_put(dir, "c1/pids.max", "50\n");
	cg_put(dir, "c1/io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");
	cg_put(dir, "c1/hugetlb.2MB.current", "2097152\n");
	cg_put(dir, "c1/hugetlb.2MB.events", "max 6\n");
	ASSERT_INT(rt_cg_stats_v2(d, s, &err), 0);
	ASSERT_INT(s->cpu.total, 30000);
	ASSERT_INT(s->cpu.user, 20000);
	ASSERT_INT(s->cpu.kernel, 10000);
	ASSERT_INT(s->cpu.throttled_time, 7000);
	ASSERT_INT(s->cpuset.n_cpus, 2);
	ASSERT_INT(s->memory.usage.usage, 1000);
	ASSERT_INT(s->memory.usage.limit, 4000);
	ASSERT_INT(s->memory.usage.max, 1500);
	ASSERT_INT(s->memory.usage.failcnt, 3);
	ASSERT_INT(s->memory.swap.usage, 1100);
	ASSERT_INT(s->memory.swap.limit, 6000);
	ASSERT_INT(s->memory.cache, 400);
	ASSERT_INT(s->pids.limit, 50);
	ASSERT_INT(s->blkio.service_bytes.n, 2);
	ASSERT_INT(s->blkio.service_bytes.v[1].value, 8192);
	ASSERT_STR(s->blkio.serviced.v[0].op, "Read");
	ASSERT_INT(s->n_hugetlb, 1);
	ASSERT_INT(s->hugetlb[0].failcnt, 6);
	/* unlimited memory: swap limit is unlimited too */
	cg_put(dir, "c1/memory.max", "max\n");
	memset(s, 0, sizeof(*s));
	ASSERT_INT(rt_cg_stats_v2(d, s, &err), 0);
	ASSERT_TRUE(s->memory.usage.limit == UINT64_MAX);
	ASSERT_TRUE(s->memory.swap.limit == UINT64_MAX);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_fake);
	ut_rmrf(dir);
	UNIT_DONE();
}
