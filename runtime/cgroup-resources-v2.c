/* cgroup-resources-v2: linux.resources (but devices) written to the container's cgroup v2
 * directory with runc's conversions (shares -> cpu.weight, memory+swap -> memory.swap.max,
 * quota/period -> cpu.max), then the `unified` map, which wins. Called by cgroup-setup.c
 * and rt_cgroup_update().
 * Plain file writes, not libcgroup: why is in cgroup-impl.h. */
#include "cgroup-impl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"

#define P "linux.resources."

/* memory.max as the spec counts it: -1 for "max", 0 when it cannot be read. */
static int64_t current_limit(const char *dir)
{
	struct berr e2;
	uint64_t v;

	if (rt_cg_read_u64(dir, "memory.max", &v, &e2) < 0)
		return 0;
	return v == UINT64_MAX ? -1 : (int64_t)v;
}

static int check_usage(const char *dir, int64_t limit, struct berr *err)
{
	uint64_t cur;
	int r;

	r = rt_cg_read_u64(dir, "memory.current", &cur, err);
	if (r < 0)
		return berr_prefix(err, P "memory.checkBeforeUpdate");
	if ((uint64_t)limit <= cur)
		return berr_set(err, EBUSY,
				P "memory.limit: %" PRId64
				  " is not above the current usage %" PRIu64 " (checkBeforeUpdate)",
				limit, cur);
	return 0;
}

static void memory_warnings(const struct cfg_memory *m)
{
	if (m->swappiness.set)
		log_warn(P "memory.swappiness: cgroup v2 has no per-cgroup swappiness; ignored");
	if (m->disable_oom_killer.set && m->disable_oom_killer.v)
		log_warn(P "memory.disableOOMKiller: cgroup v2 cannot disable the OOM killer; "
			   "ignored");
	if ((m->kernel.set && m->kernel.v) || (m->kernel_tcp.set && m->kernel_tcp.v))
		log_warn(P "memory.kernel: cgroup v2 has no kernel memory limits; ignored");
}

static int memory_v2(const char *dir, const struct cfg_memory *m, bool update, struct berr *err)
{
	int64_t limit = m->limit.set ? m->limit.v : 0, swap = m->swap.set ? m->swap.v : 0, sw;
	char buf[32];
	int r;

	if (!m->present)
		return 0;
	memory_warnings(m);
	/* update --memory-swap alone: the swap is counted against the limit in place */
	r = rt_cg_swap_to_v2(swap, limit == 0 && swap > 0 ? current_limit(dir) : limit, &sw, err);
	if (r < 0)
		return r;
	if (sw != 0 || swap > 0) {
		r = rt_cg_write(dir, "memory.swap.max", rt_cg_limit_str(sw, buf, sizeof(buf)),
				P "memory.swap", err);
		/* no swap configured in the kernel: "no limit" and "none" both hold already */
		if (r == -ENOENT && sw <= 0)
			r = 0;
		if (r < 0)
			return r;
	}
	if (update && limit > 0 && m->check_before_update.set && m->check_before_update.v) {
		r = check_usage(dir, limit, err);
		if (r < 0)
			return r;
	}
	if (limit != 0) {
		r = rt_cg_write(dir, "memory.max", rt_cg_limit_str(limit, buf, sizeof(buf)),
				P "memory.limit", err);
		if (r < 0)
			return r;
	}
	if (m->reservation.set && m->reservation.v != 0)
		return rt_cg_write(dir, "memory.low",
				   rt_cg_limit_str(m->reservation.v, buf, sizeof(buf)),
				   P "memory.reservation", err);
	return 0;
}

/* cpu.max is "<quota|max> <period>"; a field not given keeps its current value. */
static int cpu_max(const char *dir, const struct cfg_cpu *c, struct berr *err)
{
	char cur[64] = "max", quota[64];
	struct berr e2;

	if (!(c->quota.set && c->quota.v != 0) && !(c->period.set && c->period.v != 0))
		return 0;
	if (c->quota.set && c->quota.v != 0) {
		rt_cg_limit_str(c->quota.v, quota, sizeof(quota));
	} else {
		if (rt_cg_read(dir, "cpu.max", cur, sizeof(cur), &e2) == 0)
			cur[strcspn(cur, " ")] = '\0';
		(void)snprintf(quota, sizeof(quota), "%s", cur);
	}
	if (c->period.set && c->period.v != 0)
		return rt_cg_writef(dir, "cpu.max", c->quota.set ? P "cpu.quota" : P "cpu.period",
				    err, "%s %" PRIu64, quota, c->period.v);
	return rt_cg_write(dir, "cpu.max", quota, P "cpu.quota", err);
}

static int cpu_v2(const char *dir, const struct cfg_cpu *c, struct berr *err)
{
	int r = 0;

	if (!c->present)
		return 0;
	if (c->shares.set && c->shares.v != 0)
		r = rt_cg_writef(dir, "cpu.weight", P "cpu.shares", err, "%" PRIu64,
				 rt_cg_shares_to_weight(c->shares.v));
	if (r == 0 && c->idle.set)
		r = rt_cg_writef(dir, "cpu.idle", P "cpu.idle", err, "%" PRId64, c->idle.v);
	if (r == 0)
		r = cpu_max(dir, c, err);
	if (r == 0 && c->burst.set)
		r = rt_cg_writef(dir, "cpu.max.burst", P "cpu.burst", err, "%" PRIu64, c->burst.v);
	if (r == 0 && c->cpus && *c->cpus)
		r = rt_cg_write(dir, "cpuset.cpus", c->cpus, P "cpu.cpus", err);
	if (r == 0 && c->mems && *c->mems)
		r = rt_cg_write(dir, "cpuset.mems", c->mems, P "cpu.mems", err);
	return r;
}

static int hugetlb_v2(const char *dir, const struct cfg_resources *res, struct berr *err)
{
	char file[128], what[64];
	size_t i;
	int r;

	for (i = 0; i < res->n_hugepage_limits; i++) {
		const struct cfg_hugepage_limit *h = &res->hugepage_limits[i];

		(void)snprintf(what, sizeof(what), P "hugepageLimits[%zu]", i);
		(void)snprintf(file, sizeof(file), "hugetlb.%s.max", h->page_size);
		r = rt_cg_writef(dir, file, what, err, "%" PRIu64, h->limit);
		(void)snprintf(file, sizeof(file), "hugetlb.%s.rsvd.max", h->page_size);
		if (r == 0 && rt_cg_has(dir, file))
			r = rt_cg_writef(dir, file, what, err, "%" PRIu64, h->limit);
		if (r < 0)
			return r;
	}
	return 0;
}

static int unified(const char *dir, const struct cfg_map *u, struct berr *err)
{
	char what[128];
	size_t i;
	int r;

	for (i = 0; i < u->n; i++) {
		const char *k = u->v[i].key;

		(void)snprintf(what, sizeof(what), P "unified.%.64s", k);
		r = rt_cg_write(dir, k, u->v[i].value, what, err);
		if (r == -ENOENT)
			return berr_set(err, ENOENT,
					"%s: no such cgroup file (is the %.*s controller enabled?)",
					what, (int)strcspn(k, "."), k);
		if (r < 0)
			return r;
	}
	return 0;
}

int rt_cg_v2_apply(const char *dir, const struct cfg_resources *res, bool update, struct berr *err)
{
	char buf[32];
	int r;

	r = memory_v2(dir, &res->memory, update, err);
	if (r == 0)
		r = cpu_v2(dir, &res->cpu, err);
	if (r == 0 && res->pids_limit.set && res->pids_limit.v != 0)
		r = rt_cg_write(dir, "pids.max",
				rt_cg_limit_str(res->pids_limit.v, buf, sizeof(buf)),
				P "pids.limit", err);
	if (r == 0 && res->blockio.present)
		r = rt_cg_v2_io(dir, &res->blockio, err);
	if (r == 0)
		r = hugetlb_v2(dir, res, err);
	if (r == 0 && res->network.present &&
	    (res->network.class_id.set || res->network.n_priorities))
		log_warn(P "network: cgroup v2 has no net_cls/net_prio; continuing without them");
	if (r == 0)
		r = rt_cg_rdma(dir, res, err);
	if (r == 0)
		r = unified(dir, &res->unified, err);
	return r;
}
