/* test-cgroup-convert: the v1 -> v2 conversions (cpu shares -> weight, blkio weight -> io
 * weight, memory+swap -> swap) at their documented points and edges, and "max" spelling. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static void test_shares_to_weight(void)
{
	ASSERT_INT(rt_cg_shares_to_weight(0), 0); /* unset stays unset */
	ASSERT_INT(rt_cg_shares_to_weight(2), 1);
	ASSERT_INT(rt_cg_shares_to_weight(1024), 39); /* runc and crun write 39 for the default */
	ASSERT_INT(rt_cg_shares_to_weight(262144), 10000);
	ASSERT_INT(rt_cg_shares_to_weight(1), 1); /* clamped like the kernel */
	ASSERT_INT(rt_cg_shares_to_weight(1000000), 10000);
	ASSERT_INT(rt_cg_shares_to_weight(512), 20);
}

static void test_blkio_to_io_weight(void)
{
	ASSERT_INT(rt_cg_blkio_to_io_weight(0), 0);
	ASSERT_INT(rt_cg_blkio_to_io_weight(10), 1);
	ASSERT_INT(rt_cg_blkio_to_io_weight(500), 4950);
	ASSERT_INT(rt_cg_blkio_to_io_weight(1000), 10000);
	ASSERT_INT(rt_cg_blkio_to_io_weight(5), 1);
	ASSERT_INT(rt_cg_blkio_to_io_weight(2000), 10000);
}

static void test_swap_to_v2(void)
{
	struct berr err = {0};
	int64_t v = 42;

	ASSERT_INT(rt_cg_swap_to_v2(0, -1, &v, &err), 0);
	ASSERT_INT(v, -1); /* unlimited memory, swap unset: unlimited swap */
	ASSERT_INT(rt_cg_swap_to_v2(0, 1000, &v, &err), 0);
	ASSERT_INT(v, 0);
	ASSERT_INT(rt_cg_swap_to_v2(-1, 1000, &v, &err), 0);
	ASSERT_INT(v, -1);
	ASSERT_INT(rt_cg_swap_to_v2(3000, 1000, &v, &err), 0);
	ASSERT_INT(v, 2000);
	ASSERT_INT(rt_cg_swap_to_v2(1000, 1000, &v, &err), 0);
	ASSERT_INT(v, 0); /* equal: no swap at all */
	v = 42;
	ASSERT_INT(rt_cg_swap_to_v2(500, 1000, &v, &err), -EINVAL);
	ASSERT_STR(err.msg, "linux.resources.memory.swap: must not be less than limit (it counts "
			    "memory too)");
	ASSERT_INT(v, 42); /* failure leaves ret alone */
	ASSERT_INT(rt_cg_swap_to_v2(500, 0, &v, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "needs a memory limit");
	ASSERT_INT(rt_cg_swap_to_v2(500, -1, &v, &err), -EINVAL);
}

static void test_limit_str(void)
{
	char buf[32];

	ASSERT_STR(rt_cg_limit_str(-1, buf, sizeof(buf)), "max");
	ASSERT_STR(rt_cg_limit_str(-7, buf, sizeof(buf)), "max");
	ASSERT_STR(rt_cg_limit_str(0, buf, sizeof(buf)), "0");
	ASSERT_STR(rt_cg_limit_str(9223372036854775807LL, buf, sizeof(buf)), "9223372036854775807");
}

int main(void)
{
	RUN(test_shares_to_weight);
	RUN(test_blkio_to_io_weight);
	RUN(test_swap_to_v2);
	RUN(test_limit_str);
	UNIT_DONE();
}
