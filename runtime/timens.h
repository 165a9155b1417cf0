/* timens: linux.timeOffsets of a new time namespace.
 *
 * How a time namespace gets its offsets (time_namespaces(7), checked on 6.18):
 * - unshare(CLONE_NEWTIME) does not move the caller: it sets the caller's
 *   /proc/self/ns/time_for_children to a new namespace. The offsets are written to
 *   /proc/<that pid>/timens_offsets (by itself or by its parent), and only until a first
 *   process enters the namespace; then writes fail with EACCES.
 * - The first process to enter it is either a child forked after the unshare (a hook!) or the
 *   caller itself at execve(): since Linux 6.0 execve switches a process whose
 *   time_for_children differs into that namespace. So the container's init unshares, the
 *   offsets are written before init forks anything, and the user's program runs in it.
 * - clone() cannot ask for it: CLONE_NEWTIME (0x80) lies inside CSIGNAL, the exit-signal byte
 *   of the legacy clone(2) flags; and clone3(CLONE_NEWTIME) puts the child into the new
 *   namespace at once, with the offsets frozen at zero. */
#ifndef BERTH_RT_TIMENS_H
#define BERTH_RT_TIMENS_H

#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"

/* Writes spec->linux_.time_offsets to /proc/<pid>/timens_offsets (pid 0: /proc/self, which is
 * what init must use: its pid as the host's /proc knows it is not getpid()). Nothing is
 * written without offsets. Errors: "linux.timeOffsets: write /proc/self/timens_offsets:
 * Permission denied" (a process already entered the namespace). */
int rt_timens_write_offsets(pid_t pid, const struct cfg_spec *spec, struct berr *err);

/* unshare(CLONE_NEWTIME) then rt_timens_write_offsets(0, ...): what init calls first thing
 * after SYNC_GO when the config asks for a new time namespace. */
int rt_timens_unshare(const struct cfg_spec *spec, struct berr *err);

#endif
