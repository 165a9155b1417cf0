/* cli: the parsed global options (the one accepted global, STYLE.md) and the subcommand
 * entry points, one file each (cmd-<name>.c), dispatched from main.c. */
#ifndef BERTH_RT_CLI_H
#define BERTH_RT_CLI_H

#include <stdbool.h>

#include "base/berr.h"

struct rt_global_opts {
	const char *root;
	const char *log_path;
	const char *log_format;
	bool debug;
	bool systemd_cgroup;
	const char *argv0; /* program name: berth or berth-vm */
};

extern struct rt_global_opts arg_global;

/* The whole command line: global options, then the subcommand; returns the exit status. */
int rt_cli_main(int argc, char **argv);
/* The same; clone_exe false skips the sealed-copy re-exec (CVE-2019-5736). Only berth-agent
 * passes false: inside a VM the binary is the guest's own, and the VM is the boundary. */
int rt_cli_main_opts(int argc, char **argv, bool clone_exe);
/* Each returns the process exit status; errors are reported through err with status 1. */
int rt_cmd_create(int argc, char **argv, struct berr *err);
int rt_cmd_start(int argc, char **argv, struct berr *err);
int rt_cmd_run(int argc, char **argv, struct berr *err);
int rt_cmd_state(int argc, char **argv, struct berr *err);
int rt_cmd_kill(int argc, char **argv, struct berr *err);
int rt_cmd_delete(int argc, char **argv, struct berr *err);
int rt_cmd_list(int argc, char **argv, struct berr *err);
int rt_cmd_spec(int argc, char **argv, struct berr *err);
int rt_cmd_features(int argc, char **argv, struct berr *err);
int rt_cmd_version(int argc, char **argv, struct berr *err);
int rt_cmd_exec(int argc, char **argv, struct berr *err);
int rt_cmd_update(int argc, char **argv, struct berr *err);
int rt_cmd_pause(int argc, char **argv, struct berr *err);
int rt_cmd_resume(int argc, char **argv, struct berr *err);
int rt_cmd_events(int argc, char **argv, struct berr *err);
int rt_cmd_ps(int argc, char **argv, struct berr *err);
int rt_cmd_compare(int argc, char **argv, struct berr *err);
int rt_cmd_check(int argc, char **argv, struct berr *err);

/* Shared by the commands: exactly n positional arguments after the options. */
int rt_cli_want_args(int argc, int optind_, int n, const char *usage, struct berr *err);
/* Parses a non-negative integer option value. */
int rt_cli_parse_uint(const char *opt, const char *s, int *ret, struct berr *err);
/* Checks fds 3..3+n-1 are open and not ours, before anything else is opened. */
int rt_cli_check_preserved(int n, struct berr *err);
/* True without root, or as root of a user namespace for a user other than root (how rootless
 * podman runs us): state goes under $XDG_RUNTIME_DIR and cgroups are optional. */
bool rt_cli_is_rootless(void);
/* An error from --systemd-cgroup when it cannot be honoured on this host. */
int rt_cli_check_systemd(struct berr *err);

#endif
