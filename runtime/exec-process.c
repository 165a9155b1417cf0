/* exec-process: join the container's namespaces in an intermediate process, fork the new
 * process into them (CLONE_PARENT, so it is our child and joins the pid namespace), finish
 * it as init does and exec. Failures come back over a sync socket. */
#include "exec-process.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cgroup.h"
#include "cli.h"
#include "console.h"
#include "container-spawn.h"
#include "container.h"
#include "namespaces.h"
#include "process-attrs.h"
#include "process-exec.h"
#include "seccomp.h"
#include "state.h"
#include "sync.h"

/* Opens the namespaces of pid that differ from ours; fds[t] = -1 for shared ones. */
static int open_target_ns(pid_t pid, int fds[CFG_NS_COUNT], struct berr *err)
{
	struct stat theirs, ours;
	char path[64], self[64];
	int t;

	for (t = 0; t < CFG_NS_COUNT; t++)
		fds[t] = -1;
	for (t = 0; t < CFG_NS_COUNT; t++) {
		const char *name = t == CFG_NS_NETWORK ? "net"
				   : t == CFG_NS_MOUNT ? "mnt"
						       : cfg_ns_name((enum cfg_ns_type)t);

		(void)snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, name);
		(void)snprintf(self, sizeof(self), "/proc/self/ns/%s", name);
		if (stat(path, &theirs) < 0) {
			if (errno == ENOENT && t == CFG_NS_TIME)
				continue; /* a kernel without time namespaces */
			rt_ns_close(fds);
			return berr_sys(err, "open namespace %s", path);
		}
		if (stat(self, &ours) == 0 && ours.st_ino == theirs.st_ino)
			continue;
		fds[t] = open(path, O_RDONLY | O_CLOEXEC);
		if (fds[t] < 0) {
			rt_ns_close(fds);
			return berr_sys(err, "open namespace %s", path);
		}
	}
	return 0;
}

static int prepare_final(const struct rt_exec_req *req, struct rt_process_final *f,
			 struct berr *err)
{
	const struct cfg_process *p = req->process;
	int r;

	f->tty_slave = -1;
	f->exec_affinity = true;
	f->seccomp = NULL;
	f->preserve_fds = req->preserve_fds;
	f->setgroups = true;
	if (chdir(p->cwd) < 0)
		return berr_sys(err, "process.cwd: chdir to %s", p->cwd);
	r = rt_identity_resolve(&p->user, "/etc", &f->ident, err);
	if (r < 0)
		return r;
	f->env = rt_exec_env(p, f->ident.home, 0);
	if (!f->env)
		return berr_set(err, ENOMEM, "build process environment");
	r = rt_exec_lookup(p->args.v[0], f->env, f->exe, sizeof(f->exe), err);
	if (r == 0)
		r = rt_process_rlimits(p, err);
	if (r == 0 && req->seccomp)
		r = rt_seccomp_prepare(req->seccomp, &f->seccomp, err);
	if (r == 0 && p->terminal) {
		f->tty_slave = rt_console_new_pty(p, req->console_sock, NULL, 0, err);
		r = f->tty_slave < 0 ? f->tty_slave : 0;
	}
	return r;
}

__attribute__((noreturn)) static void child(const struct rt_exec_req *req, int sock)
{
	struct rt_process_final f;
	struct berr err = {0};
	sigset_t none;

	(void)sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	if (rt_sync_recv(sock, RT_SYNC_GO, NULL, "exec", &err) == 0 &&
	    prepare_final(req, &f, &err) == 0 &&
	    (!req->seccomp || !rt_seccomp_uses_notify(req->seccomp) ||
	     rt_process_seccomp_handover(&f, sock, &err) == 0))
		(void)rt_process_exec(req->process, &f, &err);
	(void)rt_sync_send(sock, RT_SYNC_ERROR, 0, &err, &err);
	_exit(127);
}

/* The container's cgroup, when the intermediate places the process itself: not rootless and
 * not into a user namespace (see init's self-move in container-create.c). */
struct exec_cg {
	struct rt_cgroup *cg; /* NULL: the parent moves the process in */
	int fd;		      /* the cgroup2 directory, or -1 */
};

/* After setns: the process, born in the cgroup2 directory when the kernel can; the v1 ones it
 * inherits from us (we moved in before setns, while the host's paths were ours). */
static pid_t clone_placed(const struct exec_cg *cg, struct berr *err)
{
	pid_t pid = -1;
	int fd;

	if (cg->fd >= 0)
		pid = rt_clone_into_cgroup(CLONE_PARENT, cg->fd);
	if (pid >= 0)
		return pid;
	pid = (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
	if (pid <= 0 || cg->fd < 0)
		return pid;
	/* a kernel without clone3 into a cgroup: the cgroup2 part by pid (paths are the
	 * container's now, the directory fd is still the host's) */
	fd = openat(cg->fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
	if (fd < 0 || dprintf(fd, "%d", pid) < 0) {
		(void)berr_sys(err, "move process %d into %s", pid, cg->cg->path[RT_CG_UNIFIED]);
		if (fd >= 0)
			(void)close(fd);
		(void)kill(pid, SIGKILL);
		return -1;
	}
	(void)close(fd);
	return pid;
}

__attribute__((noreturn)) static void intermediate(const struct rt_exec_req *req,
						   int fds[CFG_NS_COUNT], int sock,
						   const struct exec_cg *cg)
{
	struct berr err = {0};
	pid_t pid;

	/* our child shows up in the container's pid namespace holding host fds (the state
	 * root) until execve, which resets this: the container's processes must not ptrace it
	 * or open its /proc/<pid>/fd once it has dropped to their caps (CVE-2016-9962). Cannot
	 * fail with these arguments. */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (req->keep_fd >= 0)
		(void)close(req->keep_fd);
	if (req->relay_peer >= 0) {
		(void)close(req->console_sock);
		((struct rt_exec_req *)req)->console_sock = req->relay_peer;
	}
	if ((cg->cg && rt_cgroup_attach_self(cg->cg, cg->fd >= 0, &err) < 0) ||
	    rt_ns_join(fds, &err) < 0) {
		(void)rt_sync_send(sock, RT_SYNC_ERROR, 0, &err, &err);
		_exit(1);
	}
	rt_ns_close(fds);
	if (cg->cg)
		pid = clone_placed(cg, &err);
	else
		pid = (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		child(req, sock);
	if (pid < 0 && !err.msg[0])
		(void)berr_sys(&err, "clone exec process");
	(void)rt_sync_send(sock, pid < 0 ? RT_SYNC_ERROR : RT_SYNC_PID, pid, &err, &err);
	_exit(pid < 0);
}

/* The container's cgroup in *ret, NULL for a container without one (rootless). */
static int load_cgroup(int statefd, struct rt_cgroup **ret, struct berr *err)
{
	struct rt_cgroup *cg = malloc(sizeof(*cg));
	struct berr ignored;

	*ret = NULL;
	if (!cg)
		return berr_set(err, ENOMEM, "exec: load the container's cgroup");
	if (statefd < 0 || rt_cgroup_load(statefd, cg, &ignored) < 0 || cg->mode == RT_CGROUP_NONE)
		free(cg);
	else
		*ret = cg;
	return 0;
}

/* The process loaded a notify filter: its fd goes to listenerPath with the container's
 * state, the pid being the exec'd process the filter applies to. */
static int pass_seccomp_fd(const struct rt_exec_req *req, int sock, pid_t pid, struct berr *err)
{
	_cleanup_close_ int fd = rt_recv_fd(sock, err);
	_cleanup_free_ char *json = NULL;
	struct rt_state st;
	int r;

	if (fd < 0)
		return fd;
	st = *req->state;
	st.pid = pid;
	json = rt_state_to_json(&st, RT_STATUS_RUNNING);
	if (!json)
		return berr_set(err, ENOMEM, "linux.seccomp.listenerPath: state");
	r = rt_seccomp_send_listener(req->seccomp, json, fd, err);
	if (r == 0)
		r = rt_sync_send(sock, RT_SYNC_SECCOMP_DONE, 0, NULL, err);
	return r;
}

/* Until EOF (the process exec'd): a failure it reports, or its seccomp listener fd. */
static int wait_exec(const struct rt_exec_req *req, int sock, pid_t pid, struct berr *err)
{
	struct rt_sync_msg m;
	ssize_t n;
	int r;

	for (;;) {
		do
			n = recv(sock, &m, sizeof(m), 0);
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)sizeof(m))
			return 0;
		if (m.type == RT_SYNC_ERROR) {
			m.err.msg[sizeof(m.err.msg) - 1] = '\0';
			*err = m.err;
			return -(err->code > 0 ? err->code : EIO);
		}
		if (m.type != RT_SYNC_SECCOMP || !req->state || !req->seccomp)
			return berr_set(err, EPROTO, "exec: unexpected sync message %d", m.type);
		r = pass_seccomp_fd(req, sock, pid, err);
		if (r < 0)
			return r;
	}
}

int rt_exec_spawn(const struct rt_exec_req *req, pid_t *ret_pid, struct berr *err)
{
	int fds[CFG_NS_COUNT], sp[2], status, r;
	_cleanup_free_ struct rt_cgroup *cg = NULL;
	struct exec_cg place = {NULL, -1};
	struct rt_sync_msg m = {0};
	pid_t mid;

	r = open_target_ns(req->init_pid, fds, err);
	if (r < 0)
		return r;
	r = load_cgroup(req->keep_fd, &cg, err);
	if (r < 0) {
		rt_ns_close(fds);
		return r;
	}
	/* the cgroup before the process runs anything (runc's exec does the same) */
	if (cg && !rt_cli_is_rootless() && fds[CFG_NS_USER] < 0) {
		place.cg = cg;
		place.fd = rt_cgroup_open_unified(cg);
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0) {
		rt_ns_close(fds);
		if (place.fd >= 0)
			(void)close(place.fd);
		return berr_sys(err, "create sync socket");
	}
	mid = (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (mid == 0) {
		(void)close(sp[0]);
		intermediate(req, fds, sp[1], &place);
	}
	if (place.fd >= 0)
		(void)close(place.fd);
	rt_ns_close(fds);
	(void)close(sp[1]);
	if (mid < 0) {
		(void)close(sp[0]);
		return berr_sys(err, "fork to join the container");
	}
	r = rt_sync_recv(sp[0], RT_SYNC_PID, &m, "exec", err);
	while (waitpid(mid, &status, 0) < 0 && errno == EINTR)
		;
	if (r == 0 && cg && !place.cg)
		r = rt_cgroup_attach(cg, m.pid, err);
	/* execCPUAffinity.initial: where the process runs until it sets its final list */
	if (r == 0)
		r = rt_cpu_affinity_set(m.pid, req->process->exec_cpu_affinity.initial, err);
	if (r == 0)
		r = rt_sync_send(sp[0], RT_SYNC_GO, 0, NULL, err);
	if (r == 0)
		r = wait_exec(req, sp[0], m.pid, err);
	(void)close(sp[0]);
	if (r < 0) {
		if (m.pid > 0) /* reap what is left of a failed child */
			while (waitpid(m.pid, &status, 0) < 0 && errno == EINTR)
				;
		return r;
	}
	*ret_pid = m.pid;
	return 0;
}
