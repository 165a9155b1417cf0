/* sysctl: writes linux.sysctl into /proc/sys from the container's init, after pivot_root and
 * before rt_rootfs_finish() makes /proc/sys read-only. */
#ifndef BERTH_RT_SYSCTL_H
#define BERTH_RT_SYSCTL_H

#include <stddef.h>

#include "../config/spec.h"
#include "base/berr.h"

/* The path under /proc/sys of a key: "net.ipv4.ip_forward" -> "net/ipv4/ip_forward"; a key
 * holding a '/' is a path already, as with sysctl(8) ("net/ipv4/conf/eth0.100/rp_filter").
 * An empty, "." or ".." component is refused (EINVAL): the validator only looks at the key's
 * prefix, and "net/../kernel/core_pattern" would otherwise reach the host's kernel.* */
int rt_sysctl_path(const char *key, char *ret, size_t len, struct berr *err);

/* Writes each value to /proc/sys/<path of key> in config order. The files are opened beneath
 * /proc/sys without following symlinks or crossing mounts, and must lie on procfs. Errors:
 * "linux.sysctl: write /proc/sys/net/ipv4/ip_forward: Read-only file system". */
int rt_sysctl_apply(const struct cfg_map *sysctl, struct berr *err);

#endif
