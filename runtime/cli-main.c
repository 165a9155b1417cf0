/* cli-main: the berth command line: global options (runc's), the subcommand table, and the
 * one place an error is reported. Called by main.c, and by berth-agent inside a VM. */
#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/berr.h"
#include "base/log.h"
#include "cli.h"
#include "exe-clone.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct berr *err);
	const char *summary;
};

static const struct command commands[] = {
	{"create", rt_cmd_create, "create a container"},
	{"start", rt_cmd_start, "start a created container"},
	{"run", rt_cmd_run, "create and run a container"},
	{"exec", rt_cmd_exec, "run a new process inside a container"},
	{"state", rt_cmd_state, "print the state of a container"},
	{"kill", rt_cmd_kill, "send a signal to a container's init process"},
	{"delete", rt_cmd_delete, "delete a container and its resources"},
	{"update", rt_cmd_update, "change a container's resource limits"},
	{"pause", rt_cmd_pause, "freeze every process of a container"},
	{"resume", rt_cmd_resume, "thaw a paused container"},
	{"events", rt_cmd_events, "print a container's stats and OOM events (JSON)"},
	{"ps", rt_cmd_ps, "list the processes of a container"},
	{"list", rt_cmd_list, "list containers"},
	{"spec", rt_cmd_spec, "write a new config.json"},
	{"features", rt_cmd_features, "print the features berth implements (JSON)"},
	{"compare", rt_cmd_compare, "run a bundle in both isolation modes and compare"},
	{"check", rt_cmd_check, "report whether this host can run each isolation mode"},
	{"version", rt_cmd_version, "print the version"},
};

static void usage(FILE *f)
{
	size_t i;

	(void)fprintf(f, "usage: berth [global options] COMMAND [options] [arguments]\n\n"
			 "berth runs OCI bundles as containers (see berth(8)).\n\n"
			 "global options:\n"
			 "  --root PATH          state directory (default /run/berth)\n"
			 "  --log FILE           log file (default stderr)\n"
			 "  --log-format FORMAT  text or json\n"
			 "  --debug              log debug messages\n"
			 "  --systemd-cgroup     manage cgroups through systemd\n"
			 "  -v, --version        print the version\n"
			 "  -h, --help           print this help\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		(void)fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

static bool root_given;

/* Without root, state goes where the user can write it, as runc does: $XDG_RUNTIME_DIR. */
static void default_rootless_root(void)
{
	static char path[4096];
	const char *xdg = secure_getenv("XDG_RUNTIME_DIR");

	if (xdg && *xdg)
		(void)snprintf(path, sizeof(path), "%s/berth", xdg);
	else
		(void)snprintf(path, sizeof(path), "/tmp/berth-%u", (unsigned)geteuid());
	arg_global.root = path;
}

static int parse_global(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {
		{"root", required_argument, NULL, 'r'},
		{"log", required_argument, NULL, 'l'},
		{"log-format", required_argument, NULL, 'f'},
		{"debug", no_argument, NULL, 'd'},
		{"systemd-cgroup", no_argument, NULL, 's'},
		{"rootless", required_argument, NULL, 'R'},
		{"criu", required_argument, NULL, 'C'},
		{"version", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int c;

	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "+vh", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			arg_global.root = optarg;
			root_given = true;
			break;
		case 'l':
			arg_global.log_path = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return berr_set(
					err, EINVAL,
					"--log-format: unknown format \"%s\" (text or json)",
					optarg);
			arg_global.log_format = optarg;
			break;
		case 'd':
			arg_global.debug = true;
			break;
		case 's':
			arg_global.systemd_cgroup = true;
			break;
		case 'R':
		case 'C':
			break; /* accepted for runc compatibility; rootless is detected */
		case 'v':
			return 'v';
		case 'h':
			return 'h';
		default:
			return berr_set(err, EINVAL, "unknown global option %s", argv[optind - 1]);
		}
	}
	return 0;
}

/* True when the command (after the global options) creates or enters a container. */
static bool needs_clone(int argc, char **argv)
{
	static const char *const entering[] = {"create", "run", "exec"};
	int i;
	size_t k;

	for (i = 1; i < argc; i++) {
		for (k = 0; k < sizeof(entering) / sizeof(entering[0]); k++)
			if (!strcmp(argv[i], entering[k]))
				return true;
	}
	return false;
}

int rt_cli_main(int argc, char **argv)
{
	return rt_cli_main_opts(argc, argv, true);
}

int rt_cli_main_opts(int argc, char **argv, bool clone_exe)
{
	struct berr err = {0};
	const char *name;
	size_t i;
	int r;

	/* commands that build a container run from a sealed copy of ourselves (CVE-2019-5736) */
	if (clone_exe && argc > 1 && needs_clone(argc, argv) && !rt_exe_is_cloned()) {
		r = rt_exe_clone_and_reexec(argv, &err);
		log_report(&err);
		return 1;
	}
	name = strrchr(argv[0], '/');
	arg_global.argv0 = name ? name + 1 : argv[0];
	r = parse_global(argc, argv, &err);
	if (r == 'h') {
		usage(stdout);
		return 0;
	}
	if (r == 'v')
		return rt_cmd_version(0, NULL, &err);
	if (r == 0 && !root_given && rt_cli_is_rootless())
		default_rootless_root();
	if (r == 0)
		r = log_init(arg_global.log_path, !strcmp(arg_global.log_format, "json"),
			     arg_global.debug, &err);
	if (r < 0) {
		log_report(&err);
		return 1;
	}
	if (optind >= argc) {
		usage(stderr);
		return 1;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name))
			continue;
		argc -= optind;
		argv += optind;
		optind = 0; /* GNU getopt: reinitialise for the subcommand */
		r = commands[i].fn(argc, argv, &err);
		if (r < 0) {
			log_report(&err);
			r = 1;
		}
		log_close();
		return r;
	}
	(void)berr_set(&err, EINVAL, "unknown command \"%s\" (see berth --help)", argv[optind]);
	log_report(&err);
	return 1;
}
