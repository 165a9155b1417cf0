/* masked-paths: linux.maskedPaths and linux.readonlyPaths, applied inside the container after
 * pivot_root. Called by rootfs.c. */
#ifndef BERTH_RT_MASKED_PATHS_H
#define BERTH_RT_MASKED_PATHS_H

#include "base/berr.h"

/* Covers path: a file with a bind of /dev/null, a directory with an empty read-only tmpfs
 * (label: linux.mountLabel or NULL). A path that does not exist is left alone. */
int rt_mask_path(const char *path, const char *label, struct berr *err);

/* Makes path a read-only bind of itself, keeping its nosuid/nodev/noexec. A path that does not
 * exist is left alone. */
int rt_readonly_path(const char *path, struct berr *err);

#endif
