/* parse-resources: linux.resources, the cgroup settings: device rules, memory, cpu, pids,
 * huge pages, network, rdma and unified (blockIO has its own file). Called by parse-linux.c. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "../runtime/base/cleanup.h"

static int parse_dev_rule(yajl_val o, const char *path, struct cfg_dev_cgroup *d, struct berr *err)
{
	_cleanup_free_ char *type = NULL;
	struct cfg_opt_bool allow = {0};
	int r;

	r = cfg_get_bool(o, path, "allow", &allow, err);
	if (r < 0)
		return r;
	if (!allow.set)
		return cfg_errk(err, path, "allow", "required");
	d->allow = allow.v;
	r = cfg_get_str(o, path, "type", &type, err);
	if (r < 0)
		return r;
	/* unset (or "") means all devices, as "a" does */
	if (type && *type && (strlen(type) != 1 || !strchr("acb", type[0])))
		return cfg_errk(err, path, "type", "unknown device type \"%s\"", CFG_SHOW(type));
	d->type = type ? type[0] : 0;
	r = cfg_get_int(o, path, "major", CFG_I64, &d->major, err);
	if (r == 0)
		r = cfg_get_int(o, path, "minor", CFG_I64, &d->minor, err);
	if (r == 0)
		r = cfg_get_str(o, path, "access", &d->access, err);
	if (r == 0 && d->access && d->access[strspn(d->access, "rwm")] != '\0')
		r = cfg_errk(err, path, "access", "must contain only r, w and m");
	return r;
}

static int parse_dev_rules(yajl_val o, const char *path, struct cfg_resources *res,
			   struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, "devices", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*res->devices), (void **)&res->devices,
			    &res->n_devices, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, path, "devices", err);
		if (r == 0)
			r = parse_dev_rule(arr->u.array.values[i], p, &res->devices[i], err);
	}
	return r;
}

static int parse_memory(yajl_val o, const char *path, struct cfg_memory *m, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "memory", &obj, err);
	if (r < 0 || !obj)
		return r;
	m->present = true;
	cfg_path(p, path, "memory");
	r = cfg_get_int(obj, p, "limit", CFG_I64, &m->limit, err);
	if (r == 0)
		r = cfg_get_int(obj, p, "reservation", CFG_I64, &m->reservation, err);
	if (r == 0)
		r = cfg_get_int(obj, p, "swap", CFG_I64, &m->swap, err);
	if (r == 0)
		r = cfg_get_int(obj, p, "kernel", CFG_I64, &m->kernel, err);
	if (r == 0)
		r = cfg_get_int(obj, p, "kernelTCP", CFG_I64, &m->kernel_tcp, err);
	if (r == 0)
		r = cfg_get_uint(obj, p, "swappiness", CFG_U64, &m->swappiness, err);
	if (r == 0)
		r = cfg_get_bool(obj, p, "disableOOMKiller", &m->disable_oom_killer, err);
	if (r == 0)
		r = cfg_get_bool(obj, p, "useHierarchy", &m->use_hierarchy, err);
	if (r == 0)
		r = cfg_get_bool(obj, p, "checkBeforeUpdate", &m->check_before_update, err);
	if (r < 0)
		return r;
	if (m->swappiness.set && m->swappiness.v > 100)
		return cfg_errk(err, p, "swappiness", "must be between 0 and 100");
	/* swap is memory+swap: below the memory limit it cannot be applied */
	if (m->limit.set && m->swap.set && m->limit.v > 0 && m->swap.v > 0 &&
	    m->swap.v < m->limit.v)
		return cfg_errk(err, p, "swap",
				"must not be less than limit (it counts memory too)");
	return 0;
}

static int parse_cpu(yajl_val o, const char *path, struct cfg_cpu *c, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "cpu", &obj, err);
	if (r < 0 || !obj)
		return r;
	c->present = true;
	cfg_path(p, path, "cpu");
	r = cfg_get_uint(obj, p, "shares", CFG_U64, &c->shares, err);
	if (r == 0)
		r = cfg_get_int(obj, p, "quota", CFG_I64, &c->quota, err);
	if (r == 0)
		r = cfg_get_uint(obj, p, "burst", CFG_U64, &c->burst, err);
	if (r == 0)
		r = cfg_get_uint(obj, p, "period", CFG_U64, &c->period, err);
	if (r == 0)
		r = cfg_get_int(obj, p, "realtimeRuntime", CFG_I64, &c->realtime_runtime, err);
	if (r == 0)
		r = cfg_get_uint(obj, p, "realtimePeriod", CFG_U64, &c->realtime_period, err);
	if (r == 0)
		r = cfg_get_str(obj, p, "cpus", &c->cpus, err);
	if (r == 0)
		r = cfg_get_str(obj, p, "mems", &c->mems, err);
	if (r == 0)
		r = cfg_get_int(obj, p, "idle", CFG_I64, &c->idle, err);
	if (r < 0)
		return r;
	/* config-linux.md: burst MUST be no larger than a positive quota */
	if (c->burst.set && c->quota.set && c->quota.v > 0 && c->burst.v > (uint64_t)c->quota.v)
		return cfg_errk(err, p, "burst", "must not be larger than quota");
	return 0;
}

/* "<size><unit>B" with a 1024-based unit: 64KB, 2MB, 1GB (config-linux.md). */
static bool page_size_ok(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && s[0] != '0' && s[n] && strchr("KMGT", s[n]) && s[n + 1] == 'B' &&
	       s[n + 2] == '\0';
}

static int parse_hugepage(yajl_val o, const char *path, struct cfg_hugepage_limit *h,
			  struct berr *err)
{
	int r;

	r = cfg_need_str(o, path, "pageSize", &h->page_size, err);
	if (r < 0)
		return r;
	if (!page_size_ok(h->page_size))
		return cfg_errk(err, path, "pageSize", "invalid page size \"%s\" (e.g. 2MB)",
				CFG_SHOW(h->page_size));
	return cfg_need_uint(o, path, "limit", CFG_U64, &h->limit, err);
}

static int parse_hugepages(yajl_val o, const char *path, struct cfg_resources *res,
			   struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, "hugepageLimits", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*res->hugepage_limits),
			    (void **)&res->hugepage_limits, &res->n_hugepage_limits, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, path, "hugepageLimits", err);
		if (r == 0)
			r = parse_hugepage(arr->u.array.values[i], p, &res->hugepage_limits[i],
					   err);
	}
	return r;
}

int cfg_parse_resources(yajl_val o, const char *path, struct cfg_resources *res, struct berr *err)
{
	yajl_val pids = NULL;
	int r;

	res->present = true;
	r = parse_dev_rules(o, path, res, err);
	if (r == 0)
		r = parse_memory(o, path, &res->memory, err);
	if (r == 0)
		r = parse_cpu(o, path, &res->cpu, err);
	if (r == 0)
		r = cfg_get_object(o, path, "pids", &pids, err);
	if (r == 0 && pids) {
		char p[CFG_PATH_MAX];

		r = cfg_get_int(pids, cfg_path(p, path, "pids"), "limit", CFG_I64, &res->pids_limit,
				err);
	}
	if (r == 0)
		r = cfg_parse_blockio(o, path, &res->blockio, err);
	if (r == 0)
		r = parse_hugepages(o, path, res, err);
	if (r == 0)
		r = cfg_parse_net_rdma(o, path, res, err);
	if (r == 0)
		r = cfg_get_map(o, path, "unified", &res->unified, err);
	return r;
}
