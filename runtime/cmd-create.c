/* cmd-create: `berth create`: build the container and leave its process waiting at the
 * createContainer point for `berth start` (runtime-spec runtime.md). */
#include <unistd.h>

#include "cli.h"
#include "create-opts.h"

int rt_cmd_create(int argc, char **argv, struct berr *err)
{
	struct rt_create_opts o;
	struct rt_created made;
	int r;

	r = rt_create_opts_parse(argc, argv, false, &o, NULL, err);
	if (r < 0)
		return r;
	r = rt_container_create(&o, &made, err);
	if (r < 0)
		return r;
	(void)close(made.statefd);
	(void)close(made.rootfd);
	return 0;
}
