/* test-compare-run: one measured run: exit status as a shell reports it, first-output time,
 * output hash and size, peak RSS of the process. */
#include <string.h>

#include "unit.h"
#include "rt-unit.h"
#include "../../../runtime/compare-run.h"

static uint64_t fnv(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void test_output_and_exit(void)
{
	const char *argv[] = {"/bin/sh", "-c", "echo hi; exit 3", NULL};
	struct rt_compare_sample s;
	struct berr err = {0};

	ASSERT_INT(rt_compare_run((char *const *)argv, -1, &s, &err), 0);
	ASSERT_INT(s.exit_status, 3);
	ASSERT_TRUE(s.out_bytes == 3);
	ASSERT_TRUE(s.out_hash == fnv("hi\n"));
	ASSERT_TRUE(s.start_ms >= 0 && s.start_ms <= s.wall_ms);
	ASSERT_TRUE(s.peak_rss_kb > 0);
}

static void test_no_output_and_signal(void)
{
	const char *argv[] = {"/bin/sh", "-c", "kill -9 $$", NULL};
	struct rt_compare_sample s;
	struct berr err = {0};

	ASSERT_INT(rt_compare_run((char *const *)argv, -1, &s, &err), 0);
	ASSERT_INT(s.exit_status, 137);
	ASSERT_TRUE(s.start_ms < 0);
	ASSERT_TRUE(s.out_bytes == 0);
}

static void test_peak_rss_includes_children(void)
{
	/* the child's child (awk) allocates ~40 MB; wait4 reports the largest process of the tree
	 */
	const char *argv[] = {
		"/bin/sh", "-c",
		"awk 'BEGIN { s = \"x\"; while (length(s) < 40000000) s = s s }'; true", NULL};
	struct rt_compare_sample s;
	struct berr err = {0};

	ASSERT_INT(rt_compare_run((char *const *)argv, -1, &s, &err), 0);
	ASSERT_INT(s.exit_status, 0);
	ASSERT_TRUE(s.peak_rss_kb > 30000);
}

static void test_missing_program(void)
{
	const char *argv[] = {"/nonexistent/runtime", NULL};
	struct rt_compare_sample s;
	struct berr err = {0};

	ASSERT_INT(rt_compare_run((char *const *)argv, -1, &s, &err), 0);
	ASSERT_INT(s.exit_status, 127);
}

int main(void)
{
	RUN(test_output_and_exit);
	RUN(test_no_output_and_signal);
	RUN(test_peak_rss_includes_children);
	RUN(test_missing_program);
	UNIT_DONE();
}
