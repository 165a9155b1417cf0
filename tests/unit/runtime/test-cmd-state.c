/* test-cmd-state: `berth state` prints the runtime-spec state of a container, derived live:
 * created, running, stopped (pid 0); missing containers and bad usage are named. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], bundle[PATH_MAX], out[PATH_MAX], sout[PATH_MAX];
static struct ut_argv a;

struct doc {
	char status[32];
	char id[64];
	char bundle[PATH_MAX];
	char annotation[64];
	long long pid;
};

/* Runs `state id` and picks the fields out of its JSON; -1 when it fails or is not JSON. */
static int state_doc(const char *id, struct doc *d, struct berr *err)
{
	const char *k_status[] = {"status", NULL}, *k_id[] = {"id", NULL};
	const char *k_bundle[] = {"bundle", NULL}, *k_pid[] = {"pid", NULL};
	const char *k_ann[] = {"annotations", "org.test/key", NULL};
	char buf[8192], ebuf[128];
	yajl_val root_v, v;
	int r;

	memset(d, 0, sizeof(*d));
	UT_ARGV(&a, "state", id);
	r = ut_cmd(rt_cmd_state, &a, sout, err);
	if (r < 0)
		return r;
	if (ut_read_file(sout, buf, sizeof(buf)) <= 0 || buf[strlen(buf) - 1] != '\n')
		return -1;
	root_v = yajl_tree_parse(buf, ebuf, sizeof(ebuf));
	if (!root_v)
		return -1;
	if ((v = yajl_tree_get(root_v, k_status, yajl_t_string)))
		(void)snprintf(d->status, sizeof(d->status), "%s", YAJL_GET_STRING(v));
	if ((v = yajl_tree_get(root_v, k_id, yajl_t_string)))
		(void)snprintf(d->id, sizeof(d->id), "%s", YAJL_GET_STRING(v));
	if ((v = yajl_tree_get(root_v, k_bundle, yajl_t_string)))
		(void)snprintf(d->bundle, sizeof(d->bundle), "%s", YAJL_GET_STRING(v));
	if ((v = yajl_tree_get(root_v, k_ann, yajl_t_string)))
		(void)snprintf(d->annotation, sizeof(d->annotation), "%s", YAJL_GET_STRING(v));
	v = yajl_tree_get(root_v, k_pid, yajl_t_number);
	d->pid = v && YAJL_IS_INTEGER(v) ? YAJL_GET_INTEGER(v) : -1;
	yajl_tree_free(root_v);
	return 0;
}

static void test_state_through_lifecycle(void)
{
	struct berr err = {0};
	struct doc d;
	char real[PATH_MAX];
	pid_t pid;

	UT_ARGV(&a, "create", "--bundle", bundle, "st1");
	ASSERT_INT(ut_cmd(rt_cmd_create, &a, out, &err), 0);
	pid = ut_state_pid(root, "st1");
	ASSERT_INT(state_doc("st1", &d, &err), 0);
	ASSERT_STR(d.status, "created");
	ASSERT_STR(d.id, "st1");
	ASSERT_INT(d.pid, pid);
	ASSERT_TRUE(realpath(bundle, real) != NULL);
	ASSERT_STR(d.bundle, real);
	ASSERT_STR(d.annotation, "value");
	UT_ARGV(&a, "start", "st1");
	ASSERT_INT(ut_cmd(rt_cmd_start, &a, NULL, &err), 0);
	ASSERT_INT(state_doc("st1", &d, &err), 0);
	ASSERT_STR(d.status, "running");
	ASSERT_INT(d.pid, pid);
	ASSERT_INT(kill(pid, SIGKILL), 0);
	(void)ut_wait(pid);
	ASSERT_INT(state_doc("st1", &d, &err), 0);
	ASSERT_STR(d.status, "stopped");
	ASSERT_INT(d.pid, 0);
	ut_cleanup_container(root, "st1");
}

static void test_state_errors(void)
{
	struct berr err = {0};
	struct doc d;
	char p[PATH_MAX];

	ASSERT_INT(state_doc("missing", &d, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: missing");
	UT_ARGV(&a, "state");
	ASSERT_INT(ut_cmd(rt_cmd_state, &a, sout, &err), -EINVAL);
	ASSERT_STR(err.msg, "berth state ID requires exactly 1 argument (usage: berth state ID)");
	/* a state dir whose state.json is not there (yet) */
	ut_path(p, "%s/half", root);
	ASSERT_INT(mkdir(p, 0711), 0);
	ASSERT_INT(state_doc("half", &d, &err), -ENOENT);
	ASSERT_STR(err.msg, "read state.json");
	ut_rmrf(p);
}

static void test_state_missing_root(void)
{
	const char *saved = arg_global.root;
	struct berr err = {0};
	struct doc d;
	int r;

	arg_global.root = "/nonexistent-berth-root";
	r = state_doc("x", &d, &err);
	arg_global.root = saved;
	ASSERT_INT(r, -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: x");
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(bundle, "%s/bundle", dir);
	ut_path(out, "%s/out", dir);
	ut_path(sout, "%s/state.json.out", dir);
	if (mkdir(bundle, 0755) < 0 || ut_make_bundle(bundle, "\"args\": [\"sleep\", \"100\"]") < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	if (ut_write_config(bundle, "\"args\": [\"sleep\", \"100\"]",
			    "\"annotations\": {\"org.test/key\": \"value\"}") < 0)
		return ut_bail_out("set up a busybox bundle and containers (busybox-static)");
	arg_global.root = root;
	RUN(test_state_through_lifecycle);
	RUN(test_state_errors);
	RUN(test_state_missing_root);
	ut_rmrf(dir);
	UNIT_DONE();
}
