/* cmd-delete: `berth delete [--force] ID`: remove a stopped (or created) container; with
 * --force, kill a running one first. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "cgroup.h"
#include "cli.h"
#include "hooks-lifecycle.h"
#include "signal-container.h"
#include "state.h"

static int destroy(int rootfd, int dirfd, const char *id, bool force, struct berr *err)
{
	struct rt_state st = {0};
	struct cfg_spec *spec = NULL;
	struct berr ignored;
	enum rt_status status;
	int r;

	r = rt_state_read(dirfd, &st, err);
	if (r < 0) /* a state dir without state: a create that died half-way */
		return force ? rt_state_remove(rootfd, id, err) : r;
	status = rt_state_status(dirfd, &st);
	if ((status == RT_STATUS_RUNNING || status == RT_STATUS_PAUSED) && !force) {
		rt_state_clear(&st);
		return berr_set(err, EBUSY, "cannot delete container %s that is not stopped: %s",
				id, rt_status_name(status));
	}
	/* the cgroup first: it kills every process in it, frozen (paused) ones too */
	r = rt_cgroup_destroy_saved(dirfd, err);
	if (r == 0 && status != RT_STATUS_STOPPED) {
		/* without a cgroup (rootless): init and its pid namespace */
		r = rt_signal_container(&st, SIGKILL, true, err);
		if (r == 0 || r == -ESRCH)
			r = rt_wait_gone(&st, 10000, err);
	}
	/* poststop comes from the saved config, which goes with the state dir: load it first */
	if (r == 0 && rt_config_load_saved(dirfd, &st, &spec, &ignored) < 0)
		log_warn("poststop hooks not run: %s", ignored.msg);
	if (r == 0)
		r = rt_state_remove(rootfd, id, err);
	if (r == 0)
		rt_hooks_poststop(spec, &st);
	cfg_spec_free(spec);
	rt_state_clear(&st);
	return r;
}

int rt_cmd_delete(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {
		{"force", no_argument, NULL, 'f'},
		{0},
	};
	_cleanup_close_ int rootfd = -1, dirfd = -1;
	bool force = false;
	int c, r;

	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "f", opts, NULL)) != -1) {
		if (c != 'f')
			return berr_set(err, EINVAL, "delete: unknown option %s", argv[optind - 1]);
		force = true;
	}
	r = rt_cli_want_args(argc, optind, 1, "berth delete [--force] ID", err);
	if (r < 0)
		return r;
	rootfd = rt_state_open_root(arg_global.root, false, err);
	if (rootfd < 0)
		return force ? 0
			     : berr_set(err, ENOENT, "container does not exist: %s", argv[optind]);
	dirfd = rt_state_lock(rootfd, argv[optind], err);
	if (dirfd < 0)
		return force && dirfd == -ENOENT ? 0 : dirfd;
	return destroy(rootfd, dirfd, argv[optind], force, err);
}
