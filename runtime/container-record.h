/* container-record: create's checks and records of a container (container-check.c,
 * container-record.c), also used by exec for its pid file. */
#ifndef BERTH_RT_CONTAINER_RECORD_H
#define BERTH_RT_CONTAINER_RECORD_H

#include <stdbool.h>
#include <sys/types.h>

#include "container.h"

/* Checks the whole config against the command line and the host, before any side effect:
 * process present, mount namespace, hostname needs a new uts namespace, a new user namespace
 * needs mappings, LSM and RDT availability, terminal vs --console-socket. */
int rt_container_check(const struct cfg_spec *s, bool console_socket, bool tty_relay,
		       struct berr *err);
/* The state document of a container being made, either isolation: pid is its process (the VM
 * shim in vm mode); the annotations are borrowed from spec. */
void rt_state_describe(struct rt_state *st, const char *id, const char *bundle, const char *rootfs,
		       const char *isolation, pid_t pid, const struct cfg_spec *spec);
/* Stamps st with the creation time and its pid's start time and writes state.json into statefd;
 * what names the pid in errors ("container init", "the VM shim"). */
int rt_state_record(int statefd, struct rt_state *st, const char *what, struct berr *err);
/* Writes state.json of c (pid, start time, bundle, annotations) into its state dir. */
int rt_container_write_state(const struct rt_container *c, struct berr *err);
/* Writes pid to path through a temp file and rename, so readers never see a partial file. */
int rt_pid_file_write(const char *path, pid_t pid, struct berr *err);
/* process.oomScoreAdj into /proc/<pid>/oom_score_adj (nothing when unset). */
int rt_container_oom_score(pid_t pid, const struct cfg_process *p, struct berr *err);

#endif
