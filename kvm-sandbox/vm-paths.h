/* vm-paths: the files a VM needs (guest kernel, initramfs with berth-agent, QEMU), from
 * berth.conf or the built-in defaults under BERTH_VM_DIR (set by the Makefile: the install
 * prefix's lib/berth), each checked before anything is started. */
#ifndef BERTH_VM_PATHS_H
#define BERTH_VM_PATHS_H

#include <limits.h>

#include "../config/berth-conf.h"

struct vm_paths {
	char kernel[PATH_MAX];
	char initramfs[PATH_MAX];
	char qemu[PATH_MAX]; /* absolute, found in PATH when berth.conf has no qemu */
};

/* Fills ret and checks each is a readable file (QEMU: executable). Errors are one line naming
 * the file and how to get it: "vm kernel /usr/local/lib/berth/vmlinux: No such file or
 * directory (make kernel, or kernel= in berth.conf)", "QEMU qemu-system-x86_64: not found in
 * PATH (apt-get install qemu-system-x86, or qemu= in berth.conf)". */
int vm_paths_resolve(const struct cfg_conf *conf, struct vm_paths *ret, struct berr *err);

enum vm_path_kind { VM_PATH_KERNEL, VM_PATH_INITRAMFS, VM_PATH_QEMU };
/* One of the three, found and checked as vm_paths_resolve() does, into ret (PATH_MAX bytes):
 * `berth check` reports each on its own line. */
int vm_paths_resolve_one(const struct cfg_conf *conf, enum vm_path_kind which, char *ret,
			 struct berr *err);

#endif
