/* shim-vm: the VM shim's start: its own session and mount namespace (file shares are bound
 * into the state dir there, so they vanish with it), QEMU started behind a gate until create
 * has put it in the container's cgroup, the agent's hello and create, and the answer to create.
 * Then it serves (shim-loop.c) and exits with the container's status. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../runtime/base/cleanup.h"
#include "../runtime/base/log.h"
#include "../runtime/sync.h"
#include "../kvm-sandbox/vm-backend.h"
#include "shim-impl.h"

static int state_path(const struct shim *s, const char *name, char *buf, size_t len)
{
	return snprintf(buf, len, "%.4000s/%.60s", s->a->state_dir, name);
}

/* Each file share is a directory of its own in <state>/shares holding a bind of the file. */
static int bind_file_shares(struct shim *s, struct berr *err)
{
	char dir[PATH_MAX], dst[PATH_MAX * 2];
	bool any = false;
	size_t i;

	for (i = 0; i < s->a->n_shares; i++)
		any |= s->a->shares[i].is_file;
	if (!any)
		return 0;
	if (unshare(CLONE_NEWNS) < 0)
		return berr_sys(err, "vm shim: unshare the mount namespace for file shares");
	if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0)
		return berr_sys(err, "vm shim: make / a slave mount");
	state_path(s, "shares", dir, sizeof(dir));
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return berr_sys(err, "mkdir %s", dir);
	for (i = 0; i < s->a->n_shares; i++) {
		const struct vm_share *sh = &s->a->shares[i];
		const char *base = strrchr(sh->host, '/') + 1;
		int fd;

		if (!sh->is_file)
			continue;
		(void)snprintf(dst, sizeof(dst), "%s/%s", dir, sh->tag);
		if (mkdir(dst, 0755) < 0 && errno != EEXIST)
			return berr_sys(err, "mkdir %s", dst);
		(void)snprintf(dst, sizeof(dst), "%s/%s/%s", dir, sh->tag, *base ? base : "file");
		fd = open(dst, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		if (fd < 0)
			return berr_sys(err, "create %s", dst);
		(void)close(fd);
		if (mount(sh->host, dst, NULL, MS_BIND, NULL) < 0)
			return berr_sys(err, "mounts: bind %s for the VM", sh->host);
	}
	return 0;
}

static int listen_sock(struct shim *s, struct berr *err)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd;

	if ((size_t)state_path(s, SHIM_VM_SOCK, sa.sun_path, sizeof(sa.sun_path)) >=
	    sizeof(sa.sun_path))
		return berr_set(err, ENAMETOOLONG, "%s/%s: path too long for a socket",
				s->a->state_dir, SHIM_VM_SOCK);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return berr_sys(err, "socket");
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 16) < 0) {
		(void)close(fd);
		return berr_sys(err, "listen on %s", sa.sun_path);
	}
	s->listen_fd = fd;
	return 0;
}

static int spawn_qemu(struct shim *s, struct berr *err)
{
	char log[PATH_MAX];
	struct vm_boot b = {.argv = s->a->qemu_argv,
			    .guest_chan = s->a->qemu_chan,
			    .netns_fd = s->a->netns_fd,
			    .log = log,
			    .cg = s->a->cg};
	struct rt_sync_msg m;
	int gate[2], r;

	state_path(s, SHIM_QEMU_LOG, log, sizeof(log));
	if (pipe2(gate, O_CLOEXEC) < 0)
		return berr_sys(err, "pipe");
	s->qemu = s->backend->spawn(&b, gate[0], err);
	(void)close(gate[0]);
	(void)close(s->a->qemu_chan);
	if (s->qemu < 0) {
		(void)close(gate[1]);
		return (int)s->qemu;
	}
	/* create places QEMU in the container's cgroup, then we let it go */
	r = rt_sync_send(s->a->sync_fd, RT_SYNC_PID, s->qemu, NULL, err);
	if (r == 0)
		r = rt_sync_recv(s->a->sync_fd, RT_SYNC_GO, &m, "vm shim", err);
	if (r == 0 && write(gate[1], "g", 1) != 1)
		r = berr_sys(err, "release QEMU");
	(void)close(gate[1]);
	return r;
}

/* The last line QEMU or the guest console wrote: why a VM did not come up. */
static void why_not(struct shim *s, char *buf, size_t len)
{
	static const char *const files[] = {SHIM_QEMU_LOG, SHIM_CONSOLE_LOG};
	char path[PATH_MAX], line[512];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < 2 && !buf[0]; i++) {
		_cleanup_fclose_ FILE *f = NULL;

		state_path(s, files[i], path, sizeof(path));
		f = fopen(path, "re");
		while (f && fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0])
				(void)snprintf(buf, len, "%.300s", line);
		}
	}
}

static long long now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int vm_ended(struct shim *s, const char *what, struct berr *err)
{
	char why[400];

	why_not(s, why, sizeof(why));
	if (WIFSIGNALED(s->qemu_status))
		return berr_set(err, EIO, "%s: QEMU was killed by signal %d%s%s", what,
				WTERMSIG(s->qemu_status), why[0] ? ": " : "", why);
	return berr_set(err, EIO, "%s: the VM ended (QEMU exit status %d)%s%s", what,
			WEXITSTATUS(s->qemu_status), why[0] ? ": " : "", why);
}

/* Waits for the reply to request seq (other frames are handled as usual). Frames already
 * read come first: the reply may have arrived with the one before it. */
static int await_reply(struct shim *s, long long seq, const char *what, yajl_val *ret,
		       struct berr *err)
{
	long long got, end;
	const char *data;
	uint32_t stream;
	size_t len;
	int r;

	if (seq < 0)
		return (int)seq;
	end = now_ms() + SHIM_BOOT_TIMEOUT_MS;
	for (;;) {
		struct pollfd pf[2] = {
			{.fd = s->agent.fd,
			 .events = POLLIN | (proto_chan_queued(&s->agent) ? POLLOUT : 0)},
			{.fd = s->sigfd, .events = POLLIN}};
		struct signalfd_siginfo si;
		int st;

		while ((r = proto_chan_next(&s->agent, &stream, &data, &len, err)) == 1) {
			yajl_val msg = NULL;

			if (stream || proto_parse(data, len, &msg, err) < 0 ||
			    !proto_int(msg, "seq", &got) || got != seq) {
				yajl_tree_free(msg);
				shim_agent_frame(s, stream, data, len);
				continue;
			}
			*ret = msg;
			return 0;
		}
		if (r < 0)
			return r;
		if (now_ms() > end)
			return berr_set(err, ETIMEDOUT,
					"%s: the guest agent did not answer within %d s", what,
					SHIM_BOOT_TIMEOUT_MS / 1000);
		if (poll(pf, 2, 100) < 0 && errno != EINTR)
			return berr_sys(err, "poll");
		while (read(s->sigfd, &si, sizeof(si)) == sizeof(si))
			;
		if (waitpid(s->qemu, &st, WNOHANG) == s->qemu) {
			s->qemu_gone = true;
			s->qemu_status = st;
			return vm_ended(s, what, err);
		}
		if (pf[0].revents & POLLOUT && proto_chan_flush(&s->agent, err) < 0)
			return berr_prefix(err, "%s", what);
		if (!(pf[0].revents & (POLLIN | POLLHUP)))
			continue;
		r = proto_chan_fill(&s->agent, err);
		if (r == 0)
			continue; /* QEMU holds the socket until it ends */
		if (r < 0 && r != -EAGAIN)
			return r;
	}
}

static int check_reply(yajl_val msg, const char *what, struct berr *err)
{
	const char *e = proto_str(msg, "error");
	long long code = EIO;

	if (proto_bool(msg, "ok"))
		return 0;
	(void)proto_int(msg, "errno", &code);
	return berr_set(err, code > 0 && code < 4096 ? (int)code : EIO, "%s%s%s", e ? "" : what,
			e ? "" : ": failed", e ? e : "");
}

/* hello and create go out together: the agent answers in order, so the create is read as soon
 * as the agent is up, one round trip earlier; a failed hello's reply still comes first. */
static int boot(struct shim *s, pid_t *ret_pid, struct berr *err)
{
	struct proto_json j;
	yajl_val msg = NULL;
	char shares[VM_MAX_SHARES * 8 + 4], ids[48];
	long long pid = 0, hello, create;
	size_t i, off = 0;
	int r;

	pj_begin(&j);
	pj_str(&j, "op", "hello");
	pj_int(&j, "version", PROTO_VERSION);
	hello = shim_send(s, &j, SHIM_REQ_NONE, -1, 0, err);
	if (hello < 0)
		return (int)hello;
	off += (size_t)snprintf(shares, sizeof(shares), "[");
	for (i = 0; i < s->a->n_shares; i++)
		off += (size_t)snprintf(shares + off, sizeof(shares) - off, "%s\"%s\"",
					i ? "," : "", s->a->shares[i].tag);
	(void)snprintf(shares + off, sizeof(shares) - off, "]");
	(void)snprintf(ids, sizeof(ids), s->a->terminal ? "[1]" : "[1,2,3]");
	pj_begin(&j);
	pj_str(&j, "op", "create");
	pj_str(&j, "id", s->a->id);
	pj_raw(&j, "config", s->a->guest_config);
	pj_raw(&j, "shares", shares);
	pj_bool(&j, "terminal", s->a->terminal);
	pj_raw(&j, "stdio", ids);
	if (s->a->start)
		pj_bool(&j, "start", true);
	create = shim_send(s, &j, SHIM_REQ_NONE, -1, 0, err);
	if (create < 0)
		return (int)create;
	r = await_reply(s, hello, "starting the VM", &msg, err);
	if (r == 0)
		r = check_reply(msg, "hello", err);
	if (r == 0)
		log_debug("vm: guest kernel %s", proto_str(msg, "kernel") ?: "?");
	yajl_tree_free(msg);
	if (r < 0)
		return r;
	msg = NULL;
	r = await_reply(s, create, "create in the VM", &msg, err);
	if (r == 0)
		r = check_reply(msg, "create", err);
	if (r == 0)
		(void)proto_int(msg, "pid", &pid);
	yajl_tree_free(msg);
	*ret_pid = (pid_t)pid;
	return r;
}

static int setup_stdio(struct shim *s, struct berr *err)
{
	struct shim_vm_args *a = s->a;
	int null, r;

	if (!a->terminal)
		return shim_stream_add(s, 1, 0, -1, false, false, err) ?:
		       shim_stream_add(s, 2, -1, 1, false, false, err) ?:
		       shim_stream_add(s, 3, -1, 2, false, false, err);
	if (a->tty_stdio) {
		if (isatty(0) && tcgetattr(0, &s->saved) == 0) {
			struct termios raw = s->saved;

			cfmakeraw(&raw);
			s->raw_set = tcsetattr(0, TCSANOW, &raw) == 0;
		}
		return shim_stream_add(s, 1, 0, 1, false, true, err);
	}
	/* the engine holds the master; our stdio is not the container's */
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		(void)dup2(null, 0);
		(void)dup2(null, 1);
		(void)dup2(null, 2);
		(void)close(null);
	}
	if (a->detach)
		(void)ioctl(a->tty_fd, TIOCSCTTY, 0); /* so resizes reach us as SIGWINCH */
	r = shim_stream_add(s, 1, a->tty_fd, a->tty_fd, true, true, err);
	return r;
}

static int setup(struct shim *s, pid_t *ret_pid, struct berr *err)
{
	sigset_t all;
	int r;

	(void)sigfillset(&all);
	(void)sigdelset(&all, SIGKILL);
	(void)sigdelset(&all, SIGSTOP);
	(void)sigprocmask(SIG_BLOCK, &all, NULL);
	s->sigfd = signalfd(-1, &all, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s->sigfd < 0)
		return berr_sys(err, "signalfd");
	r = bind_file_shares(s, err);
	if (r == 0)
		r = listen_sock(s, err);
	if (r == 0)
		r = spawn_qemu(s, err);
	if (r == 0)
		r = setup_stdio(s, err);
	if (r == 0)
		r = boot(s, ret_pid, err);
	return r;
}

__attribute__((noreturn)) void shim_vm_main(struct shim_vm_args *a)
{
	static struct shim s;
	struct berr err = {0};
	pid_t guest_pid = 0;
	char path[PATH_MAX];
	int i, r;

	s.a = a;
	s.backend = &vm_backend_qemu;
	s.listen_fd = -1;
	s.next_stream = 16; /* 1-3: the container's stdio */
	for (i = 0; i < SHIM_MAX_CLIENTS; i++)
		s.clients[i].fd = -1;
	(void)prctl(PR_SET_NAME, "berth-shim");
	if (a->detach)
		(void)setsid();
	proto_chan_init(&s.agent, a->chan_fd, true);
	r = setup(&s, &guest_pid, &err);
	if (r < 0) {
		(void)rt_sync_send(a->sync_fd, RT_SYNC_ERROR, 0, &err, &err);
		s.backend->stop(s.qemu);
		_exit(1);
	}
	log_debug("vm: container %s is pid %d in the guest", a->id, guest_pid);
	(void)rt_sync_send(a->sync_fd, RT_SYNC_READY, guest_pid, NULL, &err);
	(void)close(a->sync_fd);
	if (a->tty_fd >= 0 || a->tty_stdio)
		shim_send_size(&s, a->tty_fd >= 0 ? a->tty_fd : 0, 1);
	shim_loop(&s);
	if (s.raw_set)
		(void)tcsetattr(0, TCSANOW, &s.saved);
	state_path(&s, SHIM_VM_SOCK, path, sizeof(path));
	(void)unlink(path);
	if (!s.exited)
		_exit(255); /* the VM ended without the container's exit status */
	if (s.exit_signal) {
		sigset_t one;

		(void)signal(s.exit_signal, SIG_DFL);
		(void)sigemptyset(&one);
		(void)sigaddset(&one, s.exit_signal);
		(void)sigprocmask(SIG_UNBLOCK, &one, NULL);
		(void)prctl(PR_SET_DUMPABLE, 0); /* no core file for SIGQUIT and friends */
		(void)kill(getpid(), s.exit_signal);
		_exit(128 + s.exit_signal);
	}
	_exit(s.exit_code);
}
