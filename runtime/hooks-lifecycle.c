/* hooks-lifecycle: poststart and poststop, in the runtime's namespaces. */
#include "hooks-lifecycle.h"

#include "../config/spec.h"
#include "base/log.h"
#include "hooks.h"

int rt_hooks_poststart(const struct rt_state *st, struct berr *err)
{
	struct cfg_spec *spec = NULL;
	int r;

	r = cfg_spec_load(st->bundle, &spec, err);
	if (r < 0)
		return r;
	r = rt_hooks_run_state(&spec->hooks.poststart, "poststart", st, RT_STATUS_RUNNING, err);
	cfg_spec_free(spec);
	return r;
}

void rt_hooks_poststop(const struct rt_state *st)
{
	struct cfg_spec *spec = NULL;
	struct berr err;

	if (cfg_spec_load(st->bundle, &spec, &err) < 0) {
		log_warn("poststop hooks not run: %s", err.msg);
		return;
	}
	(void)rt_hooks_run_warn(&spec->hooks.poststop, "poststop", st, RT_STATUS_STOPPED);
	cfg_spec_free(spec);
}
