/* cmd-compare: `berth compare [--runs N] [--json] [--svg FILE] [--runtime PATH] BUNDLE`: runs
 * the same bundle N times in container mode and in vm mode (and with another OCI runtime when
 * asked), interleaved, and prints them side by side: start latency, wall time, peak memory,
 * exit status, and whether the workload's output was the same. What does a VM cost me here? */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../config/spec.h"
#include "base/cleanup.h"
#include "cli.h"
#include "compare-report.h"
#include "compare-run.h"

#define MAX_SERIES 3

struct compare_opts {
	int runs;
	bool json;
	const char *svg;
	const char *runtime;
	const char *berth; /* the berth binary measured: this one unless --berth */
	char bundle[PATH_MAX];
};

struct series {
	struct rt_compare_series s;
	const char *isolation; /* berth's mode, or NULL for the other runtime */
	int err_fd;	       /* stderr of its runs, kept for a failure's explanation */
};

static int parse(int argc, char **argv, struct compare_opts *o, struct berr *err)
{
	static const struct option opts[] = {
		{"runs", required_argument, NULL, 'n'},
		{"json", no_argument, NULL, 'j'},
		{"svg", required_argument, NULL, 's'},
		{"runtime", required_argument, NULL, 'r'},
		{"berth", required_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int c, r;

	*o = (struct compare_opts){.runs = 5, .berth = "/proc/self/exe"};
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			r = rt_cli_parse_uint("--runs", optarg, &o->runs, err);
			if (r < 0)
				return r;
			if (o->runs < 1 || o->runs > 1000)
				return berr_set(err, EINVAL, "--runs: %d is not from 1 to 1000",
						o->runs);
			break;
		case 'j':
			o->json = true;
			break;
		case 's':
			o->svg = optarg;
			break;
		case 'r':
			o->runtime = optarg;
			break;
		case 'b':
			o->berth = optarg;
			break;
		case 'h':
			(void)printf("usage: berth compare [--runs N] [--json] [--svg FILE] "
				     "[--runtime PATH] [--berth PATH] BUNDLE\n");
			return 1;
		default:
			return berr_set(err, EINVAL, "compare: unknown option %s",
					argv[optind - 1]);
		}
	}
	r = rt_cli_want_args(
		argc, optind, 1,
		"berth compare [--runs N] [--json] [--svg FILE] [--runtime PATH] BUNDLE", err);
	if (r < 0)
		return r;
	if (!realpath(argv[optind], o->bundle))
		return berr_sys(err, "BUNDLE: %s", argv[optind]);
	if (o->runtime && access(o->runtime, X_OK) < 0)
		return berr_sys(err, "--runtime: %s", o->runtime);
	if (access(o->berth, X_OK) < 0)
		return berr_sys(err, "--berth: %s", o->berth);
	return 0;
}

/* The workload must be one whose output we can read: no terminal. */
static int check_bundle(const char *bundle, struct berr *err)
{
	struct cfg_spec *spec = NULL;
	int r = cfg_spec_load(bundle, &spec, err);

	if (r == 0 && spec->process.terminal)
		r = berr_set(err, EINVAL,
			     "config.json: process.terminal: compare reads the workload's output; "
			     "set it to false");
	cfg_spec_free(spec);
	return r;
}

static int one_run(struct series *se, const struct compare_opts *o, const char *root, int i,
		   struct berr *err)
{
	char id[64];
	const char *berth_argv[] = {o->berth,	   "--root",   root,	  "run", "--isolation",
				    se->isolation, "--bundle", o->bundle, id,	 NULL};
	const char *other_argv[] = {o->runtime, "--root",  root, "run",
				    "--bundle", o->bundle, id,	 NULL};
	struct rt_compare_sample *smp = &se->s.v[se->s.n];

	(void)snprintf(id, sizeof(id), "compare-%d-%s-%d", (int)getpid(),
		       se->isolation ? se->isolation : "other", i);
	if (rt_compare_run((char *const *)(se->isolation ? berth_argv : other_argv), se->err_fd,
			   smp, err) < 0)
		return -EIO;
	se->s.n++;
	return 0;
}

/* A series whose runs failed says why: the last line its runtime printed that is no warning. */
static void explain(const struct series *se)
{
	char buf[8192], *line, *last = NULL, *save = NULL;
	ssize_t n = pread(se->err_fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (!strstr(line, "level=warning"))
			last = line;
	if (last)
		(void)fprintf(stderr, "%s: %s\n", se->s.name, last);
}

static int run_all(struct series *se, size_t n, const struct compare_opts *o, const char *root,
		   struct berr *err)
{
	size_t k;
	int i, r;

	for (i = 0; i < o->runs; i++)
		for (k = 0; k < n; k++) {
			r = one_run(&se[k], o, root, i, err);
			if (r < 0)
				return r;
		}
	return 0;
}

static int report(struct series *se, size_t n, const struct compare_opts *o, struct berr *err)
{
	struct rt_compare_series s[MAX_SERIES];
	_cleanup_fclose_ FILE *svg = NULL;
	size_t k;

	for (k = 0; k < n; k++) {
		s[k] = se[k].s;
		if (se[k].s.n && se[k].s.v[0].exit_status && !se[k].s.v[0].out_bytes)
			explain(&se[k]);
	}
	if (o->json)
		rt_compare_json(stdout, s, n);
	else
		rt_compare_table(stdout, s, n);
	if (!o->svg)
		return 0;
	svg = fopen(o->svg, "we");
	if (!svg)
		return berr_sys(err, "--svg: %s", o->svg);
	rt_compare_svg(svg, s, n);
	return 0;
}

int rt_cmd_compare(int argc, char **argv, struct berr *err)
{
	struct compare_opts o;
	struct series se[MAX_SERIES] = {{.s.name = "berth container", .isolation = "container"},
					{.s.name = "berth vm", .isolation = "vm"},
					{.s.name = NULL}};
	char root[] = "/tmp/berth-compare.XXXXXX";
	size_t n = 2, k;
	int r = parse(argc, argv, &o, err);

	if (r != 0)
		return r > 0 ? 0 : r;
	r = check_bundle(o.bundle, err);
	if (r < 0)
		return r;
	if (o.runtime) {
		se[2].s.name = strrchr(o.runtime, '/') ? strrchr(o.runtime, '/') + 1 : o.runtime;
		n = 3;
	}
	if (!mkdtemp(root))
		return berr_sys(err, "compare: mkdtemp %s", root);
	for (k = 0; k < n; k++) {
		se[k].s.v = calloc((size_t)o.runs, sizeof(struct rt_compare_sample));
		se[k].err_fd = open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		if (!se[k].s.v || se[k].err_fd < 0)
			r = berr_set(err, ENOMEM, "compare: out of memory or temp files");
	}
	if (r == 0)
		r = run_all(se, n, &o, root, err);
	if (r == 0)
		r = report(se, n, &o, err);
	for (k = 0; k < n; k++) {
		free(se[k].s.v);
		if (se[k].err_fd >= 0)
			(void)close(se[k].err_fd);
	}
	/* runs delete themselves (run without -d); a failed one may leave its state */
	if (rmdir(root) < 0 && errno != ENOENT)
		(void)fprintf(stderr, "berth: compare: %s is not empty; left for inspection\n",
			      root);
	return r;
}
