/* cgroup: the container's control groups on a v1, v2 or hybrid host: created and limited by
 * create, listed by ps and kill --all, frozen by pause, read by events, removed by delete. */
#ifndef BERTH_RT_CGROUP_H
#define BERTH_RT_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"

enum rt_cgroup_mode {
	RT_CGROUP_NONE,	  /* no cgroup filesystem mounted */
	RT_CGROUP_V1,	  /* v1 hierarchies only */
	RT_CGROUP_HYBRID, /* v1 hierarchies plus a cgroup2 mount (limits go to v1, as runc) */
	RT_CGROUP_V2,	  /* the unified hierarchy only */
};

/* The hierarchies a container is placed in. On v2 only RT_CG_UNIFIED is used. */
enum rt_cg_ctrl {
	RT_CG_CPU,
	RT_CG_CPUACCT,
	RT_CG_CPUSET,
	RT_CG_MEMORY,
	RT_CG_DEVICES,
	RT_CG_FREEZER,
	RT_CG_BLKIO,
	RT_CG_PIDS,
	RT_CG_HUGETLB,
	RT_CG_NET_CLS,
	RT_CG_NET_PRIO,
	RT_CG_PERF_EVENT,
	RT_CG_RDMA,
	RT_CG_MISC,
	RT_CG_SYSTEMD, /* the v1 name=systemd hierarchy */
	RT_CG_UNIFIED, /* the cgroup2 hierarchy (hybrid: joined, nothing written) */
	RT_CG_NCTRL
};

/* A container's cgroup: plain data (no pointers), so it can be saved, copied and sent. */
struct rt_cgroup {
	enum rt_cgroup_mode mode;
	char path[RT_CG_NCTRL][PATH_MAX]; /* absolute directory; "" when not used */
	/* trailing path components setup created (and destroy removes), per hierarchy */
	unsigned char created[RT_CG_NCTRL];
};

#define RT_CGROUP_FILE "cgroup.json"

/* In the parent after clone(), before init continues: creates the container's cgroup(s) at
 * linux.cgroupsPath (as runc: absolute, relative to our own cgroup, empty: <own>/<id>; with
 * systemd the slice:prefix:name form), applies linux.resources and moves pid in. On failure
 * nothing is left and err names the resource, e.g. "linux.resources.memory.limit: write
 * memory.limit_in_bytes: Invalid argument". */
int rt_cgroup_setup(const struct cfg_spec *spec, const char *id, bool systemd, pid_t pid,
		    struct rt_cgroup *ret, struct berr *err);
/* An rt_undo_fn (undo.h) for create's undo list: ctx is the struct rt_cgroup setup filled;
 * destroys it, ignoring errors. */
void rt_cgroup_undo(void *ctx, long arg);
/* Writes and reads <state dir>/cgroup.json. Load fails with -ENOENT when there is none. */
int rt_cgroup_save(int statefd, const struct rt_cgroup *cg, struct berr *err);
int rt_cgroup_load(int statefd, struct rt_cgroup *ret, struct berr *err);
/* Kills every process in the cgroup, waits for them, removes every directory setup made.
 * Succeeds when it is already gone. */
int rt_cgroup_destroy(const struct rt_cgroup *cg, struct berr *err);
/* Loads <state dir>/cgroup.json and destroys that cgroup: what delete (and run without -d,
 * before it removes the state) calls. 0 when there is no cgroup.json. */
int rt_cgroup_destroy_saved(int statefd, struct berr *err);
/* The pids in the cgroup and its descendants, sorted; *ret is malloc'ed (NULL when none). */
int rt_cgroup_pids(const struct rt_cgroup *cg, pid_t **ret, size_t *ret_n, struct berr *err);
/* Moves pid into every hierarchy of cg (exec joins the container's cgroup). */
int rt_cgroup_attach(const struct rt_cgroup *cg, pid_t pid, struct berr *err);
/* Moves the calling process, which must have one thread, into every hierarchy of cg (the v2
 * one too unless skip_unified): on v1 by writing 0 to "tasks", which moves one thread
 * without the kernel's global threadgroup lock, so without an RCU grace period (5-15 ms on
 * the first move, paid by every runtime that writes a pid to cgroup.procs). */
int rt_cgroup_attach_self(const struct rt_cgroup *cg, bool skip_unified, struct berr *err);
/* cg's cgroup2 directory opened O_PATH (for clone3's CLONE_INTO_CGROUP), or -1 when it has
 * none or it cannot be opened (the caller then moves the process in by other means). */
int rt_cgroup_open_unified(const struct rt_cgroup *cg);
/* True when the cgroup is frozen (pause). */
bool rt_cgroup_is_frozen(const struct rt_cgroup *cg);
/* Freezes (pause) or thaws (resume) every process, waiting until the kernel says so. */
int rt_cgroup_freeze(const struct rt_cgroup *cg, bool frozen, struct berr *err);
/* update: applies the resources that are set in res (devices are not changed). Error paths
 * start with "linux.resources". */
int rt_cgroup_update(const struct rt_cgroup *cg, const struct cfg_resources *res, struct berr *err);

#endif
