/* vm-accel: KVM or TCG for QEMU (DESIGN.md "VM backend"): KVM where the CPU has vmx/svm, /dev/kvm
 * opens and a trial QEMU start with -accel kvm survives (nested PVM hosts abort); the trial's
 * answer is cached. Otherwise TCG, with a one-line warning from the caller. */
#ifndef BERTH_VM_ACCEL_H
#define BERTH_VM_ACCEL_H

#include <stdbool.h>
#include <stddef.h>

#include "../runtime/base/berr.h"

enum vm_accel { VM_ACCEL_KVM, VM_ACCEL_TCG };

/* Where the probe looks; vm_accel_probe_defaults() fills the real paths. Tests point them at
 * fake files. */
struct vm_accel_probe {
	const char *cpuinfo; /* /proc/cpuinfo */
	const char *kvm_dev; /* /dev/kvm */
	const char *cache;   /* where the trial's verdict is kept (/run/berth/kvm-usable) */
	const char *qemu;    /* QEMU binary for the trial; NULL: skip the trial (assume usable) */
};

void vm_accel_probe_defaults(struct vm_accel_probe *p, const char *qemu);
/* want: "auto" (or NULL), "kvm" or "tcg". With "auto", *ret is KVM when usable, else TCG and
 * why (when non-NULL) gets the one-line reason ("no vmx or svm flag in /proc/cpuinfo", "/dev/kvm:
 * Permission denied", "QEMU aborts with -accel kvm on this host"). "kvm" when KVM is unusable is
 * an error with that reason; an unknown want is an error naming accel. "tcg" probes nothing and
 * leaves why empty (nothing to warn about); so does a usable KVM. */
int vm_accel_choose(const char *want, const struct vm_accel_probe *p, enum vm_accel *ret, char *why,
		    size_t why_len, struct berr *err);
const char *vm_accel_name(enum vm_accel a); /* "kvm" / "tcg" */

#endif
