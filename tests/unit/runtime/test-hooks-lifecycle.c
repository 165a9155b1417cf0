/* Unit tests for runtime/hooks-lifecycle.c: poststart and poststop found in the bundle's
 * config and run with the right state. */
#include "unit.h"

#include "rt-unit.h"

#include "../../../runtime/base/log.h"
#include "../../../runtime/hooks-lifecycle.h"

static char dir[PATH_MAX], state[PATH_MAX];
static int statefd = -1;

static void write_bundle(const char *hooks)
{
	char path[PATH_MAX + 32], json[4096];

	ut_path(path, "%s/config.json", dir);
	(void)snprintf(
		json, sizeof(json),
		"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"}, \"hooks\": %s}",
		hooks);
	(void)ut_write_file(path, json, 0644);
}

static void fill_state(struct rt_state *st, const char *bundle)
{
	memset(st, 0, sizeof(*st));
	(void)snprintf(st->id, sizeof(st->id), "hl1");
	(void)snprintf(st->bundle, sizeof(st->bundle), "%s", bundle);
	st->pid = 4242;
}

static void test_poststart_runs_with_running_state(void)
{
	char hooks[8192], out[PATH_MAX + 16], buf[512];
	struct rt_state st;
	struct berr err = {0};

	ut_path(out, "%s/poststart.out", dir);
	(void)snprintf(hooks, sizeof(hooks),
		       "{\"poststart\": [{\"path\": \"/bin/sh\", \"args\": [\"sh\", \"-c\", "
		       "\"cat > %s\"]}]}",
		       out);
	write_bundle(hooks);
	fill_state(&st, dir);
	ASSERT_INT(rt_hooks_poststart(statefd, &st, &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf, "\"status\": \"running\"");
	ASSERT_CONTAINS(buf, "\"id\": \"hl1\"");
	ASSERT_CONTAINS(buf, "\"pid\": 4242");
}

static void test_poststart_failure_is_an_error(void)
{
	struct rt_state st;
	struct berr err = {0};

	write_bundle("{\"poststart\": [{\"path\": \"/bin/false\"}]}");
	fill_state(&st, dir);
	ASSERT_TRUE(rt_hooks_poststart(statefd, &st, &err) < 0);
	ASSERT_STR(err.msg, "hooks.poststart[0]: /bin/false: exit status 1");
}

static void test_poststop_runs_every_hook_despite_failures(void)
{
	char hooks[8192], mark[PATH_MAX + 16];
	struct cfg_spec *spec = NULL;
	struct berr err = {0};
	struct rt_state st;

	ut_path(mark, "%s/second", dir);
	(void)snprintf(hooks, sizeof(hooks),
		       "{\"poststop\": [{\"path\": \"/bin/false\"}, {\"path\": \"/usr/bin/touch\", "
		       "\"args\": [\"touch\", \"%s\"]}]}",
		       mark);
	write_bundle(hooks);
	fill_state(&st, dir);
	ASSERT_INT(rt_config_load_saved(statefd, &st, &spec, &err), 0);
	rt_hooks_poststop(spec, &st);
	cfg_spec_free(spec);
	ASSERT_TRUE(access(mark, F_OK) == 0);
}

static void test_saved_copy_wins_over_the_bundle(void)
{
	char out[PATH_MAX + 16], buf[64], hooks[8192];
	struct rt_state st;
	struct berr err = {0};

	ut_path(out, "%s/from-copy", dir);
	(void)snprintf(hooks, sizeof(hooks),
		       "{\"poststart\": [{\"path\": \"/usr/bin/touch\", \"args\": [\"touch\", "
		       "\"%s\"]}]}",
		       out);
	write_bundle(hooks);
	ASSERT_INT(rt_config_save(statefd, dir, &err), 0);
	/* an edit of the bundle after create must not change what runs */
	write_bundle("{\"poststart\": [{\"path\": \"/bin/false\"}]}");
	fill_state(&st, dir);
	ASSERT_INT(rt_hooks_poststart(statefd, &st, &err), 0);
	ASSERT_TRUE(access(out, F_OK) == 0);
	(void)buf;
}

static void test_no_saved_config_and_no_bundle(void)
{
	struct cfg_spec *spec = NULL;
	struct berr err = {0};
	struct rt_state st;

	fill_state(&st, "/nonexistent/bundle");
	ASSERT_TRUE(rt_config_load_saved(statefd, &st, &spec, &err) < 0);
	rt_hooks_poststop(NULL, &st); /* nothing to run */
	ASSERT_TRUE(spec == NULL);
}

int main(void)
{
	struct berr err;

	(void)log_init("/dev/null", false, false, &err);
	ut_tmpdir(dir);
	ut_tmpdir(state);
	statefd = open(state, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	RUN(test_no_saved_config_and_no_bundle);
	RUN(test_poststart_runs_with_running_state);
	RUN(test_poststart_failure_is_an_error);
	RUN(test_poststop_runs_every_hook_despite_failures);
	RUN(test_saved_copy_wins_over_the_bundle);
	(void)close(statefd);
	ut_rmrf(state);
	ut_rmrf(dir);
	log_close();
	UNIT_DONE();
}
