/* create-opts: getopt for create/run; single-dash long options work too, as in runc. */
#include "create-opts.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int rt_create_opts_parse(int argc, char **argv, bool is_run, struct rt_create_opts *o,
			 struct rt_run_flags *rf, struct berr *err)
{
	static const struct option opts[] = {
		{"bundle", required_argument, NULL, 'b'},
		{"console-socket", required_argument, NULL, 'c'},
		{"pid-file", required_argument, NULL, 'p'},
		{"no-pivot", no_argument, NULL, 'P'},
		{"no-new-keyring", no_argument, NULL, 'K'},
		{"preserve-fds", required_argument, NULL, 'F'},
		{"detach", no_argument, NULL, 'd'},
		{"keep", no_argument, NULL, 'k'},
		{"no-subreaper", no_argument, NULL, 'S'},
		{"isolation", required_argument, NULL, 'i'},
		{0},
	};
	const char *cmd = is_run ? "run" : "create";
	int c, r;

	memset(o, 0, sizeof(*o));
	o->root = arg_global.root;
	o->bundle = ".";
	opterr = 0;
	while ((c = getopt_long_only(argc, argv, is_run ? ":b:d" : ":b:", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			o->bundle = optarg;
			break;
		case 'c':
			o->console_socket = optarg;
			break;
		case 'p':
			o->pid_file = optarg;
			break;
		case 'P':
			o->no_pivot = true;
			break;
		case 'K':
			o->no_new_keyring = true;
			break;
		case 'F':
			r = rt_cli_parse_uint("--preserve-fds", optarg, &o->preserve_fds, err);
			if (r < 0)
				return r;
			break;
		case 'd':
		case 'k':
			if (!is_run)
				goto unknown;
			if (c == 'd')
				rf->detach = true;
			else
				rf->keep = true;
			break;
		case 'S':
			break; /* accepted for runc compatibility */
		case 'i':
			o->isolation = optarg; /* checked with the config (config/isolation.h) */
			break;
		case ':':
			return berr_set(err, EINVAL, "%s: option %s needs a value", cmd,
					argv[optind - 1]);
		default:
			goto unknown;
		}
	}
	r = rt_cli_want_args(argc, optind, 1,
			     is_run ? "berth run [options] ID" : "berth create [options] ID", err);
	if (r < 0)
		return r;
	o->id = argv[optind];
	return rt_cli_check_systemd(err);
unknown:
	return berr_set(err, EINVAL, "%s: unknown option %s", cmd, argv[optind - 1]);
}
