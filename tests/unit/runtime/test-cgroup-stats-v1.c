/* test-cgroup-stats-v1: statistics read from a fake v1 tree (cpuacct, cpu.stat, cpuset,
 * memory with memsw/kmem, pids, blkio with the throttle fallback, hugetlb) and from a real
 * process's cgroup on this host. */
#include <errno.h>

#include "../../../runtime/cgroup-stats.h"
#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static void test_fake(void)
{
	_cleanup_free_ struct rt_cgroup_stats *s = calloc(1, sizeof(*s));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct berr err = {0};
	long tck = sysconf(_SC_CLK_TCK);

	cg_fake_v1(cg, dir);
	cg_put(dir, "cpuacct/c1/cpuacct.usage", "3000\n");
	cg_put(dir, "cpuacct/c1/cpuacct.usage_percpu", "1000 2000 \n");
	cg_put(dir, "cpuacct/c1/cpuacct.usage_all", "cpu user system\n0 600 400\n1 1500 500\n");
	cg_put(dir, "cpuacct/c1/cpuacct.stat", "user 2\nsystem 1\n");
	cg_put(dir, "cpu/c1/cpu.stat", "nr_periods 10\nnr_throttled 4\nthrottled_time 777\n");
	cg_put(dir, "cpuset/c1/cpuset.cpus", "0-1\n");
	cg_put(dir, "cpuset/c1/cpuset.mems", "0\n");
	cg_put(dir, "cpuset/c1/cpuset.sched_load_balance", "1\n");
	cg_put(dir, "cpuset/c1/cpuset.sched_relax_domain_level", "-1\n");
	cg_put(dir, "memory/c1/memory.usage_in_bytes", "8192\n");
	cg_put(dir, "memory/c1/memory.limit_in_bytes", "33554432\n");
	cg_put(dir, "memory/c1/memory.max_usage_in_bytes", "16384\n");
	cg_put(dir, "memory/c1/memory.failcnt", "2\n");
	cg_put(dir, "memory/c1/memory.memsw.usage_in_bytes", "9000\n");
	cg_put(dir, "memory/c1/memory.kmem.limit_in_bytes", "9223372036854771712\n");
	cg_put(dir, "memory/c1/memory.stat", "cache 4096\nrss 4096\n");
	cg_put(dir, "pids/c1/pids.current", "2\n");
	cg_put(dir, "pids/c1/pids.max", "max\n");
	cg_put(dir, "blkio/c1/blkio.io_service_bytes_recursive", "");
	cg_put(dir, "blkio/c1/blkio.throttle.io_service_bytes_recursive",
	       "8:0 Read 4096\n8:0 Write 512\nTotal 4608\n");
	cg_put(dir, "blkio/c1/blkio.throttle.io_serviced_recursive", "8:0 Read 1\n");
	cg_put(dir, "hugetlb/c1/hugetlb.2MB.usage_in_bytes", "2097152\n");
	cg_put(dir, "hugetlb/c1/hugetlb.2MB.max_usage_in_bytes", "4194304\n");
	cg_put(dir, "hugetlb/c1/hugetlb.2MB.failcnt", "1\n");
	cg_put(dir, "hugetlb/c1/hugetlb.2MB.rsvd.usage_in_bytes", "0\n");
	ASSERT_INT(rt_cg_stats_v1(cg, s, &err), 0);
	ASSERT_INT(s->cpu.total, 3000);
	ASSERT_INT(s->cpu.n_percpu, 2);
	ASSERT_INT(s->cpu.percpu[1], 2000);
	ASSERT_INT(s->cpu.n_percpu_split, 2);
	ASSERT_INT(s->cpu.percpu_user[1], 1500);
	ASSERT_INT(s->cpu.percpu_kernel[0], 400);
	ASSERT_INT(s->cpu.user, 2 * (1000000000 / tck));
	ASSERT_INT(s->cpu.kernel, 1000000000 / tck);
	ASSERT_INT(s->cpu.throttled_periods, 4);
	ASSERT_INT(s->cpu.throttled_time, 777);
	ASSERT_INT(s->cpuset.n_cpus, 2);
	ASSERT_INT(s->cpuset.sched_load_balance, 1);
	ASSERT_INT(s->cpuset.sched_relax_domain_level, -1);
	ASSERT_INT(s->memory.usage.usage, 8192);
	ASSERT_INT(s->memory.usage.limit, 33554432);
	ASSERT_INT(s->memory.usage.max, 16384);
	ASSERT_INT(s->memory.usage.failcnt, 2);
	ASSERT_INT(s->memory.swap.usage, 9000);
	ASSERT_INT(s->memory.cache, 4096);
	ASSERT_INT(s->pids.current, 2);
	ASSERT_INT(s->pids.limit, 0);
	ASSERT_INT(s->blkio.service_bytes.n, 2);
	ASSERT_STR(s->blkio.service_bytes.v[1].op, "Write");
	ASSERT_INT(s->blkio.serviced.n, 1);
	ASSERT_INT(s->n_hugetlb, 1);
	ASSERT_STR(s->hugetlb[0].page_size, "2MB");
	ASSERT_INT(s->hugetlb[0].max, 4194304);
	ASSERT_INT(s->hugetlb[0].failcnt, 1);
}

static void test_real(void)
{
	_cleanup_free_ struct rt_cgroup_stats *s = calloc(1, sizeof(*s));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct cfg_spec *spec = cg_spec("\"resources\": {\"memory\": {\"limit\": 16777216}, "
					"\"pids\": {\"limit\": 9}}");
	struct rt_cg_where w = {cg_unique("stats"), "c1", false, false};
	struct berr err = {0};
	pid_t pid;

	if (!cg_host_v1()) {
		printf("# skipped: no v1 hierarchies\n");
		cfg_spec_free(spec);
		return;
	}
	pid = cg_sleeper();
	ASSERT_INT(rt_cg_setup_at(RT_CG_ROOT, "/proc/self/cgroup", spec, &w, pid, cg, &err), 0);
	cfg_spec_free(spec);
	ASSERT_INT(rt_cgroup_stats(cg, s, &err), 0);
	ASSERT_INT(s->memory.usage.limit, 16777216);
	ASSERT_INT(s->pids.current, 1);
	ASSERT_INT(s->pids.limit, 9);
	ASSERT_TRUE(s->memory.n_raw > 5);
	ASSERT_INT(rt_cgroup_destroy(cg, &err), 0);
	(void)ut_wait(pid);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_fake);
	RUN(test_real);
	ut_rmrf(dir);
	UNIT_DONE();
}
