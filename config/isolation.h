/* isolation: which boundary a container gets, from the shared config spec (DESIGN.md
 * "Choosing isolation"): --isolation, then the berth.isolation annotation, then the program
 * name (berth-vm), then the default. berth.conf's default_isolation arrives with issue 6. */
#ifndef BERTH_CFG_ISOLATION_H
#define BERTH_CFG_ISOLATION_H

#include "spec.h"

enum cfg_isolation { CFG_ISOLATION_CONTAINER, CFG_ISOLATION_VM };

/* flag: the --isolation value or NULL; argv0: the program's base name. Unknown values are an
 * error naming where they came from: "annotations.berth.isolation: unknown isolation ..." */
int cfg_isolation_choose(const char *flag, const struct cfg_spec *spec, const char *argv0,
			 enum cfg_isolation *ret, struct berr *err);
const char *cfg_isolation_name(enum cfg_isolation i);

#endif
