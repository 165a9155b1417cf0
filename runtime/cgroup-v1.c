/* cgroup-v1: the container's directories on a v1 or hybrid host, one per mounted hierarchy
 * (co-mounted ones such as cpu,cpuacct share one), with cpuset.cpus/mems filled in on every
 * new level as runc does: a v1 cpuset starts empty and refuses tasks until both are set.
 * Called by cgroup-setup.c.
 * Plain file writes, not libcgroup: why is in cgroup-impl.h. */
#include "cgroup-impl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int cpuset_level(const char *dir, unsigned depth, bool leaf, void *ctx, struct berr *err)
{
	static const char *const files[] = {"cpuset.cpus", "cpuset.mems"};
	char parent[PATH_MAX], buf[4096], what[PATH_MAX + 16];
	char *s;
	size_t i;
	int r;

	(void)leaf;
	(void)ctx;
	if (depth == 0)
		return 0; /* the hierarchy's root always has every CPU and node */
	(void)snprintf(parent, sizeof(parent), "%s", dir);
	s = strrchr(parent, '/');
	if (!s || s == parent)
		return 0;
	*s = '\0';
	(void)snprintf(what, sizeof(what), "cgroup %s", dir);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		r = rt_cg_read(dir, files[i], buf, sizeof(buf), err);
		if (r < 0)
			return r;
		if (buf[0])
			continue;
		r = rt_cg_read(parent, files[i], buf, sizeof(buf), err);
		if (r == 0)
			r = rt_cg_write(dir, files[i], buf, what, err);
		if (r < 0)
			return r;
	}
	return 0;
}

int rt_cg_v1_create(struct rt_cgroup *cg, const struct rt_cg_mounts *m, struct berr *err)
{
	struct berr ignored;
	int c, k, r;

	for (c = 0; c < RT_CG_NCTRL; c++) {
		if (!cg->path[c][0] || rt_cg_path_dup(cg, c))
			continue;
		r = rt_cg_mkdirs(m->mnt[c], cg->path[c], c == RT_CG_CPUSET ? cpuset_level : NULL,
				 NULL, &cg->created[c], err);
		if (r == 0)
			continue;
		/* undo the hierarchies done so far: only what we made */
		for (k = 0; k < c; k++)
			if (cg->path[k][0] && !rt_cg_path_dup(cg, k) && cg->created[k])
				(void)rt_cg_remove_path(cg->path[k], cg->created[k], &ignored);
		return r;
	}
	return 0;
}
