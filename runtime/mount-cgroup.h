/* mount-cgroup: the "cgroup" mount type as runc 1.1 builds it: on a cgroup v1 (or hybrid) host a
 * tmpfs holding one mount per v1 hierarchy, on a v2 host a cgroup2 mount. Called by mounts.c. */
#ifndef BERTH_RT_MOUNT_CGROUP_H
#define BERTH_RT_MOUNT_CGROUP_H

#include <limits.h>
#include <stddef.h>

#include "base/berr.h"

struct rt_mount_env;
struct rt_mount;

#define RT_CGROUP_DEFAULT_ROOT "/sys/fs/cgroup"

/* One v1 hierarchy as the container sees it. */
struct rt_cgroup_v1_bind {
	char source[PATH_MAX];	 /* host path of this process's cgroup in the hierarchy */
	char name[NAME_MAX + 1]; /* base name of the host mount point: "cpu,cpuacct", "systemd" */
};

/* From the texts of /proc/self/mountinfo and /proc/self/cgroup (both modified), lists the v1
 * hierarchies in mount-table order, one per controller set. *ret is malloc'ed, freed by the
 * caller. */
int rt_cgroup_v1_binds(char *mountinfo, char *cgroups, struct rt_cgroup_v1_bind **ret,
		       size_t *ret_n, struct berr *err);

/* Mounts m (type "cgroup") inside env->root. */
int rt_mount_cgroup(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err);

#endif
