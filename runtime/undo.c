/* undo: a fixed-size LIFO of reversal callbacks; no allocation, so it works after clone. */
#include "undo.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#include "state.h"

int rt_undo_push(struct rt_undo *u, rt_undo_fn fn, void *ctx, long arg)
{
	if (u->n >= RT_UNDO_MAX)
		return -ENOSPC;
	u->v[u->n].fn = fn;
	u->v[u->n].ctx = ctx;
	u->v[u->n].arg = arg;
	u->n++;
	return 0;
}

void rt_undo_run(struct rt_undo *u)
{
	while (u->n > 0) {
		u->n--;
		u->v[u->n].fn(u->v[u->n].ctx, u->v[u->n].arg);
	}
}

void rt_undo_forget(struct rt_undo *u)
{
	u->n = 0;
}

void rt_undo_state_dir(void *ctx, long arg)
{
	struct rt_undo_dir *u = ctx;
	struct berr ignored;

	(void)arg;
	(void)rt_state_remove(u->rootfd, u->id, &ignored);
}

void rt_undo_process(void *ctx, long pid)
{
	(void)ctx;
	(void)kill((pid_t)pid, SIGKILL);
	while (waitpid((pid_t)pid, NULL, 0) < 0 && errno == EINTR)
		;
}
