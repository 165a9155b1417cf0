/* create-opts: the option parser shared by `create` and `run` (runc's flags). */
#ifndef BERTH_RT_CREATE_OPTS_H
#define BERTH_RT_CREATE_OPTS_H

#include <stdbool.h>

#include "container-create.h"

struct rt_run_flags {
	bool detach;
	bool keep;
};

/* Fills o (root from the global options) and, for run, rf; the id is the one positional. */
int rt_create_opts_parse(int argc, char **argv, bool is_run, struct rt_create_opts *o,
			 struct rt_run_flags *rf, struct berr *err);

#endif
