/* test-cmd-exec: `berth exec` in a forked "berth" process against real busybox containers:
 * the process's exit status becomes ours, the flags reach it, -d returns at once with
 * --pid-file, a terminal is relayed, and the messages for a missing or stopped container,
 * AppArmor/SELinux options on a host without them, and bad terminal options. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "../../../runtime/run-wait.h"
#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], bundle[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;

/* init loops until killed; /dev/pts lets exec -t make a terminal */
static int make_bundle(void)
{
	char p[PATH_MAX];
	static const char *const cfg =
		"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
		" \"process\": {\"user\": {\"uid\": 0, \"gid\": 0}, \"cwd\": \"/\","
		" \"env\": [\"PATH=/bin\", \"FOO=config\"],"
		" \"args\": [\"sh\", \"-c\", \"while :; do sleep 1; done\"]},"
		" \"mounts\": [{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": "
		"\"proc\"},"
		" {\"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"},"
		" {\"destination\": \"/dev/pts\", \"type\": \"devpts\", \"source\": \"devpts\","
		" \"options\": [\"newinstance\", \"ptmxmode=0666\", \"mode=0620\"]}],"
		" \"linux\": {\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"mount\"},"
		" {\"type\": \"ipc\"}, {\"type\": \"uts\"}, {\"type\": \"network\"}]}}";
	int r;

	if (mkdir(bundle, 0755) < 0)
		return -errno;
	ut_path(p, "%s/rootfs", bundle);
	r = ut_busybox_rootfs(p);
	if (r < 0)
		return r;
	return ut_write_config_raw(bundle, cfg);
}

/* create + start (init is our child); start only when asked. Returns init's pid or -1. */
static pid_t container(const char *id, bool started)
{
	struct berr err = {0};
	char buf[600];

	UT_ARGV(&a, "create", "--bundle", bundle, id);
	if (ut_cmd(rt_cmd_create, &a, NULL, &err) < 0) {
		printf("# create %s: %s\n", id, berr_str(&err, buf, sizeof(buf)));
		return -1;
	}
	UT_ARGV(&a, "start", id);
	if (started && ut_cmd(rt_cmd_start, &a, NULL, &err) < 0) {
		printf("# start %s: %s\n", id, berr_str(&err, buf, sizeof(buf)));
		return -1;
	}
	return ut_state_pid(root, id);
}

/* Runs `berth exec` with the argv in `a` in a forked process as main() would (stdin
 * /dev/null, stdout and stderr to `out`, nothing else open but fd3_path on fd 3 when given);
 * returns its exit status, 255 with the error in errbuf when exec fails. */
static int exec_forked_fd3(char *errbuf, size_t errlen, const char *fd3_path)
{
	char errp[PATH_MAX];
	pid_t pid;
	int wst;

	ut_path(errp, "%s/exec.err", dir);
	(void)unlink(errp);
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct berr err = {0};
		char msg[600];
		int r, fd;

		alarm(60);
		for (fd = 3; fd < 64; fd++)
			(void)close(fd);
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (fd < 0 || dup2(fd, STDIN_FILENO) < 0 || close(fd) < 0)
			_exit(254);
		if (fd3_path && open(fd3_path, O_RDONLY) != 3) /* inheritable, as passed */
			_exit(253);
		r = ut_cmd(rt_cmd_exec, &a, out, &err);
		if (r < 0) {
			(void)ut_write_file(errp, berr_str(&err, msg, sizeof(msg)), 0644);
			_exit(255);
		}
		_exit(r);
	}
	wst = ut_wait(pid);
	if (errbuf)
		(void)ut_read_file(errp, errbuf, errlen);
	return WIFEXITED(wst) ? WEXITSTATUS(wst) : 128 + WTERMSIG(wst);
}

static int exec_forked(char *errbuf, size_t errlen)
{
	return exec_forked_fd3(errbuf, errlen, NULL);
}

static void test_exit_status_and_output(void)
{
	char buf[256], e[600];

	ASSERT_TRUE(container("e1", true) > 0);
	UT_ARGV(&a, "exec", "e1", "sh", "-c", "echo hi; echo err >&2; exit 5");
	ASSERT_INT(exec_forked(e, sizeof(e)), 5);
	ASSERT_STR(e, "");
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "hi\nerr\n");
	UT_ARGV(&a, "exec", "e1", "true");
	ASSERT_INT(exec_forked(e, sizeof(e)), 0);
	/* killed by a signal: 128 + N */
	UT_ARGV(&a, "exec", "e1", "sh", "-c", "kill -9 $$");
	ASSERT_INT(exec_forked(e, sizeof(e)), 137);
	ASSERT_STR(e, "");
	/* the container keeps running */
	ASSERT_STR(ut_state_status(root, "e1"), "running");
	ut_cleanup_container(root, "e1");
}

static void test_flags_reach_the_process(void)
{
	char buf[256], e[600];

	ASSERT_TRUE(container("e2", true) > 0);
	UT_ARGV(&a, "exec", "-e", "FOO=flag", "-e", "BAR=1", "--user", "1000", "--cwd", "/tmp",
		"--additional-gids", "500", "e2", "sh", "-c",
		"echo $FOO $BAR; id -u; id -g; id -G; pwd");
	ASSERT_INT(exec_forked(e, sizeof(e)), 0);
	ASSERT_STR(e, "");
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	/* uid only: the config's gid (0); groups from the container's /etc/group */
	ASSERT_STR(buf, "flag 1\n1000\n0\n0 10 29 500\n/tmp\n");
	ut_cleanup_container(root, "e2");
}

static void test_process_file(void)
{
	char buf[256], e[600], p[PATH_MAX];

	ASSERT_TRUE(container("e3", true) > 0);
	ut_path(p, "%s/process.json", dir);
	ASSERT_INT(ut_write_file(p,
				 "{\"args\": [\"sh\", \"-c\", \"echo $X; pwd; exit 4\"],"
				 " \"cwd\": \"/bin\", \"env\": [\"PATH=/bin\", \"X=from file\"],"
				 " \"user\": {\"uid\": 0, \"gid\": 0}}",
				 0644),
		   0);
	UT_ARGV(&a, "exec", "--process", p, "e3");
	ASSERT_INT(exec_forked(e, sizeof(e)), 4);
	ASSERT_STR(e, "");
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "from file\n/bin\n");
	ut_cleanup_container(root, "e3");
}

static bool same_ns(pid_t x, pid_t y, const char *type)
{
	char px[64], py[64];
	struct stat sx, sy;

	(void)snprintf(px, sizeof(px), "/proc/%d/ns/%s", x, type);
	(void)snprintf(py, sizeof(py), "/proc/%d/ns/%s", y, type);
	return stat(px, &sx) == 0 && stat(py, &sy) == 0 && sx.st_ino == sy.st_ino;
}

/* -d returns at once; --pid-file has the host pid of the process, in the container */
static void test_detach_pid_file(void)
{
	char buf[64], e[600], pidf[PATH_MAX];
	pid_t init = container("e4", true), pid;

	ASSERT_TRUE(init > 0);
	ut_path(pidf, "%s/exec.pid", dir);
	UT_ARGV(&a, "exec", "-d", "--pid-file", pidf, "e4", "sleep", "100");
	ASSERT_INT(exec_forked(e, sizeof(e)), 0);
	ASSERT_STR(e, "");
	ASSERT_TRUE(ut_read_file(pidf, buf, sizeof(buf)) > 0);
	pid = (pid_t)strtol(buf, NULL, 10);
	ASSERT_TRUE(pid > 0 && pid != init);
	ASSERT_TRUE(same_ns(pid, init, "pid") && same_ns(pid, init, "mnt"));
	ASSERT_TRUE(!same_ns(pid, getpid(), "pid"));
	/* still running after berth exec returned; we are its subreaper */
	ASSERT_INT(kill(pid, 0), 0);
	ASSERT_INT(kill(pid, SIGKILL), 0);
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 137);
	(void)unlink(pidf);
	ut_cleanup_container(root, "e4");
}

/* -t without a console socket: we relay the terminal to our stdout */
static void test_tty_relay(void)
{
	char buf[256], e[600];

	ASSERT_TRUE(container("e5", true) > 0);
	UT_ARGV(&a, "exec", "-t", "e5", "sh", "-c", "test -t 0 && test -t 1 && echo tty; exit 2");
	ASSERT_INT(exec_forked(e, sizeof(e)), 2);
	ASSERT_STR(e, "");
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "tty\r\n");
	ut_cleanup_container(root, "e5");
}

static void test_tty_option_errors(void)
{
	char e[600];

	ASSERT_TRUE(container("e6", true) > 0);
	UT_ARGV(&a, "exec", "--console-socket", "/nonexistent.sock", "e6", "true");
	ASSERT_INT(exec_forked(e, sizeof(e)), 255);
	ASSERT_STR(e, "--console-socket: cannot be used without --tty");
	UT_ARGV(&a, "exec", "-t", "-d", "e6", "true");
	ASSERT_INT(exec_forked(e, sizeof(e)), 255);
	ASSERT_STR(e, "--console-socket: required with --tty and --detach");
	UT_ARGV(&a, "exec", "-t", "--console-socket", "/nonexistent.sock", "e6", "true");
	ASSERT_INT(exec_forked(e, sizeof(e)), 255);
	ASSERT_STR(e, "--console-socket: connect to /nonexistent.sock: No such file or directory");
	ut_cleanup_container(root, "e6");
}

/* the caller's fds 3.. reach the process; ones it did not pass are refused, not replaced
 * by ours (the state root there would be a host directory inside the container) */
static void test_preserve_fds(void)
{
	char buf[256], e[600], p[PATH_MAX];

	ASSERT_TRUE(container("e11", true) > 0);
	ut_path(p, "%s/passed", dir);
	ASSERT_INT(ut_write_file(p, "passed\n", 0644), 0);
	UT_ARGV(&a, "exec", "--preserve-fds", "1", "e11", "sh", "-c",
		"cat <&3; [ -e /proc/$$/fd/4 ] && echo fd4 open; exit 0");
	ASSERT_INT(exec_forked_fd3(e, sizeof(e), p), 0);
	ASSERT_STR(e, "");
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "passed\n");
	/* without --preserve-fds it stays outside */
	UT_ARGV(&a, "exec", "e11", "sh", "-c", "[ -e /proc/$$/fd/3 ] && echo fd3 open; exit 0");
	ASSERT_INT(exec_forked_fd3(e, sizeof(e), p), 0);
	ASSERT_INT(ut_read_file(out, buf, sizeof(buf)), 0);
	/* fd 4 was not passed */
	UT_ARGV(&a, "exec", "--preserve-fds", "2", "e11", "sh", "-c", "echo ran");
	ASSERT_INT(exec_forked_fd3(e, sizeof(e), p), 255);
	ASSERT_STR(e, "--preserve-fds: fd 4 is not open");
	ASSERT_INT(ut_read_file(out, buf, sizeof(buf)), 0);
	UT_ARGV(&a, "exec", "--preserve-fds", "1", "e11", "true");
	ASSERT_INT(exec_forked(e, sizeof(e)), 255);
	ASSERT_STR(e, "--preserve-fds: fd 3 is not open");
	ut_cleanup_container(root, "e11");
}

/* a created container (init at the exec gate) takes exec too, as with runc */
static void test_created_container(void)
{
	char buf[256], e[600];

	ASSERT_TRUE(container("e7", false) > 0);
	ASSERT_STR(ut_state_status(root, "e7"), "created");
	UT_ARGV(&a, "exec", "e7", "sh", "-c", "echo in created");
	ASSERT_INT(exec_forked(e, sizeof(e)), 0);
	ASSERT_STR(e, "");
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "in created\n");
	ASSERT_STR(ut_state_status(root, "e7"), "created");
	ut_cleanup_container(root, "e7");
}

static void test_missing_program(void)
{
	char e[600];

	ASSERT_TRUE(container("e8", true) > 0);
	UT_ARGV(&a, "exec", "e8", "nonexistent-prog", "arg");
	ASSERT_INT(exec_forked(e, sizeof(e)), 255);
	ASSERT_STR(e, "exec: \"nonexistent-prog\": executable file not found in $PATH");
	ASSERT_STR(ut_state_status(root, "e8"), "running");
	ut_cleanup_container(root, "e8");
}

static void test_missing_container(void)
{
	const char *saved = arg_global.root;
	struct berr err = {0};

	UT_ARGV(&a, "exec", "nope", "true");
	ASSERT_INT(ut_cmd(rt_cmd_exec, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: nope");
	arg_global.root = "/nonexistent-berth-root";
	UT_ARGV(&a, "exec", "x", "true");
	ASSERT_INT(ut_cmd(rt_cmd_exec, &a, NULL, &err), -ENOENT);
	arg_global.root = saved;
	ASSERT_STR(err.msg, "container does not exist: x");
	/* usage is checked first */
	UT_ARGV(&a, "exec", "nope");
	ASSERT_INT(ut_cmd(rt_cmd_exec, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "exec: a command or --process is required");
}

static void test_stopped_container(void)
{
	struct berr err = {0};
	pid_t init = container("e9", true);

	ASSERT_TRUE(init > 0);
	ASSERT_INT(kill(init, SIGKILL), 0);
	(void)ut_wait(init);
	ASSERT_STR(ut_state_status(root, "e9"), "stopped");
	UT_ARGV(&a, "exec", "e9", "true");
	ASSERT_INT(ut_cmd(rt_cmd_exec, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "cannot exec in a stopped container");
	ut_cleanup_container(root, "e9");
}

static void test_lsm_options_without_lsm(void)
{
	struct berr err = {0};

	ASSERT_TRUE(container("e10", true) > 0);
	if (access("/sys/kernel/security/apparmor", F_OK) < 0) {
		UT_ARGV(&a, "exec", "--apparmor", "berth-profile", "e10", "true");
		ASSERT_INT(ut_cmd(rt_cmd_exec, &a, NULL, &err), -ENOTSUP);
		ASSERT_STR(err.msg, "--apparmor: AppArmor is not enabled on this host");
	} else {
		printf("# AppArmor is enabled here: --apparmor error not checked\n");
	}
	if (access("/sys/fs/selinux/enforce", F_OK) < 0) {
		UT_ARGV(&a, "exec", "--process-label", "system_u:system_r:container_t:s0", "e10",
			"true");
		ASSERT_INT(ut_cmd(rt_cmd_exec, &a, NULL, &err), -ENOTSUP);
		ASSERT_STR(err.msg, "--process-label: SELinux is not enabled on this host");
	}
	ut_cleanup_container(root, "e10");
}

/* what a failed test left: its containers and the detached process */
static void sweep(void)
{
	char id[16], p[PATH_MAX], buf[64];
	pid_t pid;

	for (int i = 1; i <= 11; i++) {
		ut_path(id, "e%d", i);
		ut_cleanup_container(root, id);
	}
	ut_path(p, "%s/exec.pid", dir);
	if (ut_read_file(p, buf, sizeof(buf)) > 0 && (pid = (pid_t)strtol(buf, NULL, 10)) > 0 &&
	    kill(pid, SIGKILL) == 0)
		(void)ut_wait(pid);
}

int main(void)
{
	(void)umask(022);
	/* detached exec processes outlive the forked berth: reparent them to us */
	(void)prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(bundle, "%s/bundle", dir);
	ut_path(out, "%s/out", dir);
	if (make_bundle() < 0)
		return ut_bail_out("set up a busybox bundle (busybox-static)");
	arg_global.root = root;
	RUN(test_exit_status_and_output);
	RUN(test_flags_reach_the_process);
	RUN(test_process_file);
	RUN(test_detach_pid_file);
	RUN(test_tty_relay);
	RUN(test_tty_option_errors);
	RUN(test_preserve_fds);
	RUN(test_created_container);
	RUN(test_missing_program);
	RUN(test_missing_container);
	RUN(test_stopped_container);
	RUN(test_lsm_options_without_lsm);
	sweep();
	ut_rmrf(dir);
	UNIT_DONE();
}
