/* test-hooks: real hook scripts in a temp dir: what they get (argv, env, stdin, signal mask),
 * how they fail (exit status with stderr, timeout, missing binary, signal), and the list
 * semantics (stop at the first failure; the warning kind runs them all). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../../runtime/hooks.h"
#include "unit.h"
#include "rt-unit.h"

/* A cfg_strv over a NULL-terminated literal list living in the caller's block. */
static struct cfg_strv sv_(const char **list)
{
	struct cfg_strv v = {(char **)list, 0};

	while (list[v.n])
		v.n++;
	return v;
}
#define SV(...) sv_((const char *[]){__VA_ARGS__, NULL})

static char dir[PATH_MAX];

/* A script dir/name with body after the #! line; its path goes to ret. */
static void script(char *ret, size_t len, const char *name, const char *body)
{
	char text[4096];

	ut_pathn(ret, len, "%s/%s", dir, name);
	(void)snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", body);
	if (ut_write_file(ret, text, 0755) < 0)
		abort();
}

static double now_s(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_args_env_and_stdin(void)
{
	char out[PATH_MAX], path[PATH_MAX], buf[4096];
	struct cfg_hook h = {.path = (char *)"/bin/sh"};
	struct cfg_hook_list l = {&h, 1};
	struct berr err = {0};

	ut_path(out, "%s/out1", dir);
	/* argv as the kernel passed it, args[0] included; then env and stdin */
	h.args = SV("my-name", "-c",
		    "tr '\\0' '|' </proc/$$/cmdline >\"$0.args\"; env >\"$0.env\"; "
		    "cat >\"$0.stdin\"",
		    out);
	h.env = SV("FOO=bar", "EMPTY=");
	(void)setenv("BERTH_UNIT_MARKER", "leaked", 1);
	ASSERT_INT(rt_hooks_run(&l, "prestart", "{\"id\": \"x\"}", &err), 0);
	ut_path(path, "%s.args", out);
	ASSERT_TRUE(ut_read_file(path, buf, sizeof(buf)) >= 0);
	ASSERT_TRUE(strncmp(buf, "my-name|-c|tr ", 14) == 0);
	ASSERT_CONTAINS(buf, "|/tmp/");
	ut_path(path, "%s.env", out);
	ASSERT_TRUE(ut_read_file(path, buf, sizeof(buf)) >= 0);
	ASSERT_CONTAINS(buf, "FOO=bar\n");
	ASSERT_CONTAINS(buf, "EMPTY=\n");
	ASSERT_TRUE(strstr(buf, "BERTH_UNIT_MARKER") == NULL);
	ASSERT_TRUE(strstr(buf, "HOME=") == NULL);
	ut_path(path, "%s.stdin", out);
	ASSERT_TRUE(ut_read_file(path, buf, sizeof(buf)) >= 0);
	ASSERT_STR(buf, "{\"id\": \"x\"}");
}

static void test_no_args_means_argv_is_path(void)
{
	char path[PATH_MAX], out[PATH_MAX], buf[PATH_MAX + 8], body[PATH_MAX + 64];
	struct cfg_hook h = {0};
	struct cfg_hook_list l = {&h, 1};
	struct berr err = {0};

	ut_path(out, "%s/out2", dir);
	(void)snprintf(body, sizeof(body), "echo \"$0 $#\" >%s", out);
	script(path, sizeof(path), "h2", body);
	h.path = path;
	ASSERT_INT(rt_hooks_run(&l, "poststart", "{}", &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) >= 0);
	(void)snprintf(body, sizeof(body), "%s 0\n", path);
	ASSERT_STR(buf, body);
}

static void test_exit_status_stops_the_list(void)
{
	char ok[PATH_MAX], bad[PATH_MAX], never[PATH_MAX], mark[PATH_MAX], want[PATH_MAX * 2];
	struct cfg_hook h[3] = {{0}};
	struct cfg_hook_list l = {h, 3};
	struct berr err = {0};

	ut_path(mark, "%s/never-ran", dir);
	script(ok, sizeof(ok), "ok", "exit 0");
	script(bad, sizeof(bad), "bad", "echo partial; echo 'boom:\n  details' >&2; exit 3");
	script(never, sizeof(never), "never", "touch \"$1\"");
	h[0].path = ok;
	h[1].path = bad;
	h[2].path = never;
	h[2].args = SV(never, mark);
	ASSERT_INT(rt_hooks_run(&l, "createRuntime", "{}", &err), -ECANCELED);
	(void)snprintf(
		want, sizeof(want),
		"hooks.createRuntime[1]: %s: exit status 3, stderr: boom:   details, stdout: "
		"partial",
		bad);
	ASSERT_STR(err.msg, want);
	ASSERT_TRUE(!err.sys);
	ASSERT_TRUE(access(mark, F_OK) < 0);
}

static void test_timeout_kills_the_hook(void)
{
	char path[PATH_MAX], pidf[PATH_MAX], buf[32], want[PATH_MAX * 2];
	struct cfg_hook h = {0};
	struct cfg_hook_list l = {&h, 1};
	struct berr err = {0};
	double t0;
	pid_t pid;

	ut_path(pidf, "%s/sleeper.pid", dir);
	script(path, sizeof(path), "sleeper", "echo $$ >\"$1\"; exec sleep 30");
	h.path = path;
	h.args = SV(path, pidf);
	h.timeout = (struct cfg_opt_i64){true, 1};
	t0 = now_s();
	ASSERT_INT(rt_hooks_run(&l, "prestart", "{}", &err), -ETIMEDOUT);
	ASSERT_TRUE(now_s() - t0 < 5);
	ASSERT_TRUE(now_s() - t0 >= 0.9);
	(void)snprintf(want, sizeof(want), "hooks.prestart[0]: %s: timed out after 1s", path);
	ASSERT_STR(err.msg, want);
	ASSERT_TRUE(ut_read_file(pidf, buf, sizeof(buf)) > 0);
	pid = (pid_t)atoi(buf);
	ASSERT_TRUE(pid > 0);
	ASSERT_TRUE(kill(pid, 0) < 0 && errno == ESRCH); /* killed and reaped */
}

static void test_missing_binary(void)
{
	struct cfg_hook h = {.path = (char *)"/nonexistent/hook"};
	struct cfg_hook_list l = {&h, 1};
	struct berr err = {0};
	char msg[600];

	ASSERT_INT(rt_hooks_run(&l, "createContainer", "{}", &err), -ENOENT);
	ASSERT_STR(berr_str(&err, msg, sizeof(msg)),
		   "hooks.createContainer[0]: /nonexistent/hook: exec: No such file or directory");
}

static void test_killed_by_signal(void)
{
	char path[PATH_MAX], want[PATH_MAX * 2];
	struct cfg_hook h = {0};
	struct cfg_hook_list l = {&h, 1};
	struct berr err = {0};

	script(path, sizeof(path), "selfkill", "kill -TERM $$");
	h.path = path;
	ASSERT_INT(rt_hooks_run(&l, "startContainer", "{}", &err), -ECANCELED);
	(void)snprintf(want, sizeof(want), "hooks.startContainer[0]: %s: killed by signal 15",
		       path);
	ASSERT_STR(err.msg, want);
}

static void test_large_state_read_or_ignored(void)
{
	char path[PATH_MAX], out[PATH_MAX], buf[64];
	struct cfg_hook h[2] = {{0}};
	struct cfg_hook_list l = {h, 2};
	struct berr err = {0};
	size_t n = 1 << 20;
	char *json = malloc(n + 1);

	ASSERT_TRUE(json != NULL);
	memset(json, 'x', n);
	json[n] = '\0';
	ut_path(out, "%s/count", dir);
	script(path, sizeof(path), "counter", "wc -c >\"$1\"");
	h[0].path = path;
	h[0].args = SV(path, out);
	/* exits without reading: EPIPE for us, not SIGPIPE, not an error */
	h[1].path = (char *)"/bin/true";
	ASSERT_INT(rt_hooks_run(&l, "prestart", json, &err), 0);
	free(json);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_INT(atol(buf), (long)n);
}

static void test_background_child_does_not_hang(void)
{
	char path[PATH_MAX];
	struct cfg_hook h = {0};
	struct cfg_hook_list l = {&h, 1};
	struct berr err = {0};
	double t0;

	/* the daemon keeps the hook's stdout and stderr open for 3 s */
	script(path, sizeof(path), "daemonizer", "sleep 3 & echo started");
	h.path = path;
	t0 = now_s();
	ASSERT_INT(rt_hooks_run(&l, "poststart", "{}", &err), 0);
	ASSERT_TRUE(now_s() - t0 < 2);
}

static void test_signals_unblocked_in_hook(void)
{
	char path[PATH_MAX], out[PATH_MAX], buf[256];
	struct cfg_hook h = {0};
	struct cfg_hook_list l = {&h, 1};
	struct berr err = {0};
	sigset_t set, old;

	ut_path(out, "%s/sigblk", dir);
	/* exec: a waiting dash blocks everything itself */
	script(path, sizeof(path), "sigs", "exec grep SigBlk /proc/self/status >\"$1\"");
	h.path = path;
	h.args = SV(path, out);
	(void)sigemptyset(&set);
	(void)sigaddset(&set, SIGTERM);
	(void)sigaddset(&set, SIGCHLD);
	(void)sigprocmask(SIG_BLOCK, &set, &old);
	ASSERT_INT(rt_hooks_run(&l, "poststop", "{}", &err), 0);
	(void)sigprocmask(SIG_SETMASK, &old, NULL);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "SigBlk:\t0000000000000000\n");
}

static void test_run_state_sends_status_and_pid(void)
{
	char path[PATH_MAX], out[PATH_MAX], buf[4096];
	struct cfg_hook h = {0};
	struct cfg_hook_list l = {&h, 1};
	struct rt_state st = {0};
	struct berr err = {0};

	ut_path(out, "%s/state.json", dir);
	script(path, sizeof(path), "state", "cat >\"$1\"");
	h.path = path;
	h.args = SV(path, out);
	(void)snprintf(st.id, sizeof(st.id), "c1");
	(void)snprintf(st.bundle, sizeof(st.bundle), "/b");
	st.pid = 4242;
	ASSERT_INT(rt_hooks_run_state(&l, "createRuntime", &st, RT_STATUS_CREATING, &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf, "\"status\": \"creating\"");
	ASSERT_CONTAINS(buf, "\"pid\": 4242");
	ASSERT_CONTAINS(buf, "\"id\": \"c1\"");
	ASSERT_CONTAINS(buf, "\"bundle\": \"/b\"");
	/* an empty list builds and runs nothing */
	l.n = 0;
	ASSERT_INT(rt_hooks_run_state(&l, "createRuntime", &st, RT_STATUS_CREATING, &err), 0);
	ASSERT_INT(rt_hooks_run_state(NULL, "createRuntime", &st, RT_STATUS_CREATING, &err), 0);
}

static void test_warn_kind_runs_them_all(void)
{
	char bad[PATH_MAX], mark[PATH_MAX], touch[PATH_MAX], logp[PATH_MAX], buf[2048];
	struct cfg_hook h[3] = {{0}};
	struct cfg_hook_list l = {h, 3};
	struct rt_state st = {0};
	int saved;

	ut_path(mark, "%s/last-ran", dir);
	ut_path(logp, "%s/warn.log", dir);
	script(bad, sizeof(bad), "bad2", "exit 1");
	script(touch, sizeof(touch), "toucher", "touch \"$1\"");
	h[0].path = bad;
	h[1].path = (char *)"/nonexistent/poststop";
	h[2].path = touch;
	h[2].args = SV(touch, mark);
	saved = ut_capture_begin(2, logp);
	ASSERT_INT(rt_hooks_run_warn(&l, "poststop", &st, RT_STATUS_STOPPED), 2);
	ut_capture_end(2, saved);
	ASSERT_TRUE(access(mark, F_OK) == 0);
	ASSERT_TRUE(ut_read_file(logp, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf, "hooks.poststop[0]:");
	ASSERT_CONTAINS(buf, "exit status 1; continuing");
	ASSERT_CONTAINS(buf, "hooks.poststop[1]: /nonexistent/poststop: exec: No such file");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_args_env_and_stdin);
	RUN(test_no_args_means_argv_is_path);
	RUN(test_exit_status_stops_the_list);
	RUN(test_timeout_kills_the_hook);
	RUN(test_missing_binary);
	RUN(test_killed_by_signal);
	RUN(test_large_state_read_or_ignored);
	RUN(test_background_child_does_not_hang);
	RUN(test_signals_unblocked_in_hook);
	RUN(test_run_state_sends_status_and_pid);
	RUN(test_warn_kind_runs_them_all);
	ut_rmrf(dir);
	UNIT_DONE();
}
