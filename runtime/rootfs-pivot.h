/* rootfs-pivot: make the prepared rootfs the process's "/". Called by rootfs.c. */
#ifndef BERTH_RT_ROOTFS_PIVOT_H
#define BERTH_RT_ROOTFS_PIVOT_H

#include "base/berr.h"

/* pivot_root(2) into rootfs (a mount point), then detach the old root (made rslave first so the
 * unmount cannot reach the host). The cwd ends at the new "/". */
int rt_pivot_root(const char *rootfs, struct berr *err);

/* --no-pivot: detach (or cover with tmpfs) the full proc and sysfs mounts outside rootfs, move
 * the rootfs mount onto "/" and chroot into it. The cwd must be rootfs; it ends at "/". */
int rt_move_root(const char *rootfs, struct berr *err);

#endif
