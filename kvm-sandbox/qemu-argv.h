/* qemu-argv: the QEMU microvm command line for one VM (DESIGN.md "VM backend"): no firmware,
 * no default devices, no monitor, virtio-mmio devices given on the command line: the agent's
 * virtio-serial port on an inherited socket, the rootfs and each bind share over virtio-9p. */
#ifndef BERTH_QEMU_ARGV_H
#define BERTH_QEMU_ARGV_H

#include <stdbool.h>
#include <stdint.h>

#include "vm-accel.h"
#include "vm-guest-config.h"

struct vm_launch {
	const char *qemu, *kernel, *initramfs;
	enum vm_accel accel;
	unsigned cpus;
	uint64_t memory_mib;
	int chan_fd;		 /* the agent channel: QEMU's end of a socketpair */
	const char *console_log; /* the guest's serial console goes here */
	const char *rootfs;
	bool rootfs_readonly;
	bool passthrough; /* root: 9p keeps owners and modes as the guest sets them */
	const struct vm_share *shares;
	size_t n_shares;
	const char *share_dir; /* <state>/shares: file shares are exported from here */
	bool sandbox;	       /* -sandbox on (off only for tests of QEMU itself) */
};

/* A NULL-terminated, malloc'd argv (vm_argv_free). */
int vm_qemu_argv(const struct vm_launch *l, char ***ret, struct berr *err);
void vm_argv_free(char **argv);

#endif
