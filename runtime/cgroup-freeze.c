/* cgroup-freeze: pause and resume: freezer.state on v1 (FREEZING until every task stopped),
 * cgroup.freeze on v2 (cgroup.events says "frozen 1" when done), waiting for the kernel to
 * finish either way. Called by pause, resume, destroy and the status (paused). */
#include "cgroup-impl.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#define WAIT_MS 5000

static void nap(unsigned tries)
{
	/* 100 us at first, then 10 ms: freezing a few tasks takes well under a millisecond */
	struct timespec ts = {0, tries < 50 ? 100000 : 10000000};

	(void)nanosleep(&ts, NULL);
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec now;

	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

bool rt_cgroup_is_frozen(const struct rt_cgroup *cg)
{
	char buf[32];
	struct berr e2;

	if (cg->mode == RT_CGROUP_V2)
		return cg->path[RT_CG_UNIFIED][0] &&
		       rt_cg_read(cg->path[RT_CG_UNIFIED], "cgroup.freeze", buf, sizeof(buf),
				  &e2) == 0 &&
		       !strcmp(buf, "1");
	return cg->path[RT_CG_FREEZER][0] &&
	       rt_cg_read(cg->path[RT_CG_FREEZER], "freezer.state", buf, sizeof(buf), &e2) == 0 &&
	       !strcmp(buf, "FROZEN");
}

static int freeze_v1(const char *dir, bool frozen, struct berr *err)
{
	const char *want = frozen ? "FROZEN" : "THAWED";
	const char *what = frozen ? "pause" : "resume";
	struct timespec t0;
	char state[32];
	unsigned tries;
	int r;

	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	for (tries = 0;; tries++) {
		/* a task forking while we freeze can leave it FREEZING: writing again retries */
		if (tries % 100 == 0) {
			r = rt_cg_write(dir, "freezer.state", want, what, err);
			if (r < 0)
				return r;
		}
		r = rt_cg_read(dir, "freezer.state", state, sizeof(state), err);
		if (r < 0)
			return r;
		if (!strcmp(state, want))
			return 0;
		if (elapsed_ms(&t0) > WAIT_MS)
			break;
		nap(tries);
	}
	if (frozen) {
		struct berr ignored;

		(void)rt_cg_write(dir, "freezer.state", "THAWED", what, &ignored);
	}
	return berr_set(err, ETIMEDOUT, "%s: freezer.state is still %s after %d ms", what, state,
			WAIT_MS);
}

static int freeze_v2(const char *dir, bool frozen, struct berr *err)
{
	const char *what = frozen ? "pause" : "resume";
	uint64_t done = !frozen;
	struct timespec t0;
	unsigned tries;
	int r;

	r = rt_cg_write(dir, "cgroup.freeze", frozen ? "1" : "0", what, err);
	if (r < 0)
		return r;
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	for (tries = 0; elapsed_ms(&t0) <= WAIT_MS; tries++) {
		r = rt_cg_read_key(dir, "cgroup.events", "frozen", &done, err);
		if (r < 0)
			return r;
		if (done == (uint64_t)frozen)
			return 0;
		nap(tries);
	}
	return berr_set(err, ETIMEDOUT, "%s: cgroup.events still says frozen %llu after %d ms",
			what, (unsigned long long)done, WAIT_MS);
}

int rt_cgroup_freeze(const struct rt_cgroup *cg, bool frozen, struct berr *err)
{
	if (cg->mode == RT_CGROUP_V2)
		return freeze_v2(cg->path[RT_CG_UNIFIED], frozen, err);
	if (cg->mode == RT_CGROUP_NONE || !cg->path[RT_CG_FREEZER][0])
		return berr_set(err, ENOTSUP, "%s: the container has no freezer cgroup",
				frozen ? "pause" : "resume");
	return freeze_v1(cg->path[RT_CG_FREEZER], frozen, err);
}
