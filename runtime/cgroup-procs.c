/* cgroup-procs: the processes of a container: cgroup.procs of its cgroup and of every cgroup
 * below it (a container may make its own). Called by ps, kill --all and destroy. */
#include "cgroup-impl.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "mountinfo.h"

#define MAX_DEPTH 64
#define MAX_PIDS  (1u << 22) /* the kernel's pid_max limit */

struct pid_list {
	pid_t *v;
	size_t n, cap;
};

static int add_pids(struct pid_list *l, char *text, struct berr *err)
{
	char *line, *save = NULL, *end;
	pid_t *nv;
	long v;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		v = strtol(line, &end, 10);
		if (end == line || v <= 0)
			continue;
		if (l->n == l->cap) {
			if (l->cap >= MAX_PIDS)
				return berr_set(err, E2BIG, "cgroup: too many processes");
			l->cap = l->cap ? l->cap * 2 : 64;
			nv = reallocarray(l->v, l->cap, sizeof(*nv));
			if (!nv)
				return berr_set(err, ENOMEM, "cgroup: list processes");
			l->v = nv;
		}
		l->v[l->n++] = (pid_t)v;
	}
	return 0;
}

static int collect(const char *dir, int depth, struct pid_list *l, struct berr *err)
{
	_cleanup_closedir_ DIR *d = NULL;
	_cleanup_free_ char *text = NULL;
	char p[PATH_MAX];
	struct dirent *de;
	int r;

	if (depth > MAX_DEPTH)
		return berr_set(err, ELOOP, "cgroup %s: nested too deep", dir);
	if (rt_cg_join(p, sizeof(p), dir, "cgroup.procs") < 0)
		return berr_set(err, ENAMETOOLONG, "cgroup %s: path too long", dir);
	r = rt_read_proc_file(p, &text, err);
	if (r == -ENOENT && depth > 0)
		return 0; /* removed while we walked */
	if (r < 0)
		return r;
	r = add_pids(l, text, err);
	if (r < 0)
		return r;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : berr_sys(err, "open cgroup %s", dir);
	while ((de = readdir(d))) {
		if (de->d_type != DT_DIR || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (rt_cg_join(p, sizeof(p), dir, de->d_name) < 0)
			continue;
		r = collect(p, depth + 1, l, err);
		if (r < 0)
			return r;
	}
	return 0;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return x < y ? -1 : x > y;
}

int rt_cgroup_pids(const struct rt_cgroup *cg, pid_t **ret, size_t *ret_n, struct berr *err)
{
	const char *dir = rt_cg_procs_dir(cg);
	struct pid_list l = {0};
	size_t i, k = 0;
	int r;

	if (!dir)
		return berr_set(err, ENOTSUP, "the container has no cgroup");
	r = collect(dir, 0, &l, err);
	if (r < 0) {
		free(l.v);
		return r;
	}
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), cmp_pid);
	for (i = 0; i < l.n; i++)
		if (k == 0 || l.v[k - 1] != l.v[i])
			l.v[k++] = l.v[i];
	*ret = l.v;
	*ret_n = k;
	return 0;
}
