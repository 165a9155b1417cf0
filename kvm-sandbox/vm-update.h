/* vm-update: `berth update` of a container in a VM: the same options for the guest's berth
 * update (they apply to the container's cgroup inside the guest; the VM's own size is fixed
 * at create), -r as the document's content. */
#ifndef BERTH_VM_UPDATE_H
#define BERTH_VM_UPDATE_H

#include "../runtime/base/berr.h"

/* opts: the command line's options (argv between "update" and the id); resources: the -r
 * document update read (a file or stdin), or NULL. */
int vm_update(int statefd, int n_opts, char *const *opts, const char *resources, struct berr *err);

#endif
