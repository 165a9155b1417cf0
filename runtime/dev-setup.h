/* dev-setup: the container's /dev as runc builds it: the default device nodes, linux.devices,
 * /dev/ptmx and the /proc/self/fd links. Called by rootfs.c. */
#ifndef BERTH_RT_DEV_SETUP_H
#define BERTH_RT_DEV_SETUP_H

#include <stdbool.h>

#include "../config/spec.h"
#include "base/berr.h"
#include "path-in-root.h"

/* False when a spec mount binds something onto /dev: then /dev is left as it is. */
bool rt_dev_needs_setup(const struct cfg_spec *spec);

/* Creates /dev/{null,zero,full,random,urandom,tty} (0666, root) unless linux.devices lists the
 * same path, then each linux.devices entry (but /dev/ptmx), with its mode, uid and gid. With
 * bind_nodes (a new user namespace, where mknod is refused) each node is an empty file with the
 * host's node bind-mounted on it; mknod failing with EPERM does the same. */
int rt_dev_create_nodes(const struct rt_root *root, const struct cfg_spec *spec, bool bind_nodes,
			struct berr *err);

/* /dev/ptmx -> pts/ptmx, /dev/fd -> /proc/self/fd, /dev/std{in,out,err} -> /proc/self/fd/0..2
 * and /dev/core -> /proc/kcore when the host has it. */
int rt_dev_create_links(const struct rt_root *root, struct berr *err);

/* After pivot_root: stdio still open on the host's /dev/null is reopened on the container's. */
int rt_dev_reopen_null(struct berr *err);

#endif
