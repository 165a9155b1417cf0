/* rootfs: the container's filesystem, set up by the container's init after clone(), in its new
 * mount namespace (uid/gid maps written, root of its user namespace). Mount table and /dev
 * match runc 1.1. Call order: rt_rootfs_mount_all, [createRuntime/createContainer hooks],
 * rt_rootfs_pivot, [console, sysctl], rt_rootfs_finish. */
#ifndef BERTH_RT_ROOTFS_H
#define BERTH_RT_ROOTFS_H

#include <stdbool.h>

#include "../config/spec.h"
#include "base/berr.h"

struct rt_rootfs_ctx {
	const struct cfg_spec *spec;
	const char *rootfs; /* absolute host path of the bundle's rootfs (root.path resolved
			     * against the bundle) */
	bool no_pivot;	    /* --no-pivot: MS_MOVE + chroot instead of pivot_root */
	bool in_userns;	    /* a new user ns: bind-mount host device nodes instead of mknod */
	/* per spec mount: its detached id-mapped mount (mount-idmap.h) or -1; NULL: none */
	const int *idmap_fds;
};

/* Before pivot: sets / propagation (linux.rootfsPropagation, default rslave like runc), binds
 * the rootfs on itself, mounts every entry of spec->mounts in order, and unless a bind covers
 * /dev creates the default devices, linux.devices and the /dev links. Relative bind sources
 * are taken from the cwd, which must be the bundle (as runc). Errors name the mount
 * ("mounts[3] /data: ..."). */
int rt_rootfs_mount_all(const struct rt_rootfs_ctx *c, struct berr *err);

/* pivot_root into the rootfs (or MS_MOVE + chroot with no_pivot) and detach the old root; cwd
 * becomes /. Then stdio on the host's /dev/null is reopened on the container's, and
 * process.cwd is created if missing (before root.readonly can forbid it). */
int rt_rootfs_pivot(const struct rt_rootfs_ctx *c, struct berr *err);

/* After pivot: read-only tmpfs and /dev mounts are made so, root.readonly, the umask
 * (process.user.umask, else 022), linux.readonlyPaths, then linux.maskedPaths. Sysctls must be
 * written before: /proc/sys becomes read-only here. */
int rt_rootfs_finish(const struct rt_rootfs_ctx *c, struct berr *err);

#endif
