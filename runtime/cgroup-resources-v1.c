/* cgroup-resources-v1: linux.resources (but devices and blockIO) written to the v1
 * hierarchies, in runc's order and with its semantics: memory and memsw written in the order
 * the kernel accepts, quota/period retried when the period alone is refused, a value of 0
 * meaning "leave as is". Called by cgroup-setup.c and rt_cgroup_update().
 * Plain file writes, not libcgroup: why is in cgroup-impl.h. */
#include "cgroup-impl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"

#define P "linux.resources."

static int set_memory_limit(const char *dir, int64_t v, struct berr *err)
{
	uint64_t use = 0, peak = 0;
	struct berr e2;
	int r;

	if (v == 0)
		return 0;
	r = rt_cg_writef(dir, "memory.limit_in_bytes", P "memory.limit", err, "%" PRId64, v);
	if (r != -EBUSY)
		return r;
	(void)rt_cg_read_u64(dir, "memory.usage_in_bytes", &use, &e2);
	(void)rt_cg_read_u64(dir, "memory.max_usage_in_bytes", &peak, &e2);
	return berr_set(err, EBUSY,
			P "memory.limit: cannot set %" PRId64 " bytes: the cgroup uses %" PRIu64
			  " (peak %" PRIu64 ")",
			v, use, peak);
}

static int set_swap(const char *dir, int64_t v, struct berr *err)
{
	if (v == 0)
		return 0;
	if (!rt_cg_has(dir, "memory.memsw.limit_in_bytes")) {
		log_warn(P "memory.swap: the kernel does not account swap (no "
			   "memory.memsw.limit_in_bytes); continuing without swap limit");
		return 0;
	}
	return rt_cg_writef(dir, "memory.memsw.limit_in_bytes", P "memory.swap", err, "%" PRId64,
			    v);
}

/* memory.limit_in_bytes must stay <= memory.memsw.limit_in_bytes at every write. */
static int memory_and_swap(const char *dir, const struct cfg_memory *m, struct berr *err)
{
	int64_t limit = m->limit.set ? m->limit.v : 0, swap = m->swap.set ? m->swap.v : 0;
	uint64_t cur;
	int r;

	/* unlimited memory with swap unset: unlimited swap too, as runc */
	if (limit == -1 && !m->swap.set && rt_cg_has(dir, "memory.memsw.limit_in_bytes"))
		swap = -1;
	if (limit != 0 && swap != 0) {
		r = rt_cg_read_u64(dir, "memory.limit_in_bytes", &cur, err);
		if (r < 0)
			return berr_prefix(err, P "memory.limit");
		if (swap == -1 || cur < (uint64_t)swap) {
			r = set_swap(dir, swap, err);
			return r < 0 ? r : set_memory_limit(dir, limit, err);
		}
	}
	r = set_memory_limit(dir, limit, err);
	return r < 0 ? r : set_swap(dir, swap, err);
}

static int memory_v1(const char *dir, const struct cfg_memory *m, struct berr *err)
{
	int r;

	if (!m->present)
		return 0;
	if (!dir[0])
		return berr_set(err, ENOTSUP, P "memory: no memory cgroup controller on this host");
	r = memory_and_swap(dir, m, err);
	if (r == 0 && m->reservation.set && m->reservation.v != 0)
		r = rt_cg_writef(dir, "memory.soft_limit_in_bytes", P "memory.reservation", err,
				 "%" PRId64, m->reservation.v);
	if (r == 0 && m->kernel.set && m->kernel.v != 0)
		log_warn(P "memory.kernel: kernel memory limits are deprecated; ignored");
	if (r == 0 && m->kernel_tcp.set && m->kernel_tcp.v != 0)
		r = rt_cg_writef(dir, "memory.kmem.tcp.limit_in_bytes", P "memory.kernelTCP", err,
				 "%" PRId64, m->kernel_tcp.v);
	if (r == 0 && m->swappiness.set)
		r = rt_cg_writef(dir, "memory.swappiness", P "memory.swappiness", err, "%" PRIu64,
				 m->swappiness.v);
	if (r == 0 && m->disable_oom_killer.set && m->disable_oom_killer.v)
		r = rt_cg_write(dir, "memory.oom_control", "1", P "memory.disableOOMKiller", err);
	return r;
}

/* The kernel may refuse a smaller period while the old quota stands (it would exceed the
 * parent's bandwidth); then the quota goes first and the period after, as runc does. */
static int cpu_bandwidth(const char *dir, const struct cfg_cpu *c, struct berr *err)
{
	bool period_later = false;
	int r;

	if (c->period.set && c->period.v != 0) {
		r = rt_cg_writef(dir, "cpu.cfs_period_us", P "cpu.period", err, "%" PRIu64,
				 c->period.v);
		if (r == -EINVAL && c->quota.set && c->quota.v != 0)
			period_later = true;
		else if (r < 0)
			return r;
	}
	if (c->quota.set && c->quota.v != 0) {
		r = rt_cg_writef(dir, "cpu.cfs_quota_us", P "cpu.quota", err, "%" PRId64,
				 c->quota.v);
		if (r == 0 && period_later)
			r = rt_cg_writef(dir, "cpu.cfs_period_us", P "cpu.period", err, "%" PRIu64,
					 c->period.v);
		if (r < 0)
			return r;
	}
	if (c->burst.set)
		return rt_cg_writef(dir, "cpu.cfs_burst_us", P "cpu.burst", err, "%" PRIu64,
				    c->burst.v);
	return 0;
}

static int cpu_v1(const char *dir, const struct cfg_cpu *c, struct berr *err)
{
	uint64_t got;
	int r = 0;

	if (c->shares.set && c->shares.v != 0) {
		r = rt_cg_writef(dir, "cpu.shares", P "cpu.shares", err, "%" PRIu64, c->shares.v);
		if (r == 0 && rt_cg_read_u64(dir, "cpu.shares", &got, err) == 0 &&
		    got != c->shares.v)
			r = berr_set(err, ERANGE,
				     P "cpu.shares: the kernel set %" PRIu64 " for %" PRIu64, got,
				     c->shares.v);
	}
	if (r == 0)
		r = cpu_bandwidth(dir, c, err);
	/* the period first: a runtime is checked against it */
	if (r == 0 && c->realtime_period.set && c->realtime_period.v != 0)
		r = rt_cg_writef(dir, "cpu.rt_period_us", P "cpu.realtimePeriod", err, "%" PRIu64,
				 c->realtime_period.v);
	if (r == 0 && c->realtime_runtime.set && c->realtime_runtime.v != 0)
		r = rt_cg_writef(dir, "cpu.rt_runtime_us", P "cpu.realtimeRuntime", err, "%" PRId64,
				 c->realtime_runtime.v);
	if (r == 0 && c->idle.set)
		r = rt_cg_writef(dir, "cpu.idle", P "cpu.idle", err, "%" PRId64, c->idle.v);
	return r;
}

static bool cpu_wants_cpu(const struct cfg_cpu *c)
{
	return (c->shares.set && c->shares.v) || (c->quota.set && c->quota.v) ||
	       (c->period.set && c->period.v) || c->burst.set ||
	       (c->realtime_period.set && c->realtime_period.v) ||
	       (c->realtime_runtime.set && c->realtime_runtime.v) || c->idle.set;
}

static int cpus_v1(const struct rt_cgroup *cg, const struct cfg_cpu *c, struct berr *err)
{
	const char *cs = cg->path[RT_CG_CPUSET];
	int r = 0;

	if (!c->present)
		return 0;
	if (cpu_wants_cpu(c)) {
		if (!cg->path[RT_CG_CPU][0])
			return berr_set(err, ENOTSUP,
					P "cpu: no cpu cgroup controller on this host");
		r = cpu_v1(cg->path[RT_CG_CPU], c, err);
	}
	if (r == 0 && ((c->cpus && *c->cpus) || (c->mems && *c->mems)) && !cs[0])
		return berr_set(err, ENOTSUP, P "cpu: no cpuset cgroup controller on this host");
	if (r == 0 && c->cpus && *c->cpus)
		r = rt_cg_write(cs, "cpuset.cpus", c->cpus, P "cpu.cpus", err);
	if (r == 0 && c->mems && *c->mems)
		r = rt_cg_write(cs, "cpuset.mems", c->mems, P "cpu.mems", err);
	return r;
}

static int pids_v1(const char *dir, const struct cfg_opt_i64 *limit, struct berr *err)
{
	char buf[32];

	if (!limit->set || limit->v == 0)
		return 0;
	if (!dir[0])
		return berr_set(err, ENOTSUP, P "pids: no pids cgroup controller on this host");
	return rt_cg_write(dir, "pids.max", rt_cg_limit_str(limit->v, buf, sizeof(buf)),
			   P "pids.limit", err);
}

static int hugetlb_v1(const char *dir, const struct cfg_resources *res, struct berr *err)
{
	char file[128], what[64];
	size_t i;
	int r;

	if (res->n_hugepage_limits && !dir[0]) {
		log_warn(P "hugepageLimits: no v1 hugetlb controller on this host; continuing "
			   "without huge page limits");
		return 0;
	}
	for (i = 0; i < res->n_hugepage_limits; i++) {
		const struct cfg_hugepage_limit *h = &res->hugepage_limits[i];

		(void)snprintf(what, sizeof(what), P "hugepageLimits[%zu]", i);
		(void)snprintf(file, sizeof(file), "hugetlb.%s.limit_in_bytes", h->page_size);
		r = rt_cg_writef(dir, file, what, err, "%" PRIu64, h->limit);
		(void)snprintf(file, sizeof(file), "hugetlb.%s.rsvd.limit_in_bytes", h->page_size);
		if (r == 0 && rt_cg_has(dir, file))
			r = rt_cg_writef(dir, file, what, err, "%" PRIu64, h->limit);
		if (r < 0)
			return r;
	}
	return 0;
}

static int network_v1(const struct rt_cgroup *cg, const struct cfg_network *n, struct berr *err)
{
	const char *cls = cg->path[RT_CG_NET_CLS], *prio = cg->path[RT_CG_NET_PRIO];
	size_t i;
	int r;

	if (n->class_id.set && !cls[0])
		log_warn(P "network.classID: no net_cls controller on this host; continuing");
	else if (n->class_id.set && (r = rt_cg_writef(cls, "net_cls.classid", P "network.classID",
						      err, "%" PRIu64, n->class_id.v)) < 0)
		return r;
	if (n->n_priorities && !prio[0]) {
		log_warn(P "network.priorities: no net_prio controller on this host; continuing");
		return 0;
	}
	for (i = 0; i < n->n_priorities; i++) {
		char what[64];

		(void)snprintf(what, sizeof(what), P "network.priorities[%zu]", i);
		r = rt_cg_writef(prio, "net_prio.ifpriomap", what, err, "%s %" PRIu32,
				 n->priorities[i].name, n->priorities[i].priority);
		if (r < 0)
			return r;
	}
	return 0;
}

/* rdma.max has the same syntax on v1 and v2: "<device> hca_handle=N hca_object=M". */
int rt_cg_rdma(const char *dir, const struct cfg_resources *res, struct berr *err)
{
	char line[512], what[64];
	size_t i;
	int r, n;

	if (res->n_rdma && !dir[0]) {
		log_warn(P "rdma: no rdma cgroup controller on this host; continuing without rdma "
			   "limits");
		return 0;
	}
	for (i = 0; i < res->n_rdma; i++) {
		const struct cfg_rdma *d = &res->rdma[i];

		if (!d->hca_handles.set && !d->hca_objects.set)
			continue;
		n = snprintf(line, sizeof(line), "%s", d->device);
		if (d->hca_handles.set)
			n += snprintf(line + n, sizeof(line) - (size_t)n, " hca_handle=%" PRIu64,
				      d->hca_handles.v);
		if (d->hca_objects.set)
			(void)snprintf(line + n, sizeof(line) - (size_t)n, " hca_object=%" PRIu64,
				       d->hca_objects.v);
		(void)snprintf(what, sizeof(what), P "rdma.%.40s", d->device);
		r = rt_cg_write(dir, "rdma.max", line, what, err);
		if (r < 0)
			return r;
	}
	return 0;
}

int rt_cg_v1_apply(const struct rt_cgroup *cg, const struct cfg_resources *res, bool update,
		   struct berr *err)
{
	int r;

	(void)update; /* the kernel itself refuses a limit below usage on v1 (EBUSY) */
	r = memory_v1(cg->path[RT_CG_MEMORY], &res->memory, err);
	if (r == 0)
		r = cpus_v1(cg, &res->cpu, err);
	if (r == 0)
		r = pids_v1(cg->path[RT_CG_PIDS], &res->pids_limit, err);
	if (r == 0 && res->blockio.present)
		r = rt_cg_v1_blkio(cg->path[RT_CG_BLKIO], &res->blockio, err);
	if (r == 0)
		r = hugetlb_v1(cg->path[RT_CG_HUGETLB], res, err);
	if (r == 0 && res->network.present)
		r = network_v1(cg, &res->network, err);
	if (r == 0)
		r = rt_cg_rdma(cg->path[RT_CG_RDMA], res, err);
	return r;
}
