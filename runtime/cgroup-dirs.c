/* cgroup-dirs: making a cgroup path level by level (with a hook per level for cpuset and
 * subtree_control), moving a process in, and removing what was made. Shared by the v1 and v2
 * code; called by cgroup-setup.c and cgroup-destroy.c. */
#include "cgroup-impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "mountinfo.h"

#define MAX_DEPTH 64 /* nesting below a container's cgroup that destroy walks */

static void remove_up(char *p, size_t from, unsigned n)
{
	char *s;

	while (n-- > 0 && strlen(p) > from) {
		(void)rmdir(p); /* best effort: undoing our own mkdirs */
		s = strrchr(p, '/');
		if (!s)
			break;
		*s = '\0';
	}
}

int rt_cg_mkdirs(const char *mnt, const char *path, rt_cg_level_fn fn, void *ctx,
		 unsigned char *ret_created, struct berr *err)
{
	size_t from = strlen(mnt), n = strlen(path), i;
	unsigned created = 0, depth = 0;
	char p[PATH_MAX];
	int r;

	if (!rt_path_has_prefix(path, mnt) || n >= sizeof(p))
		return berr_set(err, EINVAL, "cgroup %s: not under %s", path, mnt);
	if (fn && (r = fn(mnt, depth, n == from, ctx, err)) < 0)
		return r;
	memcpy(p, path, n + 1);
	for (i = from + 1; i <= n; i++) {
		/* each prefix of path that ends a component, below mnt */
		if (path[i] != '/' && path[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0755) == 0) {
			created++;
		} else if (errno != EEXIST) {
			r = berr_sys(err, "create cgroup %s", p);
			remove_up(p, from, created);
			return r;
		}
		depth++;
		if (fn && (r = fn(p, depth, i == n, ctx, err)) < 0) {
			remove_up(p, from, created);
			return r;
		}
		p[i] = path[i];
	}
	*ret_created = (unsigned char)(created > 255 ? 255 : created);
	return 0;
}

bool rt_cg_path_dup(const struct rt_cgroup *cg, int c)
{
	int k;

	for (k = 0; k < c; k++)
		if (!strcmp(cg->path[k], cg->path[c]))
			return true;
	return false;
}

int rt_cg_attach(const struct rt_cgroup *cg, pid_t pid, struct berr *err)
{
	int c, r;

	for (c = 0; c < RT_CG_NCTRL; c++) {
		if (!cg->path[c][0] || rt_cg_path_dup(cg, c))
			continue;
		r = rt_cg_writef(cg->path[c], "cgroup.procs", "cgroup", err, "%d", pid);
		if (r < 0)
			return berr_prefix(err, "move process %d into %s", pid, cg->path[c]);
	}
	return 0;
}

/* Removes the directories below dir, deepest first (the container may have made its own). */
static int rmdir_below(const char *dir, int depth, struct berr *err)
{
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	char sub[PATH_MAX];
	int r = 0, k;

	if (depth > MAX_DEPTH)
		return berr_set(err, ELOOP, "remove cgroup %s: nested too deep", dir);
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : berr_sys(err, "open cgroup %s", dir);
	while ((de = readdir(d))) {
		if (de->d_type != DT_DIR || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (rt_cg_join(sub, sizeof(sub), dir, de->d_name) < 0)
			continue;
		k = rmdir_below(sub, depth + 1, err);
		if (k == 0 && rmdir(sub) < 0 && errno != ENOENT)
			k = berr_sys(err, "remove cgroup %s", sub);
		if (k < 0 && r == 0)
			r = k;
	}
	return r;
}

int rt_cg_remove_path(const char *path, unsigned created, struct berr *err)
{
	char p[PATH_MAX];
	char *s;
	int r;

	r = rmdir_below(path, 0, err);
	if (r < 0)
		return r;
	if (rmdir(path) < 0 && errno != ENOENT)
		return berr_sys(err, "remove cgroup %s", path);
	(void)snprintf(p, sizeof(p), "%s", path);
	/* parents setup made for this container go too, unless another container uses them */
	while (created-- > 1 && (s = strrchr(p, '/')) != NULL && s != p) {
		*s = '\0';
		if (rmdir(p) < 0)
			break;
	}
	return 0;
}

int rt_cg_remove_dirs(const struct rt_cgroup *cg, struct berr *err)
{
	int c, r = 0, k;

	for (c = 0; c < RT_CG_NCTRL; c++) {
		if (!cg->path[c][0] || rt_cg_path_dup(cg, c))
			continue;
		k = rt_cg_remove_path(cg->path[c], cg->created[c], err);
		if (k < 0 && r == 0)
			r = k;
	}
	return r;
}

int rt_cgroup_attach_self(const struct rt_cgroup *cg, bool skip_unified, struct berr *err)
{
	int c, r;

	if (cg->mode == RT_CGROUP_NONE)
		return 0;
	for (c = 0; c < RT_CG_NCTRL; c++) {
		if (!cg->path[c][0] || rt_cg_path_dup(cg, c) ||
		    (c == RT_CG_UNIFIED && skip_unified))
			continue;
		/* v1 "tasks" with 0: this thread alone, which the kernel moves without the
		 * global threadgroup lock; v2 has no such file for a domain cgroup */
		r = rt_cg_write(cg->path[c], c == RT_CG_UNIFIED ? "cgroup.procs" : "tasks", "0",
				"cgroup", err);
		if (r < 0)
			return berr_prefix(err, "move into %s", cg->path[c]);
	}
	return 0;
}

int rt_cgroup_open_unified(const struct rt_cgroup *cg)
{
	if (!cg->path[RT_CG_UNIFIED][0])
		return -1;
	return open(cg->path[RT_CG_UNIFIED], O_PATH | O_DIRECTORY | O_CLOEXEC);
}

int rt_cgroup_attach(const struct rt_cgroup *cg, pid_t pid, struct berr *err)
{
	if (cg->mode == RT_CGROUP_NONE)
		return 0;
	return rt_cg_attach(cg, pid, err);
}
