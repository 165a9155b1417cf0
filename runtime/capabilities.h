/* capabilities: apply process.capabilities (five sets, resolved to masks by config/) with
 * libcap: bounding drops, then permitted/effective/inheritable, then ambient. */
#ifndef BERTH_RT_CAPABILITIES_H
#define BERTH_RT_CAPABILITIES_H

#include "../config/spec.h"
#include "base/berr.h"

/* Drops every capability not in the bounding set; call before the uid switch. */
int rt_caps_drop_bounding(const struct cfg_caps *c, struct berr *err);
/* Sets effective/permitted/inheritable and raises ambient; call after the uid switch. */
int rt_caps_apply(const struct cfg_caps *c, struct berr *err);

#endif
