/* vm-guest-config: the config.json the guest's berth runs, made from the bundle's: root.path
 * becomes the 9p-shared rootfs, bind mounts of host paths become paths under the agent's
 * shares (each source its own 9p export), host-only parts go (the hooks that run on the host,
 * a network namespace path: the VM is started in it), cgroupsPath moves under /berth. What
 * cannot cross into a VM is a one-line error naming the field. */
#ifndef BERTH_VM_GUEST_CONFIG_H
#define BERTH_VM_GUEST_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "../config/spec.h"

#define VM_GUEST_SHARES "/run/agent/shares" /* where the agent mounts host shares */
#define VM_MAX_SHARES	32

struct vm_share {
	char tag[16];	     /* 9p mount tag: m0, m1, ... */
	char host[PATH_MAX]; /* host directory exported, or the file bound into dir */
	bool is_file;	     /* host is a file: exported through a directory of its own */
};

struct vm_guest_config {
	char *json; /* malloc'd config.json text for the guest */
	struct vm_share shares[VM_MAX_SHARES];
	size_t n_shares;
};

/* text: the bundle's config.json; spec: the same, parsed and validated. */
int vm_guest_config_make(const char *text, size_t len, const struct cfg_spec *spec, const char *id,
			 struct vm_guest_config *ret, struct berr *err);
void vm_guest_config_free(struct vm_guest_config *g);

#endif
