/* hooks: runs the config's lifecycle hooks (runtime-spec config.md "POSIX-platform Hooks") with
 * the state JSON on stdin, honouring timeout. A hook runs in whatever namespaces the caller is
 * in: container-create and init pick the point, cmd-start and cmd-delete the rest. */
#ifndef BERTH_RT_HOOKS_H
#define BERTH_RT_HOOKS_H

#include "../config/spec.h"
#include "base/berr.h"
#include "state.h"

/* Runs each hook of l in order, stopping at the first failure: fork + execve of path with args
 * (argv = [path] when absent) and exactly the hook's env (empty when absent); stdin is a pipe
 * carrying state_json, stdout and stderr are captured and quoted in the error. kind names the
 * list in messages ("prestart", "createRuntime", ...): "hooks.prestart[0]: /bin/x: exit status
 * 3, stderr: ...", "...: timed out after 2s" (the hook is SIGKILLed), "...: exec: No such file
 * or directory". Returns 0 or -errno (ETIMEDOUT for a timeout, ECANCELED for a non-zero exit
 * or a signal). */
int rt_hooks_run(const struct cfg_hook_list *l, const char *kind, const char *state_json,
		 struct berr *err);

/* The same with the state document built from st and status (rt_state_to_json); nothing is
 * built when l is empty. */
int rt_hooks_run_state(const struct cfg_hook_list *l, const char *kind, const struct rt_state *st,
		       enum rt_status status, struct berr *err);

/* For the kinds whose failure is only a warning (poststop; poststart in runtime-spec < 1.1):
 * runs every hook even after one fails, logging "hooks.poststop[0]: ...; continuing" for each
 * failure. Returns the number of hooks that failed. */
int rt_hooks_run_warn(const struct cfg_hook_list *l, const char *kind, const struct rt_state *st,
		      enum rt_status status);

/* True when the config has prestart or createRuntime hooks: only then does create stop
 * between mounts and pivot_root to run them in the runtime's namespaces. */
bool rt_hooks_runtime_wanted(const struct cfg_spec *spec);

#endif
