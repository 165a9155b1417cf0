/* hooks-lifecycle: the hooks that run after create, from the commands that drive a container
 * later (start, run, delete): they reload the bundle's config to find them. */
#ifndef BERTH_RT_HOOKS_LIFECYCLE_H
#define BERTH_RT_HOOKS_LIFECYCLE_H

#include "base/berr.h"
#include "state.h"

/* poststart: after the user's program started; a failure is an error (the caller stops the
 * container), as runc does. */
int rt_hooks_poststart(const struct rt_state *st, struct berr *err);
/* poststop: after the container is deleted; failures are logged warnings only. */
void rt_hooks_poststop(const struct rt_state *st);

#endif
