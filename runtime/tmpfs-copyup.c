/* tmpfs-copyup: keep an fd on the directory a tmpfs will cover, mount the tmpfs, and copy the
 * covered tree into it through that fd (runc mounts on a host scratch directory and moves the
 * mount; the container sees the same). Called by mounts.c for the "tmpcopyup" option. */
#include "tmpfs-copyup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "mounts.h"

#define MAX_DEPTH 128

static int copy_data(int in, int out, const char *name, struct berr *err)
{
	char buf[65536];
	ssize_t n, w, off;

	for (;;) {
		n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return berr_sys(err, "tmpcopyup: read %s", name);
		if (n == 0)
			return 0;
		for (off = 0; off < n; off += w) {
			w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w < 0)
				return berr_sys(err, "tmpcopyup: write %s", name);
		}
	}
}

static int copy_file(int src, int dst, const char *name, const struct stat *st, struct berr *err)
{
	_cleanup_close_ int in = openat(src, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	_cleanup_close_ int out = -1;

	if (in < 0)
		return berr_sys(err, "tmpcopyup: open %s", name);
	out = openat(dst, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0)
		return berr_sys(err, "tmpcopyup: create %s", name);
	if (copy_data(in, out, name, err) < 0)
		return -err->code;
	if (fchown(out, st->st_uid, st->st_gid) < 0 || fchmod(out, st->st_mode & 07777) < 0)
		return berr_sys(err, "tmpcopyup: chown/chmod %s", name);
	return 0;
}

static int copy_dir(int src, int dst, int depth, struct berr *err);

static int copy_subdir(int src, int dst, const char *name, const struct stat *st, int depth,
		       struct berr *err)
{
	_cleanup_close_ int in = -1, out = -1;
	int r;

	if (mkdirat(dst, name, 0700) < 0)
		return berr_sys(err, "tmpcopyup: mkdir %s", name);
	in = openat(src, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	out = openat(dst, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0 || out < 0)
		return berr_sys(err, "tmpcopyup: open directory %s", name);
	r = copy_dir(in, out, depth + 1, err);
	if (r < 0)
		return r;
	if (fchown(out, st->st_uid, st->st_gid) < 0 || fchmod(out, st->st_mode & 07777) < 0)
		return berr_sys(err, "tmpcopyup: chown/chmod %s", name);
	return 0;
}

static int copy_special(int src, int dst, const char *name, const struct stat *st, struct berr *err)
{
	char target[PATH_MAX];
	ssize_t n;

	if (S_ISLNK(st->st_mode)) {
		n = readlinkat(src, name, target, sizeof(target) - 1);
		if (n < 0)
			return berr_sys(err, "tmpcopyup: readlink %s", name);
		target[n] = '\0';
		if (symlinkat(target, dst, name) < 0)
			return berr_sys(err, "tmpcopyup: symlink %s", name);
	} else if (mknodat(dst, name, st->st_mode, st->st_rdev) < 0) {
		return berr_sys(err, "tmpcopyup: mknod %s", name);
	}
	if (fchownat(dst, name, st->st_uid, st->st_gid, AT_SYMLINK_NOFOLLOW) < 0)
		return berr_sys(err, "tmpcopyup: chown %s", name);
	return 0;
}

static int copy_entry(int src, int dst, const char *name, int depth, struct berr *err)
{
	struct stat st;

	if (fstatat(src, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return berr_sys(err, "tmpcopyup: stat %s", name);
	if (S_ISDIR(st.st_mode))
		return copy_subdir(src, dst, name, &st, depth, err);
	if (S_ISREG(st.st_mode))
		return copy_file(src, dst, name, &st, err);
	if (S_ISSOCK(st.st_mode))
		return 0; /* a socket cannot be copied */
	return copy_special(src, dst, name, &st, err);
}

static int copy_dir(int src, int dst, int depth, struct berr *err)
{
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	int fd, r;

	if (depth > MAX_DEPTH)
		return berr_set(err, ELOOP, "tmpcopyup: deeper than %d directories", MAX_DEPTH);
	fd = openat(src, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "tmpcopyup: open directory");
	d = fdopendir(fd);
	if (!d) {
		(void)close(fd);
		return berr_sys(err, "tmpcopyup: read directory");
	}
	while ((errno = 0, de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		r = copy_entry(src, dst, de->d_name, depth, err);
		if (r < 0)
			return r;
	}
	if (errno)
		return berr_sys(err, "tmpcopyup: read directory");
	return 0;
}

int rt_copy_tree(int src, int dst, struct berr *err)
{
	return copy_dir(src, dst, 0, err);
}

static int open_dir(const struct rt_mount_env *env, const char *dest, struct berr *err)
{
	_cleanup_close_ int p = rt_path_open(env->root, dest, 0, err);
	int fd;

	if (p < 0)
		return p;
	fd = openat(p, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "tmpcopyup: open %s", dest);
	return fd;
}

int rt_tmpfs_copyup(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	_cleanup_close_ int old = -1, new = -1;
	int r;

	/* opened before the mount, this fd keeps reaching the covered directory */
	old = open_dir(env, m->dest, err);
	if (old < 0)
		return old;
	r = rt_mount_propagate(env, m, env->label, err);
	if (r < 0)
		return r;
	new = open_dir(env, m->dest, err);
	if (new < 0)
		return new;
	r = rt_copy_tree(old, new, err);
	return r < 0 ? berr_prefix(err, "%s", m->dest) : 0;
}
