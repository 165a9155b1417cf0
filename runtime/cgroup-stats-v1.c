/* cgroup-stats-v1: statistics from the v1 hierarchies (cpuacct, cpu, cpuset, memory, pids,
 * blkio, hugetlb) in the shape runc reports. A file that is missing leaves its value 0.
 * Called by rt_cgroup_stats(). */
#include "cgroup-stats.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cgroup-impl.h"

static uint64_t num(const char *dir, const char *file)
{
	struct berr e2;
	uint64_t v = 0;

	if (dir && dir[0])
		(void)rt_cg_read_u64(dir, file, &v, &e2);
	return v;
}

static void cpuacct(const char *dir, struct rt_cgroup_stats *s)
{
	_cleanup_free_ char *percpu = rt_cg_stats_text(dir, "cpuacct.usage_percpu");
	_cleanup_free_ char *all = rt_cg_stats_text(dir, "cpuacct.usage_all");
	long tck = sysconf(_SC_CLK_TCK);
	unsigned long long c, u, k;
	char *p, *end, *line, *save = NULL;
	struct berr e2;
	uint64_t v;

	s->cpu.total = num(dir, "cpuacct.usage");
	for (p = percpu; p && s->cpu.n_percpu < RT_CG_STATS_CPUS; p = end) {
		v = strtoull(p, &end, 10);
		if (end == p)
			break;
		s->cpu.percpu[s->cpu.n_percpu++] = v;
	}
	/* "cpu user system" then one line per CPU, in ns */
	for (line = all ? strtok_r(all, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%llu %llu %llu", &c, &u, &k) != 3 ||
		    s->cpu.n_percpu_split >= RT_CG_STATS_CPUS)
			continue;
		s->cpu.percpu_user[s->cpu.n_percpu_split] = u;
		s->cpu.percpu_kernel[s->cpu.n_percpu_split++] = k;
	}
	/* cpuacct.stat counts USER_HZ ticks */
	if (dir && dir[0] && tck > 0) {
		if (rt_cg_read_key(dir, "cpuacct.stat", "user", &v, &e2) == 0)
			s->cpu.user = v * (1000000000ull / (uint64_t)tck);
		if (rt_cg_read_key(dir, "cpuacct.stat", "system", &v, &e2) == 0)
			s->cpu.kernel = v * (1000000000ull / (uint64_t)tck);
	}
}

static void throttling(const char *dir, struct rt_cgroup_stats *s)
{
	struct berr e2;

	if (!dir || !dir[0])
		return;
	(void)rt_cg_read_key(dir, "cpu.stat", "nr_periods", &s->cpu.periods, &e2);
	(void)rt_cg_read_key(dir, "cpu.stat", "nr_throttled", &s->cpu.throttled_periods, &e2);
	(void)rt_cg_read_key(dir, "cpu.stat", "throttled_time", &s->cpu.throttled_time, &e2);
}

static void cpuset(const char *dir, struct rt_cgroup_stats *s)
{
	char buf[4096];
	struct berr e2;

	if (!dir || !dir[0])
		return;
	s->cpuset.present = true;
	if (rt_cg_read(dir, "cpuset.cpus", buf, sizeof(buf), &e2) == 0)
		s->cpuset.n_cpus = rt_cg_stats_parse_list(buf, s->cpuset.cpus, RT_CG_STATS_CPUS);
	if (rt_cg_read(dir, "cpuset.mems", buf, sizeof(buf), &e2) == 0)
		s->cpuset.n_mems = rt_cg_stats_parse_list(buf, s->cpuset.mems, RT_CG_STATS_CPUS);
	s->cpuset.cpu_exclusive = num(dir, "cpuset.cpu_exclusive");
	s->cpuset.mem_hardwall = num(dir, "cpuset.mem_hardwall");
	s->cpuset.mem_exclusive = num(dir, "cpuset.mem_exclusive");
	s->cpuset.memory_migrate = num(dir, "cpuset.memory_migrate");
	s->cpuset.memory_spread_page = num(dir, "cpuset.memory_spread_page");
	s->cpuset.memory_spread_slab = num(dir, "cpuset.memory_spread_slab");
	s->cpuset.memory_pressure = num(dir, "cpuset.memory_pressure");
	s->cpuset.sched_load_balance = num(dir, "cpuset.sched_load_balance");
	if (rt_cg_read(dir, "cpuset.sched_relax_domain_level", buf, sizeof(buf), &e2) == 0)
		s->cpuset.sched_relax_domain_level = strtoll(buf, NULL, 10);
}

static void mem_entry(const char *dir, const char *prefix, struct rt_cg_mem_entry *e)
{
	char f[64];

	(void)snprintf(f, sizeof(f), "%s.limit_in_bytes", prefix);
	e->limit = num(dir, f);
	(void)snprintf(f, sizeof(f), "%s.usage_in_bytes", prefix);
	e->usage = num(dir, f);
	(void)snprintf(f, sizeof(f), "%s.max_usage_in_bytes", prefix);
	e->max = num(dir, f);
	(void)snprintf(f, sizeof(f), "%s.failcnt", prefix);
	e->failcnt = num(dir, f);
}

static void memory(const char *dir, struct rt_cgroup_stats *s)
{
	_cleanup_free_ char *stat = rt_cg_stats_text(dir, "memory.stat");

	if (!dir || !dir[0])
		return;
	mem_entry(dir, "memory", &s->memory.usage);
	mem_entry(dir, "memory.memsw", &s->memory.swap);
	mem_entry(dir, "memory.kmem", &s->memory.kernel);
	mem_entry(dir, "memory.kmem.tcp", &s->memory.kernel_tcp);
	if (stat)
		rt_cg_stats_parse_raw(stat, s);
	s->memory.cache = rt_cg_stats_raw(s, "cache");
}

/* "8:0 Read 4096" lines; the "Total N" line has no device and is skipped. */
static void blkio_file(const char *dir, const char *file, struct rt_cg_blkio_list *l)
{
	_cleanup_free_ char *text = rt_cg_stats_text(dir, file);
	char *line, *save = NULL, op[16];
	unsigned long long maj, min, v;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%llu:%llu %15s %llu", &maj, &min, op, &v) == 4)
			rt_cg_stats_blkio_add(l, maj, min, op, v);
}

static void blkio(const char *dir, struct rt_cgroup_stats *s)
{
	if (!dir || !dir[0])
		return;
	/* the CFQ/BFQ-wide counters when the kernel has them, else the throttle layer's */
	blkio_file(dir, "blkio.io_service_bytes_recursive", &s->blkio.service_bytes);
	if (!s->blkio.service_bytes.n)
		blkio_file(dir, "blkio.throttle.io_service_bytes_recursive",
			   &s->blkio.service_bytes);
	blkio_file(dir, "blkio.io_serviced_recursive", &s->blkio.serviced);
	if (!s->blkio.serviced.n)
		blkio_file(dir, "blkio.throttle.io_serviced_recursive", &s->blkio.serviced);
}

static void hugetlb(const char *dir, struct rt_cgroup_stats *s)
{
	_cleanup_closedir_ DIR *d = dir && dir[0] ? opendir(dir) : NULL;
	struct dirent *de;
	char size[16], f[64];
	int end;

	while (d && (de = readdir(d)) && s->n_hugetlb < RT_CG_STATS_HUGE) {
		/* %n: only a whole match counts ("hugetlb.2MB.max_usage_in_bytes" is not one) */
		end = 0;
		if (sscanf(de->d_name, "hugetlb.%15[^.].usage_in_bytes%n", size, &end) != 1 ||
		    !end || de->d_name[end] || strstr(de->d_name, ".rsvd."))
			continue;
		(void)snprintf(s->hugetlb[s->n_hugetlb].page_size, 16, "%s", size);
		s->hugetlb[s->n_hugetlb].usage = num(dir, de->d_name);
		(void)snprintf(f, sizeof(f), "hugetlb.%s.max_usage_in_bytes", size);
		s->hugetlb[s->n_hugetlb].max = num(dir, f);
		(void)snprintf(f, sizeof(f), "hugetlb.%s.failcnt", size);
		s->hugetlb[s->n_hugetlb++].failcnt = num(dir, f);
	}
}

int rt_cg_stats_v1(const struct rt_cgroup *cg, struct rt_cgroup_stats *ret, struct berr *err)
{
	uint64_t max;

	(void)err;
	cpuacct(cg->path[RT_CG_CPUACCT], ret);
	throttling(cg->path[RT_CG_CPU], ret);
	cpuset(cg->path[RT_CG_CPUSET], ret);
	memory(cg->path[RT_CG_MEMORY], ret);
	ret->pids.current = num(cg->path[RT_CG_PIDS], "pids.current");
	max = num(cg->path[RT_CG_PIDS], "pids.max");
	ret->pids.limit = max == UINT64_MAX ? 0 : max;
	blkio(cg->path[RT_CG_BLKIO], ret);
	hugetlb(cg->path[RT_CG_HUGETLB], ret);
	return 0;
}
