/* run-wait: one poll loop over a signalfd (forwarding and SIGCHLD) and, with a terminal,
 * stdin and the pty master, as runc's foreground run does. */
#include "run-wait.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "notify-socket.h"

int rt_exit_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return 255;
}

static void all_signals(sigset_t *set)
{
	(void)sigfillset(set);
	/* these cannot be caught, and synchronous faults must stay ours */
	(void)sigdelset(set, SIGKILL);
	(void)sigdelset(set, SIGSTOP);
	(void)sigdelset(set, SIGSEGV);
	(void)sigdelset(set, SIGBUS);
	(void)sigdelset(set, SIGILL);
	(void)sigdelset(set, SIGFPE);
}

int rt_run_block_signals(struct berr *err)
{
	sigset_t set;

	all_signals(&set);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return berr_sys(err, "block signals");
	/* orphans of a container sharing our pid namespace are reparented to us, and reaped */
	(void)prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	return 0;
}

static void copy_winsize(int master)
{
	struct winsize ws;

	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0)
		(void)ioctl(master, TIOCSWINSZ, &ws);
}

/* Copies what is readable from in to out; false at EOF or error. */
static bool pump(int in, int out)
{
	char buf[8192];
	ssize_t n = read(in, buf, sizeof(buf)), w, off = 0;

	if (n <= 0)
		return n < 0 && (errno == EINTR || errno == EAGAIN);
	while (off < n) {
		w = write(out, buf + off, (size_t)(n - off));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		off += w;
	}
	return true;
}

/* Reaps every child that has exited; returns true when pid was among them. */
static bool reap(pid_t pid, int *status)
{
	bool done = false;
	pid_t w;
	int st;

	while ((w = waitpid(-1, &st, WNOHANG)) > 0) {
		if (w == pid) {
			*status = st;
			done = true;
		}
	}
	return done;
}

static void handle_signal(int sfd, pid_t pid, int master)
{
	struct signalfd_siginfo si;

	while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			continue;
		if (si.ssi_signo == SIGWINCH && master >= 0)
			copy_winsize(master);
		else
			(void)kill(pid, (int)si.ssi_signo);
	}
}

/* A READY from the container on the notify socket goes to the caller's NOTIFY_SOCKET;
 * returns the fd to keep polling (-1 once READY was forwarded). */
static int relay_notify(int nfd, pid_t pid)
{
	char ready[256];
	struct berr e;

	if (rt_notify_recv_ready(nfd, ready, sizeof(ready), &e) <= 0)
		return nfd;
	if (rt_notify_forward(rt_notify_host_socket(), ready, pid, 5000, &e) < 0)
		log_warn("%s; continuing", e.msg);
	return -1;
}

int rt_run_wait(pid_t pid, int master, struct berr *err)
{
	return rt_run_wait_notify(pid, master, -1, err);
}

int rt_run_wait_notify(pid_t pid, int master, int nfd, struct berr *err)
{
	_cleanup_close_ int sfd = -1;
	struct termios saved, raw;
	bool restore = false, in_open = master >= 0;
	int status = 0;
	sigset_t set;

	all_signals(&set);
	sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0)
		return berr_sys(err, "signalfd");
	if (master >= 0 && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0) {
		raw = saved;
		cfmakeraw(&raw);
		restore = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
		copy_winsize(master);
	}
	while (!reap(pid, &status)) {
		struct pollfd p[4] = {{.fd = sfd, .events = POLLIN},
				      {.fd = in_open ? STDIN_FILENO : -1, .events = POLLIN},
				      {.fd = master, .events = POLLIN},
				      {.fd = nfd, .events = POLLIN}};

		if (poll(p, 4, -1) < 0 && errno != EINTR)
			break;
		if (p[3].revents)
			nfd = relay_notify(nfd, pid);
		if (p[0].revents)
			handle_signal(sfd, pid, master);
		if (p[1].revents && !pump(STDIN_FILENO, master))
			in_open = false;
		if (p[2].revents && !pump(master, STDOUT_FILENO))
			master = -1; /* the slave side closed: just wait for the exit */
	}
	/* drain what the container wrote just before exiting */
	if (master >= 0) {
		(void)fcntl(master, F_SETFL, O_NONBLOCK);
		while (pump(master, STDOUT_FILENO))
			;
	}
	if (restore)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	return rt_exit_status(status);
}
