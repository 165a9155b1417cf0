/* test-console: rt_console_attach in a forked child on a fresh pty (session, controlling
 * terminal, stdio), and rt_console_setup in a child with its own mount namespace, where a
 * tmpfs /dev with a devpts instance stands in for the container's /dev. */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>

#include "../../../runtime/console.h"
#include "../../../runtime/sync.h"
#include "unit.h"
#include "rt-unit.h"

/* A pty pair: returns the master, *ret_slave the slave (both close-on-exec). */
static int new_pty(int *ret_slave)
{
	char name[64];
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), s;

	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 || ptsname_r(m, name, sizeof(name)))
		return -1;
	s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s < 0)
		return -1;
	*ret_slave = s;
	return m;
}

static void attach_child(void *arg)
{
	int master, slave = -1, saved, sid_ok, tty_ok, pgrp_ok;
	struct termios t;
	struct berr err = {0};
	char buf[64] = "";
	ssize_t n = 0;
	int r;

	(void)arg;
	master = new_pty(&slave);
	ASSERT_TRUE(master >= 0);
	/* no echo, no CR: what we read back is exactly what was written */
	ASSERT_INT(tcgetattr(slave, &t), 0);
	cfmakeraw(&t);
	ASSERT_INT(tcsetattr(slave, TCSANOW, &t), 0);
	(void)fflush(stdout);
	saved = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 10);
	ASSERT_TRUE(saved >= 0);
	r = rt_console_attach(slave, &err);
	/* from here fd 1 is the pty: collect, then restore stdout before asserting */
	sid_ok = getsid(0) == getpid();
	tty_ok = isatty(0) && isatty(1) && isatty(2) && tcgetsid(0) == getpid();
	pgrp_ok = tcgetpgrp(1) == getpgrp();
	if (r == 0 && write(STDOUT_FILENO, "hello", 5) == 5)
		n = read(master, buf, sizeof(buf) - 1);
	(void)dup2(saved, STDOUT_FILENO);
	ASSERT_INT(r, 0);
	ASSERT_TRUE(sid_ok);
	ASSERT_TRUE(tty_ok);
	ASSERT_TRUE(pgrp_ok);
	ASSERT_INT(n, 5);
	ASSERT_STR(buf, "hello");
	/* dup3 without O_CLOEXEC: stdio survives exec */
	ASSERT_INT(fcntl(0, F_GETFD) & FD_CLOEXEC, 0);
	ASSERT_INT(fcntl(2, F_GETFD) & FD_CLOEXEC, 0);
}

static void test_attach(void)
{
	ASSERT_CHILD_OK(attach_child, NULL);
}

static void attach_not_a_tty_child(void *arg)
{
	struct berr err = {0};
	char buf[600];
	int p[2];

	(void)arg;
	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	ASSERT_INT(rt_console_attach(p[0], &err), -ENOTTY);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "set controlling terminal: Inappropriate ioctl for device");
}

static void test_attach_not_a_tty(void)
{
	ASSERT_CHILD_OK(attach_not_a_tty_child, NULL);
}

static void attach_group_leader_child(void *arg)
{
	struct berr err = {0};
	char buf[600];
	int slave = -1;

	(void)arg;
	ASSERT_TRUE(new_pty(&slave) >= 0);
	ASSERT_INT(setpgid(0, 0), 0); /* a group leader cannot start a session */
	ASSERT_INT(rt_console_attach(slave, &err), -EPERM);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "setsid: Operation not permitted");
}

static void test_attach_group_leader(void)
{
	ASSERT_CHILD_OK(attach_group_leader_child, NULL);
}

/* In a private mount namespace: a tmpfs on /dev with a new devpts instance, as in a
 * container after pivot_root (runc's setupPtmx: /dev/ptmx -> pts/ptmx). */
static int container_dev(bool with_ptmx)
{
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return -errno;
	if (mount("tmpfs", "/dev", "tmpfs", MS_NOSUID, "mode=755") < 0)
		return -errno;
	if (!with_ptmx)
		return 0;
	if (mkdir("/dev/pts", 0755) < 0 ||
	    mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
		  "newinstance,ptmxmode=0666,mode=0620") < 0 ||
	    symlink("pts/ptmx", "/dev/ptmx") < 0)
		return -errno;
	return 0;
}

static void setup_child(void *arg)
{
	struct cfg_process p = {0};
	struct berr err = {0};
	struct stat con, sl;
	struct winsize ws;
	char buf[16] = "";
	int sp[2], slave, master;

	(void)arg;
	ASSERT_INT(container_dev(true), 0);
	ASSERT_INT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	p.terminal = true;
	p.console_height = (struct cfg_opt_u64){true, 30};
	p.console_width = (struct cfg_opt_u64){true, 100};
	slave = rt_console_setup(&p, sp[1], &err);
	ASSERT_INT(err.code, 0);
	ASSERT_TRUE(slave >= 0);
	ASSERT_TRUE(fcntl(slave, F_GETFD) & FD_CLOEXEC);
	/* the engine's end gets the master */
	master = rt_recv_fd(sp[0], &err);
	ASSERT_TRUE(master >= 0);
	ASSERT_TRUE(isatty(master));
	ASSERT_INT(ioctl(master, TIOCGPTN, &(unsigned int){0}), 0);
	/* /dev/console is the slave, bound */
	ASSERT_INT(stat("/dev/console", &con), 0);
	ASSERT_INT(fstat(slave, &sl), 0);
	ASSERT_TRUE(S_ISCHR(con.st_mode));
	ASSERT_INT(con.st_rdev, sl.st_rdev);
	/* process.consoleSize */
	ASSERT_INT(ioctl(master, TIOCGWINSZ, &ws), 0);
	ASSERT_INT(ws.ws_row, 30);
	ASSERT_INT(ws.ws_col, 100);
	/* and it is a working pair */
	ASSERT_INT(write(master, "x\n", 2), 2);
	ASSERT_TRUE(read(slave, buf, sizeof(buf) - 1) > 0);
	ASSERT_STR(buf, "x\n");
}

static void test_setup(void)
{
	ASSERT_CHILD_OK(setup_child, NULL);
}

static void setup_no_size_child(void *arg)
{
	struct cfg_process p = {.terminal = true};
	struct berr err = {0};
	struct winsize ws;
	int sp[2], slave, master;

	(void)arg;
	ASSERT_INT(container_dev(true), 0);
	ASSERT_INT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	slave = rt_console_setup(&p, sp[1], &err);
	ASSERT_TRUE(slave >= 0);
	master = rt_recv_fd(sp[0], &err);
	ASSERT_TRUE(master >= 0);
	ASSERT_INT(ioctl(master, TIOCGWINSZ, &ws), 0);
	ASSERT_INT(ws.ws_row, 0);
	ASSERT_INT(ws.ws_col, 0);
}

static void test_setup_without_size(void)
{
	ASSERT_CHILD_OK(setup_no_size_child, NULL);
}

static void setup_no_ptmx_child(void *arg)
{
	struct cfg_process p = {.terminal = true};
	struct berr err = {0};
	char buf[600];
	int sp[2];

	(void)arg;
	ASSERT_INT(container_dev(false), 0);
	ASSERT_INT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
	ASSERT_INT(rt_console_setup(&p, sp[1], &err), -ENOENT);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "open /dev/ptmx: No such file or directory");
	ASSERT_TRUE(access("/dev/console", F_OK) < 0); /* nothing made */
}

static void test_setup_without_ptmx(void)
{
	ASSERT_CHILD_OK(setup_no_ptmx_child, NULL);
}

static void setup_bad_socket_child(void *arg)
{
	struct cfg_process p = {.terminal = true};
	struct berr err = {0};
	char buf[600];
	int pp[2];

	(void)arg;
	ASSERT_INT(container_dev(true), 0);
	ASSERT_INT(pipe2(pp, O_CLOEXEC), 0);
	ASSERT_INT(rt_console_setup(&p, pp[1], &err), -ENOTSOCK);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "console socket: send fd over socket: Socket operation on non-socket");
}

static void test_setup_bad_socket(void)
{
	ASSERT_CHILD_OK(setup_bad_socket_child, NULL);
}

/* --console-socket: a listening socket connects; a missing one and an overlong path do not */
static void test_connect(void)
{
	char path[64], lng[200];
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct berr err = {0};
	int l, c;

	(void)snprintf(path, sizeof(path), "/tmp/berth-console-test-%d.sock", (int)getpid());
	(void)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_TRUE(l >= 0 && bind(l, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
		    listen(l, 1) == 0);
	c = rt_console_connect(path, &err);
	ASSERT_TRUE(c >= 0);
	(void)close(c);
	(void)close(l);
	(void)unlink(path);
	ASSERT_TRUE(rt_console_connect(path, &err) < 0);
	ASSERT_TRUE(strstr(err.msg, "--console-socket: connect to /tmp/berth-console-test-") !=
		    NULL);
	memset(lng, 'x', sizeof(lng) - 1);
	lng[0] = '/';
	lng[sizeof(lng) - 1] = '\0';
	ASSERT_INT(rt_console_connect(lng, &err), -ENAMETOOLONG);
}

int main(void)
{
	RUN(test_connect);
	RUN(test_attach);
	RUN(test_attach_not_a_tty);
	RUN(test_attach_group_leader);
	RUN(test_setup);
	RUN(test_setup_without_size);
	RUN(test_setup_without_ptmx);
	RUN(test_setup_bad_socket);
	UNIT_DONE();
}
