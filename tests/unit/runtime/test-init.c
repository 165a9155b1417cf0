/* test-init: what the container's init sets up before execve, seen from inside real busybox
 * containers: user and groups from the rootfs's passwd/group, HOME, env, hostname, cwd,
 * rlimits, umask, noNewPrivileges, capabilities, preserved and closed fds, LISTEN_FDS. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "../../../runtime/container-create.h"
#include "../../../runtime/run-wait.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX], root[PATH_MAX];

#define MOUNTS                                                                                     \
	"\"mounts\": [{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"},"     \
	" {\"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\"}]"
#define NAMESPACES                                                                                 \
	"\"linux\": {\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"mount\"},"                 \
	" {\"type\": \"ipc\"}, {\"type\": \"uts\"}, {\"type\": \"network\"}]}"

/* A bundle <dir>/<id> with this process object and extra top-level members. */
static int make(const char *id, const char *process, const char *top)
{
	char b[PATH_MAX], rootfs[PATH_MAX], cfg[8192];
	int r;

	ut_path(b, "%s/%s", dir, id);
	ut_path(rootfs, "%s/rootfs", b);
	if (mkdir(b, 0755) < 0)
		return -errno;
	r = ut_busybox_rootfs(rootfs);
	if (r < 0)
		return r;
	(void)snprintf(cfg, sizeof(cfg),
		       "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"},"
		       " \"process\": {%s}, %s%s" MOUNTS ", " NAMESPACES "}",
		       process, top ? top : "", top ? ", " : "");
	return ut_write_config_raw(b, cfg);
}

struct run {
	const char *id;
	int preserve_fds;
	const char *listen_fds; /* LISTEN_FDS in our environment, or NULL */
	int status;		/* out: the container's exit status, -1 when create failed */
	char out[4096];		/* out: its stdout */
	char err[600];		/* out: create's error */
};

/* In a forked child: fd 3 a pipe whose read end we drain after, fd 4 a leaked file (not
 * close-on-exec) that must not reach the container; stdout to a file. */
static void run_child(struct run *r)
{
	struct rt_create_opts o = {.root = root, .id = r->id, .start_now = true};
	struct rt_created made;
	struct berr err = {0};
	char b[PATH_MAX], out[PATH_MAX], errp[PATH_MAX], msg[600];
	int p[2], leak, saved;

	ut_path(b, "%s/%s", dir, r->id);
	ut_path(out, "%s/%s.out", dir, r->id);
	ut_path(errp, "%s/%s.err", dir, r->id);
	o.bundle = b;
	o.preserve_fds = r->preserve_fds;
	if (r->listen_fds)
		(void)setenv("LISTEN_FDS", r->listen_fds, 1);
	/* fd 3: a pipe to us; fd 4: a file a careless caller left open */
	if (pipe(p) < 0 || dup2(p[1], 3) < 0 || close(p[1]) < 0)
		_exit(201);
	leak = open("/dev/null", O_RDONLY);
	if (leak < 0 || dup2(leak, 4) < 0)
		_exit(202);
	(void)close(leak);
	(void)fcntl(p[0], F_SETFD, FD_CLOEXEC);
	saved = ut_capture_begin(STDOUT_FILENO, out);
	if (rt_container_create(&o, &made, &err) < 0) {
		ut_capture_end(STDOUT_FILENO, saved);
		(void)ut_write_file(errp, berr_str(&err, msg, sizeof(msg)), 0644);
		_exit(200);
	}
	ut_capture_end(STDOUT_FILENO, saved);
	(void)close(3);
	(void)close(made.statefd);
	(void)close(made.rootfd);
	_exit(rt_exit_status(ut_wait(made.pid)));
}

static void run(struct run *r)
{
	char p[PATH_MAX];
	pid_t pid;
	int wst;

	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		alarm(60);
		run_child(r);
	}
	wst = ut_wait(pid);
	r->status = WIFEXITED(wst) && WEXITSTATUS(wst) != 200 ? WEXITSTATUS(wst) : -1;
	ut_path(p, "%s/%s.out", dir, r->id);
	(void)ut_read_file(p, r->out, sizeof(r->out));
	ut_path(p, "%s/%s.err", dir, r->id);
	(void)ut_read_file(p, r->err, sizeof(r->err));
}

#define DEFAULTS "\"cwd\": \"/\", \"env\": [\"PATH=/bin\"]"

static void test_root_user(void)
{
	struct run r = {.id = "root"};

	ASSERT_INT(make(r.id,
			"\"user\": {\"uid\": 0, \"gid\": 0}, " DEFAULTS ","
			" \"args\": [\"sh\", \"-c\", \"id -u; id -G; echo $HOME\"]",
			NULL),
		   0);
	run(&r);
	ASSERT_STR(r.err, "");
	ASSERT_INT(r.status, 0);
	ASSERT_STR(r.out, "0\n0\n/root\n");
}

static void test_user_groups_and_home(void)
{
	struct run r = {.id = "user"};

	ASSERT_INT(make(r.id,
			"\"user\": {\"uid\": 1000, \"gid\": 1000, \"additionalGids\": [500, "
			"10]}, " DEFAULTS ","
			" \"args\": [\"sh\", \"-c\", \"id -u; id -g; id -G; echo $HOME\"]",
			NULL),
		   0);
	run(&r);
	ASSERT_STR(r.err, "");
	ASSERT_INT(r.status, 0);
	/* wheel (10) and audio (29) from /etc/group, 500 added, 10 once */
	ASSERT_STR(r.out, "1000\n1000\n1000 10 29 500\n/home/user\n");
}

static void test_env_and_explicit_home(void)
{
	struct run r = {.id = "env"};

	ASSERT_INT(make(r.id,
			"\"user\": {\"uid\": 1000, \"gid\": 1000}, \"cwd\": \"/\","
			" \"env\": [\"PATH=/bin\", \"HOME=/elsewhere\", \"FOO=bar baz\"],"
			" \"args\": [\"sh\", \"-c\", \"echo $HOME; echo $FOO; echo "
			"${LISTEN_FDS-none}\"]",
			NULL),
		   0);
	run(&r);
	ASSERT_STR(r.err, "");
	ASSERT_STR(r.out, "/elsewhere\nbar baz\nnone\n");
}

static void test_hostname_domainname_cwd(void)
{
	struct run r = {.id = "names"};

	ASSERT_INT(make(r.id,
			"\"cwd\": \"/made/for/you\", \"env\": [\"PATH=/bin\"],"
			" \"args\": [\"sh\", \"-c\", \"hostname; cat /proc/sys/kernel/domainname; "
			"pwd\"]",
			"\"hostname\": \"berth-test\", \"domainname\": \"example.org\""),
		   0);
	run(&r);
	ASSERT_STR(r.err, "");
	ASSERT_STR(r.out, "berth-test\nexample.org\n/made/for/you\n");
}

static void test_rlimits_and_umask(void)
{
	struct run r = {.id = "limits"};

	ASSERT_INT(
		make(r.id,
		     "\"user\": {\"uid\": 0, \"gid\": 0, \"umask\": 63}, " DEFAULTS ","
		     " \"rlimits\": [{\"type\": \"RLIMIT_NOFILE\", \"soft\": 512, \"hard\": 768},"
		     " {\"type\": \"RLIMIT_CORE\", \"soft\": 0, \"hard\": 0}],"
		     " \"args\": [\"sh\", \"-c\", \"ulimit -n; ulimit -Hn; ulimit -c; umask\"]",
		     NULL),
		0);
	run(&r);
	ASSERT_STR(r.err, "");
	ASSERT_STR(r.out, "512\n768\n0\n0077\n");
}

static void test_default_umask(void)
{
	struct run r = {.id = "umask"};

	ASSERT_INT(make(r.id, DEFAULTS ", \"args\": [\"sh\", \"-c\", \"umask\"]", NULL), 0);
	run(&r);
	ASSERT_STR(r.out, "0022\n");
}

#define CAPS_SCRIPT "\"args\": [\"sh\", \"-c\", \"grep -E '^(Cap|NoNewPrivs)' /proc/self/status\"]"

static void test_caps_and_no_new_privs(void)
{
	struct run r = {.id = "caps"};

	ASSERT_INT(
		make(r.id,
		     "\"user\": {\"uid\": 1000, \"gid\": 1000}, " DEFAULTS ","
		     " \"noNewPrivileges\": true,"
		     " \"capabilities\": {\"bounding\": [\"CAP_KILL\", \"CAP_NET_BIND_SERVICE\"],"
		     " \"effective\": [\"CAP_KILL\", \"CAP_NET_BIND_SERVICE\"],"
		     " \"permitted\": [\"CAP_KILL\", \"CAP_NET_BIND_SERVICE\"],"
		     " \"inheritable\": [\"CAP_KILL\"], \"ambient\": [\"CAP_KILL\"]}, " CAPS_SCRIPT,
		     NULL),
		0);
	run(&r);
	ASSERT_STR(r.err, "");
	/* grep runs with the ambient set only (uid 1000 execs it) */
	ASSERT_STR(r.out, "CapInh:\t0000000000000020\n"
			  "CapPrm:\t0000000000000020\n"
			  "CapEff:\t0000000000000020\n"
			  "CapBnd:\t0000000000000420\n"
			  "CapAmb:\t0000000000000020\n"
			  "NoNewPrivs:\t1\n");
}

static void test_root_caps_without_capabilities_object(void)
{
	struct run r = {.id = "nocaps"};

	ASSERT_INT(make(r.id, DEFAULTS ", " CAPS_SCRIPT, NULL), 0);
	run(&r);
	ASSERT_STR(r.err, "");
	/* as runc: no capabilities object means empty sets, even for root */
	ASSERT_STR(r.out, "CapInh:\t0000000000000000\n"
			  "CapPrm:\t0000000000000000\n"
			  "CapEff:\t0000000000000000\n"
			  "CapBnd:\t0000000000000000\n"
			  "CapAmb:\t0000000000000000\n"
			  "NoNewPrivs:\t0\n");
}

static void test_preserved_and_leaked_fds(void)
{
	struct run r = {.id = "fds", .preserve_fds = 1};

	ASSERT_INT(make(r.id,
			DEFAULTS ", \"args\": [\"sh\", \"-c\","
				 " \"[ -e /proc/$$/fd/3 ] && echo fd3 open;"
				 " [ -e /proc/$$/fd/4 ] && echo fd4 leaked || echo fd4 closed\"]",
			NULL),
		   0);
	run(&r);
	ASSERT_STR(r.err, "");
	ASSERT_STR(r.out, "fd3 open\nfd4 closed\n");
	/* without --preserve-fds fd 3 is closed too */
	r = (struct run){.id = "fds0"};
	ASSERT_INT(make(r.id,
			DEFAULTS ", \"args\": [\"sh\", \"-c\","
				 " \"[ -e /proc/$$/fd/3 ] && echo fd3 open || echo fd3 closed\"]",
			NULL),
		   0);
	run(&r);
	ASSERT_STR(r.out, "fd3 closed\n");
}

static void test_listen_fds(void)
{
	struct run r = {.id = "listen", .listen_fds = "1"};

	ASSERT_INT(make(r.id,
			DEFAULTS
			", \"args\": [\"sh\", \"-c\","
			" \"echo $LISTEN_FDS $LISTEN_PID; [ -e /proc/$$/fd/3 ] && echo fd3\"]",
			NULL),
		   0);
	run(&r);
	ASSERT_STR(r.err, "");
	ASSERT_STR(r.out, "1 1\nfd3\n");
}

static void test_slash_program_path(void)
{
	struct run r = {.id = "slash"};

	ASSERT_INT(
		make(r.id, "\"cwd\": \"/\", \"args\": [\"/bin/echo\", \"no PATH needed\"]", NULL),
		0);
	run(&r);
	ASSERT_STR(r.err, "");
	ASSERT_INT(r.status, 0);
	ASSERT_STR(r.out, "no PATH needed\n");
}

static void test_program_not_executable(void)
{
	struct run r = {.id = "noexec"};
	char p[PATH_MAX];

	ASSERT_INT(make(r.id, DEFAULTS ", \"args\": [\"/bin/data\"]", NULL), 0);
	ut_path(p, "%s/noexec/rootfs/bin/data", dir);
	ASSERT_INT(ut_write_file(p, "not a program\n", 0644), 0);
	run(&r);
	ASSERT_INT(r.status, -1);
	ASSERT_STR(r.err, "exec: \"/bin/data\": stat /bin/data: Permission denied");
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	ut_path(root, "%s/state-root", dir);
	RUN(test_root_user);
	RUN(test_user_groups_and_home);
	RUN(test_env_and_explicit_home);
	RUN(test_hostname_domainname_cwd);
	RUN(test_rlimits_and_umask);
	RUN(test_default_umask);
	RUN(test_caps_and_no_new_privs);
	RUN(test_root_caps_without_capabilities_object);
	RUN(test_preserved_and_leaked_fds);
	RUN(test_listen_fds);
	RUN(test_slash_program_path);
	RUN(test_program_not_executable);
	ut_rmrf(dir);
	UNIT_DONE();
}
