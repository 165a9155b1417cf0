/* shim-vm: berth-shim for a container in a VM (DESIGN.md "Programs"): the host process that
 * is the container's pid for the engine. It owns QEMU (started in a cgroup create chooses, and
 * killed with it), holds the container's stdio or terminal and relays it over the agent
 * channel, forwards signals sent to it, serves the berth commands that reach the container
 * (start, kill, exec) on <state>/vm.sock, and exits with the container's exit status when the
 * container ends, after the VM is gone. */
#ifndef BERTH_SHIM_VM_H
#define BERTH_SHIM_VM_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "../kvm-sandbox/vm-guest-config.h"
#include "../runtime/state.h"

#define SHIM_VM_SOCK	     "vm.sock"
#define SHIM_VM_CREATED	     RT_VM_CREATED /* exists from create until start */
#define SHIM_CONSOLE_LOG     "console.log"
#define SHIM_QEMU_LOG	     "qemu.log"
#define SHIM_BOOT_TIMEOUT_MS 60000

struct shim_vm_args {
	char state_dir[PATH_MAX];
	const char *id;
	char **qemu_argv;
	int chan_fd;	/* our end of the agent channel */
	int qemu_chan;	/* QEMU's end (inherited by QEMU only) */
	int sync_fd;	/* to create: RT_SYNC_PID (QEMU), RT_SYNC_READY or RT_SYNC_ERROR */
	int netns_fd;	/* QEMU starts in this network namespace, or -1 */
	bool detach;	/* create: new session, away from the caller's terminal */
	bool start;	/* run without host hooks before start: the agent starts it at create */
	bool terminal;	/* process.terminal */
	int tty_fd;	/* the host end of the container's terminal, or -1 */
	bool tty_stdio; /* run in the foreground with a terminal: fds 0 and 1 are it */
	unsigned short rows, cols;  /* initial terminal size */
	const struct rt_cgroup *cg; /* QEMU places itself here (vm_boot.cg), or NULL */
	const char *guest_config;
	const struct vm_share *shares;
	size_t n_shares;
};

/* The shim process's body after fork; never returns. */
__attribute__((noreturn)) void shim_vm_main(struct shim_vm_args *a);

#endif
