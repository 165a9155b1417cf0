/* test-cmd-compare: `berth compare` checks its arguments and the bundle before running
 * anything, and runs the bundle in both modes and with another runtime, side by side. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], bundle[PATH_MAX], berth_bin[PATH_MAX];
static struct ut_argv a;

static void test_bad_arguments(void)
{
	char out[PATH_MAX], buf[4096];
	struct berr err = {0};

	ut_path(out, "%s/out.txt", dir);
	UT_ARGV(&a, "compare", "--runs", "0", bundle);
	ASSERT_TRUE(ut_cmd(rt_cmd_compare, &a, out, &err) < 0);
	ASSERT_STR(err.msg, "--runs: 0 is not from 1 to 1000");
	err = (struct berr){0};
	UT_ARGV(&a, "compare", "/nonexistent/bundle");
	ASSERT_TRUE(ut_cmd(rt_cmd_compare, &a, out, &err) < 0);
	ASSERT_TRUE(strstr(err.msg, "BUNDLE: /nonexistent/bundle") != NULL);
	err = (struct berr){0};
	UT_ARGV(&a, "compare", "--runtime", "/nonexistent/runc", bundle);
	ASSERT_TRUE(ut_cmd(rt_cmd_compare, &a, out, &err) < 0);
	ASSERT_TRUE(strstr(err.msg, "--runtime: /nonexistent/runc") != NULL);
	(void)buf;
}

static void test_terminal_refused(void)
{
	char out[PATH_MAX], cmd[PATH_MAX * 3];
	struct berr err = {0};

	ut_path(cmd,
		"jq '.process.terminal = true' %s/config.json > %s/t.json && mv %s/t.json "
		"%s/config.json",
		bundle, dir, dir, bundle);
	ASSERT_INT(system(cmd), 0);
	ut_path(out, "%s/out.txt", dir);
	UT_ARGV(&a, "compare", "--berth", berth_bin, bundle);
	ASSERT_TRUE(ut_cmd(rt_cmd_compare, &a, out, &err) < 0);
	ASSERT_TRUE(strstr(err.msg, "process.terminal") != NULL);
	ut_path(cmd,
		"jq '.process.terminal = false' %s/config.json > %s/t.json && mv %s/t.json "
		"%s/config.json",
		bundle, dir, dir, bundle);
	ASSERT_INT(system(cmd), 0);
}

/* container mode and a stand-in runtime that prints what the workload prints: same output;
 * the vm series is there whether or not this host can run it */
static void test_side_by_side(void)
{
	char out[PATH_MAX], fake[PATH_MAX], buf[16384];
	struct berr err = {0};
	FILE *f;

	ut_path(fake, "%s/fake-runtime", dir);
	f = fopen(fake, "w");
	ASSERT_TRUE(f != NULL);
	(void)fprintf(f, "#!/bin/sh\necho compared\n");
	(void)fclose(f);
	ASSERT_INT(chmod(fake, 0755), 0);
	ut_path(out, "%s/json.txt", dir);
	UT_ARGV(&a, "compare", "--runs", "1", "--json", "--runtime", fake, "--berth", berth_bin,
		bundle);
	ASSERT_INT(ut_cmd(rt_cmd_compare, &a, out, &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strstr(buf, "\"name\": \"berth container\", \"runs\": 1") != NULL);
	ASSERT_TRUE(strstr(buf, "\"name\": \"berth vm\"") != NULL);
	ASSERT_TRUE(strstr(buf, "\"name\": \"fake-runtime\"") != NULL);
	/* the fake's output equals the container's: output_same true in its series */
	ASSERT_TRUE(strstr(strstr(buf, "fake-runtime"), "\"output_same\": true") != NULL);
	ASSERT_TRUE(strstr(buf, "\"exit_status\": 0") != NULL);
}

int main(void)
{
	const char *b = getenv("BERTH_BIN");
	char cmd[PATH_MAX * 2];

	ut_tmpdir(dir);
	ut_path(berth_bin, "%s", b ? b : "build/release/berth");
	ut_path(bundle, "%s/bundle", dir);
	ut_path(cmd,
		"mkdir -p %s/rootfs/bin && cp /bin/busybox %s/rootfs/bin/ && "
		"ln -s busybox %s/rootfs/bin/echo && %s spec --bundle %s && "
		"jq '.process.terminal = false | .process.args = [\"echo\", \"compared\"]' "
		"%s/config.json > %s/c.json && mv %s/c.json %s/config.json",
		bundle, bundle, bundle, berth_bin, bundle, bundle, dir, dir, bundle);
	if (system(cmd) != 0)
		abort();
	RUN(test_bad_arguments);
	RUN(test_terminal_refused);
	RUN(test_side_by_side);
	ut_rmrf(dir);
	UNIT_DONE();
}
