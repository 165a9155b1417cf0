/* cmd-run: `berth run`: create + start, then (unless -d) wait in the foreground and exit
 * with the container's status, deleting it unless --keep. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "cgroup.h"
#include "cli.h"
#include "create-opts.h"
#include "hooks-lifecycle.h"
#include "run-wait.h"
#include "state.h"

/* What delete does after the container stopped: remove the state, then poststop hooks. */
static void remove_and_poststop(int rootfd, const char *id)
{
	struct berr ignored;
	struct rt_state st = {0};
	struct cfg_spec *spec = NULL;
	int dirfd = rt_state_lock(rootfd, id, &ignored);

	if (dirfd < 0)
		return;
	/* the cgroup goes first: what the container left running in it is killed */
	if (rt_state_read(dirfd, &st, &ignored) == 0 &&
	    rt_cgroup_destroy_saved(dirfd, &ignored) == 0) {
		(void)rt_config_load_saved(dirfd, &st, &spec, &ignored);
		if (rt_state_remove(rootfd, id, &ignored) == 0)
			rt_hooks_poststop(spec, &st);
		cfg_spec_free(spec);
	}
	rt_state_clear(&st);
	(void)close(dirfd);
}

int rt_cmd_run(int argc, char **argv, struct berr *err)
{
	struct rt_run_flags rf = {0};
	struct rt_create_opts o;
	struct rt_created made;
	int r, status;

	r = rt_create_opts_parse(argc, argv, true, &o, &rf, err);
	if (r < 0)
		return r;
	o.start_now = true;
	o.tty_relay = !rf.detach && !o.console_socket;
	/* blocked before init runs, so no SIGCHLD or forwarded signal is lost; init restores
	 * its own mask before exec */
	if (!rf.detach) {
		r = rt_run_block_signals(err);
		if (r < 0)
			return r;
	}
	r = rt_container_create(&o, &made, err);
	if (r < 0)
		return r;
	if (rf.detach) {
		if (made.notify_fd >= 0)
			(void)close(made.notify_fd);
		(void)close(made.statefd);
		(void)close(made.rootfd);
		return 0;
	}
	/* others may read our state while we wait; delete takes the lock again */
	(void)close(made.statefd);
	status = rt_run_wait_notify(made.pid, made.relay_master, made.notify_fd, err);
	if (made.notify_fd >= 0)
		(void)close(made.notify_fd);
	if (made.relay_master >= 0)
		(void)close(made.relay_master);
	if (status < 0) {
		(void)close(made.rootfd);
		return status;
	}
	if (!rf.keep)
		remove_and_poststop(made.rootfd, o.id);
	(void)close(made.rootfd);
	return status;
}
