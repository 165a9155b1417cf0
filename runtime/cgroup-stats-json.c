/* cgroup-stats-json: the events runc prints, byte-compatible in shape: {"type":"stats",
 * "id":...,"data":{"cpu":...,"cpuset":...,"memory":...,"pids":...,"blkio":...,"hugetlb":...,
 * "intel_rdt":{},"network_interfaces":null}} with Go's omitempty on the fields runc marks so,
 * and {"type":"oom","id":...}. Called by `berth events`. */
#include "cgroup-stats.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

static void str(yajl_gen g, const char *s)
{
	(void)yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

/* uint64 as a JSON number: yajl_gen_integer would make UINT64_MAX negative */
static void u64(yajl_gen g, const char *k, uint64_t v, bool omitempty)
{
	char buf[24];

	if (omitempty && v == 0)
		return;
	str(g, k);
	(void)snprintf(buf, sizeof(buf), "%" PRIu64, v);
	(void)yajl_gen_number(g, buf, strlen(buf));
}

static void u64_array(yajl_gen g, const char *k, const uint64_t *v, size_t n)
{
	size_t i;
	char buf[24];

	if (n == 0)
		return;
	str(g, k);
	(void)yajl_gen_array_open(g);
	for (i = 0; i < n; i++) {
		(void)snprintf(buf, sizeof(buf), "%" PRIu64, v[i]);
		(void)yajl_gen_number(g, buf, strlen(buf));
	}
	(void)yajl_gen_array_close(g);
}

static void u16_array(yajl_gen g, const char *k, const uint16_t *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	str(g, k);
	(void)yajl_gen_array_open(g);
	for (i = 0; i < n; i++)
		(void)yajl_gen_integer(g, v[i]);
	(void)yajl_gen_array_close(g);
}

static void cpu(yajl_gen g, const struct rt_cgroup_stats *s)
{
	str(g, "cpu");
	(void)yajl_gen_map_open(g);
	str(g, "usage");
	(void)yajl_gen_map_open(g);
	u64(g, "total", s->cpu.total, true);
	u64_array(g, "percpu", s->cpu.percpu, s->cpu.n_percpu);
	u64_array(g, "percpu_kernel", s->cpu.percpu_kernel, s->cpu.n_percpu_split);
	u64_array(g, "percpu_user", s->cpu.percpu_user, s->cpu.n_percpu_split);
	u64(g, "kernel", s->cpu.kernel, false);
	u64(g, "user", s->cpu.user, false);
	(void)yajl_gen_map_close(g);
	str(g, "throttling");
	(void)yajl_gen_map_open(g);
	u64(g, "periods", s->cpu.periods, true);
	u64(g, "throttledPeriods", s->cpu.throttled_periods, true);
	u64(g, "throttledTime", s->cpu.throttled_time, true);
	(void)yajl_gen_map_close(g);
	(void)yajl_gen_map_close(g);
}

static void cpuset(yajl_gen g, const struct rt_cgroup_stats *s)
{
	str(g, "cpuset");
	(void)yajl_gen_map_open(g);
	u16_array(g, "cpus", s->cpuset.cpus, s->cpuset.n_cpus);
	u64(g, "cpu_exclusive", s->cpuset.cpu_exclusive, false);
	u16_array(g, "mems", s->cpuset.mems, s->cpuset.n_mems);
	u64(g, "mem_hardwall", s->cpuset.mem_hardwall, false);
	u64(g, "mem_exclusive", s->cpuset.mem_exclusive, false);
	u64(g, "memory_migrate", s->cpuset.memory_migrate, false);
	u64(g, "memory_spread_page", s->cpuset.memory_spread_page, false);
	u64(g, "memory_spread_slab", s->cpuset.memory_spread_slab, false);
	u64(g, "memory_pressure", s->cpuset.memory_pressure, false);
	u64(g, "sched_load_balance", s->cpuset.sched_load_balance, false);
	str(g, "sched_relax_domain_level");
	(void)yajl_gen_integer(g, s->cpuset.sched_relax_domain_level);
	(void)yajl_gen_map_close(g);
}

static void mem_entry(yajl_gen g, const char *k, const struct rt_cg_mem_entry *e)
{
	str(g, k);
	(void)yajl_gen_map_open(g);
	u64(g, "limit", e->limit, false);
	u64(g, "usage", e->usage, true);
	u64(g, "max", e->max, true);
	u64(g, "failcnt", e->failcnt, false);
	(void)yajl_gen_map_close(g);
}

static void memory(yajl_gen g, const struct rt_cgroup_stats *s)
{
	size_t i;

	str(g, "memory");
	(void)yajl_gen_map_open(g);
	u64(g, "cache", s->memory.cache, true);
	mem_entry(g, "usage", &s->memory.usage);
	mem_entry(g, "swap", &s->memory.swap);
	mem_entry(g, "kernel", &s->memory.kernel);
	mem_entry(g, "kernelTCP", &s->memory.kernel_tcp);
	if (s->memory.n_raw) {
		str(g, "raw");
		(void)yajl_gen_map_open(g);
		for (i = 0; i < s->memory.n_raw; i++)
			u64(g, s->memory.raw[i].key, s->memory.raw[i].value, false);
		(void)yajl_gen_map_close(g);
	}
	(void)yajl_gen_map_close(g);
}

static void blkio_list(yajl_gen g, const char *k, const struct rt_cg_blkio_list *l)
{
	size_t i;

	if (!l->n)
		return;
	str(g, k);
	(void)yajl_gen_array_open(g);
	for (i = 0; i < l->n; i++) {
		(void)yajl_gen_map_open(g);
		u64(g, "major", l->v[i].major, true);
		u64(g, "minor", l->v[i].minor, true);
		if (l->v[i].op[0]) {
			str(g, "op");
			str(g, l->v[i].op);
		}
		u64(g, "value", l->v[i].value, true);
		(void)yajl_gen_map_close(g);
	}
	(void)yajl_gen_array_close(g);
}

static void rest(yajl_gen g, const struct rt_cgroup_stats *s)
{
	size_t i;

	str(g, "pids");
	(void)yajl_gen_map_open(g);
	u64(g, "current", s->pids.current, true);
	u64(g, "limit", s->pids.limit, true);
	(void)yajl_gen_map_close(g);
	str(g, "blkio");
	(void)yajl_gen_map_open(g);
	blkio_list(g, "ioServiceBytesRecursive", &s->blkio.service_bytes);
	blkio_list(g, "ioServicedRecursive", &s->blkio.serviced);
	(void)yajl_gen_map_close(g);
	str(g, "hugetlb");
	(void)yajl_gen_map_open(g);
	for (i = 0; i < s->n_hugetlb; i++) {
		str(g, s->hugetlb[i].page_size);
		(void)yajl_gen_map_open(g);
		u64(g, "usage", s->hugetlb[i].usage, true);
		u64(g, "max", s->hugetlb[i].max, true);
		u64(g, "failcnt", s->hugetlb[i].failcnt, false);
		(void)yajl_gen_map_close(g);
	}
	(void)yajl_gen_map_close(g);
	str(g, "intel_rdt");
	(void)yajl_gen_map_open(g);
	(void)yajl_gen_map_close(g);
	str(g, "network_interfaces");
	(void)yajl_gen_null(g);
}

static char *finish(yajl_gen g)
{
	const unsigned char *buf;
	char *out = NULL;
	size_t len;

	if (yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok)
		out = strndup((const char *)buf, len);
	yajl_gen_free(g);
	return out;
}

char *rt_cgroup_stats_json(const char *id, const struct rt_cgroup_stats *s)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (!g)
		return NULL;
	(void)yajl_gen_map_open(g);
	str(g, "type");
	str(g, "stats");
	str(g, "id");
	str(g, id);
	str(g, "data");
	(void)yajl_gen_map_open(g);
	cpu(g, s);
	cpuset(g, s);
	memory(g, s);
	rest(g, s);
	(void)yajl_gen_map_close(g);
	(void)yajl_gen_map_close(g);
	return finish(g);
}

char *rt_cgroup_oom_json(const char *id)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (!g)
		return NULL;
	(void)yajl_gen_map_open(g);
	str(g, "type");
	str(g, "oom");
	str(g, "id");
	str(g, id);
	(void)yajl_gen_map_close(g);
	return finish(g);
}
