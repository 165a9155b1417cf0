/* cgroup-v2: the container's directory in the unified hierarchy, with every controller the
 * kernel offers enabled in each ancestor's cgroup.subtree_control so the container's own
 * files (memory.max, pids.max...) exist. Called by cgroup-setup.c.
 * Plain file writes, not libcgroup: why is in cgroup-impl.h. */
#include "cgroup-impl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"

static bool word_in(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p = list;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

/* Enables what dir's cgroup.controllers offers in its subtree_control. Failures are not
 * fatal: a cgroup with processes of its own refuses (EBUSY), and a controller bound to a v1
 * hierarchy is simply not offered; a limit that needs it fails later, naming its file. */
static int enable_level(const char *dir, unsigned depth, bool leaf, void *ctx, struct berr *err)
{
	char avail[1024], on[1024], *tok, *save = NULL, plus[80];
	struct berr e2;

	(void)depth;
	(void)ctx;
	(void)err;
	if (leaf)
		return 0;
	if (rt_cg_read(dir, "cgroup.controllers", avail, sizeof(avail), &e2) < 0)
		return 0;
	if (rt_cg_read(dir, "cgroup.subtree_control", on, sizeof(on), &e2) < 0)
		on[0] = '\0';
	for (tok = strtok_r(avail, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (word_in(on, tok))
			continue;
		(void)snprintf(plus, sizeof(plus), "+%s", tok);
		if (rt_cg_write(dir, "cgroup.subtree_control", plus, "cgroup", &e2) < 0)
			log_debug("cgroup %s: enable %s: %s", dir, tok, strerror(e2.code));
	}
	return 0;
}

int rt_cg_v2_create(struct rt_cgroup *cg, const struct rt_cg_mounts *m, struct berr *err)
{
	return rt_cg_mkdirs(m->mnt[RT_CG_UNIFIED], cg->path[RT_CG_UNIFIED], enable_level, NULL,
			    &cg->created[RT_CG_UNIFIED], err);
}
