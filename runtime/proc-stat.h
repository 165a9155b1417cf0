/* proc-stat: facts about a host process read from /proc: its start time and run state.
 * Used by the state store to tell a live container from a reused pid. */
#ifndef BERTH_RT_PROC_STAT_H
#define BERTH_RT_PROC_STAT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Fills start time (clock ticks since boot) and state char ('R', 'S', 'Z'...). -errno if gone. */
int rt_proc_stat(pid_t pid, uint64_t *ret_start, char *ret_state);
/* True when pid is alive (not a zombie) and started at start_time. */
bool rt_proc_is_alive(pid_t pid, uint64_t start_time);

#endif
