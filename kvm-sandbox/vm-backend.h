/* vm-backend: what berth needs from a hypervisor, and nothing more: start the VM's host
 * process in the container's cgroup (it moves itself in, or create moves it while it waits at
 * a gate), its pid, the guest's end of the agent channel, and stop. QEMU microvm is the backend
 * today (vm-qemu.c, with its command line from qemu-argv.c); a built-in VMM on /dev/kvm would
 * be a second struct vm_backend. */
#ifndef BERTH_VM_BACKEND_H
#define BERTH_VM_BACKEND_H

#include <sys/types.h>

#include "../runtime/base/berr.h"
#include "../runtime/cgroup.h"

struct vm_boot {
	char **argv;	 /* the backend's command line (QEMU: qemu-argv.c) */
	int guest_chan;	 /* the guest's end of the agent channel, kept by the VM process */
	int netns_fd;	 /* the network namespace the VM process runs in, or -1 */
	const char *log; /* the VM process's own errors (not the guest console) */
	/* the cgroup the VM process places itself in before anything else (born in its cgroup2
	 * directory, moving itself into v1 ones: no RCU grace period, unlike a move by pid);
	 * NULL: create moves it by pid while it waits at the gate */
	const struct rt_cgroup *cg;
};

struct vm_backend {
	const char *name;
	/* Forks the VM process; it dies with the caller and waits until a byte arrives on gate
	 * (or EOF: it exits) before it starts the guest. Returns its pid. */
	pid_t (*spawn)(const struct vm_boot *b, int gate, struct berr *err);
	/* Ends the VM at once; the caller reaps it. */
	void (*stop)(pid_t pid);
};

extern const struct vm_backend vm_backend_qemu;

#endif
