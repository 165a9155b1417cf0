/* tmpfs-copyup: runc's "tmpcopyup" mount extension: a tmpfs that starts with a copy of the
 * directory it covers. Called by mounts.c. */
#ifndef BERTH_RT_TMPFS_COPYUP_H
#define BERTH_RT_TMPFS_COPYUP_H

#include "base/berr.h"

struct rt_mount_env;
struct rt_mount;

/* Mounts the tmpfs m over its (existing) destination, then copies the directory's old contents
 * into it: files, directories, symlinks and device nodes with their modes and owners. */
int rt_tmpfs_copyup(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err);

/* Copies the tree under directory fd src into directory fd dst (both O_RDONLY). */
int rt_copy_tree(int src, int dst, struct berr *err);

#endif
