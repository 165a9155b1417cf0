/* cgroup-stats-v2: statistics from a cgroup v2 directory (cpu.stat, memory.*, pids.*, io.stat,
 * hugetlb.*) converted to runc's v1-shaped report: microseconds to nanoseconds, swap reported
 * as memory+swap. A file that is missing leaves its value 0. Called by rt_cgroup_stats(). */
#include "cgroup-stats.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "cgroup-impl.h"

static uint64_t num(const char *dir, const char *file)
{
	struct berr e2;
	uint64_t v = 0;

	(void)rt_cg_read_u64(dir, file, &v, &e2);
	return v;
}

static uint64_t key(const char *dir, const char *file, const char *k)
{
	struct berr e2;
	uint64_t v = 0;

	(void)rt_cg_read_key(dir, file, k, &v, &e2);
	return v;
}

static void cpu(const char *dir, struct rt_cgroup_stats *s)
{
	s->cpu.total = key(dir, "cpu.stat", "usage_usec") * 1000;
	s->cpu.user = key(dir, "cpu.stat", "user_usec") * 1000;
	s->cpu.kernel = key(dir, "cpu.stat", "system_usec") * 1000;
	s->cpu.periods = key(dir, "cpu.stat", "nr_periods");
	s->cpu.throttled_periods = key(dir, "cpu.stat", "nr_throttled");
	s->cpu.throttled_time = key(dir, "cpu.stat", "throttled_usec") * 1000;
}

static void cpuset(const char *dir, struct rt_cgroup_stats *s)
{
	char buf[4096];
	struct berr e2;

	if (rt_cg_read(dir, "cpuset.cpus.effective", buf, sizeof(buf), &e2) < 0)
		return;
	s->cpuset.present = true;
	s->cpuset.n_cpus = rt_cg_stats_parse_list(buf, s->cpuset.cpus, RT_CG_STATS_CPUS);
	if (rt_cg_read(dir, "cpuset.mems.effective", buf, sizeof(buf), &e2) == 0)
		s->cpuset.n_mems = rt_cg_stats_parse_list(buf, s->cpuset.mems, RT_CG_STATS_CPUS);
}

static void memory(const char *dir, struct rt_cgroup_stats *s)
{
	_cleanup_free_ char *stat = rt_cg_stats_text(dir, "memory.stat");
	struct rt_cg_mem_entry *u = &s->memory.usage, *w = &s->memory.swap;

	u->usage = num(dir, "memory.current");
	u->limit = rt_cg_has(dir, "memory.max") ? num(dir, "memory.max") : 0;
	u->max = num(dir, "memory.peak");
	u->failcnt = key(dir, "memory.events", "max");
	/* v1 reports swap as memory+swap (memsw); so does runc on v2 */
	w->usage = num(dir, "memory.swap.current") + u->usage;
	w->limit = rt_cg_has(dir, "memory.swap.max") ? num(dir, "memory.swap.max") : 0;
	if (w->limit != UINT64_MAX && u->limit != UINT64_MAX)
		w->limit += u->limit;
	else
		w->limit = UINT64_MAX;
	w->failcnt = key(dir, "memory.swap.events", "max");
	if (stat)
		rt_cg_stats_parse_raw(stat, s);
	s->memory.cache = rt_cg_stats_raw(s, "file");
}

/* "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" */
static void io(const char *dir, struct rt_cgroup_stats *s)
{
	_cleanup_free_ char *text = rt_cg_stats_text(dir, "io.stat");
	char *line, *save = NULL, *tok, *s2, *rest;
	unsigned long long maj, min;
	uint64_t v;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		rest = strchr(line, ' ');
		if (!rest || sscanf(line, "%llu:%llu", &maj, &min) != 2)
			continue;
		s2 = NULL;
		for (tok = strtok_r(rest, " ", &s2); tok; tok = strtok_r(NULL, " ", &s2)) {
			v = strtoull(strchr(tok, '=') ? strchr(tok, '=') + 1 : "0", NULL, 10);
			if (!strncmp(tok, "rbytes=", 7))
				rt_cg_stats_blkio_add(&s->blkio.service_bytes, maj, min, "Read", v);
			else if (!strncmp(tok, "wbytes=", 7))
				rt_cg_stats_blkio_add(&s->blkio.service_bytes, maj, min, "Write",
						      v);
			else if (!strncmp(tok, "rios=", 5))
				rt_cg_stats_blkio_add(&s->blkio.serviced, maj, min, "Read", v);
			else if (!strncmp(tok, "wios=", 5))
				rt_cg_stats_blkio_add(&s->blkio.serviced, maj, min, "Write", v);
		}
	}
}

static void hugetlb(const char *dir, struct rt_cgroup_stats *s)
{
	_cleanup_closedir_ DIR *d = opendir(dir);
	struct dirent *de;
	char size[16], f[64];
	int end;

	while (d && (de = readdir(d)) && s->n_hugetlb < RT_CG_STATS_HUGE) {
		/* %n: only a whole match counts ("hugetlb.2MB.max_usage_in_bytes" is not one) */
		end = 0;
		if (sscanf(de->d_name, "hugetlb.%15[^.].current%n", size, &end) != 1 || !end ||
		    de->d_name[end] || strstr(de->d_name, ".rsvd."))
			continue;
		(void)snprintf(s->hugetlb[s->n_hugetlb].page_size, 16, "%s", size);
		s->hugetlb[s->n_hugetlb].usage = num(dir, de->d_name);
		(void)snprintf(f, sizeof(f), "hugetlb.%s.events", size);
		s->hugetlb[s->n_hugetlb++].failcnt = key(dir, f, "max");
	}
}

int rt_cg_stats_v2(const char *dir, struct rt_cgroup_stats *ret, struct berr *err)
{
	uint64_t max;

	(void)err;
	cpu(dir, ret);
	cpuset(dir, ret);
	memory(dir, ret);
	ret->pids.current = num(dir, "pids.current");
	max = num(dir, "pids.max");
	ret->pids.limit = max == UINT64_MAX ? 0 : max;
	io(dir, ret);
	hugetlb(dir, ret);
	return 0;
}
