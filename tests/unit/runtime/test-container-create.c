/* test-container-create: the host side of create/run on a real busybox bundle: start_now
 * (run) and the exec gate (create), the exit status and output of the container, state.json
 * and --pid-file, the console socket, and failures that must leave nothing behind. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../../../runtime/container-create.h"
#include "../../../runtime/exec-gate.h"
#include "../../../runtime/run-wait.h"
#include "../../../runtime/state.h"
#include "../../../runtime/sync.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX], root[PATH_MAX];

/* A fresh bundle <dir>/<name> whose process runs args_json. */
static void bundle(char ret[PATH_MAX], const char *name, const char *process_json)
{
	ut_pathn(ret, PATH_MAX, "%s/%s", dir, name);
	if (mkdir(ret, 0755) < 0 || ut_make_bundle(ret, process_json) < 0) {
		perror("bundle");
		abort();
	}
}

static bool state_dir_exists(const char *id)
{
	char p[PATH_MAX];

	ut_path(p, "%s/%s", root, id);
	return access(p, F_OK) == 0;
}

static struct rt_create_opts opts(const char *id, const char *bundle_dir, bool start_now)
{
	return (struct rt_create_opts){
		.root = root, .id = id, .bundle = bundle_dir, .start_now = start_now};
}

struct run_case {
	const char *id;
	const char *bundle;
	const char *pid_file;
	bool kill_it; /* SIGKILL it from outside once created */
	int want_status;
	const char *want_out;
};

/* In a forked child (the container's init becomes its child): run with stdout on a file,
 * check state.json while it runs, wait for the exit status. */
static void run_child(void *arg)
{
	struct run_case *c = arg;
	struct rt_create_opts o = opts(c->id, c->bundle, true);
	struct rt_created made;
	struct rt_state st;
	struct berr err = {0};
	char out[PATH_MAX], buf[4096];
	int saved, r, wst;

	o.pid_file = c->pid_file;
	ut_path(out, "%s/%s.out", dir, c->id);
	saved = ut_capture_begin(STDOUT_FILENO, out);
	r = rt_container_create(&o, &made, &err);
	ut_capture_end(STDOUT_FILENO, saved);
	ASSERT_STR(err.msg, "");
	ASSERT_INT(r, 0);
	ASSERT_TRUE(made.pid > 0);
	ASSERT_INT(made.relay_master, -1);
	/* state.json is written before create returns; the caller holds the lock */
	ASSERT_INT(rt_state_read(made.statefd, &st, &err), 0);
	ASSERT_INT(st.pid, made.pid);
	ASSERT_STR(st.id, c->id);
	ASSERT_STR(st.isolation, "container");
	ASSERT_TRUE(st.start_time > 0);
	ASSERT_INT(st.owner, getuid());
	ASSERT_TRUE(strstr(st.rootfs, "/rootfs") != NULL && st.bundle[0] == '/');
	rt_state_clear(&st);
	if (c->pid_file) {
		ASSERT_TRUE(ut_read_file(c->pid_file, buf, sizeof(buf)) > 0);
		ASSERT_INT(strtol(buf, NULL, 10), made.pid);
	}
	(void)close(made.statefd);
	(void)close(made.rootfd);
	if (c->kill_it)
		ASSERT_INT(kill(made.pid, SIGKILL), 0);
	wst = ut_wait(made.pid);
	ASSERT_INT(rt_exit_status(wst), c->want_status);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) >= 0);
	ASSERT_STR(buf, c->want_out);
}

static void test_run_exit_status_and_output(void)
{
	char b[PATH_MAX];
	struct run_case c = {.id = "run1", .bundle = b, .want_status = 3, .want_out = "out\n"};

	bundle(b, "run1", "\"args\": [\"sh\", \"-c\", \"echo out; exit 3\"]");
	ASSERT_CHILD_OK(run_child, &c);
	ASSERT_TRUE(state_dir_exists("run1")); /* create leaves it: delete removes it */
}

static void test_run_killed_by_signal(void)
{
	char b[PATH_MAX];
	struct run_case c = {
		.id = "run2", .bundle = b, .kill_it = true, .want_status = 137, .want_out = ""};

	bundle(b, "run2", "\"args\": [\"sleep\", \"100\"]");
	ASSERT_CHILD_OK(run_child, &c);
}

static void test_pid_file(void)
{
	char b[PATH_MAX], pidf[PATH_MAX];
	struct run_case c = {.id = "run3",
			     .bundle = b,
			     .pid_file = pidf,
			     .want_status = 0,
			     .want_out = "pid1\n"};

	ut_path(pidf, "%s/run3.pid", dir);
	bundle(b, "run3", "\"args\": [\"sh\", \"-c\", \"[ $$ = 1 ] && echo pid1\"]");
	ASSERT_CHILD_OK(run_child, &c);
	ut_path(b, "%s/run3.pid.tmp", dir);
	ASSERT_TRUE(access(b, F_OK) < 0); /* renamed into place */
}

/* create (no start_now): init waits at the gate; status created; start releases it */
static void gate_child(void *arg)
{
	const char *b = arg;
	struct rt_create_opts o = opts("gate1", b, false);
	struct rt_created made;
	struct rt_state st;
	struct berr err = {0};
	char out[PATH_MAX], buf[256];
	int saved, r;

	ut_path(out, "%s/gate1.out", dir);
	saved = ut_capture_begin(STDOUT_FILENO, out);
	r = rt_container_create(&o, &made, &err);
	ut_capture_end(STDOUT_FILENO, saved);
	ASSERT_STR(err.msg, "");
	ASSERT_INT(r, 0);
	ASSERT_INT(rt_state_read(made.statefd, &st, &err), 0);
	ASSERT_INT(rt_state_status(made.statefd, &st), RT_STATUS_CREATED);
	/* nothing ran yet */
	usleep(100000);
	ASSERT_INT(ut_read_file(out, buf, sizeof(buf)), 0);
	ASSERT_INT(waitpid(made.pid, NULL, WNOHANG), 0);
	ASSERT_INT(rt_gate_open(made.statefd, &err), 0);
	ASSERT_INT(rt_exit_status(ut_wait(made.pid)), 4);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "started\n");
	ASSERT_INT(rt_state_status(made.statefd, &st), RT_STATUS_STOPPED);
	rt_state_clear(&st);
	(void)close(made.statefd);
	(void)close(made.rootfd);
}

static void test_create_then_start(void)
{
	char b[PATH_MAX];

	bundle(b, "gate1", "\"args\": [\"sh\", \"-c\", \"echo started; exit 4\"]");
	ASSERT_CHILD_OK(gate_child, b);
}

struct fail_case {
	const char *id;
	const char *bundle;
	bool start_now;
	int want_code;
	const char *want_msg;
};

/* A failing create leaves no state dir and no process. */
static void fail_child(void *arg)
{
	struct fail_case *c = arg;
	struct rt_create_opts o = opts(c->id, c->bundle, c->start_now);
	struct rt_created made = {.pid = -5};
	struct berr err = {0};
	char buf[600];

	ASSERT_INT(rt_container_create(&o, &made, &err), -c->want_code);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), c->want_msg);
	ASSERT_INT(made.relay_master, -1);
	ASSERT_TRUE(!state_dir_exists(c->id));
	ASSERT_TRUE(ut_no_children());
}

static void test_missing_program(void)
{
	char b[PATH_MAX];
	struct fail_case c = {"miss1", b, true, ENOENT,
			      "exec: \"nonexistent-prog\": executable file not found in $PATH"};

	bundle(b, "miss1", "\"args\": [\"nonexistent-prog\", \"arg\"]");
	ASSERT_CHILD_OK(fail_child, &c);
	/* create fails the same way: the lookup happens before the gate */
	c.id = "miss2";
	c.start_now = false;
	ASSERT_CHILD_OK(fail_child, &c);
}

/* exec itself fails after start (an interpreter that is not there) */
static void test_exec_failure_after_start(void)
{
	char b[PATH_MAX], p[PATH_MAX];
	struct fail_case c = {"execfail", b, true, ENOENT,
			      "exec /bin/script: No such file or directory"};

	bundle(b, "execfail", "\"args\": [\"script\"]");
	ut_path(p, "%s/rootfs/bin/script", b);
	ASSERT_INT(ut_write_file(p, "#!/nonexistent/interpreter\n", 0755), 0);
	ASSERT_CHILD_OK(fail_child, &c);
}

static void test_cwd_not_a_directory(void)
{
	char b[PATH_MAX];
	struct fail_case c = {"cwd1", b, true, ENOTDIR,
			      "process.cwd: chdir to /etc/passwd: Not a directory"};
	const char *cfg =
		"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
		" \"process\": {\"user\": {\"uid\": 0, \"gid\": 0}, \"cwd\": \"/etc/passwd\","
		" \"env\": [\"PATH=/bin\"], \"args\": [\"true\"]},"
		" \"linux\": {\"namespaces\": [{\"type\": \"mount\"}]}}";

	bundle(b, "cwd1", "\"args\": [\"true\"]");
	ASSERT_INT(ut_write_config_raw(b, cfg), 0);
	ASSERT_CHILD_OK(fail_child, &c);
}

static void test_config_checks(void)
{
	char b[PATH_MAX];
	struct fail_case c = {"cfg1", b, true, EINVAL, ""};

	bundle(b, "cfg1", "\"args\": [\"true\"]");
	ASSERT_INT(ut_write_config_raw(
			   b, "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
			      " \"process\": {\"cwd\": \"/\", \"args\": [\"true\"]},"
			      " \"linux\": {\"namespaces\": [{\"type\": \"pid\"}]}}"),
		   0);
	c.want_msg = "config.json: linux.namespaces: a mount namespace is required";
	ASSERT_CHILD_OK(fail_child, &c);

	ASSERT_INT(ut_write_config_raw(
			   b, "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
			      " \"linux\": {\"namespaces\": [{\"type\": \"mount\"}]}}"),
		   0);
	c.want_msg = "config.json: process: required to create a container";
	ASSERT_CHILD_OK(fail_child, &c);

	ASSERT_INT(ut_write_config_raw(
			   b, "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
			      " \"hostname\": \"h\","
			      " \"process\": {\"cwd\": \"/\", \"args\": [\"true\"]},"
			      " \"linux\": {\"namespaces\": [{\"type\": \"mount\"},"
			      " {\"type\": \"uts\", \"path\": \"/proc/self/ns/uts\"}]}}"),
		   0);
	c.want_msg = "config.json: hostname: setting it requires a new uts namespace";
	ASSERT_CHILD_OK(fail_child, &c);

	ASSERT_INT(ut_write_config_raw(
			   b,
			   "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
			   " \"process\": {\"terminal\": true, \"cwd\": \"/\", \"args\": [\"sh\"]},"
			   " \"linux\": {\"namespaces\": [{\"type\": \"mount\"}]}}"),
		   0);
	c.want_msg = "--console-socket: required when process.terminal is true and berth detaches";
	ASSERT_CHILD_OK(fail_child, &c);

	ASSERT_INT(ut_write_config_raw(b,
				       "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"nope\"},"
				       " \"process\": {\"cwd\": \"/\", \"args\": [\"true\"]},"
				       " \"linux\": {\"namespaces\": [{\"type\": \"mount\"}]}}"),
		   0);
	c.want_code = ENOENT;
	{
		char want[PATH_MAX];

		ut_path(want, "config.json: root.path: %s/nope: No such file or directory", b);
		c.want_msg = want;
		ASSERT_CHILD_OK(fail_child, &c);
	}
}

static void test_console_socket_without_terminal(void)
{
	char b[PATH_MAX];
	struct rt_create_opts o;
	struct rt_created made;
	struct berr err = {0};

	bundle(b, "cons0", "\"args\": [\"true\"]");
	o = opts("cons0", b, true);
	o.console_socket = "/nonexistent.sock";
	ASSERT_INT(rt_container_create(&o, &made, &err), -EINVAL);
	ASSERT_STR(err.msg, "--console-socket: cannot be used when process.terminal is false");
	ASSERT_TRUE(!state_dir_exists("cons0"));
}

static void test_bad_id_and_bundle(void)
{
	char b[PATH_MAX], want[PATH_MAX], got[PATH_MAX];
	struct rt_create_opts o;
	struct rt_created made;
	struct berr err = {0};

	o = opts("bad/id", "/nonexistent", true);
	ASSERT_INT(rt_container_create(&o, &made, &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid container id format: bad/id");
	ut_path(b, "%s/nobundle", dir);
	o = opts("nob", b, true);
	ASSERT_INT(rt_container_create(&o, &made, &err), -ENOENT);
	ut_path(want, "open %s/config.json: No such file or directory", b);
	ASSERT_STR(berr_str(&err, got, sizeof(got)), want);
	ASSERT_TRUE(!state_dir_exists("nob"));
}

/* an existing container keeps its state dir: the undo list only holds what create made */
static void test_existing_id_untouched(void)
{
	char b[PATH_MAX], p[PATH_MAX];
	struct rt_create_opts o;
	struct rt_created made;
	struct berr err = {0};

	bundle(b, "dup", "\"args\": [\"true\"]");
	ut_path(p, "%s/dup", root);
	ASSERT_INT(mkdir(p, 0711), 0);
	ut_path(p, "%s/dup/state.json", root);
	ASSERT_INT(ut_write_file(p, "{}", 0600), 0);
	o = opts("dup", b, true);
	ASSERT_INT(rt_container_create(&o, &made, &err), -EEXIST);
	ASSERT_STR(err.msg, "container with id exists: dup");
	ASSERT_INT(access(p, F_OK), 0);
}

/* process.terminal with --console-socket: the engine receives the pty master */
static void console_child(void *arg)
{
	const char *b = arg;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct rt_create_opts o = opts("cons1", b, true);
	struct rt_created made;
	struct berr err = {0};
	char buf[256] = "";
	int l, c, master, wst;
	size_t used = 0;
	ssize_t n;

	ut_path(buf, "%s/console.sock", dir);
	ASSERT_TRUE(strlen(buf) < sizeof(sa.sun_path));
	memcpy(sa.sun_path, buf, strlen(buf) + 1);
	l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_TRUE(l >= 0);
	ASSERT_INT(bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ASSERT_INT(listen(l, 1), 0);
	o.console_socket = sa.sun_path;
	ASSERT_INT(rt_container_create(&o, &made, &err), 0);
	c = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	ASSERT_TRUE(c >= 0);
	master = rt_recv_fd(c, &err);
	ASSERT_TRUE(master >= 0);
	wst = ut_wait(made.pid);
	ASSERT_INT(rt_exit_status(wst), 0);
	buf[0] = '\0';
	while (used < sizeof(buf) - 1 && (n = read(master, buf + used, sizeof(buf) - 1 - used)) > 0)
		used += (size_t)n;
	buf[used] = '\0';
	ASSERT_STR(buf, "tty 30x100\r\n");
}

static void test_console_socket(void)
{
	char b[PATH_MAX];
	char cfg[2048];

	bundle(b, "cons1", "\"args\": [\"true\"]");
	(void)snprintf(
		cfg, sizeof(cfg),
		"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
		" \"process\": {\"terminal\": true, \"consoleSize\": {\"height\": 30, \"width\": "
		"100},"
		" \"cwd\": \"/\", \"env\": [\"PATH=/bin\"],"
		" \"args\": [\"sh\", \"-c\", \"test -t 0 && test -t 1 && test -t 2 &&"
		" echo tty $(stty size | tr ' ' x) || echo notty\"]},"
		" \"mounts\": [{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": "
		"\"proc\"},"
		" {\"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"},"
		" {\"destination\": \"/dev/pts\", \"type\": \"devpts\", \"source\": \"devpts\","
		" \"options\": [\"newinstance\", \"ptmxmode=0666\", \"mode=0620\"]}],"
		" \"linux\": {\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"pid\"}]}}");
	ASSERT_INT(ut_write_config_raw(b, cfg), 0);
	ASSERT_CHILD_OK(console_child, b);
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/state-root", dir);
	RUN(test_run_exit_status_and_output);
	RUN(test_run_killed_by_signal);
	RUN(test_pid_file);
	RUN(test_create_then_start);
	RUN(test_missing_program);
	RUN(test_exec_failure_after_start);
	RUN(test_cwd_not_a_directory);
	RUN(test_config_checks);
	RUN(test_console_socket_without_terminal);
	RUN(test_bad_id_and_bundle);
	RUN(test_existing_id_untouched);
	RUN(test_console_socket);
	ut_rmrf(dir);
	UNIT_DONE();
}
