/* test-cgroup-resources-v1: every linux.resources field written to its v1 file on a fake
 * tree (memory, swap in the order the kernel accepts, cpu, cpuset, pids, hugetlb, net_cls,
 * net_prio, rdma), 0 meaning "leave alone", a missing file named in the error, and optional
 * controllers that are absent skipped with a warning. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX], base[PATH_MAX];
static struct rt_cgroup *cg;
static struct cfg_spec *keep;

static void fresh(void)
{
	char *p = base;

	ut_path(base, "%s/t", dir);
	ut_rmrf(p);
	(void)mkdir(p, 0755);
	cg_fake_v1(cg, p);
	cg_put(p, "memory/c1/memory.limit_in_bytes", "9223372036854771712\n");
	cg_put(p, "memory/c1/memory.memsw.limit_in_bytes", "9223372036854771712\n");
	cg_put(p, "memory/c1/memory.soft_limit_in_bytes", "");
	cg_put(p, "memory/c1/memory.swappiness", "60\n");
	cg_put(p, "memory/c1/memory.oom_control", "oom_kill_disable 0\n");
	cg_put(p, "memory/c1/memory.kmem.tcp.limit_in_bytes", "");
	cg_put(p, "cpu/c1/cpu.shares", "1024\n");
	cg_put(p, "cpu/c1/cpu.cfs_period_us", "100000\n");
	cg_put(p, "cpu/c1/cpu.cfs_quota_us", "-1\n");
	cg_put(p, "cpu/c1/cpu.cfs_burst_us", "0\n");
	cg_put(p, "cpu/c1/cpu.rt_period_us", "");
	cg_put(p, "cpu/c1/cpu.rt_runtime_us", "");
	cg_put(p, "cpu/c1/cpu.idle", "0\n");
	cg_put(p, "cpuset/c1/cpuset.cpus", "");
	cg_put(p, "cpuset/c1/cpuset.mems", "");
	cg_put(p, "pids/c1/pids.max", "max\n");
	cg_put(p, "hugetlb/c1/hugetlb.2MB.limit_in_bytes", "");
	cg_put(p, "hugetlb/c1/hugetlb.2MB.rsvd.limit_in_bytes", "");
	cg_put(p, "net_cls/c1/net_cls.classid", "");
	cg_put(p, "net_prio/c1/net_prio.ifpriomap", "");
	cg_put(p, "rdma/c1/rdma.max", "");
}

static int apply(const char *res, struct berr *err)
{
	const struct cfg_resources *r = cg_res(res, &keep);

	memset(err, 0, sizeof(*err));
	return r ? rt_cg_v1_apply(cg, r, false, err) : -999;
}

#define GET(rel) cg_get(base, rel)

static void test_memory(void)
{
	struct berr err;

	fresh();
	ASSERT_INT(apply("\"memory\": {\"limit\": 33554432, \"reservation\": 16777216, "
			 "\"swap\": 67108864, \"swappiness\": 10, \"disableOOMKiller\": true, "
			 "\"kernelTCP\": 1048576, \"kernel\": 5}",
			 &err),
		   0);
	ASSERT_STR(GET("memory/c1/memory.limit_in_bytes"), "33554432");
	ASSERT_STR(GET("memory/c1/memory.memsw.limit_in_bytes"), "67108864");
	ASSERT_STR(GET("memory/c1/memory.soft_limit_in_bytes"), "16777216");
	ASSERT_STR(GET("memory/c1/memory.swappiness"), "10");
	ASSERT_STR(GET("memory/c1/memory.oom_control"), "1");
	ASSERT_STR(GET("memory/c1/memory.kmem.tcp.limit_in_bytes"), "1048576");
	/* unlimited memory with swap unset: unlimited swap too */
	fresh();
	ASSERT_INT(apply("\"memory\": {\"limit\": -1}", &err), 0);
	ASSERT_STR(GET("memory/c1/memory.limit_in_bytes"), "-1");
	ASSERT_STR(GET("memory/c1/memory.memsw.limit_in_bytes"), "-1");
	/* 0 leaves the files alone */
	fresh();
	ASSERT_INT(apply("\"memory\": {\"limit\": 0, \"reservation\": 0}", &err), 0);
	ASSERT_STR(GET("memory/c1/memory.limit_in_bytes"), "9223372036854771712");
	ASSERT_STR(GET("memory/c1/memory.soft_limit_in_bytes"), "");
}

static void test_swap_without_accounting(void)
{
	struct berr err;
	char p[PATH_MAX];

	fresh();
	ut_path(p, "%s/memory.memsw.limit_in_bytes", cg->path[RT_CG_MEMORY]);
	ASSERT_INT(unlink(p), 0);
	/* warns and carries on without a swap limit */
	ASSERT_INT(apply("\"memory\": {\"limit\": 1048576, \"swap\": 2097152}", &err), 0);
	ASSERT_STR(GET("memory/c1/memory.limit_in_bytes"), "1048576");
}

static void test_cpu(void)
{
	struct berr err;

	fresh();
	ASSERT_INT(
		apply("\"cpu\": {\"shares\": 512, \"quota\": 50000, \"period\": 200000, "
		      "\"burst\": 1000, \"realtimePeriod\": 1000000, \"realtimeRuntime\": 950000, "
		      "\"idle\": 1, \"cpus\": \"0\", \"mems\": \"0\"}",
		      &err),
		0);
	ASSERT_STR(GET("cpu/c1/cpu.shares"), "512");
	ASSERT_STR(GET("cpu/c1/cpu.cfs_quota_us"), "50000");
	ASSERT_STR(GET("cpu/c1/cpu.cfs_period_us"), "200000");
	ASSERT_STR(GET("cpu/c1/cpu.cfs_burst_us"), "1000");
	ASSERT_STR(GET("cpu/c1/cpu.rt_period_us"), "1000000");
	ASSERT_STR(GET("cpu/c1/cpu.rt_runtime_us"), "950000");
	ASSERT_STR(GET("cpu/c1/cpu.idle"), "1");
	ASSERT_STR(GET("cpuset/c1/cpuset.cpus"), "0");
	ASSERT_STR(GET("cpuset/c1/cpuset.mems"), "0");
	/* no cpu hierarchy: a cpu limit cannot be honoured */
	cg->path[RT_CG_CPU][0] = '\0';
	ASSERT_INT(apply("\"cpu\": {\"shares\": 512}", &err), -ENOTSUP);
	ASSERT_STR(err.msg, "linux.resources.cpu: no cpu cgroup controller on this host");
	/* cpus alone does not need it */
	ASSERT_INT(apply("\"cpu\": {\"cpus\": \"1\"}", &err), 0);
	ASSERT_STR(GET("cpuset/c1/cpuset.cpus"), "1");
}

static void test_pids_and_errors(void)
{
	struct berr err;

	fresh();
	ASSERT_INT(apply("\"pids\": {\"limit\": 32}", &err), 0);
	ASSERT_STR(GET("pids/c1/pids.max"), "32");
	ASSERT_INT(apply("\"pids\": {\"limit\": -1}", &err), 0);
	ASSERT_STR(GET("pids/c1/pids.max"), "max");
	ASSERT_INT(apply("\"pids\": {\"limit\": 0}", &err), 0);
	ASSERT_STR(GET("pids/c1/pids.max"), "max");
	/* a file the kernel lacks: the field and the file are named */
	ASSERT_INT(apply("\"memory\": {\"kernelTCP\": 5}", &err), 0);
	ASSERT_TRUE(unlink(strcat(strcpy((char[PATH_MAX]){0}, cg->path[RT_CG_CPU]),
				  "/cpu.rt_runtime_us")) == 0);
	ASSERT_INT(apply("\"cpu\": {\"realtimeRuntime\": 5}", &err), -ENOENT);
	ASSERT_STR(err.msg, "linux.resources.cpu.realtimeRuntime: write cpu.rt_runtime_us");
	cg->path[RT_CG_PIDS][0] = '\0';
	ASSERT_INT(apply("\"pids\": {\"limit\": 32}", &err), -ENOTSUP);
	ASSERT_STR(err.msg, "linux.resources.pids: no pids cgroup controller on this host");
	cg->path[RT_CG_MEMORY][0] = '\0';
	ASSERT_INT(apply("\"memory\": {\"limit\": 32}", &err), -ENOTSUP);
}

static void test_hugetlb_net_rdma(void)
{
	struct berr err;

	fresh();
	ASSERT_INT(
		apply("\"hugepageLimits\": [{\"pageSize\": \"2MB\", \"limit\": 4194304}], "
		      "\"network\": {\"classID\": 1048577, \"priorities\": [{\"name\": \"eth0\", "
		      "\"priority\": 5}]}, \"rdma\": {\"mlx5_1\": {\"hcaHandles\": 3, "
		      "\"hcaObjects\": 10000}}",
		      &err),
		0);
	ASSERT_STR(GET("hugetlb/c1/hugetlb.2MB.limit_in_bytes"), "4194304");
	ASSERT_STR(GET("hugetlb/c1/hugetlb.2MB.rsvd.limit_in_bytes"), "4194304");
	ASSERT_STR(GET("net_cls/c1/net_cls.classid"), "1048577");
	ASSERT_STR(GET("net_prio/c1/net_prio.ifpriomap"), "eth0 5");
	ASSERT_STR(GET("rdma/c1/rdma.max"), "mlx5_1 hca_handle=3 hca_object=10000");
	ASSERT_INT(apply("\"rdma\": {\"mlx5_1\": {\"hcaObjects\": 7}}", &err), 0);
	ASSERT_STR(GET("rdma/c1/rdma.max"), "mlx5_1 hca_object=7");
	/* not mounted (this host's hybrid layout has no v1 hugetlb, net_cls, rdma): skipped */
	cg->path[RT_CG_HUGETLB][0] = cg->path[RT_CG_NET_CLS][0] = '\0';
	cg->path[RT_CG_NET_PRIO][0] = cg->path[RT_CG_RDMA][0] = '\0';
	ASSERT_INT(apply("\"hugepageLimits\": [{\"pageSize\": \"2MB\", \"limit\": 1}], "
			 "\"network\": {\"classID\": 1}, \"rdma\": {\"d\": {\"hcaHandles\": 1}}",
			 &err),
		   0);
	ASSERT_INT(apply("\"hugepageLimits\": [{\"pageSize\": \"1GB\", \"limit\": 1}]", &err), 0);
}

int main(void)
{
	ut_tmpdir(dir);
	cg = calloc(1, sizeof(*cg));
	RUN(test_memory);
	RUN(test_swap_without_accounting);
	RUN(test_cpu);
	RUN(test_pids_and_errors);
	RUN(test_hugetlb_net_rdma);
	cfg_spec_free(keep);
	free(cg);
	ut_rmrf(dir);
	UNIT_DONE();
}
