/* compare-run: one measured run of a bundle for `berth compare`: a runtime's `run` in the
 * foreground with its stdout captured, timed to the first output byte and to exit, with the
 * peak RSS of its process tree's largest process (wait4) and a hash of the output. */
#ifndef BERTH_RT_COMPARE_RUN_H
#define BERTH_RT_COMPARE_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/berr.h"

struct rt_compare_sample {
	double start_ms; /* to the first byte of output; < 0 when there was none */
	double wall_ms;	 /* to exit */
	long peak_rss_kb;
	int exit_status;   /* as a shell reports it: code, or 128+N */
	uint64_t out_hash; /* FNV-1a of stdout */
	uint64_t out_bytes;
};

/* argv: the runtime's whole command line (e.g. berth --root R run --isolation vm --bundle B
 * ID); its stderr goes to err_fd (-1: /dev/null). */
int rt_compare_run(char *const argv[], int err_fd, struct rt_compare_sample *ret, struct berr *err);

#endif
