/* exe-clone: CVE-2019-5736 protection. Before berth enters or builds a container it re-execs
 * itself from a sealed memfd copy, so no process in the container can ever reach the host
 * binary through /proc/<pid>/exe and overwrite it. Called first thing by main(). */
#ifndef BERTH_RT_EXE_CLONE_H
#define BERTH_RT_EXE_CLONE_H

#include <stdbool.h>

#include "base/berr.h"

/* True when /proc/self/exe is already a sealed memfd. */
bool rt_exe_is_cloned(void);
/* Re-execs from a sealed copy; returns only on failure. */
int rt_exe_clone_and_reexec(char **argv, struct berr *err);

#endif
