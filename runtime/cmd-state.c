/* cmd-state: `berth state`: the runtime-spec state of one container, derived live. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cli.h"
#include "state.h"

int rt_cmd_state(int argc, char **argv, struct berr *err)
{
	_cleanup_close_ int dirfd = -1;
	_cleanup_free_ char *json = NULL;
	struct rt_state st = {0};
	int r;

	r = rt_cli_want_args(argc, 1, 1, "berth state ID", err);
	if (r < 0)
		return r;
	dirfd = rt_state_load(arg_global.root, argv[1], &st, err);
	if (dirfd < 0)
		return dirfd;
	json = rt_state_to_json(&st, rt_state_status(dirfd, &st));
	rt_state_clear(&st);
	if (!json)
		return berr_set(err, ENOMEM, "format state");
	(void)printf("%s\n", json);
	return 0;
}
