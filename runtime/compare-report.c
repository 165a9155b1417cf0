/* compare-report: statistics and the three output forms of `berth compare`. */
#include "compare-report.h"

#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* min, median, max of n values (sorted in place) */
static void spread(double *v, size_t n, double *min, double *med, double *max)
{
	qsort(v, n, sizeof(*v), cmp_double);
	*min = v[0];
	*max = v[n - 1];
	*med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void rt_compare_stats(const struct rt_compare_series *s, struct rt_compare_stats *ret)
{
	double *start = calloc(s->n + 1, sizeof(double)), *wall = calloc(s->n + 1, sizeof(double));
	double *rss = calloc(s->n + 1, sizeof(double)), unused;
	size_t i, n_start = 0;

	memset(ret, 0, sizeof(*ret));
	ret->start_min = ret->start_med = ret->start_max = -1;
	if (!start || !wall || !rss || !s->n)
		goto out;
	for (i = 0; i < s->n; i++) {
		if (s->v[i].start_ms >= 0)
			start[n_start++] = s->v[i].start_ms;
		wall[i] = s->v[i].wall_ms;
		rss[i] = (double)s->v[i].peak_rss_kb;
		ret->exit_varies |= s->v[i].exit_status != s->v[0].exit_status;
		ret->output_varies |= s->v[i].out_hash != s->v[0].out_hash;
	}
	if (n_start)
		spread(start, n_start, &ret->start_min, &ret->start_med, &ret->start_max);
	spread(wall, s->n, &ret->wall_min, &ret->wall_med, &ret->wall_max);
	{
		double med;

		spread(rss, s->n, &unused, &med, &unused);
		ret->rss_med_kb = (long)med;
	}
	ret->exit_status = s->v[0].exit_status;
	ret->out_hash = s->v[0].out_hash;
out:
	free(start);
	free(wall);
	free(rss);
}

static void ms(char *buf, size_t len, double v)
{
	if (v < 0)
		(void)snprintf(buf, len, "-");
	else
		(void)snprintf(buf, len, "%.1f ms", v);
}

void rt_compare_table(FILE *f, const struct rt_compare_series *s, size_t n)
{
	struct rt_compare_stats first = {0}, st;
	char a[32], b[32], c[32];
	size_t i;

	(void)fprintf(f, "%-18s %5s %12s %12s %22s %10s %5s  %s\n", "runtime", "runs",
		      "start (med)", "wall (med)", "wall (min..max)", "peak RSS", "exit", "output");
	for (i = 0; i < n; i++) {
		rt_compare_stats(&s[i], &st);
		if (i == 0)
			first = st;
		ms(a, sizeof(a), st.start_med);
		ms(b, sizeof(b), st.wall_med);
		(void)snprintf(c, sizeof(c), "%.0f..%.0f ms", st.wall_min, st.wall_max);
		(void)fprintf(f, "%-18s %5zu %12s %12s %22s %7.1f MB %4d%s  %016llx %s\n",
			      s[i].name, s[i].n, a, b, c, (double)st.rss_med_kb / 1024,
			      st.exit_status, st.exit_varies ? "*" : " ",
			      (unsigned long long)st.out_hash,
			      st.output_varies		      ? "(varies between runs)"
			      : i == 0			      ? ""
			      : st.out_hash == first.out_hash ? "same"
							      : "DIFFERS");
	}
	if (n > 1) {
		struct rt_compare_stats last;

		rt_compare_stats(&s[1], &last);
		if (first.wall_med > 0)
			(void)fprintf(f, "\n%s costs %.1fx the wall time of %s for this workload\n",
				      s[1].name, last.wall_med / first.wall_med, s[0].name);
	}
}

void rt_compare_json(FILE *f, const struct rt_compare_series *s, size_t n)
{
	struct rt_compare_stats st;
	size_t i, k;

	(void)fprintf(f, "{\"series\": [");
	for (i = 0; i < n; i++) {
		rt_compare_stats(&s[i], &st);
		(void)fprintf(
			f,
			"%s\n {\"name\": \"%s\", \"runs\": %zu, \"start_ms\": {\"min\": %.3f, "
			"\"median\": %.3f, \"max\": %.3f}, \"wall_ms\": {\"min\": %.3f, "
			"\"median\": %.3f, \"max\": %.3f}, \"peak_rss_kb\": %ld, "
			"\"exit_status\": %d, \"output_fnv1a\": \"%016llx\", \"output_same\": "
			"%s, \"samples\": [",
			i ? "," : "", s[i].name, s[i].n, st.start_min, st.start_med, st.start_max,
			st.wall_min, st.wall_med, st.wall_max, st.rss_med_kb, st.exit_status,
			(unsigned long long)st.out_hash,
			!st.output_varies && s[i].n && s[0].n && st.out_hash == s[0].v[0].out_hash
				? "true"
				: "false");
		for (k = 0; k < s[i].n; k++)
			(void)fprintf(f,
				      "%s{\"start_ms\": %.3f, \"wall_ms\": %.3f, \"peak_rss_kb\": "
				      "%ld, \"exit_status\": %d}",
				      k ? ", " : "", s[i].v[k].start_ms, s[i].v[k].wall_ms,
				      s[i].v[k].peak_rss_kb, s[i].v[k].exit_status);
		(void)fprintf(f, "]}");
	}
	(void)fprintf(f, "\n]}\n");
}

/* One bar per series: median wall time, whiskers from min to max, on a linear scale. */
void rt_compare_svg(FILE *f, const struct rt_compare_series *s, size_t n)
{
	const double left = 160, top = 40, bar_h = 28, gap = 14, width = 460;
	struct rt_compare_stats st;
	double max = 0, scale;
	size_t i;

	for (i = 0; i < n; i++) {
		rt_compare_stats(&s[i], &st);
		if (st.wall_max > max)
			max = st.wall_max;
	}
	scale = max > 0 ? width / max : 1;
	(void)fprintf(f,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"680\" height=\"%.0f\" "
		      "font-family=\"sans-serif\" font-size=\"13\">\n"
		      "<text x=\"10\" y=\"22\" font-weight=\"bold\">berth compare: wall time per "
		      "run (median, min..max)</text>\n",
		      top + (double)n * (bar_h + gap) + 20);
	for (i = 0; i < n; i++) {
		double y = top + (double)i * (bar_h + gap), mid = y + bar_h / 2;

		rt_compare_stats(&s[i], &st);
		(void)fprintf(
			f,
			"<text x=\"10\" y=\"%.1f\">%s</text>\n"
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			"fill=\"%s\"/>\n"
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n"
			"<text x=\"%.1f\" y=\"%.1f\">%.1f ms</text>\n",
			mid + 4, s[i].name, left, y, st.wall_med * scale, bar_h,
			i % 2 ? "#d9822b" : "#2b6cd9", left + st.wall_min * scale, mid,
			left + st.wall_max * scale, mid, left + st.wall_max * scale + 6, mid + 4,
			st.wall_med);
	}
	(void)fprintf(f, "</svg>\n");
}
