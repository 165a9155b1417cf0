/* signal-container: pidfd-based signalling, so a pid reused after the container exited is
 * never signalled (the start time is checked after the pidfd pins the process). */
#include "signal-container.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cgroup.h"
#include "proc-stat.h"

int rt_pidfd_open_checked(const struct rt_state *st, struct berr *err)
{
	_cleanup_close_ int fd = -1;

	fd = (int)syscall(SYS_pidfd_open, st->pid, 0);
	if (fd < 0) {
		if (errno == ESRCH)
			return berr_set(err, ESRCH, "container not running");
		return berr_sys(err, "pidfd_open(%d)", st->pid);
	}
	if (!rt_proc_is_alive(st->pid, st->start_time))
		return berr_set(err, ESRCH, "container not running");
	return TAKE_FD(fd);
}

static bool same_pidns(pid_t pid, const struct stat *ns)
{
	char path[64];
	struct stat st;

	(void)snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	return stat(path, &st) == 0 && st.st_ino == ns->st_ino && st.st_dev == ns->st_dev;
}

int rt_signal_cgroup(int statefd, pid_t init, int sig, struct berr *err)
{
	_cleanup_free_ struct rt_cgroup *cg = malloc(sizeof(*cg));
	_cleanup_free_ pid_t *pids = NULL;
	struct berr ignored;
	size_t n = 0, i;
	int r;

	if (!cg)
		return berr_set(err, ENOMEM, "load cgroup");
	if (rt_cgroup_load(statefd, cg, &ignored) < 0)
		return 0;
	/* frozen, nothing forks between listing and signalling; thawed after, as runc does,
	 * also when it was paused: a frozen task never acts on the signal */
	(void)rt_cgroup_freeze(cg, true, &ignored);
	r = rt_cgroup_pids(cg, &pids, &n, err);
	for (i = 0; r == 0 && i < n; i++)
		if (pids[i] != init)
			(void)kill(pids[i], sig); /* it may have exited meanwhile */
	(void)rt_cgroup_freeze(cg, false, &ignored);
	return r < 0 ? r : 1;
}

/* Without a cgroup to list, the container's processes are those in init's pid namespace;
 * when that is the host's, only init itself. */
static int signal_all(pid_t init, int sig, struct berr *err)
{
	_cleanup_closedir_ DIR *d = NULL;
	struct stat ns, self;
	struct dirent *de;
	char path[64];

	(void)snprintf(path, sizeof(path), "/proc/%d/ns/pid", init);
	if (stat(path, &ns) < 0)
		return berr_sys(err, "stat %s", path);
	if (stat("/proc/self/ns/pid", &self) == 0 && self.st_ino == ns.st_ino)
		return 0;
	d = opendir("/proc");
	if (!d)
		return berr_sys(err, "open /proc");
	while ((de = readdir(d))) {
		pid_t pid = (pid_t)atoi(de->d_name);

		if (pid > 0 && pid != init && same_pidns(pid, &ns))
			(void)kill(pid, sig); /* it may have exited meanwhile */
	}
	return 0;
}

int rt_signal_container(const struct rt_state *st, int sig, bool all, struct berr *err)
{
	_cleanup_close_ int fd = rt_pidfd_open_checked(st, err);
	int r;

	if (fd < 0)
		return fd;
	if (all) {
		r = signal_all(st->pid, sig, err);
		if (r < 0)
			return r;
	}
	if (syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0) < 0) {
		if (errno == ESRCH)
			return berr_set(err, ESRCH, "container not running");
		return berr_sys(err, "send signal %d to %d", sig, st->pid);
	}
	return 0;
}

int rt_wait_gone(const struct rt_state *st, int timeout_ms, struct berr *err)
{
	struct berr ignored;
	_cleanup_close_ int fd = rt_pidfd_open_checked(st, &ignored);
	struct pollfd p;
	int r;

	if (fd < 0)
		return 0;
	p.fd = fd;
	p.events = POLLIN;
	/* a pidfd is readable once the process exited, reaped or not: a zombie nobody reaps
	 * is gone for our purposes */
	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return berr_sys(err, "wait for container init %d", st->pid);
	if (r == 0 && rt_proc_is_alive(st->pid, st->start_time))
		return berr_set(err, ETIMEDOUT, "container init %d did not exit", st->pid);
	return 0;
}
