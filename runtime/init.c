/* init: the container's first process between clone() and execve(). It never prints: a
 * failure goes to the parent as a berr over the sync socket (or to `start` through the exec
 * gate) and the process _exit()s. Order follows runc: namespaces, rootfs, console, process. */
#include "container.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "capabilities.h"
#include "console.h"
#include "exec-gate.h"
#include "hooks.h"
#include "identity.h"
#include "mount-idmap.h"
#include "namespaces.h"
#include "netlink-lo.h"
#include "process-attrs.h"
#include "process-exec.h"
#include "rootfs.h"
#include "seccomp.h"
#include "sync.h"
#include "sysctl.h"
#include "timens.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#define KEYCTL_JOIN_SESSION_KEYRING 1

/* What stage 1 hands to stage 2 (after the start signal). */
struct init_prep {
	struct rt_process_final final;
};

static int set_names(const struct cfg_spec *s, struct berr *err)
{
	if (s->hostname && sethostname(s->hostname, strlen(s->hostname)) < 0)
		return berr_sys(err, "hostname: sethostname");
	if (s->domainname && setdomainname(s->domainname, strlen(s->domainname)) < 0)
		return berr_sys(err, "domainname: setdomainname");
	return 0;
}

/* Between mounts and pivot_root: the parent runs prestart + createRuntime in the runtime's
 * namespaces, then we run createContainer in the container's (runtime-spec runtime.md). */
static int container_hooks(struct rt_container *c, struct berr *err)
{
	struct rt_state st;
	int r;

	if (rt_hooks_runtime_wanted(c->spec)) {
		r = rt_sync_send(c->sync_child, RT_SYNC_HOOKS, 0, NULL, err);
		if (r == 0)
			r = rt_sync_recv(c->sync_child, RT_SYNC_HOOKS_DONE, NULL, "init", err);
		if (r < 0)
			return r;
	}
	rt_container_state(c, &st);
	st.pid = getpid(); /* in the container's namespaces, as runc reports it there */
	return rt_hooks_run_state(&c->spec->hooks.create_container, "createContainer", &st,
				  RT_STATUS_CREATING, err);
}

static int setup_rootfs(struct rt_container *c, struct init_prep *prep, struct berr *err)
{
	const struct cfg_spec *s = c->spec;
	struct rt_rootfs_ctx rc = {
		.spec = s,
		.rootfs = c->rootfs,
		.no_pivot = c->no_pivot,
		.in_userns = c->new_userns,
		.idmap_fds = c->idmap_fds,
	};
	int r, slave;

	r = rt_rootfs_mount_all(&rc, err);
	/* moved in place (or failed): the detached mounts are not needed any more */
	rt_idmap_mounts_close(&c->idmap_fds, s->n_mounts);
	if (r < 0)
		return r;
	r = container_hooks(c, err);
	if (r < 0)
		return r;
	r = rt_rootfs_pivot(&rc, err);
	if (r < 0)
		return r;
	/* the container's /proc/sys, before rt_rootfs_finish makes it read-only */
	r = rt_sysctl_apply(&s->linux_.sysctl, err);
	if (r < 0)
		return r;
	if (s->process.terminal) {
		r = rt_console_setup(&s->process, c->console_sock, err);
		if (r < 0)
			return r;
		/* take the pty as stdio now, not at exec (as runc does): a created container must
		 * not keep the caller's stdio open, containerd's shim reads those pipes to EOF
		 * before it takes the pty master */
		prep->final.tty_slave = -1;
		slave = r;
		r = rt_console_attach(slave, err);
		(void)close(slave); /* fds 0-2 hold the terminal now */
		if (r < 0)
			return r;
	}
	return rt_rootfs_finish(&rc, err);
}

static int join_keyring(const char *id, struct berr *err)
{
	char name[300];

	(void)snprintf(name, sizeof(name), "_ses.%s", id);
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, name) < 0 && errno != ENOSYS)
		return berr_sys(err, "join session keyring");
	return 0;
}

/* CVE-2024-21626: the cwd must lie inside the container, never on a leaked host fd. */
static int enter_cwd(const char *cwd, struct berr *err)
{
	char buf[PATH_MAX];

	if (chdir(cwd) < 0)
		return berr_sys(err, "process.cwd: chdir to %s", cwd);
	if (!getcwd(buf, sizeof(buf)) || buf[0] != '/')
		return berr_set(err, EPERM, "process.cwd: %s is outside the container", cwd);
	return 0;
}

/* What a namespace created for the container needs before anything runs in it. */
static int new_namespace_setup(const struct cfg_spec *s, struct berr *err)
{
	const struct cfg_namespace *time = cfg_ns_find(s, CFG_NS_TIME);
	const struct cfg_namespace *net = cfg_ns_find(s, CFG_NS_NETWORK);
	int r = 0;

	/* time: our children and our execve enter it; offsets only before that (timens.h) */
	if (time && !time->path)
		r = rt_timens_unshare(s, err);
	if (r == 0 && net && !net->path)
		r = rt_net_lo_up(err);
	return r;
}

/* Stage 1: everything up to the createContainer point. */
static int init_prepare(struct rt_container *c, struct init_prep *prep, struct berr *err)
{
	const struct cfg_process *p = &c->spec->process;
	struct rt_sync_msg go;
	int r;

	r = rt_sync_recv(c->sync_child, RT_SYNC_GO, &go, "init", err);
	if (r < 0)
		return r;
	c->pid = go.pid; /* our pid as the host sees it, for the hooks' state */
	/* first of all, so everything we do is in the container's cgroups (setup_cgroup in
	 * container-create.c says why we and not the parent) */
	if (c->self_attach) {
		r = rt_cgroup_attach_self(&c->cg, c->born_in_cg, err);
		if (r < 0)
			return r;
	}
	/* only the uid, as runc: the gid is set with the user's identity just before exec,
	 * so what setup creates (e.g. /dev/mqueue) has the same owners as under runc */
	if (c->new_userns && setresuid(0, 0, 0) < 0)
		return berr_sys(err, "become root in the user namespace");
	if (rt_ns_deferred_flags(c->spec) && unshare(rt_ns_deferred_flags(c->spec)) < 0)
		return berr_sys(err, "linux.namespaces: unshare");
	r = new_namespace_setup(c->spec, err);
	if (r == 0)
		r = set_names(c->spec, err);
	if (r == 0)
		r = setup_rootfs(c, prep, err);
	if (r == 0 && !c->no_new_keyring)
		r = join_keyring(c->id, err);
	if (r == 0)
		r = enter_cwd(p->cwd, err);
	if (r == 0)
		r = rt_identity_resolve(&p->user, "/etc", &prep->final.ident, err);
	if (r < 0)
		return r;
	prep->final.preserve_fds = c->preserve_fds;
	prep->final.setgroups = true;
	prep->final.env =
		rt_exec_env(p, prep->final.ident.home, c->listen_fds ? c->n_listen_fds : 0);
	if (!prep->final.env)
		return berr_set(err, ENOMEM, "build process environment");
	/* a missing program is a create-time error, as with runc */
	r = rt_exec_lookup(p->args.v[0], prep->final.env, prep->final.exe, sizeof(prep->final.exe),
			   err);
	if (r == 0)
		r = rt_process_rlimits(p, err);
	if (r == 0)
		r = rt_personality_apply(&c->spec->linux_.personality, err);
	if (r == 0)
		r = rt_mempolicy_apply(&c->spec->linux_.memory_policy, err);
	if (r == 0)
		r = rt_seccomp_prepare(&c->spec->linux_.seccomp, &prep->final.seccomp, err);
	if (r == 0 && rt_seccomp_uses_notify(&c->spec->linux_.seccomp))
		r = rt_process_seccomp_handover(&prep->final, c->sync_child, err);
	return r;
}

/* After start: startContainer hooks in the container (their paths resolve in its root),
 * then the user's program. */
static int init_start(struct rt_container *c, struct init_prep *prep, struct berr *err)
{
	struct rt_state st;
	int r;

	rt_container_state(c, &st);
	st.pid = getpid();
	r = rt_hooks_run_state(&c->spec->hooks.start_container, "startContainer", &st,
			       RT_STATUS_CREATED, err);
	if (r < 0)
		return r;
	return rt_process_exec(&c->spec->process, &prep->final, err);
}

/* Closes every fd the caller left us except stdio, the preserved ones and our own, so a
 * created container holds nothing of its caller's while it waits (e.g. a pipe the caller
 * reads to EOF). */
static void close_inherited(const struct rt_container *c)
{
	int keep[] = {c->sync_child, c->console_sock, c->gate_fd, log_fd()};
	_cleanup_closedir_ DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	size_t i;

	if (!d)
		return; /* pass_fds() still marks them close-on-exec */
	while ((de = readdir(d))) {
		int fd = atoi(de->d_name);
		bool ours = fd == dirfd(d) || fd < 3 + c->preserve_fds || de->d_name[0] == '.';

		for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
			ours = ours || fd == keep[i];
		for (i = 0; c->idmap_fds && i < c->spec->n_mounts; i++)
			ours = ours || fd == c->idmap_fds[i];
		if (!ours)
			(void)close(fd);
	}
}

__attribute__((noreturn)) static void fail(int sock, const struct berr *err)
{
	struct berr ignored;

	(void)rt_sync_send(sock, RT_SYNC_ERROR, 0, err, &ignored);
	_exit(1);
}

void rt_init_main(struct rt_container *c)
{
	struct init_prep prep = {.final = {.tty_slave = -1}};
	struct berr err = {0};
	int gate_conn = -1;
	sigset_t none;

	/* `run` blocked signals to forward them; the container starts with none blocked */
	(void)sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);

	/* the lock on the state dir lives in its open file: keep it out of init, or `start`
	 * would wait for it */
	(void)close(c->sync_parent);
	(void)close(c->statefd);
	(void)close(c->rootfd);
	if (c->relay_peer >= 0) {
		(void)close(c->console_sock);
		c->console_sock = c->relay_peer;
	}
	close_inherited(c);
	/* relative mount sources are relative to the bundle (runtime-spec config.md) */
	if (chdir(c->bundle) < 0) {
		(void)berr_sys(&err, "chdir to bundle %s", c->bundle);
		fail(c->sync_child, &err);
	}
	/* the parent's death must not leave a half-built container waiting forever */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (init_prepare(c, &prep, &err) < 0)
		fail(c->sync_child, &err);
	/* from here berth create may exit: its death must no longer kill us */
	(void)prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
	if (rt_sync_send(c->sync_child, RT_SYNC_READY, 0, NULL, &err) < 0)
		_exit(1);
	if (c->gate_fd >= 0) {
		/* created: berth create exits now; we outlive it and wait for start */
		gate_conn = rt_gate_wait(c->gate_fd, &err);
		if (gate_conn < 0)
			_exit(1);
		(void)init_start(c, &prep, &err);
		rt_gate_report(gate_conn, &err);
		_exit(1);
	}
	if (rt_sync_recv(c->sync_child, RT_SYNC_START, NULL, "init", &err) < 0)
		_exit(1);
	(void)init_start(c, &prep, &err);
	fail(c->sync_child, &err);
}
