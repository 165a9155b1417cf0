/* mounts: performs one mount of the container's rootfs the way runc 1.1 does (bind, tmpfs, proc,
 * sysfs, mqueue, cgroup, anything else), onto fds resolved inside the rootfs. Called by rootfs.c
 * for each spec mount, and by mount-cgroup.c for the mounts a "cgroup" entry expands to. */
#ifndef BERTH_RT_MOUNTS_H
#define BERTH_RT_MOUNTS_H

#include <stdbool.h>

#include "../config/spec.h"
#include "base/berr.h"
#include "mount-options.h"
#include "path-in-root.h"

/* What every mount of one container shares. */
struct rt_mount_env {
	const struct rt_root *root;
	const char *label;	 /* linux.mountLabel, or NULL */
	bool cgroupns;		 /* the container has a new cgroup namespace */
	const char *cgroup_root; /* where the host's cgroups are mounted: "/sys/fs/cgroup" */
};

/* One mount, as runc's configs.Mount: type is "bind" whenever the options hold bind/rbind. */
struct rt_mount {
	const char *type;   /* never NULL ("" when absent) */
	const char *source; /* never NULL */
	const char *dest;
	struct rt_mount_opts o;
	bool idmapped; /* uidMappings/gidMappings: moved in from idmap_fd instead of mount(2) */
	int idmap_fd;  /* the detached id-mapped mount (mount-idmap.h), -1 when not made */
};

/* Fills *ret from the spec's mounts[idx] (idmap_fd -1); release with rt_mount_clear(). An
 * id-mapped mount must be a bind. */
int rt_mount_from_spec(const struct cfg_mount *m, size_t idx, struct rt_mount *ret,
		       struct berr *err);
void rt_mount_clear(struct rt_mount *m);

/* Mounts m inside env->root, creating its destination. Errors name the destination. */
int rt_mount_entry(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err);

/* The mount(2) step shared by all types, then each propagation change (runc's mountPropagate). */
int rt_mount_propagate(const struct rt_mount_env *env, const struct rt_mount *m, const char *label,
		       struct berr *err);

/* True when the cleaned destination is path ("/dev"). */
bool rt_mount_dest_is(const char *dest, const char *path);

#endif
