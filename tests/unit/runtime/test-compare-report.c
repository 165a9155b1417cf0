/* test-compare-report: medians and spreads, the table's same/DIFFERS verdict, JSON that
 * parses, an SVG with one bar per series. */
#include <stdio.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "unit.h"
#include "rt-unit.h"
#include "../../../runtime/compare-report.h"

static struct rt_compare_sample a[3] = {
	{.start_ms = 10, .wall_ms = 30, .peak_rss_kb = 2000, .exit_status = 0, .out_hash = 7},
	{.start_ms = 12, .wall_ms = 20, .peak_rss_kb = 3000, .exit_status = 0, .out_hash = 7},
	{.start_ms = 11, .wall_ms = 40, .peak_rss_kb = 4000, .exit_status = 0, .out_hash = 7},
};
static struct rt_compare_sample b[2] = {
	{.start_ms = -1, .wall_ms = 100, .peak_rss_kb = 100000, .exit_status = 1, .out_hash = 9},
	{.start_ms = -1, .wall_ms = 300, .peak_rss_kb = 120000, .exit_status = 1, .out_hash = 9},
};

static char *render(void (*fn)(FILE *, const struct rt_compare_series *, size_t))
{
	struct rt_compare_series s[2] = {{"one", a, 3}, {"two", b, 2}};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fn(f, s, 2);
	(void)fclose(f);
	return buf;
}

static void test_stats(void)
{
	struct rt_compare_series s = {"one", a, 3}, t = {"two", b, 2};
	struct rt_compare_stats st;

	rt_compare_stats(&s, &st);
	ASSERT_TRUE(st.wall_min == 20 && st.wall_med == 30 && st.wall_max == 40);
	ASSERT_TRUE(st.start_med == 11);
	ASSERT_TRUE(st.rss_med_kb == 3000);
	ASSERT_TRUE(!st.exit_varies && !st.output_varies);
	rt_compare_stats(&t, &st);
	ASSERT_TRUE(st.wall_med == 200); /* even count: the mean of the middle two */
	ASSERT_TRUE(st.start_med < 0);	 /* no output at all */
	ASSERT_INT(st.exit_status, 1);
}

static void test_table(void)
{
	char *t = render(rt_compare_table);

	ASSERT_TRUE(strstr(t, "one") && strstr(t, "two"));
	ASSERT_TRUE(strstr(t, "DIFFERS") != NULL);
	ASSERT_TRUE(strstr(t, "two costs 6.7x the wall time of one") != NULL);
	free(t);
}

static void test_json(void)
{
	const char *name[] = {"series", NULL};
	char *j = render(rt_compare_json), ebuf[128];
	yajl_val v = yajl_tree_parse(j, ebuf, sizeof(ebuf)), arr;

	ASSERT_TRUE(v != NULL);
	arr = yajl_tree_get(v, name, yajl_t_array);
	ASSERT_TRUE(arr && YAJL_GET_ARRAY(arr)->len == 2);
	ASSERT_TRUE(strstr(j, "\"output_same\": false") != NULL);
	yajl_tree_free(v);
	free(j);
}

static void test_svg(void)
{
	char *s = render(rt_compare_svg), *p = s;
	int rects = 0;

	ASSERT_TRUE(strncmp(s, "<svg", 4) == 0);
	while ((p = strstr(p, "<rect")))
		rects++, p++;
	ASSERT_INT(rects, 2);
	ASSERT_TRUE(strstr(s, "</svg>") != NULL);
	free(s);
}

int main(void)
{
	RUN(test_stats);
	RUN(test_table);
	RUN(test_json);
	RUN(test_svg);
	UNIT_DONE();
}
