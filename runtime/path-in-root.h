/* path-in-root: open paths of the container's rootfs from the host as if the rootfs were "/":
 * symlinks and ".." never lead out of it. Used by every rootfs setup step before pivot_root. */
#ifndef BERTH_RT_PATH_IN_ROOT_H
#define BERTH_RT_PATH_IN_ROOT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/berr.h"

/* rt_path_open() modes */
#define RT_PIR_MKDIR  0x1 /* create missing directories (0755), the last component included */
#define RT_PIR_MKFILE 0x2 /* create missing parents, and the last component as an empty file */
#define RT_PIR_WALK   0x4 /* skip openat2(2), use the O_PATH|O_NOFOLLOW walk (tests) */

#define RT_FD_PATH_MAX 32

struct rt_root {
	int fd;		     /* O_PATH directory */
	char path[PATH_MAX]; /* its canonical host path, to check where fds land */
};

/* Opens the directory path as a root; release with rt_root_close(). */
int rt_root_open(struct rt_root *root, const char *path, struct berr *err);
void rt_root_close(struct rt_root *root);

/* Opens path (taken relative to the root, leading "/" or not) and returns an O_PATH|O_CLOEXEC
 * fd that the caller closes. A final symlink is followed, inside the root. With RT_PIR_MKDIR the
 * result must be a directory (-ENOTDIR otherwise). The fd is checked to lie inside the root. */
int rt_path_open(const struct rt_root *root, const char *path, unsigned mode, struct berr *err);

/* Resolves path like rt_path_open() but creates nothing: components that do not exist are kept
 * as written (runc's SecureJoin). Writes the resulting in-root path ("/a/b") to buf. */
int rt_path_resolve(const struct rt_root *root, const char *path, char *buf, size_t len,
		    struct berr *err);

/* Opens the directory that holds path's last component (creating missing directories when
 * mkdirs) and copies that component to name. Returns an O_PATH fd. "/" has no parent: -EINVAL. */
int rt_path_open_parent(const struct rt_root *root, const char *path, bool mkdirs, char *name,
			size_t len, struct berr *err);

/* Checks that fd lies inside the root; writes its in-root path to buf (may be NULL). */
int rt_path_check(const struct rt_root *root, int fd, char *buf, size_t len, struct berr *err);

/* Writes "/proc/self/fd/<fd>" to buf and returns it, for mount(2) onto an O_PATH fd. */
const char *rt_fd_path(int fd, char *buf, size_t len);

/* Lexically cleans an absolute path ("//a/./b/../c/" -> "/a/c") into buf (runc's CleanPath). */
int rt_path_clean(const char *path, char *buf, size_t len);

#endif
