/* vm-exec: `berth exec` into a container in a VM: the command line's options go to the guest's
 * berth exec unchanged (so they mean exactly what they mean on the host), --process as its
 * content; stdio or the terminal stay on the host and are relayed by the shim. */
#ifndef BERTH_VM_EXEC_H
#define BERTH_VM_EXEC_H

#include "../runtime/exec-opts.h"
#include "../runtime/state.h"

/* Returns the exec's exit status (foreground) or 0 (detached), or -errno. */
int vm_exec(int statefd, const struct rt_exec_opts *o, struct berr *err);

#endif
