/* isolation: which boundary a container gets, from the shared config spec (DESIGN.md
 * "Choosing isolation"): --isolation, then the berth.isolation annotation, then the program
 * name (berth-vm), then berth.conf's default_isolation, then container. */
#ifndef BERTH_CFG_ISOLATION_H
#define BERTH_CFG_ISOLATION_H

#include "berth-conf.h"
#include "spec.h"

enum cfg_isolation { CFG_ISOLATION_CONTAINER, CFG_ISOLATION_VM };

/* flag: the --isolation value or NULL; argv0: the program's base name; conf: berth.conf as
 * loaded (may be NULL). Unknown values are an error naming where they came from:
 * "annotations.berth.isolation: unknown isolation ...", "<conf path>: default_isolation: ...". */
int cfg_isolation_choose(const char *flag, const struct cfg_spec *spec, const char *argv0,
			 const struct cfg_conf *conf, enum cfg_isolation *ret, struct berr *err);
const char *cfg_isolation_name(enum cfg_isolation i);

#endif
