/* cmd-version: `berth version` / `-v`: versions of berth, the spec and the libraries. */
#include <seccomp.h>
#include <stdio.h>

#include "cli.h"

int rt_cmd_version(int argc, char **argv, struct berr *err)
{
	const struct scmp_version *v = seccomp_version();

	(void)argc;
	(void)argv;
	(void)err;
	(void)printf("berth version %s\ncommit: %s\nspec: 1.2.0\n", BERTH_VERSION, BERTH_COMMIT);
	if (v)
		(void)printf("libseccomp: %u.%u.%u\n", v->major, v->minor, v->micro);
	return 0;
}
