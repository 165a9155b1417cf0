/* vm-tty: a terminal for a process in a VM, as the engine expects it: a host pty whose master
 * goes to --console-socket, and whose slave, raw (the guest's pty does the line discipline), the
 * shim relays to the guest. Used by create (the container's terminal) and exec. */
#ifndef BERTH_VM_TTY_H
#define BERTH_VM_TTY_H

#include "../runtime/base/berr.h"

/* rows/cols 0: the pty's default size. Returns the slave fd (close-on-exec). */
int vm_tty_open(const char *console_socket, unsigned short rows, unsigned short cols,
		struct berr *err);

#endif
