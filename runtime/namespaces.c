/* namespaces: CLONE_NEW* flags from linux.namespaces, and setns() for path entries. */
#include "namespaces.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

int rt_ns_clone_flag(enum cfg_ns_type t)
{
	static const int flags[CFG_NS_COUNT] = {
		[CFG_NS_PID] = CLONE_NEWPID,	   [CFG_NS_NETWORK] = CLONE_NEWNET,
		[CFG_NS_MOUNT] = CLONE_NEWNS,	   [CFG_NS_IPC] = CLONE_NEWIPC,
		[CFG_NS_UTS] = CLONE_NEWUTS,	   [CFG_NS_USER] = CLONE_NEWUSER,
		[CFG_NS_CGROUP] = CLONE_NEWCGROUP, [CFG_NS_TIME] = CLONE_NEWTIME,
	};

	return flags[t];
}

int rt_ns_new_flags(const struct cfg_spec *spec)
{
	/* CLONE_NEWTIME is left out: its bit lies in clone(2)'s exit-signal byte, and the time
	 * namespace is made by init (timens.h), which also writes its offsets */
	int flags = 0;
	size_t i;

	for (i = 0; i < spec->linux_.n_namespaces; i++)
		if (!spec->linux_.namespaces[i].path &&
		    spec->linux_.namespaces[i].type != CFG_NS_TIME)
			flags |= rt_ns_clone_flag(spec->linux_.namespaces[i].type);
	return flags;
}

int rt_ns_deferred_flags(const struct cfg_spec *spec)
{
	int flags = rt_ns_new_flags(spec);

	if (flags & CLONE_NEWUSER)
		return flags & ~(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWTIME);
	return flags & CLONE_NEWCGROUP;
}

void rt_ns_close(int fds[CFG_NS_COUNT])
{
	int t;

	for (t = 0; t < CFG_NS_COUNT; t++) {
		if (fds[t] >= 0)
			(void)close(fds[t]);
		fds[t] = -1;
	}
}

int rt_ns_open_paths(const struct cfg_spec *spec, int fds[CFG_NS_COUNT], struct berr *err)
{
	int t, n = 0;
	size_t i;

	for (t = 0; t < CFG_NS_COUNT; t++)
		fds[t] = -1;
	for (i = 0; i < spec->linux_.n_namespaces; i++) {
		const struct cfg_namespace *ns = &spec->linux_.namespaces[i];

		if (!ns->path)
			continue;
		fds[ns->type] = open(ns->path, O_RDONLY | O_CLOEXEC);
		if (fds[ns->type] < 0) {
			int r = berr_sys(err, "linux.namespaces[%zu].path: open %s", i, ns->path);

			rt_ns_close(fds);
			return r;
		}
		n++;
	}
	return n;
}

static int join_one(const int fds[CFG_NS_COUNT], enum cfg_ns_type t, struct berr *err)
{
	if (fds[t] < 0)
		return 0;
	if (setns(fds[t], rt_ns_clone_flag(t)) < 0)
		return berr_sys(err, "join %s namespace (setns)", cfg_ns_name(t));
	return 0;
}

int rt_ns_join(const int fds[CFG_NS_COUNT], struct berr *err)
{
	/* user first: joining the others needs privileges in their owning user namespace;
	 * mount last but one, since it changes how later paths would resolve */
	static const enum cfg_ns_type order[] = {CFG_NS_USER, CFG_NS_PID,  CFG_NS_NETWORK,
						 CFG_NS_IPC,  CFG_NS_UTS,  CFG_NS_CGROUP,
						 CFG_NS_TIME, CFG_NS_MOUNT};
	size_t i;
	int r;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		r = join_one(fds, order[i], err);
		if (r < 0)
			return r;
	}
	return 0;
}
