/* hooks: fork + execve of one lifecycle hook at a time, feeding it the state JSON and waiting
 * for it with a timeout on a pidfd. Called at the lifecycle points listed in hooks.h. */
#include "hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#define CAPTURE_MAX 400 /* per stream: the tail is what explains a failure */

struct capture {
	int fd; /* read end, -1 at EOF */
	size_t n;
	char buf[CAPTURE_MAX + 1];
};

struct hook_proc {
	pid_t pid;
	int pidfd;
	int in_fd;     /* write end of the hook's stdin, -1 once all is written */
	int status_fd; /* read end of the exec error pipe */
	const char *json;
	size_t len, off;
	struct capture cap[2]; /* stdout, stderr */
};

static void close_fd(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
	*fd = -1;
}

static void proc_close(struct hook_proc *p)
{
	close_fd(&p->pidfd);
	close_fd(&p->in_fd);
	close_fd(&p->status_fd);
	close_fd(&p->cap[0].fd);
	close_fd(&p->cap[1].fd);
}

/* In the child: stdio onto the pipes, the rest closed, signals as a fresh program expects. */
__attribute__((noreturn)) static void child_exec(const struct cfg_hook *h, int stdio[3], int status)
{
	char *const argv_path[] = {h->path, NULL};
	char *const env_none[] = {NULL};
	sigset_t none;
	int i, e;

	/* move up first: a pipe end may itself sit on 0, 1 or 2 */
	for (i = 0; i < 3; i++)
		stdio[i] = fcntl(stdio[i], F_DUPFD_CLOEXEC, 3);
	status = fcntl(status, F_DUPFD_CLOEXEC, 3);
	for (i = 0; i < 3; i++)
		if (stdio[i] < 0 || dup2(stdio[i], i) < 0)
			goto fail;
	/* only stdio reaches the hook, also from init where preserved fds are inheritable */
	(void)syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
	(void)sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	(void)signal(SIGPIPE, SIG_DFL);
	execve(h->path, h->args.n ? h->args.v : argv_path, h->env.v ? h->env.v : env_none);
fail:
	e = errno;
	(void)!write(status, &e, sizeof(e)); /* nothing else to do if the parent is gone */
	_exit(127);
}

static int pipe_pair(int fds[2], bool parent_reads, struct berr *err)
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		return berr_sys(err, "pipe");
	(void)fcntl(fds[parent_reads ? 0 : 1], F_SETFL, O_NONBLOCK);
	return 0;
}

static int spawn(const struct cfg_hook *h, struct hook_proc *p, struct berr *err)
{
	int in[2] = {-1, -1}, out[2] = {-1, -1}, errp[2] = {-1, -1}, st[2] = {-1, -1};
	int r;

	r = pipe_pair(in, false, err);
	if (r == 0)
		r = pipe_pair(out, true, err);
	if (r == 0)
		r = pipe_pair(errp, true, err);
	if (r == 0)
		r = pipe_pair(st, true, err);
	if (r == 0) {
		p->pid = fork();
		if (p->pid == 0)
			child_exec(h, (int[3]){in[0], out[1], errp[1]}, st[1]);
		if (p->pid < 0)
			r = berr_sys(err, "fork");
	}
	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&errp[1]);
	close_fd(&st[1]);
	p->in_fd = in[1];
	p->cap[0].fd = out[0];
	p->cap[1].fd = errp[0];
	p->status_fd = st[0];
	if (r == 0) {
		p->pidfd = (int)syscall(SYS_pidfd_open, p->pid, 0);
		if (p->pidfd < 0) {
			r = berr_sys(err, "pidfd_open");
			(void)kill(p->pid, SIGKILL);
			(void)waitpid(p->pid, NULL, 0);
		}
	}
	return r;
}

/* Keeps the tail of what the hook printed. */
static void capture_read(struct capture *c)
{
	char tmp[4096];
	ssize_t n;
	size_t k;

	for (;;) {
		n = read(c->fd, tmp, sizeof(tmp));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0 || errno != EAGAIN)
				close_fd(&c->fd);
			return;
		}
		k = (size_t)n > CAPTURE_MAX ? CAPTURE_MAX : (size_t)n;
		if (c->n + k > CAPTURE_MAX) {
			memmove(c->buf, c->buf + (c->n + k - CAPTURE_MAX), CAPTURE_MAX - k);
			c->n = CAPTURE_MAX - k;
		}
		memcpy(c->buf + c->n, tmp + (size_t)n - k, k);
		c->n += k;
	}
}

static void feed_stdin(struct hook_proc *p)
{
	ssize_t n;

	while (p->off < p->len) {
		n = write(p->in_fd, p->json + p->off, p->len - p->off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0)
			break; /* EPIPE: a hook need not read its stdin */
		p->off += (size_t)n;
	}
	close_fd(&p->in_fd); /* EOF tells the hook the document is complete */
}

static int remaining_ms(const struct timespec *deadline)
{
	struct timespec now;
	long long ms;

	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline->tv_sec - now.tv_sec) * 1000 +
	     (deadline->tv_nsec - now.tv_nsec + 999999) / 1000000;
	if (ms < 0)
		return 0;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* Pumps stdin and the captures until the hook exits; false when the deadline passed first. */
static bool wait_exit(struct hook_proc *p, const struct timespec *deadline)
{
	struct pollfd pf[4];
	int n, t;

	for (;;) {
		pf[0] = (struct pollfd){.fd = p->pidfd, .events = POLLIN};
		pf[1] = (struct pollfd){.fd = p->in_fd, .events = POLLOUT};
		pf[2] = (struct pollfd){.fd = p->cap[0].fd, .events = POLLIN};
		pf[3] = (struct pollfd){.fd = p->cap[1].fd, .events = POLLIN};
		t = deadline ? remaining_ms(deadline) : -1;
		n = poll(pf, 4, t);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 && deadline && remaining_ms(deadline) == 0)
			return false;
		if (pf[1].revents)
			feed_stdin(p);
		if (pf[2].revents)
			capture_read(&p->cap[0]);
		if (pf[3].revents)
			capture_read(&p->cap[1]);
		/* poll itself failing leaves only waitpid(), without the deadline */
		if (n < 0 || pf[0].revents)
			return true;
	}
}

/* Printable, single-line, without trailing blanks: it goes into a one-line error. */
static const char *clean(struct capture *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if ((unsigned char)c->buf[i] < 0x20 || c->buf[i] == 0x7f)
			c->buf[i] = ' ';
	while (c->n > 0 && c->buf[c->n - 1] == ' ')
		c->n--;
	c->buf[c->n] = '\0';
	return c->buf;
}

static int report(const char *what, struct hook_proc *p, int status, struct berr *err)
{
	char why[64];
	const char *out = clean(&p->cap[0]), *errs = clean(&p->cap[1]);
	int e = 0;

	if (read(p->status_fd, &e, sizeof(e)) == (ssize_t)sizeof(e) && e > 0)
		return berr_sys_code(err, e, "%s: exec", what);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		(void)snprintf(why, sizeof(why), "exit status %d", WEXITSTATUS(status));
	else
		(void)snprintf(why, sizeof(why), "killed by signal %d", WTERMSIG(status));
	return berr_set(err, ECANCELED, "%s: %s%s%s%s%s", what, why, *errs ? ", stderr: " : "",
			errs, *out ? ", stdout: " : "", out);
}

static int run_one(const struct cfg_hook *h, const char *what, const char *json, struct berr *err)
{
	struct hook_proc p = {.pidfd = -1, .in_fd = -1, .status_fd = -1, .json = json};
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	struct timespec deadline;
	bool exited;
	int status = 0, r;

	p.cap[0].fd = p.cap[1].fd = -1;
	p.len = strlen(json);
	r = spawn(h, &p, err);
	if (r < 0) {
		proc_close(&p);
		return berr_prefix(err, "%s", what);
	}
	if (h->timeout.set) {
		(void)clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += h->timeout.v;
	}
	/* a hook that exits without reading stdin must not kill us with SIGPIPE */
	(void)sigaction(SIGPIPE, &ign, &old);
	exited = wait_exit(&p, h->timeout.set ? &deadline : NULL);
	if (!exited)
		(void)kill(p.pid, SIGKILL);
	while (waitpid(p.pid, &status, 0) < 0 && errno == EINTR)
		;
	(void)sigaction(SIGPIPE, &old, NULL);
	/* what it wrote before exiting is in the pipes; a child it left behind may hold them
	 * open, so read without waiting for EOF */
	if (p.cap[0].fd >= 0)
		capture_read(&p.cap[0]);
	if (p.cap[1].fd >= 0)
		capture_read(&p.cap[1]);
	if (!exited)
		r = berr_set(err, ETIMEDOUT, "%s: timed out after %llds", what,
			     (long long)h->timeout.v);
	else
		r = report(what, &p, status, err);
	proc_close(&p);
	return r;
}

static void hook_name(char *buf, size_t len, const char *kind, size_t i, const char *path)
{
	(void)snprintf(buf, len, "hooks.%s[%zu]: %s", kind, i, path);
}

int rt_hooks_run(const struct cfg_hook_list *l, const char *kind, const char *state_json,
		 struct berr *err)
{
	char what[sizeof(err->msg)];
	size_t i;
	int r;

	for (i = 0; l && i < l->n; i++) {
		hook_name(what, sizeof(what), kind, i, l->v[i].path);
		r = run_one(&l->v[i], what, state_json, err);
		if (r < 0)
			return r;
	}
	return 0;
}

int rt_hooks_run_state(const struct cfg_hook_list *l, const char *kind, const struct rt_state *st,
		       enum rt_status status, struct berr *err)
{
	_cleanup_free_ char *json = NULL;

	if (!l || l->n == 0)
		return 0;
	json = rt_state_to_json(st, status);
	if (!json)
		return berr_set(err, ENOMEM, "hooks.%s: build the state document", kind);
	return rt_hooks_run(l, kind, json, err);
}

int rt_hooks_run_warn(const struct cfg_hook_list *l, const char *kind, const struct rt_state *st,
		      enum rt_status status)
{
	_cleanup_free_ char *json = NULL;
	struct berr err;
	char what[sizeof(err.msg)], msg[600];
	int failed = 0;
	size_t i;

	if (!l || l->n == 0)
		return 0;
	json = rt_state_to_json(st, status);
	for (i = 0; i < l->n; i++) {
		err = (struct berr){0};
		hook_name(what, sizeof(what), kind, i, l->v[i].path);
		if (!json)
			(void)berr_set(&err, ENOMEM, "%s: build the state document", what);
		else if (run_one(&l->v[i], what, json, &err) == 0)
			continue;
		log_warn("%s; continuing", berr_str(&err, msg, sizeof(msg)));
		failed++;
	}
	return failed;
}

bool rt_hooks_runtime_wanted(const struct cfg_spec *spec)
{
	return spec->hooks.prestart.n > 0 || spec->hooks.create_runtime.n > 0;
}
