/* container-spawn: clone() the container init with its new namespaces. When the config
 * joins namespaces by path, an intermediate process joins them first (the user namespace
 * before the rest, the pid namespace for its children) and clones init as our child
 * (CLONE_PARENT), so new namespaces are owned by the joined user namespace, as in runc. */
#include "container-spawn.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "namespaces.h"
#include "sync.h"

static pid_t raw_clone(unsigned long flags)
{
	/* fork semantics (no new stack); x86_64 argument order: flags, stack, ptid, ctid, tls */
	return (pid_t)syscall(SYS_clone, flags, 0, 0, 0, 0);
}

static bool has_paths(const struct rt_container *c)
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

	if (!has_paths(c)) {
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
