/* test-cmd-events: `berth events` on real containers: --stats prints one stats event with the
 * cgroup's memory limit and pids; streaming prints stats every --interval until the container
 * stops; an OOM kill (8 MiB limit) prints {"type":"oom"}; bad durations and a stopped
 * container are refused. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;

static int count(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, what)); p++)
		n++;
	return n;
}

static void test_stats_once(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	char buf[65536];
	struct berr err = {0};
	pid_t pid = cg_live_container(root, "e1", "\"memory\": {\"limit\": 33554432}", cg);

	if (pid < 0) {
		printf("# skipped: no v1 cgroups here\n");
		return;
	}
	UT_ARGV(&a, "events", "--stats", "e1");
	ASSERT_INT(ut_cmd(rt_cmd_events, &a, out, &err), 0);
	ut_read_file(out, buf, sizeof(buf));
	ASSERT_TRUE(!strncmp(buf, "{\"type\":\"stats\",\"id\":\"e1\",\"data\":{", 34));
	/* usage may be 0 (omitted): charges made before the move stay where they were */
	ASSERT_CONTAINS(buf, "\"memory\":{\"usage\":{\"limit\":33554432,");
	ASSERT_CONTAINS(buf, "\"pids\":{\"current\":1}");
	ASSERT_INT(count(buf, "\n"), 1);
	cg_end_container(root, "e1", pid, cg);
}

struct ev_arg {
	const char *interval, *id;
};

static void run_events(void *p)
{
	struct ev_arg *e = p;
	struct berr err = {0};
	struct ut_argv av;

	UT_ARGV(&av, "events", "--interval", e->interval, e->id);
	if (ut_cmd(rt_cmd_events, &av, out, &err) < 0)
		FAIL_("events: %s", err.msg);
}

static void test_stream_until_stopped(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct ev_arg e = {"100ms", "e2"};
	char buf[262144];
	pid_t pid = cg_live_container(root, "e2", "", cg), ev;

	if (pid < 0)
		return;
	(void)fflush(stdout);
	ev = fork();
	if (ev == 0) {
		run_events(&e);
		_exit(unit_failed);
	}
	usleep(450000);
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
	ASSERT_INT(ut_wait(ev), 0); /* it ends by itself when the container stops */
	ut_read_file(out, buf, sizeof(buf));
	ASSERT_TRUE(count(buf, "{\"type\":\"stats\",\"id\":\"e2\"") >= 3);
	ASSERT_INT(count(buf, "\"oom\""), 0);
	cg_end_container(root, "e2", -1, cg);
}

static void test_oom_event(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct cfg_spec *s = cg_spec("\"resources\": {\"memory\": {\"limit\": 8388608}}");
	struct rt_cg_where w = {cg_unique("e3"), "e3", false, false};
	struct ev_arg e = {"10s", "e3"};
	struct berr err = {0};
	char buf[65536];
	pid_t pid, ev;
	int p[2];

	if (!cg_host_v1()) {
		cfg_spec_free(s);
		return;
	}
	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	if (pid == 0) {
		char c, *mem;

		if (read(p[0], &c, 1) != 1)
			_exit(1);
		mem = malloc(64 << 20);
		for (size_t i = 0; mem && i < (64u << 20); i += 4096)
			mem[i] = 1;
		_exit(0);
	}
	ASSERT_INT(rt_cg_setup_at(RT_CG_ROOT, "/proc/self/cgroup", s, &w, pid, cg, &err), 0);
	cfg_spec_free(s);
	ASSERT_INT(cg_state_dir(root, "e3", pid, cg), 0);
	(void)fflush(stdout);
	ev = fork();
	if (ev == 0) {
		run_events(&e);
		_exit(unit_failed);
	}
	usleep(200000); /* events is watching */
	ASSERT_INT(write(p[1], "x", 1), 1);
	ASSERT_TRUE(WIFSIGNALED(ut_wait(pid)));
	ASSERT_INT(ut_wait(ev), 0);
	ut_read_file(out, buf, sizeof(buf));
	ASSERT_STR(buf, "{\"type\":\"oom\",\"id\":\"e3\"}\n");
	cg_end_container(root, "e3", -1, cg);
	(void)close(p[0]);
	(void)close(p[1]);
}

static void test_errors(void)
{
	struct berr err = {0};
	pid_t pid;

	UT_ARGV(&a, "events", "--interval", "0s", "x");
	ASSERT_INT(ut_cmd(rt_cmd_events, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "--interval: duration interval must be greater than 0");
	UT_ARGV(&a, "events", "--interval", "5 s", "x");
	ASSERT_INT(ut_cmd(rt_cmd_events, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "--interval: invalid duration \"5 s\"");
	UT_ARGV(&a, "events", "--interval", "5", "x");
	ASSERT_INT(ut_cmd(rt_cmd_events, &a, NULL, &err), -EINVAL);
	UT_ARGV(&a, "events", "--interval", "1m30.5s", "nope");
	ASSERT_INT(ut_cmd(rt_cmd_events, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: nope");
	UT_ARGV(&a, "events", "--interval", "250ms", "--stats");
	ASSERT_INT(ut_cmd(rt_cmd_events, &a, NULL, &err), -EINVAL);
	pid = cg_sleeper();
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
	{
		_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));

		cg->mode = RT_CGROUP_V1;
		strcpy(cg->path[RT_CG_MEMORY], "/nonexistent");
		ASSERT_INT(cg_state_dir(root, "gone", getpid(), cg), 0);
	}
	/* a stopped container: its pid is gone (ours is alive, so forge a dead one) */
	{
		char p[PATH_MAX];
		struct rt_state st;
		int fd;

		ut_path(p, "%s/gone", root);
		fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ASSERT_INT(rt_state_read(fd, &st, &err), 0);
		st.pid = pid;
		ASSERT_INT(rt_state_write(fd, &st, &err), 0);
		rt_state_clear(&st);
		(void)close(fd);
	}
	UT_ARGV(&a, "events", "--stats", "gone");
	ASSERT_INT(ut_cmd(rt_cmd_events, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "container with id gone is not running");
}

int main(void)
{
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(out, "%s/out", dir);
	arg_global.root = root;
	RUN(test_stats_once);
	RUN(test_stream_until_stopped);
	RUN(test_oom_event);
	RUN(test_errors);
	ut_rmrf(dir);
	UNIT_DONE();
}
