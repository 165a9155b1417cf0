/* cgroup-target: opening a container for the commands that act on its cgroup (update, pause,
 * resume, events, ps): state, status and cgroup.json, under the container's lock. */
#include "cgroup-target.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int rt_cg_target_open(const char *id, struct rt_cg_target *ret, struct berr *err)
{
	struct rt_cg_target t = {.rootfd = -1, .dirfd = -1};
	int r;

	t.rootfd = rt_state_open_root(arg_global.root, false, err);
	if (t.rootfd < 0)
		return berr_set(err, ENOENT, "container does not exist: %s", id);
	t.dirfd = rt_state_lock(t.rootfd, id, err);
	if (t.dirfd < 0) {
		r = t.dirfd;
		goto fail;
	}
	r = rt_state_read(t.dirfd, &t.st, err);
	if (r < 0)
		goto fail;
	t.status = rt_state_status(t.dirfd, &t.st);
	t.cg = calloc(1, sizeof(*t.cg));
	if (!t.cg) {
		r = berr_set(err, ENOMEM, "load cgroup of %s", id);
		goto fail;
	}
	r = rt_cgroup_load(t.dirfd, t.cg, err);
	if (r < 0)
		goto fail;
	*ret = t;
	return 0;
fail:
	rt_cg_target_close(&t);
	return r;
}

void rt_cg_target_unlock(struct rt_cg_target *t)
{
	if (t->dirfd >= 0)
		(void)close(t->dirfd);
	if (t->rootfd >= 0)
		(void)close(t->rootfd);
	t->dirfd = t->rootfd = -1;
}

void rt_cg_target_close(struct rt_cg_target *t)
{
	rt_cg_target_unlock(t);
	rt_state_clear(&t->st);
	free(t->cg);
	t->cg = NULL;
}
