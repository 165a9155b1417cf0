/* masked-paths: hide or freeze host-global files the container can see through its /proc and
 * /sys (kcore, keys, sysrq-trigger, ...), exactly as runc 1.1: masks are a bind of /dev/null or,
 * for a directory, a read-only tmpfs; read-only paths are a self-bind remounted read-only.
 * Called by rootfs.c once the process is inside the rootfs, so plain paths cannot leave it. */
#include "masked-paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

int rt_mask_path(const char *path, const char *label, struct berr *err)
{
	char data[1024] = "";

	if (mount("/dev/null", path, "", MS_BIND, "") == 0 || errno == ENOENT)
		return 0;
	if (errno != ENOTDIR)
		return berr_sys(err, "mask %s", path);
	/* a directory: /dev/null cannot cover it */
	if (label && label[0] &&
	    (size_t)snprintf(data, sizeof(data), "context=\"%s\"", label) >= sizeof(data))
		return berr_set(err, ENAMETOOLONG, "linux.mountLabel: too long");
	if (mount("tmpfs", path, "tmpfs", MS_RDONLY, data) < 0)
		return berr_sys(err, "mask directory %s", path);
	return 0;
}

int rt_readonly_path(const char *path, struct berr *err)
{
	unsigned long keep;
	struct statvfs sv;

	if (mount(path, path, "", MS_BIND | MS_REC, "") < 0) {
		if (errno == ENOENT)
			return 0;
		return berr_sys(err, "bind %s on itself", path);
	}
	if (statvfs(path, &sv) < 0)
		return berr_sys(err, "statfs %s", path);
	/* ST_NOSUID, ST_NODEV and ST_NOEXEC have the values of their MS_ twins */
	keep = sv.f_flag & (MS_NOSUID | MS_NODEV | MS_NOEXEC);
	if (mount(path, path, "", keep | MS_BIND | MS_REMOUNT | MS_RDONLY, "") < 0)
		return berr_sys(err, "remount %s read-only", path);
	return 0;
}
