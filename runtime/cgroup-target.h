/* cgroup-target: what update, pause, resume, events and ps start from: the named container's
 * state (locked), its status and its cgroup. */
#ifndef BERTH_RT_CGROUP_TARGET_H
#define BERTH_RT_CGROUP_TARGET_H

#include "cgroup.h"
#include "state.h"

struct rt_cg_target {
	int rootfd, dirfd; /* dirfd holds the container's lock until closed */
	struct rt_state st;
	enum rt_status status;
	struct rt_cgroup *cg; /* malloc'ed */
};

/* Opens and locks --root/<id>, reads its state, derives its status and loads its cgroup.
 * Errors: "container does not exist: ID", "the container has no cgroup". */
int rt_cg_target_open(const char *id, struct rt_cg_target *ret, struct berr *err);
/* Releases the lock (the data stays readable until rt_cg_target_close). */
void rt_cg_target_unlock(struct rt_cg_target *t);
void rt_cg_target_close(struct rt_cg_target *t);

#endif
