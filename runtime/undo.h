/* undo: the list of system side effects a command has made (state dir, process, files), so a
 * failed create reverses them in order and leaves nothing behind (STYLE.md). */
#ifndef BERTH_RT_UNDO_H
#define BERTH_RT_UNDO_H

#define RT_UNDO_MAX 16

typedef void (*rt_undo_fn)(void *ctx, long arg);

struct rt_undo {
	struct {
		rt_undo_fn fn;
		void *ctx;
		long arg;
	} v[RT_UNDO_MAX];
	int n;
};

/* Records a reversal; returns -ENOSPC when full (a programming error caught by tests). */
int rt_undo_push(struct rt_undo *u, rt_undo_fn fn, void *ctx, long arg);
/* Runs the recorded reversals, newest first, and empties the list. */
void rt_undo_run(struct rt_undo *u);
/* The reversals create needs in both isolations. rt_undo_state_dir: ctx is a struct
 * rt_undo_dir, removes <root>/<id>; rt_undo_process: arg is a pid, SIGKILLed and reaped. */
struct rt_undo_dir {
	int rootfd;
	const char *id;
};
void rt_undo_state_dir(void *ctx, long arg);
void rt_undo_process(void *ctx, long pid);
/* Keeps the effects: the command succeeded. */
void rt_undo_forget(struct rt_undo *u);

#endif
