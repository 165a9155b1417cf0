/* exec-opts: `berth exec` options (runc's) and the process they describe: --process FILE,
 * or the container's own process from config.json with the command line's overrides. */
#ifndef BERTH_RT_EXEC_OPTS_H
#define BERTH_RT_EXEC_OPTS_H

#include <stdbool.h>

#include "../config/spec.h"
#include "base/berr.h"

#define RT_EXEC_MAX_LIST 128

struct rt_exec_opts {
	const char *id;
	const char *process_file;
	const char *console_socket;
	const char *pid_file;
	const char *cwd;
	const char *user;
	const char *apparmor;
	const char *process_label;
	const char *env[RT_EXEC_MAX_LIST];
	size_t n_env;
	const char *caps[RT_EXEC_MAX_LIST];
	size_t n_caps;
	uint32_t gids[RT_EXEC_MAX_LIST];
	size_t n_gids;
	char **args; /* the command after ID, NULL-terminated */
	size_t n_args;
	int preserve_fds;
	bool tty, detach, no_new_privs, ignore_paused;
};

int rt_exec_opts_parse(int argc, char **argv, struct rt_exec_opts *o, struct berr *err);
/* Reads the --process file ("-": stdin), bounded; *ret is malloc'd and NUL-terminated. vm mode
 * sends this text to the guest, container mode parses it (rt_exec_process_build). */
int rt_exec_process_read(const char *path, char **ret, size_t *ret_len, struct berr *err);
/* Fills *ret from --process or from base + overrides. Owned parts go to ret_owned
 * (free with cfg_process_clear when from_file, else only the vectors: rt_exec_process_free). */
int rt_exec_process_build(const struct rt_exec_opts *o, const struct cfg_process *base,
			  struct cfg_process *ret, bool *ret_from_file, struct berr *err);
void rt_exec_process_free(struct cfg_process *p, bool from_file);

#endif
