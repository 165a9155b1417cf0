/* sysctl: linux.sysctl written into the container's namespaced /proc/sys. Called by init. */
#include "sysctl.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"

static bool bad_component(const char *c, size_t n)
{
	return n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.');
}

int rt_sysctl_path(const char *key, char *ret, size_t len, struct berr *err)
{
	bool slash = strchr(key, '/') != NULL;
	char sep = slash ? '/' : '.';
	size_t n = strlen(key), i, start = 0;

	if (n + 1 > len)
		return berr_set(err, ENAMETOOLONG, "linux.sysctl: %s: key too long", key);
	for (i = 0; i <= n; i++) {
		if (key[i] != sep && key[i] != '\0')
			continue;
		if (bad_component(key + start, i - start))
			return berr_set(err, EINVAL,
					"linux.sysctl: %s: empty, \".\" or \"..\" component", key);
		start = i + 1;
	}
	for (i = 0; i <= n; i++)
		ret[i] = key[i] == sep ? '/' : key[i];
	return 0;
}

static bool on_procfs(int fd)
{
	struct statfs sfs;

	return fstatfs(fd, &sfs) == 0 && sfs.f_type == PROC_SUPER_MAGIC;
}

/* Beneath /proc/sys, no symlink, no mount crossed: something mounted over a sysctl (or over
 * /proc/sys) must not redirect the write (the class of CVE-2025-52881). */
static int open_beneath(int dirfd, const char *path)
{
	struct open_how how = {
		.flags = O_WRONLY | O_CLOEXEC | O_NOFOLLOW,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS |
			   RESOLVE_NO_XDEV,
	};
	int fd = (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));

	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	return fd;
}

static int write_one(int dirfd, const struct cfg_kv *kv, struct berr *err)
{
	char path[512];
	_cleanup_close_ int fd = -1;
	size_t len = strlen(kv->value);
	ssize_t n;
	int r;

	r = rt_sysctl_path(kv->key, path, sizeof(path), err);
	if (r < 0)
		return r;
	fd = open_beneath(dirfd, path);
	if (fd < 0)
		return berr_sys(err, "linux.sysctl: write /proc/sys/%s", path);
	if (!on_procfs(fd))
		return berr_set(err, EXDEV, "linux.sysctl: write /proc/sys/%s: not on procfs",
				path);
	do
		n = write(fd, kv->value, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return berr_sys(err, "linux.sysctl: write /proc/sys/%s", path);
	if ((size_t)n != len)
		return berr_set(err, EIO, "linux.sysctl: write /proc/sys/%s: short write", path);
	return 0;
}

int rt_sysctl_apply(const struct cfg_map *sysctl, struct berr *err)
{
	_cleanup_close_ int dirfd = -1;
	size_t i;
	int r;

	if (!sysctl || sysctl->n == 0)
		return 0;
	dirfd = open("/proc/sys", O_PATH | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (dirfd < 0)
		return berr_sys(err, "linux.sysctl: open /proc/sys");
	if (!on_procfs(dirfd))
		return berr_set(err, EXDEV, "linux.sysctl: /proc/sys is not on procfs");
	for (i = 0; i < sysctl->n; i++) {
		r = write_one(dirfd, &sysctl->v[i], err);
		if (r < 0)
			return r;
	}
	return 0;
}
