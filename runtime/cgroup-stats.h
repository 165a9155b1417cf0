/* cgroup-stats: what `berth events` reports: the cgroup's statistics (read from v1 or v2
 * files into one shape, printed as runc's JSON) and OOM kill notifications. */
#ifndef BERTH_RT_CGROUP_STATS_H
#define BERTH_RT_CGROUP_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/berr.h"
#include "cgroup.h"

#define RT_CG_STATS_CPUS  1024 /* per-CPU counters kept */
#define RT_CG_STATS_RAW	  128  /* memory.stat keys kept */
#define RT_CG_STATS_BLKIO 512  /* blkio entries kept per kind */
#define RT_CG_STATS_HUGE  8    /* huge page sizes kept */

struct rt_cg_mem_entry {
	uint64_t limit, usage, max, failcnt;
};

struct rt_cg_blkio_entry {
	uint64_t major, minor;
	char op[16]; /* "Read", "Write", "Sync", "Async", "Discard", "Total" */
	uint64_t value;
};

struct rt_cg_blkio_list {
	struct rt_cg_blkio_entry v[RT_CG_STATS_BLKIO];
	size_t n;
};

struct rt_cgroup_stats {
	struct {
		uint64_t total, kernel, user; /* ns */
		uint64_t percpu[RT_CG_STATS_CPUS], percpu_kernel[RT_CG_STATS_CPUS],
			percpu_user[RT_CG_STATS_CPUS];
		size_t n_percpu, n_percpu_split;
		uint64_t periods, throttled_periods, throttled_time;
	} cpu;
	struct {
		bool present;
		uint16_t cpus[RT_CG_STATS_CPUS], mems[RT_CG_STATS_CPUS];
		size_t n_cpus, n_mems;
		uint64_t cpu_exclusive, mem_hardwall, mem_exclusive, memory_migrate,
			memory_spread_page, memory_spread_slab, memory_pressure, sched_load_balance;
		int64_t sched_relax_domain_level;
	} cpuset;
	struct {
		uint64_t cache;
		struct rt_cg_mem_entry usage, swap, kernel, kernel_tcp;
		struct {
			char key[48];
			uint64_t value;
		} raw[RT_CG_STATS_RAW];
		size_t n_raw;
	} memory;
	struct {
		uint64_t current, limit; /* limit 0: no limit */
	} pids;
	struct {
		struct rt_cg_blkio_list service_bytes, serviced;
	} blkio;
	struct {
		char page_size[16]; /* "2MB" */
		uint64_t usage, max, failcnt;
	} hugetlb[RT_CG_STATS_HUGE];
	size_t n_hugetlb;
};

/* Fills *ret (zeroed first) from the container's cgroup. */
int rt_cgroup_stats(const struct rt_cgroup *cg, struct rt_cgroup_stats *ret, struct berr *err);
int rt_cg_stats_v1(const struct rt_cgroup *cg, struct rt_cgroup_stats *ret, struct berr *err);
int rt_cg_stats_v2(const char *dir, struct rt_cgroup_stats *ret, struct berr *err);
/* cgroup-stats.c, shared by the readers: */
/* dir/file's text, malloc'ed, or NULL when it cannot be read. */
char *rt_cg_stats_text(const char *dir, const char *file);
/* Parses "key value" lines (memory.stat) into ret->memory.raw. */
void rt_cg_stats_parse_raw(char *text, struct rt_cgroup_stats *ret);
/* The value of key in ret->memory.raw, 0 when absent. */
uint64_t rt_cg_stats_raw(const struct rt_cgroup_stats *s, const char *key);
/* Parses a CPU list ("0-3,7") into values (at most max); returns how many. */
size_t rt_cg_stats_parse_list(const char *list, uint16_t *v, size_t max);
/* Adds one blkio entry (dropped when the list is full). */
void rt_cg_stats_blkio_add(struct rt_cg_blkio_list *l, uint64_t major, uint64_t minor,
			   const char *op, uint64_t value);

/* The event runc prints: {"type":"stats","id":ID,"data":{...}}, one line, no newline.
 * Returns a malloc'ed string (NULL when out of memory). */
char *rt_cgroup_stats_json(const char *id, const struct rt_cgroup_stats *s);
/* {"type":"oom","id":ID} */
char *rt_cgroup_oom_json(const char *id);

/* OOM notifications: v1 an eventfd on memory.oom_control (cgroup.event_control), v2 inotify
 * on memory.events whose oom_kill counter goes up. */
struct rt_cg_oom {
	int fd; /* poll it for POLLIN */
	int oom_fd;
	bool v2;
	uint64_t last; /* v2: oom_kill count seen so far */
	char dir[PATH_MAX];
};
int rt_cg_oom_open(const struct rt_cgroup *cg, struct rt_cg_oom *ret, struct berr *err);
/* After POLLIN: how many new OOM kills (0 possible); -ENOENT when the cgroup is gone. */
int rt_cg_oom_read(struct rt_cg_oom *w, uint64_t *ret, struct berr *err);
void rt_cg_oom_close(struct rt_cg_oom *w);

#endif
