/* test-cgroup-resources-v2: linux.resources written to a fake cgroup v2 directory with runc's
 * conversions: memory.swap.max from memory+swap, cpu.weight from shares, cpu.max from quota
 * and period (keeping the field not given), checkBeforeUpdate on update only, the unified map
 * last and its missing keys named. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX], d[PATH_MAX];
static struct cfg_spec *keep;

static void fresh(void)
{
	ut_path(d, "%s/c1", dir);
	ut_rmrf(d);
	cg_put(dir, "c1/memory.max", "max\n");
	cg_put(dir, "c1/memory.swap.max", "max\n");
	cg_put(dir, "c1/memory.low", "0\n");
	cg_put(dir, "c1/memory.current", "5000000\n");
	cg_put(dir, "c1/cpu.weight", "100\n");
	cg_put(dir, "c1/cpu.max", "max 100000\n");
	cg_put(dir, "c1/cpu.max.burst", "0\n");
	cg_put(dir, "c1/cpu.idle", "0\n");
	cg_put(dir, "c1/cpuset.cpus", "");
	cg_put(dir, "c1/cpuset.mems", "");
	cg_put(dir, "c1/pids.max", "max\n");
	cg_put(dir, "c1/hugetlb.2MB.max", "max\n");
	cg_put(dir, "c1/rdma.max", "");
	cg_put(dir, "c1/memory.high", "max\n");
}

static int apply(const char *res, bool update, struct berr *err)
{
	const struct cfg_resources *r = cg_res(res, &keep);

	memset(err, 0, sizeof(*err));
	return r ? rt_cg_v2_apply(d, r, update, err) : -999;
}

static void test_memory(void)
{
	struct berr err;

	fresh();
	ASSERT_INT(apply("\"memory\": {\"limit\": 33554432, \"swap\": 50331648, "
			 "\"reservation\": 1048576, \"swappiness\": 5, \"disableOOMKiller\": true}",
			 false, &err),
		   0);
	ASSERT_STR(cg_get(dir, "c1/memory.max"), "33554432");
	ASSERT_STR(cg_get(dir, "c1/memory.swap.max"), "16777216");
	ASSERT_STR(cg_get(dir, "c1/memory.low"), "1048576");
	/* swap equal to the limit: none at all */
	ASSERT_INT(apply("\"memory\": {\"limit\": 1048576, \"swap\": 1048576}", false, &err), 0);
	ASSERT_STR(cg_get(dir, "c1/memory.swap.max"), "0");
	ASSERT_INT(apply("\"memory\": {\"limit\": -1}", false, &err), 0);
	ASSERT_STR(cg_get(dir, "c1/memory.max"), "max");
	ASSERT_STR(cg_get(dir, "c1/memory.swap.max"), "max");
	/* update --memory-swap alone counts against the limit in place */
	cg_put(dir, "c1/memory.max", "1000\n");
	ASSERT_INT(apply("\"memory\": {\"swap\": 3000}", true, &err), 0);
	ASSERT_STR(cg_get(dir, "c1/memory.swap.max"), "2000");
	/* a swap limit without a memory limit has nothing to count against */
	cg_put(dir, "c1/memory.max", "max\n");
	ASSERT_INT(apply("\"memory\": {\"swap\": 3000}", true, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "needs a memory limit");
}

static void test_no_swap_file(void)
{
	struct berr err;
	char p[PATH_MAX];

	fresh();
	ut_path(p, "%s/memory.swap.max", d);
	ASSERT_INT(unlink(p), 0);
	/* a kernel without swap: "unlimited" holds already */
	ASSERT_INT(apply("\"memory\": {\"limit\": -1}", false, &err), 0);
	ASSERT_INT(apply("\"memory\": {\"limit\": 1000, \"swap\": 3000}", false, &err), -ENOENT);
	ASSERT_STR(err.msg, "linux.resources.memory.swap: write memory.swap.max");
}

static void test_check_before_update(void)
{
	struct berr err;

	fresh();
	ASSERT_INT(
		apply("\"memory\": {\"limit\": 4000000, \"checkBeforeUpdate\": true}", true, &err),
		-EBUSY);
	ASSERT_STR(err.msg, "linux.resources.memory.limit: 4000000 is not above the current "
			    "usage 5000000 (checkBeforeUpdate)");
	ASSERT_STR(cg_get(dir, "c1/memory.max"), "max");
	ASSERT_INT(
		apply("\"memory\": {\"limit\": 6000000, \"checkBeforeUpdate\": true}", true, &err),
		0);
	ASSERT_STR(cg_get(dir, "c1/memory.max"), "6000000");
	/* at create the check does not apply */
	ASSERT_INT(
		apply("\"memory\": {\"limit\": 4000000, \"checkBeforeUpdate\": true}", false, &err),
		0);
}

static void test_cpu(void)
{
	struct berr err;

	fresh();
	ASSERT_INT(apply("\"cpu\": {\"shares\": 1024, \"quota\": 50000, \"period\": 100000, "
			 "\"burst\": 20000, \"idle\": 0, \"cpus\": \"0-1\", \"mems\": \"0\"}",
			 false, &err),
		   0);
	ASSERT_STR(cg_get(dir, "c1/cpu.weight"), "39");
	ASSERT_STR(cg_get(dir, "c1/cpu.max"), "50000 100000");
	ASSERT_STR(cg_get(dir, "c1/cpu.max.burst"), "20000");
	ASSERT_STR(cg_get(dir, "c1/cpu.idle"), "0");
	ASSERT_STR(cg_get(dir, "c1/cpuset.cpus"), "0-1");
	ASSERT_STR(cg_get(dir, "c1/cpuset.mems"), "0");
	/* the period alone keeps the quota */
	ASSERT_INT(apply("\"cpu\": {\"period\": 200000}", false, &err), 0);
	ASSERT_STR(cg_get(dir, "c1/cpu.max"), "50000 200000");
	ASSERT_INT(apply("\"cpu\": {\"quota\": -1}", false, &err), 0);
	ASSERT_STR(cg_get(dir, "c1/cpu.max"), "max");
}

static void test_pids_hugetlb_rdma_unified(void)
{
	struct berr err;

	fresh();
	ASSERT_INT(apply("\"pids\": {\"limit\": 10}, \"hugepageLimits\": [{\"pageSize\": \"2MB\", "
			 "\"limit\": 2097152}], \"rdma\": {\"mlx4_0\": {\"hcaHandles\": 2}}, "
			 "\"network\": {\"classID\": 5}, "
			 "\"unified\": {\"memory.high\": \"64M\", \"pids.max\": \"12\"}",
			 false, &err),
		   0);
	ASSERT_STR(cg_get(dir, "c1/hugetlb.2MB.max"), "2097152");
	ASSERT_STR(cg_get(dir, "c1/rdma.max"), "mlx4_0 hca_handle=2");
	ASSERT_STR(cg_get(dir, "c1/memory.high"), "64M");
	ASSERT_STR(cg_get(dir, "c1/pids.max"), "12"); /* unified wins over pids.limit */
	ASSERT_INT(apply("\"unified\": {\"io.weight\": \"50\"}", false, &err), -ENOENT);
	ASSERT_STR(err.msg, "linux.resources.unified.io.weight: no such cgroup file (is the io "
			    "controller enabled?)");
	ASSERT_INT(apply("\"pids\": {\"limit\": -1}", false, &err), 0);
	ASSERT_STR(cg_get(dir, "c1/pids.max"), "max");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_memory);
	RUN(test_no_swap_file);
	RUN(test_check_before_update);
	RUN(test_cpu);
	RUN(test_pids_hugetlb_rdma_unified);
	cfg_spec_free(keep);
	ut_rmrf(dir);
	UNIT_DONE();
}
