/* process-exec: finish a process and execve() it; order follows runc: tty, bounding set,
 * uid switch keeping caps, the other cap sets, umask, no_new_privs, fds, exec. */
#include "process-exec.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "capabilities.h"
#include "console.h"
#include "process-attrs.h"
#include "sync.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

int rt_process_rlimits(const struct cfg_process *p, struct berr *err)
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

/* A user namespace set up without privileges denies setgroups(2) for good. */
static bool setgroups_allowed(void)
{
	char buf[8] = "";
	int fd = open("/proc/self/setgroups", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return true;
	(void)!read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	return strncmp(buf, "deny", 4) != 0;
}

static int load_seccomp(scmp_filter_ctx ctx, struct berr *err)
{
	int fd = -1, r = rt_seccomp_load(ctx, &fd, err);

	if (fd >= 0)
		(void)close(fd); /* notify filters are loaded and handed over before */
	return r;
}

int rt_process_seccomp_handover(struct rt_process_final *f, int sock, struct berr *err)
{
	_cleanup_close_ int fd = -1;
	int r = rt_seccomp_load(f->seccomp, &fd, err);

	seccomp_release(f->seccomp);
	f->seccomp = NULL;
	if (r < 0)
		return r;
	if (fd < 0)
		return berr_set(err, EIO, "linux.seccomp: the filter has no listener");
	r = rt_sync_send(sock, RT_SYNC_SECCOMP, 0, NULL, err);
	if (r == 0)
		r = rt_send_fd(sock, fd, err);
	if (r == 0)
		r = rt_sync_recv(sock, RT_SYNC_SECCOMP_DONE, NULL, "seccomp listener", err);
	return r;
}

int rt_process_exec(const struct cfg_process *p, const struct rt_process_final *f, struct berr *err)
{
	int r = 0;

	if (f->tty_slave >= 0)
		r = rt_console_attach(f->tty_slave, err);
	/* while we still hold CAP_SYS_NICE / CAP_SYS_ADMIN; inherited across execve */
	if (r == 0)
		r = rt_ioprio_apply(&p->io_priority, err);
	if (r == 0)
		r = rt_sched_apply(&p->scheduler, err);
	/* config.md: execCPUAffinity is for exec'd processes, not the container's init */
	if (r == 0 && f->exec_affinity)
		r = rt_cpu_affinity_apply(p->exec_cpu_affinity.final, err);
	/* without no_new_privs loading needs CAP_SYS_ADMIN: before the caps and uid go (runc) */
	if (r == 0 && !p->no_new_privileges)
		r = load_seccomp(f->seccomp, err);
	if (r == 0)
		r = rt_caps_drop_bounding(&p->caps, err);
	if (r == 0)
		r = rt_identity_apply(&f->ident, f->setgroups && setgroups_allowed(), err);
	if (r == 0)
		r = rt_caps_apply(&p->caps, err);
	if (r < 0)
		return r;
	(void)umask(p->user.umask.set ? (mode_t)p->user.umask.v : 0022);
	if (p->no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return berr_sys(err, "process.noNewPrivileges: prctl");
	r = pass_fds(f->preserve_fds, err);
	/* with no_new_privs: last before execve, so the profile sees the fewest of our syscalls */
	if (r == 0 && p->no_new_privileges)
		r = load_seccomp(f->seccomp, err);
	if (r < 0)
		return r;
	execve(f->exe, p->args.v, f->env);
	return berr_sys(err, "exec %s", f->exe);
}
