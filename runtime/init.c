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
#include "identity.h"
#include "rootfs.h"
#include "sync.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#define KEYCTL_JOIN_SESSION_KEYRING 1

/* What stage 1 hands to stage 2 (after the start signal). */
struct init_prep {
	struct rt_identity ident;
	char exe[PATH_MAX];
	char **env;
	int tty_slave;
};

static int set_names(const struct cfg_spec *s, struct berr *err)
{
	if (s->hostname && sethostname(s->hostname, strlen(s->hostname)) < 0)
		return berr_sys(err, "hostname: sethostname");
	if (s->domainname && setdomainname(s->domainname, strlen(s->domainname)) < 0)
		return berr_sys(err, "domainname: setdomainname");
	return 0;
}

static int setup_rootfs(struct rt_container *c, struct init_prep *prep, struct berr *err)
{
	const struct cfg_spec *s = c->spec;
	struct rt_rootfs_ctx rc = {
		.spec = s,
		.rootfs = c->rootfs,
		.no_pivot = c->no_pivot,
		.in_userns = c->new_userns,
	};
	int r;

	r = rt_rootfs_mount_all(&rc, err);
	if (r < 0)
		return r;
	r = rt_rootfs_pivot(&rc, err);
	if (r < 0)
		return r;
	if (s->process.terminal) {
		r = rt_console_setup(&s->process, c->console_sock, err);
		if (r < 0)
			return r;
		prep->tty_slave = r;
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

static int apply_rlimits(const struct cfg_process *p, struct berr *err)
{
	struct rlimit rl;
	size_t i;

	for (i = 0; i < p->n_rlimits; i++) {
		rl.rlim_cur = p->rlimits[i].soft;
		rl.rlim_max = p->rlimits[i].hard;
		if (setrlimit(p->rlimits[i].resource, &rl) < 0)
			return berr_sys(err, "process.rlimits[%zu]: setrlimit %s", i,
					p->rlimits[i].type);
	}
	return 0;
}

/* Stage 1: everything up to the createContainer point. */
static int init_prepare(struct rt_container *c, struct init_prep *prep, struct berr *err)
{
	const struct cfg_process *p = &c->spec->process;
	int r;

	r = rt_sync_recv(c->sync_child, RT_SYNC_GO, NULL, "init", err);
	if (r < 0)
		return r;
	if (c->new_userns && (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0))
		return berr_sys(err, "become root in the user namespace");
	r = set_names(c->spec, err);
	if (r == 0)
		r = setup_rootfs(c, prep, err);
	if (r == 0 && !c->no_new_keyring)
		r = join_keyring(c->id, err);
	if (r == 0)
		r = enter_cwd(p->cwd, err);
	if (r == 0)
		r = rt_identity_resolve(&p->user, "/etc", &prep->ident, err);
	if (r < 0)
		return r;
	prep->env = rt_exec_env(p, prep->ident.home, c->listen_fds ? c->n_listen_fds : 0);
	if (!prep->env)
		return berr_set(err, ENOMEM, "build process environment");
	/* a missing program is a create-time error, as with runc */
	r = rt_exec_lookup(p->args.v[0], prep->env, prep->exe, sizeof(prep->exe), err);
	if (r == 0)
		r = apply_rlimits(p, err);
	return r;
}

static int pass_fds(int n, struct berr *err)
{
	int fd, fl;

	for (fd = 3; fd < 3 + n; fd++) {
		fl = fcntl(fd, F_GETFD);
		if (fl >= 0 && fcntl(fd, F_SETFD, fl & ~FD_CLOEXEC) < 0)
			return berr_sys(err, "preserve fd %d", fd);
	}
	/* nothing else the caller left open may reach the container */
	if (syscall(SYS_close_range, 3 + n, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		return berr_sys(err, "close_range");
	return 0;
}

/* Stage 2: after start; the last steps before execve, seccomp last of all. */
static int init_exec(struct rt_container *c, struct init_prep *prep, struct berr *err)
{
	const struct cfg_process *p = &c->spec->process;
	int r = 0;

	if (prep->tty_slave >= 0)
		r = rt_console_attach(prep->tty_slave, err);
	if (r == 0)
		r = rt_caps_drop_bounding(&p->caps, err);
	if (r == 0)
		r = rt_identity_apply(&prep->ident, true, err);
	if (r == 0)
		r = rt_caps_apply(&p->caps, err);
	if (r < 0)
		return r;
	(void)umask(p->user.umask.set ? (mode_t)p->user.umask.v : 0022);
	if (p->no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return berr_sys(err, "process.noNewPrivileges: prctl");
	r = pass_fds(c->preserve_fds, err);
	if (r < 0)
		return r;
	execve(prep->exe, p->args.v, prep->env);
	return berr_sys(err, "exec %s", prep->exe);
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
	struct init_prep prep = {.tty_slave = -1};
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
		(void)init_exec(c, &prep, &err);
		rt_gate_report(gate_conn, &err);
		_exit(1);
	}
	if (rt_sync_recv(c->sync_child, RT_SYNC_START, NULL, "init", &err) < 0)
		_exit(1);
	(void)init_exec(c, &prep, &err);
	fail(c->sync_child, &err);
}
