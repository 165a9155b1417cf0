/* rt-unit: helpers shared by the runtime unit tests (include after unit.h): temp dirs,
 * files, argv arrays, stdout capture, forked checks and a busybox bundle to run containers. */
#ifndef BERTH_RT_UNIT_H
#define BERTH_RT_UNIT_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../../runtime/cgroup.h"

/* Makes a fresh directory under /tmp; ret holds its path. Aborts the program on failure:
 * without it no test of the file can run. */
static inline void ut_tmpdir(char ret[PATH_MAX])
{
	(void)snprintf(ret, PATH_MAX, "/tmp/berth-unit-XXXXXX");
	if (!mkdtemp(ret)) {
		perror("mkdtemp");
		abort();
	}
}

static inline int ut_rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(p) : unlink(p);
}

/* A container's state dir holds cgroup.json: its cgroup goes with it (the test may have
 * killed init without `delete`), or the host keeps an empty cgroup of that name. */
static inline int ut_rm_cgroup(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	char dir[PATH_MAX];
	struct berr ignored;
	int fd;

	(void)st;
	if (flag != FTW_F || strcmp(p + ftw->base, RT_CGROUP_FILE) != 0)
		return 0;
	(void)snprintf(dir, sizeof(dir), "%.*s", ftw->base, p);
	fd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		(void)rt_cgroup_destroy_saved(fd, &ignored);
		(void)close(fd);
	}
	return 0;
}

/* rm -rf, removing the cgroups of the containers whose state lies beneath */
static inline void ut_rmrf(const char *path)
{
	(void)nftw(path, ut_rm_cgroup, 16, FTW_PHYS);
	(void)nftw(path, ut_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static inline void ut_pathn(char *ret, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline void ut_pathn(char *ret, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(ret, len, fmt, ap);
	va_end(ap);
}

/* snprintf into an array (not a pointer: its size is taken) */
#define ut_path(buf, ...)                                                                          \
	do {                                                                                       \
		_Static_assert(!__builtin_types_compatible_p(__typeof__(buf), char *),             \
			       "ut_path needs an array");                                          \
		ut_pathn((buf), sizeof(buf), __VA_ARGS__);                                         \
	} while (0)

/* Writes text to path with mode; returns 0 or -errno. */
static inline int ut_write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	size_t len = strlen(text);
	int r = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		r = -EIO;
	(void)close(fd);
	if (r == 0 && chmod(path, mode) < 0)
		r = -errno;
	return r;
}

/* Reads up to len - 1 bytes of path into buf (NUL-terminated); returns the length or -errno. */
static inline ssize_t ut_read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, used = 0;

	buf[0] = '\0';
	if (fd < 0)
		return -errno;
	while ((size_t)used < len - 1 && (n = read(fd, buf + used, len - 1 - (size_t)used)) > 0)
		used += n;
	buf[used] = '\0';
	(void)close(fd);
	return used;
}

/* A mutable argv (GNU getopt permutes it) built from string literals, without malloc. */
struct ut_argv {
	int argc;
	char *argv[40];
	char buf[8192];
};

static inline char **ut_argv_(struct ut_argv *a, const char *const *list)
{
	size_t used = 0, len;

	a->argc = 0;
	for (; *list && a->argc < 39; list++) {
		len = strlen(*list) + 1;
		if (used + len > sizeof(a->buf))
			abort();
		memcpy(a->buf + used, *list, len);
		a->argv[a->argc++] = a->buf + used;
		used += len;
	}
	a->argv[a->argc] = NULL;
	return a->argv;
}

#define UT_ARGV(a, ...) ut_argv_((a), (const char *const[]){__VA_ARGS__, NULL})

/* Redirects fd (1 or 2) to path until ut_capture_end(); returns the saved fd. */
static inline int ut_capture_begin(int fd, const char *path)
{
	int saved, f;

	(void)fflush(stdout);
	(void)fflush(stderr);
	saved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	f = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (saved < 0 || f < 0 || dup2(f, fd) < 0)
		abort();
	(void)close(f);
	return saved;
}

static inline void ut_capture_end(int fd, int saved)
{
	(void)fflush(stdout);
	(void)fflush(stderr);
	if (dup2(saved, fd) < 0)
		abort();
	(void)close(saved);
}

/* Waits for pid; returns its wait status (or -1). */
static inline int ut_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}

/* Runs fn(arg) in a forked child and returns its wait status: exit 0 when fn's assertions
 * all held (a failing one prints its "# file:line" line from the child and exits 1). */
static inline int ut_fork_check(void (*fn)(void *), void *arg)
{
	pid_t pid;

	(void)fflush(stdout);
	(void)fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		unit_failed = false;
		alarm(60); /* a hung check fails instead of hanging the suite */
		fn(arg);
		(void)fflush(stdout);
		_exit(unit_failed ? 1 : 0);
	}
	return ut_wait(pid);
}

/* Exit status 0 of a forked check, printed as a number on failure. */
#define ASSERT_CHILD_OK(fn, arg) ASSERT_INT(ut_fork_check((fn), (arg)), 0)

/* Copies from to to with mode; returns 0 or -errno. */
static inline int ut_copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;
	int r = 0;

	if (in < 0)
		return -errno;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (out < 0) {
		r = -errno;
		(void)close(in);
		return r;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			r = -EIO;
			break;
		}
	if (n < 0)
		r = -errno;
	(void)close(in);
	(void)close(out);
	return r;
}

/* A busybox-static root filesystem in dir (created), with a passwd and group file. Returns 0
 * or -errno; -ENOENT when /bin/busybox is missing (apt-get install busybox-static). */
static inline int ut_busybox_rootfs(const char *dir)
{
	static const char *const dirs[] = {"",	    "/bin",	  "/etc",  "/tmp", "/root",
					   "/home", "/home/user", "/proc", "/dev", "/sys"};
	static const char *const applets[] = {
		"sh", "true", "false", "echo", "sleep", "id",	"cat", "env",	"hostname", "grep",
		"ls", "pwd",  "test",  "kill", "touch", "stty", "tr",  "umask", "ulimit"};
	char p[PATH_MAX];
	size_t i;
	int r;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		ut_path(p, "%s%s", dir, dirs[i]);
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			return -errno;
	}
	(void)chmod(dir, 0755);
	ut_path(p, "%s/tmp", dir);
	(void)chmod(p, 01777);
	ut_path(p, "%s/bin/busybox", dir);
	r = ut_copy_file("/bin/busybox", p, 0755);
	if (r < 0)
		return r;
	for (i = 0; i < sizeof(applets) / sizeof(applets[0]); i++) {
		ut_path(p, "%s/bin/%s", dir, applets[i]);
		if (symlink("busybox", p) < 0 && errno != EEXIST)
			return -errno;
	}
	ut_path(p, "%s/etc/passwd", dir);
	r = ut_write_file(p,
			  "root:x:0:0:root:/root:/bin/sh\n"
			  "user:x:1000:1000:user:/home/user:/bin/sh\n",
			  0644);
	if (r < 0)
		return r;
	ut_path(p, "%s/etc/group", dir);
	return ut_write_file(p, "root:x:0:\nuser:x:1000:\nwheel:x:10:user\naudio:x:29:user,other\n",
			     0644);
}

/* config.json for a busybox bundle: process_json is the body of "process" after "args"
 * (e.g. "\"args\": [\"true\"]"), namespaces pid, mount, ipc, uts, network, /proc and a /dev
 * tmpfs mounted; extra_top adds top-level members ("\"hostname\": \"h\""). */
static inline int ut_write_config(const char *bundle, const char *process_json,
				  const char *extra_top)
{
	char path[PATH_MAX], text[8192];

	(void)snprintf(
		text, sizeof(text),
		"{\n"
		"  \"ociVersion\": \"1.2.0\",\n"
		"  \"process\": {\n"
		"    \"terminal\": false,\n"
		"    \"user\": { \"uid\": 0, \"gid\": 0 },\n"
		"    \"env\": [\"PATH=/bin:/usr/bin\", \"TERM=xterm\"],\n"
		"    \"cwd\": \"/\",\n"
		"    %s\n"
		"  },\n"
		"  \"root\": { \"path\": \"rootfs\" },\n"
		"  %s%s"
		"  \"mounts\": [\n"
		"    { \"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\" },\n"
		"    { \"destination\": \"/dev\", \"type\": \"tmpfs\", \"source\": \"tmpfs\",\n"
		"      \"options\": [\"nosuid\", \"mode=755\", \"size=65536k\"] }\n"
		"  ],\n"
		"  \"linux\": {\n"
		"    \"namespaces\": [ { \"type\": \"pid\" }, { \"type\": \"mount\" },\n"
		"      { \"type\": \"ipc\" }, { \"type\": \"uts\" }, { \"type\": \"network\" } ]\n"
		"  }\n"
		"}\n",
		process_json, extra_top ? extra_top : "", extra_top ? ",\n" : "");
	ut_path(path, "%s/config.json", bundle);
	return ut_write_file(path, text, 0644);
}

/* config.json with exactly this text. */
static inline int ut_write_config_raw(const char *bundle, const char *json)
{
	char path[PATH_MAX];

	ut_path(path, "%s/config.json", bundle);
	return ut_write_file(path, json, 0644);
}

/* No child of ours is left (running or zombie). */
static inline bool ut_no_children(void)
{
	return waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD;
}

/* A bundle at dir: rootfs (a busybox copy) and config.json (see ut_write_config). */
static inline int ut_make_bundle(const char *dir, const char *process_json)
{
	char p[PATH_MAX];
	int r;

	ut_path(p, "%s/rootfs", dir);
	r = ut_busybox_rootfs(p);
	if (r < 0)
		return r;
	return ut_write_config(dir, process_json, NULL);
}

/* Ends a test program that cannot even set up (TAP "Bail out!"); returns 2 for main(). */
static inline int ut_bail_out(const char *what)
{
	printf("Bail out! cannot %s\n", what);
	return 2;
}

/* Polls until path exists or ms pass; true when it exists. */
static inline bool ut_wait_path(const char *path, int ms)
{
	for (; ms > 0; ms -= 10) {
		if (access(path, F_OK) == 0)
			return true;
		usleep(10000);
	}
	return access(path, F_OK) == 0;
}

#endif
