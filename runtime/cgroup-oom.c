/* cgroup-oom: OOM kill notifications for `berth events`. v1: an eventfd registered on
 * memory.oom_control through cgroup.event_control (it also fires when the cgroup is removed);
 * v2: inotify on memory.events, whose oom_kill counter going up is an OOM kill. */
#include "cgroup-stats.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cgroup-impl.h"

static int open_v1(const char *dir, struct rt_cg_oom *w, struct berr *err)
{
	char p[PATH_MAX];
	int r;

	if (rt_cg_join(p, sizeof(p), dir, "memory.oom_control") < 0)
		return berr_set(err, ENAMETOOLONG, "events: path too long");
	w->oom_fd = open(p, O_RDONLY | O_CLOEXEC);
	if (w->oom_fd < 0)
		return berr_sys(err, "events: open %s", p);
	w->fd = eventfd(0, EFD_CLOEXEC);
	if (w->fd < 0)
		return berr_sys(err, "events: eventfd");
	r = rt_cg_writef(dir, "cgroup.event_control", "events: register for OOM", err, "%d %d",
			 w->fd, w->oom_fd);
	return r;
}

static int open_v2(const char *dir, struct rt_cg_oom *w, struct berr *err)
{
	char p[PATH_MAX];
	struct berr e2;
	int r;

	w->v2 = true;
	w->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (w->fd < 0)
		return berr_sys(err, "events: inotify_init1");
	if (rt_cg_join(p, sizeof(p), dir, "memory.events") < 0)
		return berr_set(err, ENAMETOOLONG, "events: path too long");
	if (inotify_add_watch(w->fd, p, IN_MODIFY) < 0)
		return berr_sys(err, "events: watch %s", p);
	r = rt_cg_read_key(dir, "memory.events", "oom_kill", &w->last, &e2);
	if (r < 0)
		w->last = 0;
	return 0;
}

int rt_cg_oom_open(const struct rt_cgroup *cg, struct rt_cg_oom *ret, struct berr *err)
{
	const char *dir =
		cg->mode == RT_CGROUP_V2 ? cg->path[RT_CG_UNIFIED] : cg->path[RT_CG_MEMORY];
	int r;

	memset(ret, 0, sizeof(*ret));
	ret->fd = ret->oom_fd = -1;
	if (cg->mode == RT_CGROUP_NONE || !dir[0])
		return berr_set(err, ENOTSUP, "events: the container has no memory cgroup");
	(void)snprintf(ret->dir, sizeof(ret->dir), "%s", dir);
	r = cg->mode == RT_CGROUP_V2 ? open_v2(dir, ret, err) : open_v1(dir, ret, err);
	if (r < 0)
		rt_cg_oom_close(ret);
	return r;
}

static int read_v2(struct rt_cg_oom *w, uint64_t *ret, struct berr *err)
{
	char buf[4096];
	uint64_t now;
	ssize_t n;
	int r;

	do /* drain: several writes to memory.events may have queued events */
		n = read(w->fd, buf, sizeof(buf));
	while (n > 0 || (n < 0 && errno == EINTR));
	r = rt_cg_read_key(w->dir, "memory.events", "oom_kill", &now, err);
	if (r < 0)
		return access(w->dir, F_OK) < 0 ? -ENOENT : r;
	*ret = now > w->last ? now - w->last : 0;
	w->last = now;
	return 0;
}

int rt_cg_oom_read(struct rt_cg_oom *w, uint64_t *ret, struct berr *err)
{
	uint64_t n;
	ssize_t k;

	if (w->v2)
		return read_v2(w, ret, err);
	do
		k = read(w->fd, &n, sizeof(n));
	while (k < 0 && errno == EINTR);
	if (k != (ssize_t)sizeof(n))
		return berr_sys(err, "events: read eventfd");
	/* the eventfd fires on rmdir too: then the cgroup is gone, not out of memory */
	if (!rt_cg_has(w->dir, "memory.oom_control"))
		return -ENOENT;
	*ret = n;
	return 0;
}

void rt_cg_oom_close(struct rt_cg_oom *w)
{
	if (w->fd >= 0)
		(void)close(w->fd);
	if (w->oom_fd >= 0)
		(void)close(w->oom_fd);
	w->fd = w->oom_fd = -1;
}
