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
	_cleanup_close_ int rootfd = -1, dirfd = -1;
	_cleanup_free_ char *json = NULL;
	struct rt_state st = {0};
	int r;

	r = rt_cli_want_args(argc, 1, 1, "berth state ID", err);
	if (r < 0)
		return r;
	rootfd = rt_state_open_root(arg_global.root, false, err);
	if (rootfd < 0)
		return berr_set(err, ENOENT, "container does not exist: %s", argv[1]);
	dirfd = rt_state_lock(rootfd, argv[1], err);
	if (dirfd < 0)
		return dirfd;
	r = rt_state_read(dirfd, &st, err);
	if (r < 0)
		return r;
	json = rt_state_to_json(&st, rt_state_status(dirfd, &st));
	rt_state_clear(&st);
	if (!json)
		return berr_set(err, ENOMEM, "format state");
	(void)printf("%s\n", json);
	return 0;
}
