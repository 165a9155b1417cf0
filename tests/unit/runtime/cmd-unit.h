/* cmd-unit: helpers for the subcommand tests (include after unit.h and rt-unit.h): call
 * rt_cmd_X with an argv array and stdout on a file, and busybox containers under a private
 * --root that the test creates in-process and must kill and reap itself. */
#ifndef BERTH_CMD_UNIT_H
#define BERTH_CMD_UNIT_H

#include <getopt.h>
#include <signal.h>

#include "../../../runtime/cli.h"
#include "../../../runtime/state.h"

typedef int (*ut_cmd_fn)(int argc, char **argv, struct berr *err);

/* Runs a subcommand as main() would (getopt reset); with out_path, its stdout and stderr (and
 * so those of a container it starts) go to that file. */
static inline int ut_cmd(ut_cmd_fn fn, struct ut_argv *a, const char *out_path, struct berr *err)
{
	int so = -1, se = -1, r;

	if (out_path) {
		so = ut_capture_begin(STDOUT_FILENO, out_path);
		se = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 10);
		(void)dup2(STDOUT_FILENO, STDERR_FILENO);
	}
	optind = 0;
	r = fn(a->argc, a->argv, err);
	if (out_path) {
		(void)fflush(stderr);
		(void)dup2(se, STDERR_FILENO);
		(void)close(se);
		ut_capture_end(STDOUT_FILENO, so);
	}
	return r;
}

/* The pid recorded in <root>/<id>/state.json, or -1. */
static inline pid_t ut_state_pid(const char *root, const char *id)
{
	char p[PATH_MAX];
	struct rt_state st;
	struct berr err = {0};
	pid_t pid = -1;
	int fd;

	ut_path(p, "%s/%s", root, id);
	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (rt_state_read(fd, &st, &err) == 0) {
		pid = st.pid;
		rt_state_clear(&st);
	}
	(void)close(fd);
	return pid;
}

/* The status `berth state` would show for <root>/<id>, or NULL when there is none. */
static inline const char *ut_state_status(const char *root, const char *id)
{
	static char name[16];
	char p[PATH_MAX];
	struct rt_state st;
	struct berr err = {0};
	int fd;

	ut_path(p, "%s/%s", root, id);
	fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (rt_state_read(fd, &st, &err) < 0) {
		(void)close(fd);
		return NULL;
	}
	(void)snprintf(name, sizeof(name), "%s", rt_status_name(rt_state_status(fd, &st)));
	rt_state_clear(&st);
	(void)close(fd);
	return name;
}

/* Kills and reaps the container's init (our child when we created it) and removes its
 * state: what a test leaves behind whatever happened. */
static inline void ut_cleanup_container(const char *root, const char *id)
{
	pid_t pid = ut_state_pid(root, id);
	char p[PATH_MAX];

	if (pid > 0 && kill(pid, SIGKILL) == 0)
		(void)waitpid(pid, NULL, 0);
	ut_path(p, "%s/%s", root, id);
	ut_rmrf(p);
}

#endif
