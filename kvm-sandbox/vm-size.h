/* vm-size: a VM's vCPUs and RAM (DESIGN.md "Choosing isolation"): the annotations
 * berth.vm.cpus / berth.vm.memory, else linux.resources (cpu quota/period rounded up; the memory
 * limit plus the guest's own overhead), else berth.conf, else the built-in defaults. */
#ifndef BERTH_VM_SIZE_H
#define BERTH_VM_SIZE_H

#include <stdint.h>

#include "../config/berth-conf.h"
#include "../config/spec.h"

#define VM_DEFAULT_CPUS	      1
#define VM_DEFAULT_MEMORY_MIB 128
#define VM_OVERHEAD_MIB	      64 /* guest kernel, agent and page tables on top of the limit */
#define VM_MIN_MEMORY_MIB     64
#define VM_MAX_CPUS	      64 /* the guest kernel's NR_CPUS */

struct vm_size {
	unsigned cpus;
	uint64_t memory_mib;
};

/* Errors name the annotation: "annotations.berth.vm.cpus: ..." */
int vm_size_choose(const struct cfg_spec *spec, const struct cfg_conf *conf, struct vm_size *ret,
		   struct berr *err);

#endif
