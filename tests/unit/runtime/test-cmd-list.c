/* test-cmd-list: `berth list` as runc's table, as JSON and ids only, sorted by id, skipping
 * directories without state; a missing root lists nothing. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], bundle[PATH_MAX], out[PATH_MAX], lout[PATH_MAX];
static struct ut_argv a;
static pid_t pid_b, pid_a;

static int list(char *buf, size_t len, struct berr *err)
{
	int r = ut_cmd(rt_cmd_list, &a, lout, err);

	if (r == 0 && ut_read_file(lout, buf, len) < 0)
		return -EIO;
	return r;
}

static void test_quiet(void)
{
	struct berr err = {0};
	char buf[4096];

	UT_ARGV(&a, "list", "-q");
	ASSERT_INT(list(buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "ctr-a\nctr-b\n"); /* sorted; "empty" has no state */
}

static void test_table(void)
{
	struct berr err = {0};
	char buf[8192], real[PATH_MAX], want[PATH_MAX], *line2;

	UT_ARGV(&a, "list");
	ASSERT_INT(list(buf, sizeof(buf), &err), 0);
	ASSERT_TRUE(realpath(bundle, real) != NULL);
	/* runc's tabwriter: columns padded by 3, at least 12 wide */
	ASSERT_TRUE(strncmp(buf, "ID          PID         STATUS      BUNDLE", 42) == 0);
	ASSERT_CONTAINS(buf, "CREATED");
	ASSERT_CONTAINS(buf, "OWNER\n");
	line2 = strchr(buf, '\n');
	ASSERT_TRUE(line2 != NULL);
	ut_path(want, "\nctr-a       %-12dcreated     %s", pid_a, real);
	ASSERT_TRUE(strncmp(line2, want, strlen(want)) == 0);
	ASSERT_CONTAINS(line2 + 1, " root\nctr-b ");
	ut_path(want, "ctr-b       %-12drunning     %s", pid_b, real);
	ASSERT_CONTAINS(buf, want);
	ASSERT_INT(buf[strlen(buf) - 1], '\n');
}

static bool str_is(yajl_val obj, const char **key, const char *want)
{
	yajl_val v = yajl_tree_get(obj, key, yajl_t_string);
	const char *s = v ? YAJL_GET_STRING(v) : NULL;

	return s && !strcmp(s, want);
}

static void test_json(void)
{
	struct berr err = {0};
	char buf[16384], ebuf[128];
	const char *k_id[] = {"id", NULL}, *k_status[] = {"status", NULL};
	yajl_val root_v;
	bool ok;

	UT_ARGV(&a, "list", "--format", "json");
	ASSERT_INT(list(buf, sizeof(buf), &err), 0);
	root_v = yajl_tree_parse(buf, ebuf, sizeof(ebuf));
	ASSERT_TRUE(root_v != NULL);
	ok = YAJL_IS_ARRAY(root_v) && YAJL_GET_ARRAY(root_v)->len == 2 &&
	     str_is(YAJL_GET_ARRAY(root_v)->values[0], k_id, "ctr-a") &&
	     str_is(YAJL_GET_ARRAY(root_v)->values[0], k_status, "created") &&
	     str_is(YAJL_GET_ARRAY(root_v)->values[1], k_id, "ctr-b") &&
	     str_is(YAJL_GET_ARRAY(root_v)->values[1], k_status, "running");
	yajl_tree_free(root_v);
	ASSERT_TRUE(ok);
}

static void test_stopped_shows_pid_zero(void)
{
	struct berr err = {0};
	char buf[8192], want[64];

	ASSERT_INT(kill(pid_b, SIGKILL), 0);
	(void)ut_wait(pid_b);
	UT_ARGV(&a, "list");
	ASSERT_INT(list(buf, sizeof(buf), &err), 0);
	(void)snprintf(want, sizeof(want), "ctr-b       0           stopped     ");
	ASSERT_CONTAINS(buf, want);
}

static void test_empty_and_missing_root(void)
{
	const char *saved = arg_global.root;
	struct berr err = {0};
	char buf[4096];
	int r1, r2;

	arg_global.root = "/nonexistent-berth-root";
	UT_ARGV(&a, "list", "-q");
	r1 = list(buf, sizeof(buf), &err);
	UT_ARGV(&a, "list", "-format", "json");
	r2 = list(buf, sizeof(buf), &err);
	arg_global.root = saved;
	ASSERT_INT(r1, 0);
	ASSERT_INT(r2, 0);
	ASSERT_STR(buf, "[]\n");
}

static void test_errors(void)
{
	struct berr err = {0};
	char buf[64];

	UT_ARGV(&a, "list", "--format", "xml");
	ASSERT_INT(list(buf, sizeof(buf), &err), -EINVAL);
	ASSERT_STR(err.msg, "--format: invalid value \"xml\" (table or json)");
	UT_ARGV(&a, "list", "extra");
	ASSERT_INT(list(buf, sizeof(buf), &err), -EINVAL);
	ASSERT_STR(
		err.msg,
		"berth list [options] requires exactly 0 arguments (usage: berth list [options])");
	UT_ARGV(&a, "list", "--bogus");
	ASSERT_INT(list(buf, sizeof(buf), &err), -EINVAL);
	ASSERT_STR(err.msg, "list: unknown option --bogus");
}

int main(void)
{
	struct berr err = {0};
	char p[PATH_MAX];

	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(bundle, "%s/bundle", dir);
	ut_path(out, "%s/out", dir);
	ut_path(lout, "%s/list.out", dir);
	if (mkdir(bundle, 0755) < 0 || ut_make_bundle(bundle, "\"args\": [\"sleep\", \"100\"]") < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	arg_global.root = root;
	/* ctr-b running, created first; ctr-a created; "empty" a dir without state */
	UT_ARGV(&a, "create", "--bundle", bundle, "ctr-b");
	if (ut_cmd(rt_cmd_create, &a, out, &err) < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	UT_ARGV(&a, "start", "ctr-b");
	if (ut_cmd(rt_cmd_start, &a, NULL, &err) < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	UT_ARGV(&a, "create", "--bundle", bundle, "ctr-a");
	if (ut_cmd(rt_cmd_create, &a, out, &err) < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	ut_path(p, "%s/empty", root);
	(void)mkdir(p, 0711);
	pid_a = ut_state_pid(root, "ctr-a");
	pid_b = ut_state_pid(root, "ctr-b");
	RUN(test_quiet);
	RUN(test_table);
	RUN(test_json);
	RUN(test_stopped_shows_pid_zero);
	RUN(test_empty_and_missing_root);
	RUN(test_errors);
	ut_cleanup_container(root, "ctr-a");
	ut_cleanup_container(root, "ctr-b");
	ut_rmrf(dir);
	UNIT_DONE();
}
