/* cgroup-file: reading and writing cgroup files with errors that name the config field and
 * the file. Used by every runtime/cgroup-*.c file. */
#include "cgroup-impl.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"

int rt_cg_join(char *ret, size_t len, const char *a, const char *b)
{
	size_t na = strlen(a);
	int n;

	while (na > 1 && a[na - 1] == '/')
		na--;
	while (*b == '/')
		b++;
	if (!*b)
		n = snprintf(ret, len, "%.*s", (int)na, a);
	else
		n = snprintf(ret, len, "%.*s%s%s", (int)na, a, na == 1 && a[0] == '/' ? "" : "/",
			     b);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static int open_at(const char *dir, const char *file, int flags)
{
	char p[PATH_MAX];

	if (rt_cg_join(p, sizeof(p), dir, file) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return open(p, flags | O_CLOEXEC | O_NOFOLLOW);
}

int rt_cg_write(const char *dir, const char *file, const char *value, const char *what,
		struct berr *err)
{
	/* no O_CREAT: a missing file means a missing controller, not something to make */
	_cleanup_close_ int fd = open_at(dir, file, O_WRONLY | O_TRUNC);
	size_t len = strlen(value);
	ssize_t n;

	if (fd < 0)
		return berr_sys(err, "%s: write %s", what, file);
	do
		n = write(fd, value, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return berr_sys(err, "%s: write %s", what, file);
	if ((size_t)n != len)
		return berr_set(err, EIO, "%s: write %s: short write", what, file);
	return 0;
}

int rt_cg_writef(const char *dir, const char *file, const char *what, struct berr *err,
		 const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return berr_set(err, EINVAL, "%s: value for %s too long", what, file);
	return rt_cg_write(dir, file, buf, what, err);
}

int rt_cg_read(const char *dir, const char *file, char *buf, size_t len, struct berr *err)
{
	_cleanup_close_ int fd = open_at(dir, file, O_RDONLY);
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return berr_sys(err, "read %s/%s", dir, file);
	while (got < len - 1) {
		n = read(fd, buf + got, len - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return berr_sys(err, "read %s/%s", dir, file);
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	if (got > 0 && buf[got - 1] == '\n')
		buf[got - 1] = '\0';
	return 0;
}

int rt_cg_read_u64(const char *dir, const char *file, uint64_t *ret, struct berr *err)
{
	char buf[64], *end;
	unsigned long long v;
	int r;

	r = rt_cg_read(dir, file, buf, sizeof(buf), err);
	if (r < 0)
		return r;
	if (!strcmp(buf, "max")) {
		*ret = UINT64_MAX;
		return 0;
	}
	errno = 0;
	v = strtoull(buf, &end, 10);
	if (errno || end == buf || (*end && *end != '\n' && *end != ' '))
		return berr_set(err, EINVAL, "read %s/%s: not a number: \"%.32s\"", dir, file, buf);
	*ret = v;
	return 0;
}

int rt_cg_read_key(const char *dir, const char *file, const char *key, uint64_t *ret,
		   struct berr *err)
{
	char buf[8192], *line, *save = NULL;
	size_t klen = strlen(key);
	int r;

	r = rt_cg_read(dir, file, buf, sizeof(buf), err);
	if (r < 0)
		return r;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, key, klen) || line[klen] != ' ')
			continue;
		*ret = strtoull(line + klen + 1, NULL, 10);
		return 0;
	}
	return berr_set(err, ENOENT, "read %s/%s: no \"%s\"", dir, file, key);
}

bool rt_cg_has(const char *dir, const char *file)
{
	char p[PATH_MAX];

	return rt_cg_join(p, sizeof(p), dir, file) == 0 && access(p, F_OK) == 0;
}

const char *rt_cg_first_path(const struct rt_cgroup *cg, const int *order)
{
	for (; *order >= 0; order++)
		if (cg->path[*order][0])
			return cg->path[*order];
	return NULL;
}

const char *rt_cg_procs_dir(const struct rt_cgroup *cg)
{
	static const int v1[] = {RT_CG_FREEZER, RT_CG_PIDS,    RT_CG_MEMORY,  RT_CG_CPU,
				 RT_CG_CPUACCT, RT_CG_DEVICES, RT_CG_CPUSET,  RT_CG_BLKIO,
				 RT_CG_SYSTEMD, RT_CG_UNIFIED, RT_CG_HUGETLB, -1};
	static const int v2[] = {RT_CG_UNIFIED, -1};

	return rt_cg_first_path(cg, cg->mode == RT_CGROUP_V2 ? v2 : v1);
}
