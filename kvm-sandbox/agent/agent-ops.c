/* agent-ops: the host's requests (PROTOCOL.md "Control messages"). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../../config/parse.h"
#include "../../runtime/base/cleanup.h"
#include "../../runtime/cli.h"
#include "../../runtime/container-create.h"
#include "../../runtime/sync.h"
#include "../vm-guest-config.h"
#include "agent.h"

#define NINE_P_OPTS "trans=virtio,version=9p2000.L,msize=262144,cache=mmap"

void agent_send(struct agent *a, struct proto_json *j)
{
	struct berr err;

	if (pj_end(j, &err) == 0)
		(void)proto_chan_queue(&a->chan, 0, j->s, j->len, &err);
	pj_free(j);
}

void agent_reply_err(struct agent *a, long long seq, const struct berr *e)
{
	char full[sizeof(e->msg) + 128];
	struct proto_json j;

	/* the whole line, as the CLI would print it */
	(void)snprintf(full, sizeof(full), "%s%s%s", e->msg, e->sys ? ": " : "",
		       e->sys ? strerror(e->code) : "");
	pj_begin(&j);
	pj_int(&j, "seq", seq);
	pj_bool(&j, "ok", false);
	pj_str(&j, "error", full);
	pj_int(&j, "errno", e->code);
	agent_send(a, &j);
}

void agent_reply_ok(struct agent *a, long long seq, const char *extra_key, long long extra)
{
	struct proto_json j;

	pj_begin(&j);
	pj_int(&j, "seq", seq);
	pj_bool(&j, "ok", true);
	if (extra_key)
		pj_int(&j, extra_key, extra);
	agent_send(a, &j);
}

static int write_file(const char *path, const char *text, struct berr *err)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	size_t len = strlen(text);

	if (fd < 0)
		return berr_sys(err, "create %s", path);
	if (write(fd, text, len) != (ssize_t)len)
		return berr_sys(err, "write %s", path);
	return 0;
}

static int listen_at(const char *path, struct berr *err)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return berr_sys(err, "socket");
	(void)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 4) < 0) {
		(void)close(fd);
		return berr_sys(err, "listen on %s", path);
	}
	return fd;
}

/* The pty master a berth create/exec sent to the socket it was given. */
static int take_master(int lfd, struct berr *err)
{
	_cleanup_close_ int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

	if (c < 0)
		return berr_sys(err, "accept console connection");
	return rt_recv_fd(c, err);
}

static int mount_9p(const char *tag, const char *dir, struct berr *err)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return berr_sys(err, "mkdir %s", dir);
	if (mount(tag, dir, "9p", 0, NINE_P_OPTS) < 0)
		return berr_sys(err, "mount 9p share %s on %s", tag, dir);
	return 0;
}

static int mount_shares(yajl_val msg, const char *bundle, struct berr *err)
{
	yajl_val sh = cfg_member(msg, "shares");
	char dir[PATH_MAX];
	size_t i;
	int r;

	(void)snprintf(dir, sizeof(dir), "%.400s/rootfs", bundle);
	r = mount_9p("rootfs", dir, err);
	if (r < 0 || !YAJL_IS_ARRAY(sh))
		return r;
	if (mkdir(VM_GUEST_SHARES, 0755) < 0 && errno != EEXIST)
		return berr_sys(err, "mkdir %s", VM_GUEST_SHARES);
	for (i = 0; i < sh->u.array.len; i++) {
		const char *tag = YAJL_GET_STRING(sh->u.array.values[i]);

		if (!tag || strchr(tag, '/') || tag[0] == '.')
			return berr_set(err, EINVAL, "shares[%zu]: bad tag", i);
		(void)snprintf(dir, sizeof(dir), VM_GUEST_SHARES "/%s", tag);
		r = mount_9p(tag, dir, err);
		if (r < 0)
			return r;
	}
	return 0;
}

static int stream_ids(yajl_val msg, uint32_t ids[3], int want, struct berr *err)
{
	yajl_val v = cfg_member(msg, "stdio");
	int i;

	if (!YAJL_IS_ARRAY(v) || (int)v->u.array.len != want)
		return berr_set(err, EINVAL, "stdio: want %d stream ids", want);
	for (i = 0; i < want; i++) {
		yajl_val e = v->u.array.values[i];

		if (!YAJL_IS_INTEGER(e) || YAJL_GET_INTEGER(e) <= 0 ||
		    YAJL_GET_INTEGER(e) > UINT32_MAX)
			return berr_set(err, EINVAL, "stdio[%d]: bad stream id", i);
		ids[i] = (uint32_t)YAJL_GET_INTEGER(e);
	}
	return 0;
}

/* Pipes for a process without a terminal: child ends in kid[], ours registered as streams. */
static int make_pipes(struct agent *a, const uint32_t ids[3], int kid[3], struct berr *err)
{
	int p[3][2], i, r = 0;

	for (i = 0; i < 3; i++) {
		if (pipe2(p[i], O_CLOEXEC) < 0) {
			r = berr_sys(err, "pipe");
			while (i--) {
				(void)close(p[i][0]);
				(void)close(p[i][1]);
			}
			return r;
		}
	}
	kid[0] = p[0][0];
	kid[1] = p[1][1];
	kid[2] = p[2][1];
	(void)agent_stream_add(a, ids[0], p[0][1], false, true, err);
	(void)agent_stream_add(a, ids[1], p[1][0], true, false, err);
	(void)agent_stream_add(a, ids[2], p[2][0], true, false, err);
	return 0;
}

static void close3(int fds[3])
{
	int i;

	for (i = 0; i < 3; i++)
		if (fds[i] >= 0)
			(void)close(fds[i]);
}

static pid_t read_pid(const char *path)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	int pid = 0;

	if (!f || fscanf(f, "%d", &pid) != 1)
		return 0;
	return pid;
}

/* The library's create, run by the agent itself (no process to spawn, errors come back as
 * they are): what the CLI would do with `berth create --isolation container`. The container's
 * stdio is the creating process's own fds 0-2, so those are the container's for the call. */
static pid_t create_in_process(const char *id, const char *bundle, const char *pidf,
			       const char *console, bool start, const int kid[3], struct berr *err)
{
	struct rt_create_opts o = {.root = AGENT_STATE,
				   .id = id,
				   .bundle = bundle,
				   .pid_file = pidf,
				   .console_socket = console,
				   .isolation = "container",
				   .start_now = start};
	struct rt_created made;
	int saved[3], null = open("/dev/null", O_RDWR | O_CLOEXEC), i, r;

	for (i = 0; i < 3; i++) {
		saved[i] = fcntl(i, F_DUPFD_CLOEXEC, 10);
		(void)dup2(kid[i] >= 0 ? kid[i] : null, i);
	}
	arg_global.root = AGENT_STATE;
	r = rt_container_create(&o, &made, err);
	for (i = 0; i < 3; i++) {
		(void)dup2(saved[i] >= 0 ? saved[i] : null, i);
		if (saved[i] >= 0)
			(void)close(saved[i]);
	}
	if (null >= 0)
		(void)close(null);
	if (r < 0)
		return r;
	(void)close(made.statefd);
	(void)close(made.rootfd);
	return made.pid;
}

static int do_create(struct agent *a, yajl_val msg, struct berr *err)
{
	const char *id = proto_str(msg, "id");
	_cleanup_free_ char *config = proto_member_json(msg, "config");
	bool tty = proto_bool(msg, "terminal");
	char bundle[512], path[PATH_MAX], pidf[PATH_MAX], sock[108];
	int kid[3] = {-1, -1, -1}, r, lfd = -1, master;
	uint32_t ids[3];
	struct agent_proc *p;
	pid_t pid;

	if (!id || !*id || strchr(id, '/') || !config)
		return berr_set(err, EINVAL, "create: id and config are required");
	if (a->id[0])
		return berr_set(err, EEXIST, "create: this VM already holds container %s", a->id);
	r = stream_ids(msg, ids, tty ? 1 : 3, err);
	if (r < 0)
		return r;
	(void)snprintf(bundle, sizeof(bundle), AGENT_RUN "/%.400s", id);
	(void)snprintf(path, sizeof(path), "%s/config.json", bundle);
	(void)snprintf(pidf, sizeof(pidf), "%s/pid", bundle);
	(void)snprintf(sock, sizeof(sock), AGENT_RUN "/console.sock");
	if (mkdir(bundle, 0700) < 0)
		return berr_sys(err, "mkdir %s", bundle);
	r = mount_shares(msg, bundle, err);
	if (r == 0)
		r = write_file(path, config, err);
	if (r == 0 && tty)
		r = lfd = listen_at(sock, err);
	if (r == 0 && !tty)
		r = make_pipes(a, ids, kid, err);
	if (r < 0)
		return r;
	pid = create_in_process(id, bundle, pidf, tty ? sock : NULL, proto_bool(msg, "start"), kid,
				err);
	r = pid < 0 ? (int)pid : 0;
	close3(kid);
	if (r == 0 && tty) {
		master = take_master(lfd, err);
		r = master < 0 ? master : agent_stream_add(a, ids[0], master, true, true, err);
	}
	if (lfd >= 0)
		(void)close(lfd);
	if (r < 0) {
		for (int i = 0; i < (tty ? 1 : 3); i++)
			agent_stream_close(a, ids[i]);
		return r;
	}
	a->init_pid = pid;
	p = agent_proc_add(a, a->init_pid, 0);
	if (p) {
		p->n_streams = tty ? 1 : 3;
		memcpy(p->streams, ids, sizeof(ids));
	}
	(void)snprintf(a->id, sizeof(a->id), "%s", id);
	return a->init_pid;
}

/* start runs in the agent itself: the library's start, without a process to spawn */
static int do_start(struct agent *a, struct berr *err)
{
	char *argv[] = {(char *)"start", a->id, NULL};
	int r;

	if (!a->id[0])
		return berr_set(err, ENOENT, "start: no container");
	arg_global.root = AGENT_STATE;
	r = rt_cmd_start(2, argv, err);
	return r > 0 ? -EIO : r;
}

static int do_kill(struct agent *a, yajl_val msg, struct berr *err)
{
	long long sig = 0, ref = 0;
	int i;
	char num[16], log[PATH_MAX];
	int none[3] = {-1, -1, -1};
	pid_t pid;

	if (!proto_int(msg, "signal", &sig) || sig <= 0 || sig >= 65)
		return berr_set(err, EINVAL, "kill: signal: missing or out of range");
	if (!a->id[0])
		return berr_set(err, ENOENT, "kill: no container");
	if (proto_bool(msg, "all")) {
		const char *argv[] = {"berth", "--root", AGENT_STATE, "--log", log, "--log-format",
				      "json",  "kill",	 "--all",     a->id,   num, NULL};

		(void)snprintf(num, sizeof(num), "%lld", sig);
		(void)snprintf(log, sizeof(log), AGENT_RUN "/%.400s/kill.log", a->id);
		pid = agent_cli_spawn(argv, none, err);
		return pid < 0 ? (int)pid : agent_cli_wait(pid, log, "kill", err);
	}
	if (proto_int(msg, "exec", &ref) && ref > 0) {
		for (i = 0; i < a->n_procs; i++)
			if (a->procs[i].ref == (uint32_t)ref)
				return kill(a->procs[i].pid, (int)sig) < 0 ? berr_sys(err, "kill")
									   : 0;
		return berr_set(err, ESRCH, "exec %lld is not running", ref);
	}
	if (!a->init_pid)
		return berr_set(err, ESRCH, "container not running");
	if (kill(a->init_pid, (int)sig) < 0)
		return berr_sys(err, "kill %d", a->init_pid);
	return 0;
}

struct exec_files {
	char process[PATH_MAX], sock[108], log[PATH_MAX], pid[PATH_MAX];
};

/* argv for the guest's `berth exec --detach`: options, --process, the terminal, id, args. */
static const char **exec_argv(struct agent *a, yajl_val spec, const struct exec_files *f,
			      bool with_process, bool tty)
{
	yajl_val opts = cfg_member(spec, "options"), args = cfg_member(spec, "args");
	/* 17 words besides the two lists, and the NULL */
	size_t n = 18 + (YAJL_IS_ARRAY(opts) ? opts->u.array.len : 0) +
		   (YAJL_IS_ARRAY(args) ? args->u.array.len : 0);
	const char **v = calloc(n, sizeof(char *));
	const char *fixed[] = {"berth", "--root", AGENT_STATE, "--log",	     f->log, "--log-format",
			       "json",	"exec",	  "--detach",  "--pid-file", f->pid};
	size_t i, k = 0;

	if (!v)
		return NULL;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		v[k++] = fixed[i];
	for (i = 0; YAJL_IS_ARRAY(opts) && i < opts->u.array.len; i++)
		if (YAJL_IS_STRING(opts->u.array.values[i]))
			v[k++] = YAJL_GET_STRING(opts->u.array.values[i]);
	if (with_process) {
		v[k++] = "--process";
		v[k++] = f->process;
	}
	if (tty) {
		v[k++] = "--tty";
		v[k++] = "--console-socket";
		v[k++] = f->sock;
	}
	v[k++] = a->id;
	for (i = 0; YAJL_IS_ARRAY(args) && i < args->u.array.len; i++)
		if (YAJL_IS_STRING(args->u.array.values[i]))
			v[k++] = YAJL_GET_STRING(args->u.array.values[i]);
	return v;
}

/* Runs the guest's berth exec --detach and waits for it: its errors are the exec's errors,
 * exactly as container mode reports them; the process it started is then ours (PID 1). */
static pid_t start_exec(struct agent *a, yajl_val spec, const struct exec_files *f,
			bool with_process, bool tty, const int kid[3], struct berr *err)
{
	const char **argv = exec_argv(a, spec, f, with_process, tty);
	pid_t pid, proc;
	int r;

	if (!argv)
		return berr_set(err, ENOMEM, "exec: out of memory");
	pid = agent_cli_spawn(argv, kid, err);
	free((void *)argv);
	r = pid < 0 ? (int)pid : agent_cli_wait(pid, f->log, "exec", err);
	if (r < 0)
		return r;
	proc = read_pid(f->pid);
	return proc > 0 ? proc : berr_set(err, EIO, "exec: no pid in %s", f->pid);
}

static int do_exec(struct agent *a, yajl_val msg, struct berr *err)
{
	yajl_val spec = cfg_member(msg, "spec");
	_cleanup_free_ char *process = spec ? proto_member_json(spec, "process") : NULL;
	bool tty = proto_bool(msg, "terminal");
	int kid[3] = {-1, -1, -1}, r = 0, lfd = -1, master, i;
	struct exec_files f;
	long long ref = 0;
	uint32_t ids[3];
	struct agent_proc *p;
	pid_t pid;

	if (!YAJL_IS_OBJECT(spec) || !proto_int(msg, "exec", &ref) || ref <= 0 || ref > UINT32_MAX)
		return berr_set(err, EINVAL, "exec: exec and spec are required");
	if (!a->init_pid)
		return berr_set(err, ESRCH, "exec: the container is not running");
	if (a->n_procs == AGENT_MAX_PROCS)
		return berr_set(err, EAGAIN, "exec: too many processes at once");
	r = stream_ids(msg, ids, tty ? 1 : 3, err);
	if (r < 0)
		return r;
	a->n_execs++;
	(void)snprintf(f.process, sizeof(f.process), AGENT_RUN "/%.400s/exec-%u.json", a->id,
		       a->n_execs);
	(void)snprintf(f.log, sizeof(f.log), AGENT_RUN "/%.400s/exec-%u.log", a->id, a->n_execs);
	(void)snprintf(f.pid, sizeof(f.pid), AGENT_RUN "/%.400s/exec-%u.pid", a->id, a->n_execs);
	(void)snprintf(f.sock, sizeof(f.sock), AGENT_RUN "/exec-%u.sock", a->n_execs);
	if (process)
		r = write_file(f.process, process, err);
	if (r == 0 && tty)
		r = lfd = listen_at(f.sock, err);
	if (r == 0 && !tty)
		r = make_pipes(a, ids, kid, err);
	if (r >= 0) {
		pid = start_exec(a, spec, &f, process != NULL, tty, kid, err);
		r = pid < 0 ? (int)pid : 0;
	}
	close3(kid);
	if (r == 0 && tty) {
		master = take_master(lfd, err);
		r = master < 0 ? master : agent_stream_add(a, ids[0], master, true, true, err);
	}
	if (lfd >= 0) {
		(void)close(lfd);
		(void)unlink(f.sock);
	}
	if (r < 0) {
		for (i = 0; !tty && i < 3; i++)
			agent_stream_close(a, ids[i]);
		return r;
	}
	p = agent_proc_add(a, pid, (uint32_t)ref);
	p->n_streams = tty ? 1 : 3;
	memcpy(p->streams, ids, sizeof(ids));
	return pid;
}

/* update: the guest's berth update with the host's options, -r as a file of its own */
static int do_update(struct agent *a, yajl_val msg, struct berr *err)
{
	yajl_val opts = cfg_member(msg, "options");
	_cleanup_free_ char *res = proto_member_json(msg, "resources");
	char file[PATH_MAX], log[PATH_MAX];
	int none[3] = {-1, -1, -1}, r = 0;
	size_t n = 12 + (YAJL_IS_ARRAY(opts) ? opts->u.array.len : 0), i, k = 0;
	const char **v;
	pid_t pid;

	if (!a->init_pid)
		return berr_set(err, ESRCH, "container not running");
	(void)snprintf(file, sizeof(file), AGENT_RUN "/%.400s/update.json", a->id);
	(void)snprintf(log, sizeof(log), AGENT_RUN "/%.400s/update.log", a->id);
	if (res)
		r = write_file(file, res, err);
	v = calloc(n, sizeof(char *));
	if (r < 0 || !v) {
		free((void *)v);
		return r < 0 ? r : berr_set(err, ENOMEM, "update: out of memory");
	}
	v[k++] = "berth";
	v[k++] = "--root";
	v[k++] = AGENT_STATE;
	v[k++] = "--log";
	v[k++] = log;
	v[k++] = "--log-format";
	v[k++] = "json";
	v[k++] = "update";
	for (i = 0; YAJL_IS_ARRAY(opts) && i < opts->u.array.len; i++)
		if (YAJL_IS_STRING(opts->u.array.values[i]))
			v[k++] = YAJL_GET_STRING(opts->u.array.values[i]);
	if (res) {
		v[k++] = "-r";
		v[k++] = file;
	}
	v[k++] = a->id;
	pid = agent_cli_spawn(v, none, err);
	free((void *)v);
	return pid < 0 ? (int)pid : agent_cli_wait(pid, log, "update", err);
}

static int do_resize(struct agent *a, yajl_val msg, struct berr *err)
{
	long long id = 0, rows = 0, cols = 0;
	struct agent_stream *s;
	struct winsize ws = {0};

	if (!proto_int(msg, "stream", &id) || !proto_int(msg, "rows", &rows) ||
	    !proto_int(msg, "cols", &cols) || rows < 0 || cols < 0 || rows > 65535 || cols > 65535)
		return berr_set(err, EINVAL, "resize: stream, rows and cols are required");
	s = agent_stream_find(a, (uint32_t)id);
	if (!s || !(s->in && s->out))
		return berr_set(err, ENOENT, "resize: stream %lld is not a terminal", id);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	if (ioctl(s->fd, TIOCSWINSZ, &ws) < 0)
		return berr_sys(err, "resize: TIOCSWINSZ");
	return 0;
}

static int do_hello(struct agent *a, long long seq, yajl_val msg, struct berr *err)
{
	long long v = 0;
	struct utsname u;
	struct proto_json j;

	if (!proto_int(msg, "version", &v) || v != PROTO_VERSION)
		return berr_set(err, EPROTONOSUPPORT, "hello: version %lld is not %d", v,
				PROTO_VERSION);
	(void)uname(&u);
	pj_begin(&j);
	pj_int(&j, "seq", seq);
	pj_bool(&j, "ok", true);
	pj_int(&j, "version", PROTO_VERSION);
	pj_str(&j, "kernel", u.release);
	agent_send(a, &j);
	return 0;
}

void agent_op(struct agent *a, yajl_val msg)
{
	const char *op = proto_str(msg, "op");
	long long seq = 0;
	struct berr err = {0};
	int r;

	(void)proto_int(msg, "seq", &seq);
	if (!op) {
		r = berr_set(&err, EINVAL, "op: missing");
	} else if (!strcmp(op, "hello")) {
		r = do_hello(a, seq, msg, &err);
		if (r == 0)
			return;
	} else if (!strcmp(op, "create")) {
		r = do_create(a, msg, &err);
		if (r > 0) {
			agent_reply_ok(a, seq, "pid", r);
			return;
		}
	} else if (!strcmp(op, "start")) {
		r = do_start(a, &err);
	} else if (!strcmp(op, "kill")) {
		r = do_kill(a, msg, &err);
	} else if (!strcmp(op, "exec")) {
		r = do_exec(a, msg, &err);
		if (r > 0) {
			agent_reply_ok(a, seq, "pid", r);
			return;
		}
	} else if (!strcmp(op, "update")) {
		r = do_update(a, msg, &err);
	} else if (!strcmp(op, "resize")) {
		r = do_resize(a, msg, &err);
	} else if (!strcmp(op, "shutdown")) {
		a->shutting_down = true;
		r = 0;
	} else {
		r = berr_set(&err, ENOSYS, "op: unknown operation \"%s\"", op);
	}
	if (r < 0)
		agent_reply_err(a, seq, &err);
	else
		agent_reply_ok(a, seq, NULL, 0);
}
