/* identity: the container user as runc resolves it: uid/gid from the config, HOME and
 * supplementary groups looked up in the container's own /etc/passwd and /etc/group. */
#ifndef BERTH_RT_IDENTITY_H
#define BERTH_RT_IDENTITY_H

#include <stddef.h>
#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"

#define RT_MAX_GROUPS 256

struct rt_identity {
	uid_t uid;
	gid_t gid;
	char home[1024];
	gid_t groups[RT_MAX_GROUPS];
	size_t n_groups;
};

/* Resolves against passwd/group files under etc (e.g. "/etc" after pivot_root). */
int rt_identity_resolve(const struct cfg_user *u, const char *etc, struct rt_identity *ret,
			struct berr *err);
/* setgroups + setresgid + setresuid, keeping the permitted capabilities across the switch. */
int rt_identity_apply(const struct rt_identity *id, bool setgroups_allowed, struct berr *err);

#endif
