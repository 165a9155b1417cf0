/* container-spawn: clone() the container init with its new namespaces. When the config
 * joins namespaces by path, an intermediate process joins them first (the user namespace
 * before the rest, the pid namespace for its children) and clones init as our child
 * (CLONE_PARENT), so new namespaces are owned by the joined user namespace, as in runc. */
#include "container-spawn.h"

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/log.h"
#include "namespaces.h"
#include "sync.h"

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

/* struct clone_args of <linux/sched.h> up to cgroup (CLONE_ARGS_SIZE_VER2); that header's
 * CLONE_* macros clash with <sched.h>'s */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
		set_tid_size, cgroup;
};

static pid_t raw_clone(unsigned long flags)
{
	/* fork semantics (no new stack); x86_64 argument order: flags, stack, ptid, ctid, tls */
	return (pid_t)syscall(SYS_clone, flags, 0, 0, 0, 0);
}

pid_t rt_clone_into_cgroup(unsigned long flags, int cg_fd)
{
	/* with CLONE_PARENT the child's exit signal is its parent's; clone3 refuses another */
	struct clone3_args a = {.flags = flags | CLONE_INTO_CGROUP,
				.exit_signal = flags & CLONE_PARENT ? 0 : SIGCHLD,
				.cgroup = (uint64_t)cg_fd};

	return (pid_t)syscall(SYS_clone3, &a, sizeof(a));
}

bool rt_container_joins_namespaces(const struct rt_container *c)
{
	int t;

	for (t = 0; t < CFG_NS_COUNT; t++)
		if (c->ns_fds[t] >= 0)
			return true;
	return false;
}

__attribute__((noreturn)) static void intermediate(struct rt_container *c, int flags)
{
	struct berr err = {0};
	pid_t pid;

	if (rt_ns_join(c->ns_fds, &err) < 0) {
		(void)rt_sync_send(c->sync_child, RT_SYNC_ERROR, 0, &err, &err);
		_exit(1);
	}
	rt_ns_close(c->ns_fds);
	pid = raw_clone((unsigned long)flags | CLONE_PARENT | SIGCHLD);
	if (pid == 0)
		rt_init_main(c);
	if (pid < 0) {
		(void)berr_sys(&err, "clone container init");
		(void)rt_sync_send(c->sync_child, RT_SYNC_ERROR, 0, &err, &err);
		_exit(1);
	}
	(void)rt_sync_send(c->sync_child, RT_SYNC_PID, pid, NULL, &err);
	_exit(0);
}

int rt_container_spawn(struct rt_container *c, struct berr *err)
{
	int flags = rt_ns_new_flags(c->spec) & ~rt_ns_deferred_flags(c->spec);
	struct rt_sync_msg m;
	pid_t pid;
	int status, r;

	if (!rt_container_joins_namespaces(c)) {
		pid = c->cg_fd >= 0 ? rt_clone_into_cgroup((unsigned)flags, c->cg_fd) : -1;
		c->born_in_cg = pid >= 0;
		if (pid < 0 && c->cg_fd >= 0)
			log_debug("clone3 into the cgroup: %s; moving init in after clone",
				  strerror(errno));
		if (pid < 0) /* no cgroup fd, or a kernel without it: moved in by the caller */
			pid = raw_clone((unsigned long)flags | SIGCHLD);
		if (pid == 0)
			rt_init_main(c);
		if (pid < 0)
			return berr_sys(err, "clone container init");
		c->pid = pid;
		return 0;
	}
	pid = raw_clone(SIGCHLD);
	if (pid == 0)
		intermediate(c, flags);
	if (pid < 0)
		return berr_sys(err, "fork to join namespaces");
	r = rt_sync_recv(c->sync_parent, RT_SYNC_PID, &m, "join namespaces", err);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (r < 0)
		return r;
	c->pid = m.pid;
	return 0;
}
