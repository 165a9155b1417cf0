/* idmap: write a user namespace's uid_map / gid_map from the parent (as root), as the
 * runtime-spec asks for linux.uidMappings / gidMappings. */
#ifndef BERTH_RT_IDMAP_H
#define BERTH_RT_IDMAP_H

#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"

/* Formats "container host size\n" lines into buf; returns the length or -ENOSPC. */
int rt_idmap_format(const struct cfg_id_map *m, size_t n, char *buf, size_t len);
/* Writes one map file ("uid_map" or "gid_map") of pid; errors name what ("linux.uidMappings").
 * Nothing is written for n == 0. */
int rt_idmap_write_map(pid_t pid, const char *file, const char *what, const struct cfg_id_map *m,
		       size_t n, struct berr *err);
/* Writes both maps of pid's user namespace. */
int rt_idmap_write(pid_t pid, const struct cfg_spec *spec, struct berr *err);

#endif
