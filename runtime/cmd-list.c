/* cmd-list: `berth list`: every container under --root, as a table (runc's columns),
 * JSON, or ids only. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cli.h"
#include "state.h"

#define LIST_MAX 4096

struct row {
	struct rt_state st;
	enum rt_status status;
};

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->st.id, ((const struct row *)b)->st.id);
}

static int load_rows(int rootfd, struct row **ret, size_t *ret_n)
{
	_cleanup_closedir_ DIR *d = NULL;
	_cleanup_free_ struct row *rows = NULL;
	struct dirent *de;
	size_t n = 0;
	struct berr ignored;

	d = fdopendir(fcntl(rootfd, F_DUPFD_CLOEXEC, 0));
	if (!d)
		return -errno;
	rows = calloc(LIST_MAX, sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	while ((de = readdir(d)) && n < LIST_MAX) {
		_cleanup_close_ int fd = -1;

		if (de->d_name[0] == '.' || de->d_type != DT_DIR)
			continue;
		fd = openat(rootfd, de->d_name, O_DIRECTORY | O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		/* a container being created or deleted has no readable state: skip it */
		if (fd < 0 || rt_state_read(fd, &rows[n].st, &ignored) < 0)
			continue;
		rows[n].status = rt_state_status(fd, &rows[n].st);
		n++;
	}
	qsort(rows, n, sizeof(*rows), by_id);
	*ret = TAKE_PTR(rows);
	*ret_n = n;
	return 0;
}

static void print_table(const struct row *rows, size_t n)
{
	static const char *const head[] = {"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"};
	char cells[6][4096];
	size_t w[6] = {0}, i, k;
	struct passwd *pw;

	for (k = 0; k < 6; k++)
		w[k] = strlen(head[k]);
	for (i = 0; i <= n; i++) {
		for (k = 0; k < 6 && i < n; k++) {
			const struct row *r = &rows[i];

			pw = getpwuid(r->st.owner);
			(void)snprintf(cells[k], sizeof(cells[k]), "%s",
				       k == 0	? r->st.id
				       : k == 2 ? rt_status_name(r->status)
				       : k == 3 ? r->st.bundle
				       : k == 4 ? r->st.created
				       : k == 5 ? (pw ? pw->pw_name : "")
						: "");
			if (k == 1)
				(void)snprintf(cells[k], sizeof(cells[k]), "%d",
					       r->status == RT_STATUS_STOPPED ? 0 : r->st.pid);
			if (strlen(cells[k]) > w[k])
				w[k] = strlen(cells[k]);
		}
	}
	/* runc's tabwriter: cells padded by 3, minimum width 12 */
	for (k = 0; k < 6; k++)
		w[k] = w[k] + 3 < 12 ? 12 : w[k] + 3;
	for (k = 0; k < 6; k++)
		(void)printf(k < 5 ? "%-*s" : "%.*s\n", (int)(k < 5 ? w[k] : 100), head[k]);
	for (i = 0; i < n; i++) {
		pw = getpwuid(rows[i].st.owner);
		(void)printf("%-*s%-*d%-*s%-*s%-*s%s\n", (int)w[0], rows[i].st.id, (int)w[1],
			     rows[i].status == RT_STATUS_STOPPED ? 0 : rows[i].st.pid, (int)w[2],
			     rt_status_name(rows[i].status), (int)w[3], rows[i].st.bundle,
			     (int)w[4], rows[i].st.created, pw ? pw->pw_name : "");
	}
}

static void print_json(const struct row *rows, size_t n)
{
	size_t i;

	(void)printf("[");
	for (i = 0; i < n; i++) {
		_cleanup_free_ char *j = rt_state_to_json(&rows[i].st, rows[i].status);

		(void)printf("%s%s", i ? "," : "", j ? j : "{}");
	}
	(void)printf("]\n");
}

int rt_cmd_list(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'},
		{"quiet", no_argument, NULL, 'q'},
		{0},
	};
	_cleanup_close_ int rootfd = -1;
	_cleanup_free_ struct row *rows = NULL;
	const char *format = "table";
	bool quiet = false;
	size_t n = 0, i;
	int c, r;

	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "f:q", opts, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'q')
			quiet = true;
		else
			return berr_set(err, EINVAL, "list: unknown option %s", argv[optind - 1]);
	}
	if (strcmp(format, "table") && strcmp(format, "json"))
		return berr_set(err, EINVAL, "--format: invalid value \"%s\" (table or json)",
				format);
	r = rt_cli_want_args(argc, optind, 0, "berth list [options]", err);
	if (r < 0)
		return r;
	rootfd = open(arg_global.root, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (rootfd >= 0) {
		r = load_rows(rootfd, &rows, &n);
		if (r < 0)
			return berr_sys_code(err, r, "list %s", arg_global.root);
	}
	if (quiet) {
		for (i = 0; i < n; i++)
			(void)printf("%s\n", rows[i].st.id);
	} else if (!strcmp(format, "json")) {
		print_json(rows, n);
	} else {
		print_table(rows, n);
	}
	for (i = 0; i < n; i++)
		rt_state_clear(&rows[i].st);
	return 0;
}
