/* hooks-lifecycle: the hooks that run after create, from the commands that drive a container
 * later (start, run, delete). They come from the copy of config.json that create saved in the
 * state dir: the runtime-spec says later edits of the bundle must not affect the container. */
#ifndef BERTH_RT_HOOKS_LIFECYCLE_H
#define BERTH_RT_HOOKS_LIFECYCLE_H

#include "../config/spec.h"
#include "base/berr.h"
#include "state.h"

#define RT_CONFIG_COPY "config.json"

/* create: copies <bundle>/config.json into the state dir. */
int rt_config_save(int statefd, const char *bundle, struct berr *err);
/* Loads the saved copy (or, for state written without one, the bundle's config). */
int rt_config_load_saved(int statefd, const struct rt_state *st, struct cfg_spec **ret,
			 struct berr *err);
/* poststart: after the user's program started; a failure is an error (the caller stops the
 * container), as runc does. */
int rt_hooks_poststart(int statefd, const struct rt_state *st, struct berr *err);
/* poststop: after the container is deleted, with the config loaded before its state went;
 * failures are logged warnings only. spec may be NULL (nothing to run). */
void rt_hooks_poststop(const struct cfg_spec *spec, const struct rt_state *st);

#endif
