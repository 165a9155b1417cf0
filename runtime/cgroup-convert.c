/* cgroup-convert: the spec's v1-flavoured values converted for cgroup v2, with the formulas
 * runc and crun document (crun's docs/cgroup-v2.md), so a bundle gets the same limits from
 * either runtime. Called by the v2 writers. */
#include "cgroup-impl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

/* cpu.shares [2, 262144] maps linearly onto cpu.weight [1, 10000]; 1024 (the v1 default)
 * gives 39, not 100: that is what both runtimes write, so we do too. */
uint64_t rt_cg_shares_to_weight(uint64_t shares)
{
	if (shares == 0)
		return 0;
	if (shares < 2)
		shares = 2;
	if (shares > 262144)
		shares = 262144;
	return 1 + ((shares - 2) * 9999) / 262142;
}

/* blkio.weight [10, 1000] maps linearly onto io.weight [1, 10000]. */
uint64_t rt_cg_blkio_to_io_weight(uint64_t weight)
{
	if (weight == 0)
		return 0;
	if (weight < 10)
		weight = 10;
	if (weight > 1000)
		weight = 1000;
	return 1 + (weight - 10) * 9999 / 990;
}

/* The spec's swap is memory+swap (v1's memsw); v2's memory.swap.max is swap alone. */
int rt_cg_swap_to_v2(int64_t swap, int64_t limit, int64_t *ret, struct berr *err)
{
	/* as on v1: unlimited memory with swap unset means unlimited swap too */
	if (limit == -1 && swap == 0) {
		*ret = -1;
		return 0;
	}
	if (swap == -1 || swap == 0) {
		*ret = swap;
		return 0;
	}
	if (limit == 0 || limit == -1)
		return berr_set(err, EINVAL,
				"linux.resources.memory.swap: a swap limit needs a memory limit on "
				"cgroup v2");
	if (limit < 0)
		return berr_set(err, EINVAL, "linux.resources.memory.limit: invalid value %" PRId64,
				limit);
	if (swap < limit)
		return berr_set(err, EINVAL,
				"linux.resources.memory.swap: must not be less than limit (it "
				"counts memory too)");
	*ret = swap - limit;
	return 0;
}

const char *rt_cg_limit_str(int64_t v, char *buf, size_t len)
{
	if (v < 0)
		(void)snprintf(buf, len, "max");
	else
		(void)snprintf(buf, len, "%" PRId64, v);
	return buf;
}
