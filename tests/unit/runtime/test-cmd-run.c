/* test-cmd-run: `berth run` in a forked "berth" process: the container's exit status becomes
 * ours and its state is removed (unless --keep); -d returns at once; a terminal is relayed to
 * our stdout; a failed run leaves nothing. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "../../../runtime/run-wait.h"
#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;

static int make(const char *name, const char *process_json, char b[PATH_MAX])
{
	ut_pathn(b, PATH_MAX, "%s/%s", dir, name);
	if (mkdir(b, 0755) < 0)
		return -errno;
	return ut_make_bundle(b, process_json);
}

static bool exists(const char *id)
{
	char p[PATH_MAX];

	ut_path(p, "%s/%s", root, id);
	return access(p, F_OK) == 0;
}

/* Runs `berth run ARGV` in a forked process, as main() would, and returns its exit status
 * (1 with the error in <dir>/run.err when run fails). */
static int run_forked(char *errbuf, size_t errlen)
{
	char errp[PATH_MAX];
	pid_t pid;
	int wst;

	ut_path(errp, "%s/run.err", dir);
	(void)unlink(errp);
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct berr err = {0};
		char msg[600];
		int r;

		alarm(60);
		r = ut_cmd(rt_cmd_run, &a, out, &err);
		if (r < 0) {
			(void)ut_write_file(errp, berr_str(&err, msg, sizeof(msg)), 0644);
			_exit(1);
		}
		_exit(r);
	}
	wst = ut_wait(pid);
	if (errbuf)
		(void)ut_read_file(errp, errbuf, errlen);
	return WIFEXITED(wst) ? WEXITSTATUS(wst) : 128 + WTERMSIG(wst);
}

static void test_exit_status_and_cleanup(void)
{
	char b[PATH_MAX], buf[256], e[600];

	ASSERT_INT(make("exit3", "\"args\": [\"sh\", \"-c\", \"echo hi; exit 3\"]", b), 0);
	UT_ARGV(&a, "run", "--bundle", b, "r1");
	ASSERT_INT(run_forked(e, sizeof(e)), 3);
	ASSERT_STR(e, "");
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "hi\n");
	ASSERT_TRUE(!exists("r1")); /* deleted after it ended */
}

static void test_keep(void)
{
	char b[PATH_MAX];

	ASSERT_INT(make("keep", "\"args\": [\"true\"]", b), 0);
	UT_ARGV(&a, "run", "--keep", "-bundle", b, "r2");
	ASSERT_INT(run_forked(NULL, 0), 0);
	ASSERT_TRUE(exists("r2"));
	ASSERT_STR(ut_state_status(root, "r2"), "stopped");
	ut_cleanup_container(root, "r2");
}

/* init is pid 1 of its namespace: only a signal it handles reaches it, here TERM */
static void test_signal_forwarded(void)
{
	char b[PATH_MAX], buf[64];
	pid_t pid;
	int wst;

	ASSERT_INT(make("fwd",
			"\"args\": [\"sh\", \"-c\", \"trap 'exit 12' TERM; echo ready;"
			" while :; do sleep 0.05; done\"]",
			b),
		   0);
	UT_ARGV(&a, "run", "--bundle", b, "r3");
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct berr err = {0};

		alarm(60);
		_exit(ut_cmd(rt_cmd_run, &a, out, &err));
	}
	for (int i = 0; i < 500; i++) {
		if (ut_read_file(out, buf, sizeof(buf)) > 0 && strstr(buf, "ready"))
			break;
		usleep(10000);
	}
	ASSERT_CONTAINS(buf, "ready");
	ASSERT_INT(kill(pid, SIGTERM), 0);
	wst = ut_wait(pid);
	ASSERT_TRUE(WIFEXITED(wst));
	ASSERT_INT(WEXITSTATUS(wst), 12);
	ASSERT_TRUE(!exists("r3"));
}

static void detach_child(void *arg)
{
	struct berr err = {0};
	pid_t pid;

	(void)arg;
	ASSERT_INT(ut_cmd(rt_cmd_run, &a, out, &err), 0);
	pid = ut_state_pid(root, "r4");
	ASSERT_TRUE(pid > 0);
	ASSERT_STR(ut_state_status(root, "r4"), "running");
	ASSERT_INT(kill(pid, SIGKILL), 0);
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 137);
}

static void test_detach(void)
{
	char b[PATH_MAX];

	ASSERT_INT(make("detach", "\"args\": [\"sleep\", \"100\"]", b), 0);
	UT_ARGV(&a, "run", "-d", "--bundle", b, "r4");
	ASSERT_CHILD_OK(detach_child, NULL);
	ASSERT_TRUE(exists("r4")); /* detached: delete is the caller's job */
	ut_cleanup_container(root, "r4");
}

static void test_terminal_relayed(void)
{
	char b[PATH_MAX], buf[256], cfg[2048];

	ASSERT_INT(make("tty", "\"args\": [\"true\"]", b), 0);
	(void)snprintf(
		cfg, sizeof(cfg),
		"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
		" \"process\": {\"terminal\": true, \"cwd\": \"/\", \"env\": [\"PATH=/bin\"],"
		" \"args\": [\"sh\", \"-c\", \"test -t 1 && echo on a tty; exit 5\"]},"
		" \"mounts\": [{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": "
		"\"proc\"},"
		" {\"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"},"
		" {\"destination\": \"/dev/pts\", \"type\": \"devpts\", \"source\": \"devpts\","
		" \"options\": [\"newinstance\", \"ptmxmode=0666\", \"mode=0620\"]}],"
		" \"linux\": {\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"pid\"}]}}");
	ASSERT_INT(ut_write_config_raw(b, cfg), 0);
	UT_ARGV(&a, "run", "--bundle", b, "r5");
	ASSERT_INT(run_forked(NULL, 0), 5);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "on a tty\r\n");
	ASSERT_TRUE(!exists("r5"));
}

static void test_failures_leave_nothing(void)
{
	char b[PATH_MAX], e[600];

	ASSERT_INT(make("missing", "\"args\": [\"no-such-program\"]", b), 0);
	UT_ARGV(&a, "run", "--bundle", b, "r6");
	ASSERT_INT(run_forked(e, sizeof(e)), 1);
	ASSERT_STR(e, "exec: \"no-such-program\": executable file not found in $PATH");
	ASSERT_TRUE(!exists("r6"));
	UT_ARGV(&a, "run", "--bundle", b, "--keep", "-d", "r6");
	ASSERT_INT(run_forked(e, sizeof(e)), 1);
	ASSERT_STR(e, "exec: \"no-such-program\": executable file not found in $PATH");
	ASSERT_TRUE(!exists("r6"));
	UT_ARGV(&a, "run", "--bundle", b);
	ASSERT_INT(run_forked(e, sizeof(e)), 1);
	ASSERT_STR(e, "berth run [options] ID requires exactly 1 argument (usage: berth run "
		      "[options] ID)");
	UT_ARGV(&a, "run", "--preserve-fds", "x", "r7");
	ASSERT_INT(run_forked(e, sizeof(e)), 1);
	ASSERT_STR(e, "--preserve-fds: invalid value \"x\": expected a number");
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(out, "%s/out", dir);
	arg_global.root = root;
	RUN(test_exit_status_and_cleanup);
	RUN(test_keep);
	RUN(test_signal_forwarded);
	RUN(test_detach);
	RUN(test_terminal_relayed);
	RUN(test_failures_leave_nothing);
	ut_rmrf(dir);
	UNIT_DONE();
}
