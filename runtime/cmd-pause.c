/* cmd-pause: `berth pause ID`: freeze every process of a created or running container (its
 * status becomes paused until `berth resume`). */
#include <errno.h>
#include <getopt.h>

#include "cgroup-target.h"
#include "cli.h"

int rt_cmd_pause(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {{0}};
	struct rt_cg_target t;
	int r;

	opterr = 0;
	if (getopt_long_only(argc, argv, "", opts, NULL) != -1)
		return berr_set(err, EINVAL, "pause: unknown option %s", argv[optind - 1]);
	r = rt_cli_want_args(argc, optind, 1, "berth pause ID", err);
	if (r < 0)
		return r;
	r = rt_cg_target_open(argv[optind], &t, err);
	if (r < 0)
		return r;
	/* as runc: a created container can be paused too; a paused one is not running */
	if (t.status != RT_STATUS_RUNNING && t.status != RT_STATUS_CREATED)
		r = berr_set(err, EINVAL, "container not running");
	else
		r = rt_cgroup_freeze(t.cg, true, err);
	rt_cg_target_close(&t);
	return r;
}
