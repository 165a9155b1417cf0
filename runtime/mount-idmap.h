/* mount-idmap: id-mapped bind mounts (mounts[].uidMappings / gidMappings). The host side makes
 * each one a detached mount before init is cloned; init inherits the fds and moves them onto
 * their destinations (mounts.c). */
#ifndef BERTH_RT_MOUNT_IDMAP_H
#define BERTH_RT_MOUNT_IDMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "../config/spec.h"
#include "base/berr.h"

/* Returns an O_CLOEXEC fd of a new user namespace whose uid_map and gid_map are uids and gids
 * (written as root), or -errno. The process that made it is gone when this returns. */
int rt_idmap_userns_fd(const struct cfg_id_map *uids, size_t nu, const struct cfg_id_map *gids,
		       size_t ng, struct berr *err);

/* Clones source (relative to dirfd, the bundle; recursively when recursive) as a detached
 * mount whose ids are mapped through uids/gids (MOUNT_ATTR_IDMAP). Returns its O_CLOEXEC fd. */
int rt_idmap_mount_fd(int dirfd, const char *source, bool recursive, const struct cfg_id_map *uids,
		      size_t nu, const struct cfg_id_map *gids, size_t ng, struct berr *err);

/* For every mount of s with uidMappings/gidMappings (which must be a bind with both maps),
 * its detached id-mapped mount; *ret gets a malloc'd array of s->n_mounts fds (-1 for the
 * others), or NULL when no mount is id-mapped. Errors name the mount. */
int rt_idmap_mounts_open(const struct cfg_spec *s, const char *bundle, int **ret, struct berr *err);

/* Closes the fds of rt_idmap_mounts_open() and frees the array; *fds becomes NULL. */
void rt_idmap_mounts_close(int **fds, size_t n);

#endif
