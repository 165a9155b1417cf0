/* cgroup-check: linux.resources values refused before any cgroup directory is made (ranges
 * the kernel would clamp or reject half-way, keys that cannot apply to this host's cgroup
 * version), so a bad config fails with one line and leaves nothing. Called by cgroup-setup.c
 * and rt_cgroup_update(). */
#include "cgroup-impl.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "base/cleanup.h"

#define P "linux.resources."

static int check_limit(const struct cfg_opt_i64 *v, const char *path, struct berr *err)
{
	if (v->set && v->v < -1)
		return berr_set(err, EINVAL, P "%s: must be -1 (unlimited) or a number of bytes",
				path);
	return 0;
}

static int check_memory(const struct cfg_memory *m, struct berr *err)
{
	int r;

	r = check_limit(&m->limit, "memory.limit", err);
	if (r == 0)
		r = check_limit(&m->reservation, "memory.reservation", err);
	if (r == 0)
		r = check_limit(&m->swap, "memory.swap", err);
	return r;
}

static int check_cpu(const struct cfg_cpu *c, enum rt_cgroup_mode mode, struct berr *err)
{
	if (c->shares.set && c->shares.v != 0 && (c->shares.v < 2 || c->shares.v > 262144))
		return berr_set(err, ERANGE,
				P "cpu.shares: %" PRIu64 " is out of range (2 to 262144)",
				c->shares.v);
	if (c->quota.set && c->quota.v < -1)
		return berr_set(err, EINVAL, P "cpu.quota: must be -1 (unlimited) or positive");
	if (c->idle.set && c->idle.v != 0 && c->idle.v != 1)
		return berr_set(err, ERANGE, P "cpu.idle: must be 0 or 1");
	if (c->realtime_runtime.set && c->realtime_runtime.v < -1)
		return berr_set(err, EINVAL, P "cpu.realtimeRuntime: must be -1 or positive");
	if (mode == RT_CGROUP_V2 && c->realtime_runtime.set && c->realtime_runtime.v != 0)
		return berr_set(err, ENOTSUP,
				P "cpu.realtimeRuntime: not supported on cgroup v2 (no cpu.rt_*)");
	if (mode == RT_CGROUP_V2 && c->realtime_period.set && c->realtime_period.v != 0)
		return berr_set(err, ENOTSUP,
				P "cpu.realtimePeriod: not supported on cgroup v2 (no cpu.rt_*)");
	if (c->cpus && cfg_cpulist_parse(c->cpus, NULL, CFG_CPU_MAX) < 0)
		return berr_set(err, EINVAL, P "cpu.cpus: invalid CPU list \"%.64s\"", c->cpus);
	if (c->mems && cfg_cpulist_parse(c->mems, NULL, CFG_CPU_MAX) < 0)
		return berr_set(err, EINVAL, P "cpu.mems: invalid memory node list \"%.64s\"",
				c->mems);
	return 0;
}

static int check_weight(const struct cfg_opt_u64 *w, const char *path, size_t i, bool idx,
			struct berr *err)
{
	if (!w->set || w->v == 0 || (w->v >= 10 && w->v <= 1000))
		return 0;
	if (idx)
		return berr_set(err, ERANGE,
				P "blockIO.weightDevice[%zu].%s: %" PRIu64
				  " is out of range (10 to 1000)",
				i, path, w->v);
	return berr_set(err, ERANGE, P "blockIO.%s: %" PRIu64 " is out of range (10 to 1000)", path,
			w->v);
}

static int check_devnum(int64_t major, int64_t minor, const char *key, size_t i, struct berr *err)
{
	if (major < 0 || minor < 0 || major > UINT32_MAX || minor > UINT32_MAX)
		return berr_set(err, EINVAL,
				P "blockIO.%s[%zu]: invalid device %" PRId64 ":%" PRId64, key, i,
				major, minor);
	return 0;
}

static int check_blockio(const struct cfg_blockio *b, struct berr *err)
{
	const struct cfg_throttle_list *t[] = {&b->read_bps, &b->write_bps, &b->read_iops,
					       &b->write_iops};
	static const char *const keys[] = {"throttleReadBpsDevice", "throttleWriteBpsDevice",
					   "throttleReadIOPSDevice", "throttleWriteIOPSDevice"};
	size_t i, k;
	int r;

	r = check_weight(&b->weight, "weight", 0, false, err);
	if (r == 0)
		r = check_weight(&b->leaf_weight, "leafWeight", 0, false, err);
	for (i = 0; r == 0 && i < b->n_weight_device; i++) {
		r = check_weight(&b->weight_device[i].weight, "weight", i, true, err);
		if (r == 0)
			r = check_weight(&b->weight_device[i].leaf_weight, "leafWeight", i, true,
					 err);
		if (r == 0)
			r = check_devnum(b->weight_device[i].major, b->weight_device[i].minor,
					 "weightDevice", i, err);
	}
	for (k = 0; r == 0 && k < ARRAY_SIZE(t); k++)
		for (i = 0; r == 0 && i < t[k]->n; i++)
			r = check_devnum(t[k]->v[i].major, t[k]->v[i].minor, keys[k], i, err);
	return r;
}

static int check_unified(const struct cfg_map *u, enum rt_cgroup_mode mode, struct berr *err)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		const char *k = u->v[i].key;

		if (mode != RT_CGROUP_V2)
			return berr_set(err, ENOTSUP,
					P "unified: \"%.64s\" cannot be set: this host uses cgroup "
					  "v1, unified keys need cgroup v2",
					k);
		if (!*k || strchr(k, '/') || k[0] == '.')
			return berr_set(err, EINVAL,
					P "unified.%.64s: must be a cgroup file name (no '/')", k);
		if (strchr(u->v[i].value, '\n'))
			return berr_set(err, EINVAL, P "unified.%.64s: value must be one line", k);
	}
	return 0;
}

static int check_rdma(const struct cfg_resources *res, struct berr *err)
{
	size_t i;

	for (i = 0; i < res->n_rdma; i++) {
		const char *d = res->rdma[i].device;

		if (!d || !*d || strpbrk(d, " \n\t="))
			return berr_set(err, EINVAL, P "rdma: invalid device name \"%.64s\"",
					d ? d : "");
	}
	return 0;
}

int rt_cg_check_resources(const struct cfg_resources *res, enum rt_cgroup_mode mode,
			  struct berr *err)
{
	int r;

	r = check_memory(&res->memory, err);
	if (r == 0)
		r = check_cpu(&res->cpu, mode, err);
	if (r == 0)
		r = check_blockio(&res->blockio, err);
	if (r == 0)
		r = check_rdma(res, err);
	if (r == 0)
		r = check_unified(&res->unified, mode, err);
	return r;
}
