/* test-exec-process: rt_exec_spawn into a real running busybox container: the new process
 * joins its pid, mount, uts, ipc and network namespaces, runs as the process says (user from
 * the container's passwd, cwd, env), gets a terminal over a console socket, and failures
 * inside the container (missing program, bad cwd) come back as runc's messages. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "../../../runtime/container-create.h"
#include "../../../runtime/exec-process.h"
#include "../../../runtime/run-wait.h"
#include "../../../runtime/sync.h"
#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], bundle[PATH_MAX];

static const char *const ns_names[] = {"pid", "mnt", "uts", "ipc", "net"};

/* The container: its init loops until killed; /dev/pts lets exec make a terminal. */
static int make_bundle(void)
{
	char p[PATH_MAX];
	static const char *const cfg =
		"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
		" \"hostname\": \"exec-host\","
		" \"process\": {\"user\": {\"uid\": 0, \"gid\": 0}, \"cwd\": \"/\","
		" \"env\": [\"PATH=/bin\"],"
		" \"args\": [\"sh\", \"-c\", \"while :; do sleep 1; done\"]},"
		" \"mounts\": [{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": "
		"\"proc\"},"
		" {\"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"},"
		" {\"destination\": \"/dev/pts\", \"type\": \"devpts\", \"source\": \"devpts\","
		" \"options\": [\"newinstance\", \"ptmxmode=0666\", \"mode=0620\"]}],"
		" \"linux\": {\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"mount\"},"
		" {\"type\": \"ipc\"}, {\"type\": \"uts\"}, {\"type\": \"network\"}]}}";
	int r;

	ut_path(bundle, "%s/bundle", dir);
	if (mkdir(bundle, 0755) < 0)
		return -errno;
	ut_path(p, "%s/rootfs", bundle);
	r = ut_busybox_rootfs(p);
	if (r < 0)
		return r;
	ut_path(p, "%s/rootfs/bin/readlink", bundle);
	if (symlink("busybox", p) < 0)
		return -errno;
	return ut_write_config_raw(bundle, cfg);
}

/* Starts container id (run: no gate); *ret_pid is its init, our child. */
static int start(const char *id, pid_t *ret_pid)
{
	struct rt_create_opts o = {.root = root, .id = id, .bundle = bundle, .start_now = true};
	struct rt_created made;
	struct berr err = {0};
	char buf[600];
	int r;

	r = rt_container_create(&o, &made, &err);
	if (r < 0) {
		printf("# create %s: %s\n", id, berr_str(&err, buf, sizeof(buf)));
		return r;
	}
	(void)close(made.statefd);
	(void)close(made.rootfd);
	*ret_pid = made.pid;
	return 0;
}

static void stop(pid_t init)
{
	if (init > 0 && kill(init, SIGKILL) == 0)
		(void)ut_wait(init);
}

static char env_path[] = "PATH=/bin", env_foo[] = "FOO=from exec", cwd_root[] = "/";
static char *env[] = {env_path, env_foo, NULL};
static char sh[] = "sh", dash_c[] = "-c";

/* A process running script with sh. */
static struct cfg_process process(char *script, char *argv[4])
{
	struct cfg_process p = {0};

	argv[0] = sh;
	argv[1] = dash_c;
	argv[2] = script;
	argv[3] = NULL;
	p.args.v = argv;
	p.args.n = 3;
	p.env.v = env;
	p.env.n = 2;
	p.cwd = cwd_root;
	return p;
}

static struct rt_exec_req request(pid_t init, const struct cfg_process *p)
{
	return (struct rt_exec_req){.init_pid = init,
				    .process = p,
				    .console_sock = -1,
				    .relay_peer = -1,
				    .keep_fd = -1};
}

static void ns_link(pid_t pid, const char *name, char *buf, size_t len)
{
	char p[64];
	ssize_t n;

	(void)snprintf(p, sizeof(p), "/proc/%d/ns/%s", pid, name);
	n = readlink(p, buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
}

static char ns_script[] =
	"for n in pid mnt uts ipc net; do readlink /proc/self/ns/$n; done > /tmp/ns.out;"
	" hostname >> /tmp/ns.out; echo $FOO >> /tmp/ns.out; cat /proc/1/cmdline | tr '\\0' ' '"
	" >> /tmp/ns.out; exit 3";

static void joins_child(void *arg)
{
	char *argv[4], out[PATH_MAX], buf[1024], want[1024], link[128];
	struct cfg_process p = process(ns_script, argv);
	struct rt_exec_req req;
	struct berr err = {0};
	pid_t init = -1, pid = -1;
	size_t i;
	int r;

	(void)arg;
	ASSERT_INT(start("joins", &init), 0);
	req = request(init, &p);
	r = rt_exec_spawn(&req, &pid, &err);
	ASSERT_STR(err.msg, "");
	ASSERT_INT(r, 0);
	ASSERT_TRUE(pid > 0 && pid != init);
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 3); /* our child, with its own status */
	ut_path(out, "%s/rootfs/tmp/ns.out", bundle);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	/* the container's namespaces (init's), none of ours */
	want[0] = '\0';
	for (i = 0; i < sizeof(ns_names) / sizeof(ns_names[0]); i++) {
		char mine[128];

		ns_link(init, ns_names[i], link, sizeof(link));
		ns_link(getpid(), ns_names[i], mine, sizeof(mine));
		ASSERT_TRUE(link[0] != '\0' && strcmp(link, mine) != 0);
		(void)strcat(strcat(want, link), "\n");
	}
	(void)strcat(want, "exec-host\nfrom exec\nsh -c while :; do sleep 1; done ");
	ASSERT_STR(buf, want);
	stop(init);
	ASSERT_TRUE(ut_no_children());
}

static void test_joins_namespaces(void)
{
	ASSERT_CHILD_OK(joins_child, NULL);
	ut_cleanup_container(root, "joins"); /* whatever happened in the child */
}

/* the user's HOME and groups come from the container's /etc, the cwd is inside it */
static void user_child(void *arg)
{
	static char script[] = "id -u; id -G; echo $HOME; pwd; [ -e /proc/$$/fd/3 ] && echo fd3;"
			       " true";
	static char cwd[] = "/tmp";
	char *argv[4], out[PATH_MAX], buf[512];
	struct cfg_process p = process(script, argv);
	struct rt_exec_req req;
	struct berr err = {0};
	pid_t init = -1, pid = -1;
	int saved, r, keep;

	(void)arg;
	ASSERT_INT(start("user", &init), 0);
	p.user.uid = 1000;
	p.user.gid = 1000;
	p.cwd = cwd;
	/* the caller's lock fd is not passed on (even if it were inheritable) */
	keep = open("/dev/null", O_RDONLY);
	ASSERT_TRUE(keep >= 0);
	ASSERT_INT(dup2(keep, 3), 3);
	if (keep != 3)
		(void)close(keep);
	req = request(init, &p);
	req.keep_fd = 3;
	ut_path(out, "%s/user.out", dir);
	saved = ut_capture_begin(STDOUT_FILENO, out);
	r = rt_exec_spawn(&req, &pid, &err);
	if (r == 0)
		(void)ut_wait(pid);
	ut_capture_end(STDOUT_FILENO, saved);
	ASSERT_STR(err.msg, "");
	ASSERT_INT(r, 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "1000\n1000 10 29\n/home/user\n/tmp\n");
	stop(init);
}

static void test_user_and_cwd(void)
{
	ASSERT_CHILD_OK(user_child, NULL);
	ut_cleanup_container(root, "user"); /* whatever happened in the child */
}

/* process.terminal: a pty from the container's /dev/pts, master sent on the console socket */
static void tty_child(void *arg)
{
	static char script[] = "test -t 0 && test -t 1 && echo tty $(tty)";
	char *argv[4], buf[256];
	struct cfg_process p = process(script, argv);
	struct rt_exec_req req;
	struct berr err = {0};
	pid_t init = -1, pid = -1;
	int sp[2], master, r;
	size_t used = 0;
	ssize_t n;

	(void)arg;
	ASSERT_INT(start("tty", &init), 0);
	ASSERT_INT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	p.terminal = true;
	req = request(init, &p);
	req.console_sock = sp[1];
	r = rt_exec_spawn(&req, &pid, &err);
	(void)close(sp[1]);
	ASSERT_STR(err.msg, "");
	ASSERT_INT(r, 0);
	master = rt_recv_fd(sp[0], &err);
	(void)close(sp[0]);
	ASSERT_TRUE(master >= 0);
	ASSERT_INT(rt_exit_status(ut_wait(pid)), 0);
	while (used < sizeof(buf) - 1 && (n = read(master, buf + used, sizeof(buf) - 1 - used)) > 0)
		used += (size_t)n;
	buf[used] = '\0';
	(void)close(master);
	ASSERT_STR(buf, "tty /dev/pts/0\r\n");
	stop(init);
}

static void test_terminal(void)
{
	ASSERT_CHILD_OK(tty_child, NULL);
	ut_cleanup_container(root, "tty"); /* whatever happened in the child */
}

struct fail_case {
	const char *id;
	char *arg0;
	char *cwd;
	int want_code;
	const char *want_msg;
};

/* the failure from inside the container comes back; nothing of the attempt is left */
static void fail_child(void *arg)
{
	struct fail_case *c = arg;
	static char script[] = "true";
	char *argv[4], buf[600];
	struct cfg_process p = process(script, argv);
	struct rt_exec_req req;
	struct berr err = {0};
	pid_t init = -1, pid = -5;

	ASSERT_INT(start(c->id, &init), 0);
	if (c->arg0) {
		argv[0] = c->arg0;
		argv[1] = NULL;
		p.args.n = 1;
	}
	if (c->cwd)
		p.cwd = c->cwd;
	req = request(init, &p);
	ASSERT_INT(rt_exec_spawn(&req, &pid, &err), -c->want_code);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), c->want_msg);
	ASSERT_INT(pid, -5);
	ASSERT_INT(waitpid(-1, NULL, WNOHANG), 0); /* only init is left, running */
	stop(init);
	ASSERT_TRUE(ut_no_children());
}

static void test_missing_program(void)
{
	static char prog[] = "nonexistent-prog";
	struct fail_case c = {"miss", prog, NULL, ENOENT,
			      "exec: \"nonexistent-prog\": executable file not found in $PATH"};

	ASSERT_CHILD_OK(fail_child, &c);
	ut_cleanup_container(root, c.id);
}

static void test_bad_cwd(void)
{
	static char cwd[] = "/nonexistent";
	struct fail_case c = {"cwd", NULL, cwd, ENOENT,
			      "process.cwd: chdir to /nonexistent: No such file or directory"};

	ASSERT_CHILD_OK(fail_child, &c);
	ut_cleanup_container(root, c.id);
}

/* a container whose init is gone */
static void test_no_such_init(void)
{
	static char script[] = "true";
	char *argv[4], buf[600], want[128];
	struct cfg_process p = process(script, argv);
	struct rt_exec_req req;
	struct berr err = {0};
	pid_t gone = fork(), pid = -5;

	if (gone == 0)
		_exit(0);
	ASSERT_TRUE(gone > 0);
	(void)ut_wait(gone);
	req = request(gone, &p);
	ASSERT_INT(rt_exec_spawn(&req, &pid, &err), -ENOENT);
	ut_path(want, "open namespace /proc/%d/ns/pid: No such file or directory", gone);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), want);
	ASSERT_INT(pid, -5);
	ASSERT_TRUE(ut_no_children());
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/state-root", dir);
	if (make_bundle() < 0)
		return ut_bail_out("set up a busybox bundle (busybox-static)");
	RUN(test_joins_namespaces);
	RUN(test_user_and_cwd);
	RUN(test_terminal);
	RUN(test_missing_program);
	RUN(test_bad_cwd);
	RUN(test_no_such_init);
	ut_rmrf(dir);
	UNIT_DONE();
}
