/* cmd-ps: `berth ps [-f table|json] ID [ps-options...]`: the container's processes, as runc:
 * json prints their host pids, table runs ps(1) (default -ef) and keeps the header and the
 * lines whose PID column is one of them. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cgroup-target.h"
#include "cli.h"

#define PS_OUTPUT_MAX (64u << 20)

static int print_json(const pid_t *pids, size_t n)
{
	size_t i;

	(void)fputc('[', stdout);
	for (i = 0; i < n; i++)
		(void)printf("%s%d", i ? "," : "", pids[i]);
	(void)printf("]\n");
	return 0;
}

/* Runs ps with args (a NULL-terminated vector starting with "ps"); *ret is its output. */
static int run_ps(const char **args, char **ret, struct berr *err)
{
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, cap = 0;
	int p[2], st;
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return berr_sys(err, "ps: pipe");
	pid = fork();
	if (pid < 0) {
		(void)close(p[0]);
		(void)close(p[1]);
		return berr_sys(err, "ps: fork");
	}
	if (pid == 0) {
		if (dup2(p[1], STDOUT_FILENO) < 0 || dup2(p[1], STDERR_FILENO) < 0)
			_exit(127);
		execvp("ps", (char *const *)args);
		_exit(127);
	}
	(void)close(p[1]);
	for (;;) {
		if (cap - len < 4096) {
			char *nb = cap < PS_OUTPUT_MAX ? realloc(buf, cap ? cap * 2 : 65536) : NULL;

			if (!nb)
				break; /* too much or no memory: what we have is what we print */
			buf = nb;
			cap = cap ? cap * 2 : 65536;
		}
		n = read(p[0], buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	(void)close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (buf)
		buf[len] = '\0';
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return berr_set(err, EIO, "ps: %s%s",
				WIFEXITED(st) && WEXITSTATUS(st) == 127 ? "cannot run ps: " : "",
				buf && *buf ? strtok(buf, "\n") : "failed");
	*ret = buf ? TAKE_PTR(buf) : strdup("");
	return *ret ? 0 : berr_set(err, ENOMEM, "ps");
}

static int pid_column(const char *header)
{
	char copy[1024], *tok, *save = NULL;
	int i = 0;

	(void)snprintf(copy, sizeof(copy), "%s", header);
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save), i++)
		if (!strcmp(tok, "PID"))
			return i;
	return -1;
}

static bool has_pid(const pid_t *pids, size_t n, long pid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

static int print_table(const char **args, const pid_t *pids, size_t n, struct berr *err)
{
	_cleanup_free_ char *out = NULL;
	char *line, *save = NULL, *end;
	int col, i, r;
	long pid;

	r = run_ps(args, &out, err);
	if (r < 0)
		return r;
	line = strtok_r(out, "\n", &save);
	col = line ? pid_column(line) : -1;
	if (col < 0)
		return berr_set(err, EIO, "ps: no PID column in its output");
	(void)printf("%s\n", line);
	while ((line = strtok_r(NULL, "\n", &save))) {
		const char *f = line;

		for (i = 0; i < col && f; i++) {
			f += strspn(f, " \t");
			f += strcspn(f, " \t");
		}
		f += strspn(f, " \t");
		pid = strtol(f, &end, 10);
		if (end != f && has_pid(pids, n, pid))
			(void)printf("%s\n", line);
	}
	return 0;
}

int rt_cmd_ps(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{0},
	};
	_cleanup_free_ const char **args = NULL;
	const char *format = "table";
	struct rt_cg_target t;
	pid_t *pids = NULL;
	size_t n = 0;
	int c, r, i, nargs;

	opterr = 0;
	/* "+": ps options follow the id and are not ours */
	while ((c = getopt_long(argc, argv, "+f:", opts, NULL)) != -1) {
		if (c != 'f')
			return berr_set(err, EINVAL, "ps: unknown option %s", argv[optind - 1]);
		format = optarg;
	}
	if (strcmp(format, "table") && strcmp(format, "json"))
		return berr_set(err, EINVAL, "--format: unknown format \"%s\" (table or json)",
				format);
	if (optind >= argc)
		return berr_set(err, EINVAL,
				"ps requires at least 1 argument (usage: berth ps [-f table|json] "
				"ID [ps-options...])");
	nargs = argc - optind - 1;
	args = calloc((size_t)(nargs > 0 ? nargs : 1) + 2, sizeof(*args));
	if (!args)
		return berr_set(err, ENOMEM, "ps");
	args[0] = "ps";
	for (i = 0; i < nargs; i++)
		args[i + 1] = argv[optind + 1 + i];
	if (nargs <= 0)
		args[1] = "-ef";
	r = rt_cg_target_open(argv[optind], &t, err);
	if (r < 0)
		return r;
	r = rt_cgroup_pids(t.cg, &pids, &n, err);
	rt_cg_target_close(&t);
	if (r == 0)
		r = !strcmp(format, "json") ? print_json(pids, n) : print_table(args, pids, n, err);
	free(pids);
	return r;
}
