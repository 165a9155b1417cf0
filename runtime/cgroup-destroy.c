/* cgroup-destroy: delete's end of a cgroup: every process in it killed (cgroup.kill on v2
 * when the kernel has it, else freeze, SIGKILL each pid, thaw), waited for, then every
 * directory removed; a cgroup already gone is fine. Called by delete and by a failed setup. */
#include "cgroup-impl.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"

#define WAIT_MS 5000

static void nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	(void)nanosleep(&ts, NULL);
}

/* Kills what cgroup.procs lists; returns how many were signalled. */
static int kill_listed(const struct rt_cgroup *cg, struct berr *err)
{
	pid_t *pids = NULL;
	size_t n = 0, i;
	int r;

	r = rt_cgroup_pids(cg, &pids, &n, err);
	if (r < 0)
		return r;
	for (i = 0; i < n; i++)
		(void)kill(pids[i], SIGKILL); /* ESRCH: it exited meanwhile */
	free(pids);
	return (int)n;
}

/* Frozen, nothing can fork between our reading cgroup.procs and the kill. v1 keeps a frozen
 * task frozen even with SIGKILL pending, so the thaw is what lets them die. */
static int freeze_and_kill(const struct rt_cgroup *cg, struct berr *err)
{
	struct berr ignored;
	pid_t *pids = NULL;
	size_t n = 0;
	bool frozen;
	int r;

	/* an empty cgroup (the usual end: the container's init took its pid namespace with it)
	 * has nothing that could fork: no freeze needed */
	r = rt_cgroup_pids(cg, &pids, &n, err);
	free(pids);
	if (r < 0 || n == 0)
		return r == -ENOENT ? 0 : r;
	frozen = rt_cgroup_freeze(cg, true, &ignored) == 0;
	r = kill_listed(cg, err);
	if (frozen)
		(void)rt_cgroup_freeze(cg, false, &ignored);
	return r < 0 ? r : 0;
}

static int kill_all(const struct rt_cgroup *cg, struct berr *err)
{
	const char *dir = cg->path[RT_CG_UNIFIED];

	if (cg->mode == RT_CGROUP_V2 && rt_cg_has(dir, "cgroup.kill"))
		return rt_cg_write(dir, "cgroup.kill", "1", "delete: kill the container", err);
	return freeze_and_kill(cg, err);
}

static int wait_empty(const struct rt_cgroup *cg, struct berr *err)
{
	long waited = 0;
	pid_t *pids;
	size_t n;
	int r;

	for (;;) {
		pids = NULL;
		r = rt_cgroup_pids(cg, &pids, &n, err);
		free(pids);
		if (r == -ENOENT)
			return 0;
		if (r < 0)
			return r;
		if (n == 0)
			return 0;
		if (waited >= WAIT_MS)
			return berr_set(err, ETIMEDOUT,
					"delete: %zu processes still in the cgroup after %d ms", n,
					WAIT_MS);
		/* a task that forked past the first kill: kill again */
		if (waited % 500 == 100)
			(void)kill_listed(cg, err);
		/* dying tasks leave within a millisecond or two; then back off */
		nap_ms(waited < 20 ? 1 : 10);
		waited += waited < 20 ? 1 : 10;
	}
}

int rt_cgroup_destroy(const struct rt_cgroup *cg, struct berr *err)
{
	const char *dir = rt_cg_procs_dir(cg);
	long waited = 0;
	int r;

	if (cg->mode == RT_CGROUP_NONE || !dir)
		return 0;
	if (access(dir, F_OK) == 0) {
		r = kill_all(cg, err);
		if (r < 0 && r != -ENOENT)
			return r;
		r = wait_empty(cg, err);
		if (r < 0)
			return r;
	}
	/* the kernel finishes detaching exited tasks asynchronously: EBUSY for a moment */
	while ((r = rt_cg_remove_dirs(cg, err)) == -EBUSY && waited < WAIT_MS) {
		nap_ms(waited < 20 ? 1 : 10);
		waited += waited < 20 ? 1 : 10;
	}
	if (r < 0)
		log_debug("cgroup removal: %s", err->msg);
	return r;
}

int rt_cgroup_destroy_saved(int statefd, struct berr *err)
{
	struct rt_cgroup *cg = malloc(sizeof(*cg));
	struct berr e2;
	int r;

	if (!cg)
		return berr_set(err, ENOMEM, "delete: cgroup");
	r = rt_cgroup_load(statefd, cg, &e2);
	if (r == -ENOENT) {
		free(cg);
		return 0;
	}
	if (r < 0) {
		*err = e2;
		free(cg);
		return r;
	}
	r = rt_cgroup_destroy(cg, err);
	free(cg);
	return r;
}

void rt_cgroup_undo(void *ctx, long arg)
{
	struct berr ignored;

	(void)arg;
	(void)rt_cgroup_destroy(ctx, &ignored);
}
