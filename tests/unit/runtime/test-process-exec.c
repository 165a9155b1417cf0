/* test-process-exec: the last steps before execve(), in forked children on the host: rlimits,
 * then rt_process_exec running busybox with an identity, capabilities, umask,
 * noNewPrivileges, preserved fds and a terminal, and its failure when the exe is missing. */
#include <errno.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/resource.h>

#include "../../../runtime/process-exec.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

#define BIT(c) (1ULL << (c))

static char rl_nofile[] = "RLIMIT_NOFILE", rl_core[] = "RLIMIT_CORE";

static void rlimits_child(void *arg)
{
	struct cfg_rlimit rl[] = {
		{.type = rl_nofile, .resource = RLIMIT_NOFILE, .soft = 100, .hard = 200},
		{.type = rl_core, .resource = RLIMIT_CORE, .soft = 0, .hard = 0},
	};
	struct cfg_process p = {.rlimits = rl, .n_rlimits = 2};
	struct berr err = {0};
	struct rlimit got;

	(void)arg;
	ASSERT_INT(rt_process_rlimits(&p, &err), 0);
	ASSERT_STR(err.msg, "");
	ASSERT_INT(getrlimit(RLIMIT_NOFILE, &got), 0);
	ASSERT_INT(got.rlim_cur, 100);
	ASSERT_INT(got.rlim_max, 200);
	ASSERT_INT(getrlimit(RLIMIT_CORE, &got), 0);
	ASSERT_INT(got.rlim_cur, 0);
	ASSERT_INT(got.rlim_max, 0);
	/* none is fine */
	p.n_rlimits = 0;
	ASSERT_INT(rt_process_rlimits(&p, &err), 0);
}

static void rlimits_error_child(void *arg)
{
	struct cfg_rlimit rl[] = {
		{.type = rl_core, .resource = RLIMIT_CORE, .soft = 0, .hard = 0},
		{.type = rl_nofile, .resource = RLIMIT_NOFILE, .soft = 300, .hard = 200},
	};
	struct cfg_process p = {.rlimits = rl, .n_rlimits = 2};
	struct berr err = {0};
	char buf[600];

	(void)arg;
	ASSERT_INT(rt_process_rlimits(&p, &err), -EINVAL);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "process.rlimits[1]: setrlimit RLIMIT_NOFILE: Invalid argument");
}

static void test_rlimits(void)
{
	ASSERT_CHILD_OK(rlimits_child, NULL);
	ASSERT_CHILD_OK(rlimits_error_child, NULL);
}

struct exec_case {
	struct cfg_process p;
	struct rt_process_final f;
	int status;	 /* out: the exec'd program's exit status, -1 when exec failed */
	char out[4096];	 /* out: its stdout and stderr */
	char err[600];	 /* out: rt_process_exec's error when it returned */
	uid_t uid_after; /* out: getuid() after a failed rt_process_exec */
};

static char sh[] = "sh", dash_c[] = "-c";
static char env_path[] = "PATH=/bin", env_home[] = "HOME=/home/user";
static char *env[] = {env_path, env_home, NULL};

/* fd moved to 20 or above (close-on-exec), out of the way of fds 3 and 4; -1 on failure */
static int high_fd(int fd)
{
	int h = fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, 20);

	if (fd >= 0)
		(void)close(fd);
	return h;
}

/* Forks; the child puts stdout/stderr on a file, fd 3 (preserved when asked) and fd 4 (left
 * open by mistake, not close-on-exec) in place, and calls rt_process_exec. */
static void run_exec(struct exec_case *c)
{
	char out[PATH_MAX], errp[PATH_MAX];
	pid_t pid;
	int wst;

	ut_path(out, "%s/exec.out", dir);
	ut_path(errp, "%s/exec.err", dir);
	(void)unlink(out);
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct berr err = {0};
		char msg[600];
		int fd, errfd;

		alarm(30);
		/* opened now: after the switch to another uid we could not create it */
		errfd = high_fd(open(errp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(201);
		(void)close(fd);
		fd = open("/dev/null", O_RDONLY); /* no O_CLOEXEC: fd 3 and 4 as leaked */
		if (fd < 0 || dup2(fd, 3) < 0 || dup2(fd, 4) < 0)
			_exit(202);
		if (fd > 4)
			(void)close(fd);
		(void)rt_process_exec(&c->p, &c->f, &err);
		(void)berr_str(&err, msg, sizeof(msg));
		(void)dprintf(errfd, "%s\n%d", msg, (int)getuid());
		_exit(200);
	}
	wst = ut_wait(pid);
	c->status = WIFEXITED(wst) && WEXITSTATUS(wst) != 200 ? WEXITSTATUS(wst) : -1;
	(void)ut_read_file(out, c->out, sizeof(c->out));
	c->uid_after = (uid_t)-1;
	if (ut_read_file(errp, c->err, sizeof(c->err)) > 0) {
		char *nl = strchr(c->err, '\n');

		if (nl) {
			*nl = '\0';
			c->uid_after = (uid_t)strtoul(nl + 1, NULL, 10);
		}
	}
}

/* busybox sh running script as the process */
static void setup(struct exec_case *c, char *script)
{
	static char *args[4];

	memset(c, 0, sizeof(*c));
	args[0] = sh;
	args[1] = dash_c;
	args[2] = script;
	args[3] = NULL;
	c->p.args.v = args;
	c->p.args.n = 3;
	c->f.env = env;
	c->f.tty_slave = -1;
	c->f.setgroups = true;
	(void)snprintf(c->f.exe, sizeof(c->f.exe), "/bin/busybox");
}

static char status_script[] =
	"id -u; id -g; id -G; umask; grep -E '^(Cap|NoNewPrivs)' /proc/self/status;"
	" [ -e /proc/$$/fd/3 ] && echo fd3 open || echo fd3 closed;"
	" [ -e /proc/$$/fd/4 ] && echo fd4 leaked || echo fd4 closed; echo $HOME";

static void test_exec_user_caps_nnp_fds(void)
{
	struct exec_case c;

	setup(&c, status_script);
	c.f.ident = (struct rt_identity){.uid = 1000, .gid = 1000, .n_groups = 2};
	c.f.ident.groups[0] = 10;
	c.f.ident.groups[1] = 29;
	c.f.preserve_fds = 1;
	c.p.caps.mask_bounding = BIT(CAP_KILL) | BIT(CAP_NET_BIND_SERVICE);
	c.p.caps.mask_effective = BIT(CAP_KILL) | BIT(CAP_NET_BIND_SERVICE);
	c.p.caps.mask_permitted = BIT(CAP_KILL) | BIT(CAP_NET_BIND_SERVICE);
	c.p.caps.mask_inheritable = BIT(CAP_KILL);
	c.p.caps.mask_ambient = BIT(CAP_KILL);
	c.p.no_new_privileges = true;
	c.p.user.umask = (struct cfg_opt_u64){.set = true, .v = 027};
	run_exec(&c);
	ASSERT_STR(c.err, "");
	ASSERT_INT(c.status, 0);
	/* a uid other than 0 execs with the ambient set only */
	ASSERT_STR(c.out, "1000\n1000\n1000 10 29\n0027\n"
			  "CapInh:\t0000000000000020\n"
			  "CapPrm:\t0000000000000020\n"
			  "CapEff:\t0000000000000020\n"
			  "CapBnd:\t0000000000000420\n"
			  "CapAmb:\t0000000000000020\n"
			  "NoNewPrivs:\t1\n"
			  "fd3 open\nfd4 closed\n/home/user\n");
}

static void test_exec_root_defaults(void)
{
	struct exec_case c;

	setup(&c, status_script);
	c.p.caps.mask_bounding = BIT(CAP_CHOWN) | BIT(CAP_KILL);
	c.p.caps.mask_effective = BIT(CAP_CHOWN);
	c.p.caps.mask_permitted = BIT(CAP_CHOWN);
	run_exec(&c);
	ASSERT_STR(c.err, "");
	ASSERT_INT(c.status, 0);
	/* root: the exec fills permitted (and effective) from the bounding set; no umask in the
	 * config means 0022; nothing preserved closes fd 3 too */
	ASSERT_STR(c.out, "0\n0\n0\n0022\n"
			  "CapInh:\t0000000000000000\n"
			  "CapPrm:\t0000000000000021\n"
			  "CapEff:\t0000000000000021\n"
			  "CapBnd:\t0000000000000021\n"
			  "CapAmb:\t0000000000000000\n"
			  "NoNewPrivs:\t0\n"
			  "fd3 closed\nfd4 closed\n/home/user\n");
}

/* the exit status is the program's own */
static void test_exec_status(void)
{
	struct exec_case c;
	static char script[] = "exit 7";

	setup(&c, script);
	run_exec(&c);
	ASSERT_STR(c.err, "");
	ASSERT_INT(c.status, 7);
}

static void test_exec_terminal(void)
{
	struct exec_case c;
	static char script[] = "test -t 0 && test -t 1 && test -t 2 && echo tty || echo notty";
	char buf[256];
	size_t used = 0;
	ssize_t n;
	int master, slave;

	/* above fds 3 and 4, which the child sets up itself */
	master = high_fd(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
	ASSERT_TRUE(master >= 20);
	ASSERT_INT(grantpt(master), 0);
	ASSERT_INT(unlockpt(master), 0);
	slave = high_fd(open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC));
	ASSERT_TRUE(slave >= 20);
	setup(&c, script);
	c.f.tty_slave = slave;
	run_exec(&c);
	(void)close(slave);
	ASSERT_STR(c.err, "");
	ASSERT_INT(c.status, 0);
	ASSERT_STR(c.out, ""); /* all of stdio went to the terminal */
	while (used < sizeof(buf) - 1 && (n = read(master, buf + used, sizeof(buf) - 1 - used)) > 0)
		used += (size_t)n;
	buf[used] = '\0';
	(void)close(master);
	ASSERT_STR(buf, "tty\r\n");
}

static void test_exec_missing_exe(void)
{
	struct exec_case c;
	static char script[] = "true";

	setup(&c, script);
	c.f.ident = (struct rt_identity){.uid = 1000, .gid = 1000};
	(void)snprintf(c.f.exe, sizeof(c.f.exe), "/nonexistent/prog");
	run_exec(&c);
	ASSERT_INT(c.status, -1);
	ASSERT_STR(c.err, "exec /nonexistent/prog: No such file or directory");
	/* it returned after the switch: the caller reports and exits */
	ASSERT_INT(c.uid_after, 1000);
}

static void test_exec_not_executable(void)
{
	struct exec_case c;
	static char script[] = "true";
	char p[PATH_MAX], want[PATH_MAX + 64];

	ut_path(p, "%s/not-executable", dir);
	ASSERT_INT(ut_write_file(p, "#!/bin/sh\n", 0644), 0);
	setup(&c, script);
	(void)snprintf(c.f.exe, sizeof(c.f.exe), "%s", p);
	c.f.ident = (struct rt_identity){.uid = 1000, .gid = 1000};
	run_exec(&c);
	ASSERT_INT(c.status, -1);
	ut_path(want, "exec %s: Permission denied", p);
	ASSERT_STR(c.err, want);
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	(void)chmod(dir, 0755);
	if (access("/bin/busybox", X_OK) < 0)
		return ut_bail_out("find /bin/busybox (busybox-static)");
	RUN(test_rlimits);
	RUN(test_exec_user_caps_nnp_fds);
	RUN(test_exec_root_defaults);
	RUN(test_exec_status);
	RUN(test_exec_terminal);
	RUN(test_exec_missing_exe);
	RUN(test_exec_not_executable);
	ut_rmrf(dir);
	UNIT_DONE();
}
