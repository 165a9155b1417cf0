/* timens: the offsets of a new time namespace, written before anything enters it. Called by
 * the container's init (see timens.h for the kernel's rules). */
#include "timens.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* One line per clock, all in one write: the kernel applies them together or not at all. */
static int format_offsets(const struct cfg_linux *l, char *buf, size_t len, struct berr *err)
{
	size_t used = 0, i;
	int n;

	for (i = 0; i < l->n_time_offsets; i++) {
		const struct cfg_time_offset *t = &l->time_offsets[i];

		n = snprintf(buf + used, len - used, "%s %lld %u\n", t->clock, (long long)t->secs,
			     t->nanosecs);
		if (n < 0 || (size_t)n >= len - used)
			return berr_set(err, E2BIG, "linux.timeOffsets: too many offsets");
		used += (size_t)n;
	}
	return (int)used;
}

int rt_timens_write_offsets(pid_t pid, const struct cfg_spec *spec, struct berr *err)
{
	char path[64], buf[256];
	_cleanup_close_ int fd = -1;
	ssize_t n;
	int len;

	if (spec->linux_.n_time_offsets == 0)
		return 0;
	len = format_offsets(&spec->linux_, buf, sizeof(buf), err);
	if (len < 0)
		return len;
	if (pid)
		(void)snprintf(path, sizeof(path), "/proc/%d/timens_offsets", pid);
	else
		(void)snprintf(path, sizeof(path), "/proc/self/timens_offsets");
	fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return berr_sys(err, "linux.timeOffsets: open %s", path);
	do
		n = write(fd, buf, (size_t)len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return berr_sys(err, "linux.timeOffsets: write %s", path);
	if (n != len)
		return berr_set(err, EIO, "linux.timeOffsets: write %s: short write", path);
	return 0;
}

int rt_timens_unshare(const struct cfg_spec *spec, struct berr *err)
{
	if (unshare(CLONE_NEWTIME) < 0)
		return berr_sys(err, "linux.namespaces: create time namespace (unshare)");
	return rt_timens_write_offsets(0, spec, err);
}
