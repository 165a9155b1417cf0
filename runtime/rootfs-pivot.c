/* rootfs-pivot: pivot_root(".", ".") as runc and LXC do it (no directory for the old root is
 * needed: it ends up stacked under the new one and is detached), and the --no-pivot variant with
 * MS_MOVE and chroot. Called by rootfs.c after the mounts are in place. */
#include "rootfs-pivot.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "mountinfo.h"

int rt_pivot_root(const char *rootfs, struct berr *err)
{
	_cleanup_close_ int oldroot = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	_cleanup_close_ int newroot = -1;

	if (oldroot < 0)
		return berr_sys(err, "open /");
	newroot = open(rootfs, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (newroot < 0)
		return berr_sys(err, "open %s", rootfs);
	if (fchdir(newroot) < 0)
		return berr_sys(err, "chdir to %s", rootfs);
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return berr_sys(err, "pivot_root into %s", rootfs);
	/* "." is the old root now, but the kernel does not promise it: go there by fd */
	if (fchdir(oldroot) < 0)
		return berr_sys(err, "chdir to the old root");
	/* rslave, not rprivate: the host may still hold references (runc's reasoning) */
	if (mount("", ".", "", MS_SLAVE | MS_REC, "") < 0)
		return berr_sys(err, "make the old root rslave");
	if (umount2(".", MNT_DETACH) < 0)
		return berr_sys(err, "detach the old root");
	if (chdir("/") < 0)
		return berr_sys(err, "chdir to the new root");
	return 0;
}

static bool is_full_kernfs(const struct rt_mountinfo *m, const char *rootfs)
{
	return strcmp(m->root, "/") == 0 &&
	       (strcmp(m->fstype, "proc") == 0 || strcmp(m->fstype, "sysfs") == 0) &&
	       !rt_path_has_prefix(m->mount_point, rootfs);
}

/* The kernel lets a chrooted process mount procfs or sysfs as long as a full, unmasked one is
 * anywhere in its mount namespace: take the host's away (runc's msMoveRoot). */
static int hide_host_kernfs(const char *rootfs, struct berr *err)
{
	struct rt_mountinfo_table t;
	const char *mp;
	size_t i;
	int r = rt_mountinfo_read("/proc/self/mountinfo", &t, err);

	if (r < 0)
		return r;
	for (i = 0; r == 0 && i < t.n; i++) {
		if (!is_full_kernfs(&t.v[i], rootfs))
			continue;
		mp = t.v[i].mount_point;
		if (mount("", mp, "", MS_SLAVE | MS_REC, "") < 0) {
			if (errno == ENOENT) /* under something already detached */
				continue;
			r = berr_sys(err, "make %s rslave", mp);
		} else if (umount2(mp, MNT_DETACH) < 0) {
			if (errno != EINVAL && errno != EPERM)
				r = berr_sys(err, "detach %s", mp);
			else if (mount("tmpfs", mp, "tmpfs", 0, "") < 0)
				r = berr_sys(err, "cover %s with tmpfs", mp);
		}
	}
	rt_mountinfo_free(&t);
	return r;
}

int rt_move_root(const char *rootfs, struct berr *err)
{
	int r = hide_host_kernfs(rootfs, err);

	if (r < 0)
		return r;
	if (mount(rootfs, "/", "", MS_MOVE, "") < 0)
		return berr_sys(err, "move %s to /", rootfs);
	if (chroot(".") < 0)
		return berr_sys(err, "chroot into %s", rootfs);
	if (chdir("/") < 0)
		return berr_sys(err, "chdir to the new root");
	return 0;
}
