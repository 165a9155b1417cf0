/* path-in-root: resolve rootfs paths with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS), or,
 * to create what is missing or where openat2 is absent, with a walk that opens one component at
 * a time with O_PATH|O_NOFOLLOW from the root, keeping a stack of directory fds so ".." is a pop
 * that stops at the root and a symlink restarts from the root (absolute) or the current
 * directory (relative). Called by mounts.c, dev-setup.c, mount-cgroup.c and rootfs.c. */
#include "path-in-root.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"

#define MAX_SYMLINKS 40 /* the kernel's limit */
#define WALK_LEXICAL 0x100

struct walk {
	int fds[PATH_MAX / 2]; /* directory stack; fds[0] is the root (not owned); -1: virtual */
	size_t depth;
	char path[PATH_MAX]; /* in-root path of the top */
	char rest[PATH_MAX]; /* what is left to resolve */
	int links;
};

const char *rt_fd_path(int fd, char *buf, size_t len)
{
	(void)snprintf(buf, len, "/proc/self/fd/%d", fd);
	return buf;
}

int rt_path_clean(const char *path, char *buf, size_t len)
{
	const char *p = path, *e;
	size_t n = 0, k;

	if (len < 2)
		return -ENAMETOOLONG;
	while (*p) {
		while (*p == '/')
			p++;
		e = strchrnul(p, '/');
		k = (size_t)(e - p);
		if (k == 0 || (k == 1 && p[0] == '.')) {
			/* nothing */
		} else if (k == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && buf[--n] != '/')
				;
		} else {
			if (n + 1 + k + 1 > len)
				return -ENAMETOOLONG;
			buf[n++] = '/';
			memcpy(buf + n, p, k);
			n += k;
		}
		p = e;
	}
	if (n == 0)
		buf[n++] = '/';
	buf[n] = '\0';
	return 0;
}

int rt_root_open(struct rt_root *root, const char *path, struct berr *err)
{
	char link[RT_FD_PATH_MAX];
	ssize_t n;
	int fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return berr_sys(err, "open rootfs %s", path);
	n = readlink(rt_fd_path(fd, link, sizeof(link)), root->path, sizeof(root->path) - 1);
	if (n < 0 || n == (ssize_t)sizeof(root->path) - 1 || root->path[0] != '/') {
		n = n < 0 ? errno : ENAMETOOLONG;
		(void)close(fd);
		return berr_sys_code(err, (int)n, "resolve rootfs %s", path);
	}
	root->path[n] = '\0';
	root->fd = fd;
	return 0;
}

void rt_root_close(struct rt_root *root)
{
	if (root->fd >= 0)
		(void)close(root->fd);
	root->fd = -1;
}

int rt_path_check(const struct rt_root *root, int fd, char *buf, size_t len, struct berr *err)
{
	char link[RT_FD_PATH_MAX], real[PATH_MAX];
	size_t rl = strlen(root->path);
	ssize_t n = readlink(rt_fd_path(fd, link, sizeof(link)), real, sizeof(real) - 1);

	if (n < 0)
		return berr_sys(err, "readlink %s", link);
	real[n] = '\0';
	if (strcmp(root->path, "/") == 0)
		rl = 0;
	else if (strncmp(real, root->path, rl) != 0 || (real[rl] != '/' && real[rl] != '\0'))
		return berr_set(err, EXDEV, "%s is outside the rootfs %s", real, root->path);
	if (buf && (size_t)snprintf(buf, len, "%s", real[rl] ? real + rl : "/") >= len)
		return berr_set(err, ENAMETOOLONG, "%s: path too long", real);
	return 0;
}

static void walk_pop(struct walk *w)
{
	char *s;

	if (w->depth == 0)
		return;
	if (w->fds[w->depth] >= 0)
		(void)close(w->fds[w->depth]);
	w->depth--;
	s = strrchr(w->path, '/');
	*s = '\0';
}

static void walk_reset(struct walk *w)
{
	while (w->depth > 0)
		walk_pop(w);
}

static int walk_push(struct walk *w, int fd, const char *name, size_t k)
{
	size_t n = strlen(w->path);

	if (w->depth + 1 >= ARRAY_SIZE(w->fds) || n + 1 + k >= sizeof(w->path)) {
		if (fd >= 0)
			(void)close(fd);
		return -ENAMETOOLONG;
	}
	w->path[n] = '/';
	memcpy(w->path + n + 1, name, k);
	w->path[n + 1 + k] = '\0';
	w->fds[++w->depth] = fd;
	return 0;
}

/* True when nothing but "/" and "." components is left in p. */
static bool only_dots(const char *p)
{
	while (*p) {
		if (*p == '/' || (p[0] == '.' && (p[1] == '/' || p[1] == '\0')))
			p++;
		else
			return false;
	}
	return true;
}

/* Replaces rest with target + "/" + the rest after the current component. */
static int splice_link(struct walk *w, int fd, const char *after)
{
	char target[PATH_MAX], tmp[PATH_MAX];
	ssize_t n = readlinkat(fd, "", target, sizeof(target) - 1);

	if (n < 0)
		return -errno;
	target[n] = '\0';
	if (++w->links > MAX_SYMLINKS)
		return -ELOOP;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/%s", target, after) >= sizeof(tmp))
		return -ENAMETOOLONG;
	memcpy(w->rest, tmp, sizeof(tmp));
	if (target[0] == '/')
		walk_reset(w);
	return 0;
}

/* Creates the missing component name in the top directory and opens it with O_PATH. */
static int create_missing(struct walk *w, const char *name, bool last, unsigned mode)
{
	int top = w->fds[w->depth], fd;

	if (last && (mode & RT_PIR_MKFILE)) {
		fd = openat(top, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0755);
		if (fd < 0 && errno != EEXIST)
			return -errno;
		if (fd >= 0)
			(void)close(fd);
	} else if (mkdirat(top, name, 0755) < 0 && errno != EEXIST) {
		return -errno;
	}
	fd = openat(top, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* Resolves one component (name, k bytes) of w->rest; after points past it. */
static int walk_step(struct walk *w, char *name, size_t k, const char *after, unsigned mode)
{
	struct stat st;
	int fd, r;

	if (k == 0 || (k == 1 && name[0] == '.'))
		return 0;
	if (k == 2 && name[0] == '.' && name[1] == '.') {
		walk_pop(w);
		return 0;
	}
	name[k] = '\0';
	if (w->fds[w->depth] < 0) /* under a component that does not exist: lexical */
		return walk_push(w, -1, name, k);
	fd = openat(w->fds[w->depth], name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && (mode & WALK_LEXICAL))
		return walk_push(w, -1, name, k);
	if (fd < 0 && errno == ENOENT && (mode & (RT_PIR_MKDIR | RT_PIR_MKFILE)))
		fd = create_missing(w, name, only_dots(after), mode);
	else if (fd < 0)
		fd = -errno;
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0) {
		r = -errno;
		(void)close(fd);
		return r;
	}
	if (S_ISLNK(st.st_mode)) {
		r = splice_link(w, fd, after);
		(void)close(fd);
		return r == 0 ? 1 : r;
	}
	if (!S_ISDIR(st.st_mode) && !only_dots(after)) {
		(void)close(fd);
		/* SecureJoin treats a file in the middle like a missing component */
		return (mode & WALK_LEXICAL) ? walk_push(w, -1, name, k) : -ENOTDIR;
	}
	return walk_push(w, fd, name, k);
}

/* Resolves path from the root. On success the top of w is the result (fd -1 when it does not
 * exist, in lexical mode). */
static int walk(struct walk *w, int rootfd, const char *path, unsigned mode)
{
	char *p, *e, *next;
	int r;

	w->fds[0] = rootfd;
	w->depth = 0;
	w->path[0] = '\0';
	w->links = 0;
	if ((size_t)snprintf(w->rest, sizeof(w->rest), "%s", path) >= sizeof(w->rest))
		return -ENAMETOOLONG;
	p = w->rest;
	while (*p) {
		while (*p == '/')
			p++;
		e = strchrnul(p, '/');
		next = *e ? e + 1 : e; /* before walk_step() terminates the component */
		r = walk_step(w, p, (size_t)(e - p), next, mode);
		if (r < 0) {
			walk_reset(w);
			return r;
		}
		/* a symlink replaced w->rest: start over at its beginning */
		p = r == 1 ? w->rest : next;
	}
	return 0;
}

static int open_by_walk(const struct rt_root *root, const char *path, unsigned mode)
{
	_cleanup_free_ struct walk *w = malloc(sizeof(*w));
	int r, fd;

	if (!w)
		return -ENOMEM;
	r = walk(w, root->fd, path, mode);
	if (r < 0)
		return r;
	if (w->depth == 0) {
		fd = fcntl(root->fd, F_DUPFD_CLOEXEC, 3);
		return fd < 0 ? -errno : fd;
	}
	fd = w->fds[w->depth];
	w->fds[w->depth] = -1;
	walk_reset(w);
	return fd;
}

static int open_in_root(const struct rt_root *root, const char *path, unsigned mode)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd = -1, tries;

	for (tries = 0; !(mode & RT_PIR_WALK) && tries < 8; tries++) {
		fd = (int)syscall(SYS_openat2, root->fd, path, &how, sizeof(how));
		if (fd >= 0 || errno != EAGAIN)
			break;
	}
	if (fd >= 0)
		return fd;
	/* no openat2 (or filtered), retries exhausted, or something to create: walk */
	if ((mode & RT_PIR_WALK) || errno == ENOSYS || errno == EPERM || errno == EAGAIN ||
	    errno == E2BIG || (errno == ENOENT && (mode & (RT_PIR_MKDIR | RT_PIR_MKFILE))))
		return open_by_walk(root, path, mode);
	return -errno;
}

int rt_path_open(const struct rt_root *root, const char *path, unsigned mode, struct berr *err)
{
	_cleanup_close_ int fd = open_in_root(root, path, mode);
	struct stat st;
	int r;

	if (fd < 0)
		return berr_sys_code(err, fd, "open %s in the rootfs", path);
	if ((mode & RT_PIR_MKDIR) && (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)))
		return berr_sys_code(err, ENOTDIR, "mkdir %s in the rootfs", path);
	r = rt_path_check(root, fd, NULL, 0, err);
	if (r < 0)
		return berr_prefix(err, "open %s", path);
	return TAKE_FD(fd);
}

int rt_path_resolve(const struct rt_root *root, const char *path, char *buf, size_t len,
		    struct berr *err)
{
	_cleanup_free_ struct walk *w = malloc(sizeof(*w));
	int r;

	if (!w)
		return berr_set(err, ENOMEM, "resolve %s in the rootfs", path);
	r = walk(w, root->fd, path, WALK_LEXICAL);
	if (r < 0)
		return berr_sys_code(err, r, "resolve %s in the rootfs", path);
	r = snprintf(buf, len, "%s", w->depth ? w->path : "/");
	walk_reset(w);
	if ((size_t)r >= len)
		return berr_set(err, ENAMETOOLONG, "resolve %s in the rootfs: too long", path);
	return 0;
}

int rt_path_open_parent(const struct rt_root *root, const char *path, bool mkdirs, char *name,
			size_t len, struct berr *err)
{
	char clean[PATH_MAX];
	char *slash;

	if (rt_path_clean(path, clean, sizeof(clean)) < 0)
		return berr_set(err, ENAMETOOLONG, "%s: path too long", path);
	slash = strrchr(clean, '/');
	if (!slash[1])
		return berr_set(err, EINVAL, "%s: no parent directory", path);
	if ((size_t)snprintf(name, len, "%s", slash + 1) >= len)
		return berr_set(err, ENAMETOOLONG, "%s: name too long", path);
	slash[slash == clean ? 1 : 0] = '\0';
	return rt_path_open(root, clean, mkdirs ? RT_PIR_MKDIR : 0, err);
}
