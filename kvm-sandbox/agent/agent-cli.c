/* agent-cli: runs this binary as the berth CLI inside the guest (create, start, exec, kill):
 * the host path's container setup, unchanged. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "../../config/parse.h"
#include "../../runtime/base/cleanup.h"
#include "agent.h"

#define AGENT_SELF "/init"

pid_t agent_cli_spawn(const char *const argv[], const int stdio[3], struct berr *err)
{
	sigset_t all;
	pid_t pid = fork();
	int i, null;

	if (pid < 0)
		return berr_sys(err, "fork");
	if (pid > 0)
		return pid;
	null = open("/dev/null", O_RDWR);
	for (i = 0; i < 3; i++) {
		int fd = stdio[i] >= 0 ? stdio[i] : null;

		if (fd == i)
			(void)fcntl(fd, F_SETFD, 0);
		else if (dup2(fd, i) < 0)
			_exit(127);
	}
	(void)setsid();
	(void)sigemptyset(&all);
	(void)sigprocmask(SIG_SETMASK, &all, NULL);
	execv(AGENT_SELF, (char *const *)argv); /* execv does not write them */
	_exit(127);
}

/* The last "msg" of the JSON log the CLI wrote. */
static void logged_error(const char *log_path, char *buf, size_t len)
{
	_cleanup_fclose_ FILE *f = log_path ? fopen(log_path, "re") : NULL;
	char line[2048];

	buf[0] = '\0';
	while (f && fgets(line, sizeof(line), f)) {
		yajl_val v = yajl_tree_parse(line, NULL, 0);
		yajl_val m = v ? cfg_member(v, "msg") : NULL;
		yajl_val l = v ? cfg_member(v, "level") : NULL;

		if (YAJL_IS_STRING(m) && YAJL_IS_STRING(l) && !strcmp(l->u.string, "error"))
			(void)snprintf(buf, len, "%s", YAJL_GET_STRING(m));
		yajl_tree_free(v);
	}
}

int agent_cli_wait(pid_t pid, const char *log_path, const char *what, struct berr *err)
{
	char msg[sizeof(err->msg)];
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return berr_sys(err, "%s: wait", what);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	logged_error(log_path, msg, sizeof(msg));
	if (msg[0])
		return berr_set(err, EIO, "%s", msg);
	if (WIFSIGNALED(st))
		return berr_set(err, EIO, "%s: killed by signal %d", what, WTERMSIG(st));
	return berr_set(err, EIO, "%s: exit status %d", what, WEXITSTATUS(st));
}
