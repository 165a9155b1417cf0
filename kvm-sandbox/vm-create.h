/* vm-create: `create` and `run` with vm isolation (DESIGN.md "VM backend"): checks what a VM
 * needs, starts berth-shim, which starts QEMU (placed here in the container's cgroup) and has
 * the guest agent build the container up to its start point, runs the host's hooks, writes the
 * state (pid: the shim). A failure leaves no QEMU, shim, socket, state or cgroup behind. */
#ifndef BERTH_VM_CREATE_H
#define BERTH_VM_CREATE_H

#include "../config/spec.h"
#include "../runtime/container-create.h"

/* spec and text: config.json parsed, and as read (text_len bytes); bundle and rootfs: resolved
 * absolute paths. */
int vm_container_create(const struct rt_create_opts *o, const struct cfg_spec *spec,
			const char *text, size_t text_len, const char *bundle, const char *rootfs,
			struct rt_created *ret, struct berr *err);

#endif
