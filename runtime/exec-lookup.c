/* exec-lookup: find the user's program and build its environment, as runc's init does. */
#include "container.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool is_executable(const char *path, int *ret_errno)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		*ret_errno = errno;
		return false;
	}
	if (S_ISDIR(st.st_mode) || !(st.st_mode & 0111)) {
		*ret_errno = EACCES;
		return false;
	}
	return true;
}

static const char *env_get(char *const *env, const char *key)
{
	size_t klen = strlen(key);

	for (; env && *env; env++)
		if (!strncmp(*env, key, klen) && (*env)[klen] == '=')
			return *env + klen + 1;
	return NULL;
}

int rt_exec_lookup(const char *arg0, char *const *env, char *ret, size_t len, struct berr *err)
{
	const char *path, *p, *end;
	int e = ENOENT;

	if (strchr(arg0, '/')) {
		if (!is_executable(arg0, &e))
			return berr_sys_code(err, e, "exec: \"%s\": stat %s", arg0, arg0);
		(void)snprintf(ret, len, "%s", arg0);
		return 0;
	}
	path = env_get(env, "PATH");
	/* every element, a trailing empty one too ("/bin:"), stopping after the last */
	for (p = path && *path ? path : NULL; p; p = *end ? end + 1 : NULL) {
		int n;

		end = strchrnul(p, ':');
		/* an empty element means the current directory, as in execvp */
		if (end == p)
			n = snprintf(ret, len, "./%s", arg0);
		else
			n = snprintf(ret, len, "%.*s/%s", (int)(end - p), p, arg0);
		if (n > 0 && (size_t)n < len && is_executable(ret, &e))
			return 0;
	}
	return berr_set(err, ENOENT, "exec: \"%s\": executable file not found in $PATH", arg0);
}

char **rt_exec_env(const struct cfg_process *p, const char *home, int n_listen_fds)
{
	static char home_buf[1100], fds_buf[64];
	static char listen_pid[] = "LISTEN_PID=1";
	size_t n = 0, i;
	char **env = calloc(p->env.n + 4, sizeof(char *));

	if (!env)
		return NULL;
	for (i = 0; i < p->env.n; i++)
		env[n++] = p->env.v[i];
	if (!env_get(env, "HOME")) {
		(void)snprintf(home_buf, sizeof(home_buf), "HOME=%s", home);
		env[n++] = home_buf;
	}
	if (n_listen_fds > 0) {
		(void)snprintf(fds_buf, sizeof(fds_buf), "LISTEN_FDS=%d", n_listen_fds);
		env[n++] = fds_buf;
		env[n++] = listen_pid;
	}
	env[n] = NULL;
	return env;
}
