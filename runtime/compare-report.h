/* compare-report: what `berth compare` prints: per series (berth container, berth vm, another
 * runtime) the median, min and max of start latency and wall time, the peak RSS, the exit
 * statuses and whether the workload's output was the same as in the first series; as a table,
 * JSON, or an SVG bar chart with min/max whiskers. */
#ifndef BERTH_RT_COMPARE_REPORT_H
#define BERTH_RT_COMPARE_REPORT_H

#include <stdio.h>

#include "compare-run.h"

struct rt_compare_series {
	const char *name;
	struct rt_compare_sample *v;
	size_t n;
};

struct rt_compare_stats {
	double start_min, start_med, start_max; /* < 0: no output */
	double wall_min, wall_med, wall_max;
	long rss_med_kb;
	int exit_status; /* the first run's; exit_varies when not all equal */
	bool exit_varies;
	bool output_varies; /* within the series */
	uint64_t out_hash;  /* the first run's */
};

void rt_compare_stats(const struct rt_compare_series *s, struct rt_compare_stats *ret);
void rt_compare_table(FILE *f, const struct rt_compare_series *s, size_t n);
void rt_compare_json(FILE *f, const struct rt_compare_series *s, size_t n);
void rt_compare_svg(FILE *f, const struct rt_compare_series *s, size_t n);

#endif
