/* vm-accel-trial: the one real test of KVM, a trial QEMU start with -accel kvm on a tiny
 * guest (nested PVM hosts have a /dev/kvm on which Linux guests cannot run). Used by
 * vm-accel.c, which caches its verdict. */
#ifndef BERTH_VM_ACCEL_TRIAL_H
#define BERTH_VM_ACCEL_TRIAL_H

#include <stddef.h>

/* Part of the cache key: change it when the trial changes, so old verdicts are dropped. */
#define VM_ACCEL_TRIAL_VERSION "1"

/* Runs qemu on the trial guest for up to 2 s. Returns 1 when KVM ran all of it, 0 when not
 * (reason: "QEMU aborts with -accel kvm on this host", ...), or -errno when the trial could
 * not be run at all (reason says why; that says nothing about the host). */
int vm_accel_trial(const char *qemu, char *reason, size_t len);

#endif
