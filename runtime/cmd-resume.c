/* cmd-resume: `berth resume ID`: thaw a paused container. */
#include <errno.h>
#include <getopt.h>

#include "cgroup-target.h"
#include "cli.h"

int rt_cmd_resume(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {{0}};
	struct rt_cg_target t;
	int r;

	opterr = 0;
	if (getopt_long_only(argc, argv, "", opts, NULL) != -1)
		return berr_set(err, EINVAL, "resume: unknown option %s", argv[optind - 1]);
	r = rt_cli_want_args(argc, optind, 1, "berth resume ID", err);
	if (r < 0)
		return r;
	r = rt_cg_target_open(argv[optind], &t, err);
	if (r < 0)
		return r;
	if (t.status != RT_STATUS_PAUSED)
		r = berr_set(err, EINVAL, "container not paused");
	else
		r = rt_cgroup_freeze(t.cg, false, err);
	rt_cg_target_close(&t);
	return r;
}
