/* namespaces: clone flags for the namespaces a config creates, and joining the ones it
 * names by path (setns). Used by container create and, later, exec. */
#ifndef BERTH_RT_NAMESPACES_H
#define BERTH_RT_NAMESPACES_H

#include <stdbool.h>

#include "../config/spec.h"
#include "base/berr.h"

/* CLONE_NEW* flags of every namespace listed without a path. */
int rt_ns_new_flags(const struct cfg_spec *spec);
int rt_ns_clone_flag(enum cfg_ns_type t);
/* The new namespaces init creates itself (unshare) rather than at clone(): the cgroup
 * namespace, after the parent has moved init into the container's cgroup, so its root is
 * that cgroup; and with a new user namespace every namespace but pid, after init became
 * root of it, so they are owned by that root (e.g. /dev/mqueue owned by 0), as runc does. */
int rt_ns_deferred_flags(const struct cfg_spec *spec);
/* Opens each namespace path (fds[t] = fd, or -1). Returns the number opened or -errno. */
int rt_ns_open_paths(const struct cfg_spec *spec, int fds[CFG_NS_COUNT], struct berr *err);
/* setns() into every opened namespace, the user namespace first so the others are
 * reached with its privileges; the pid namespace applies to children only. */
int rt_ns_join(const int fds[CFG_NS_COUNT], struct berr *err);
void rt_ns_close(int fds[CFG_NS_COUNT]);

#endif
