/* agent-boot: the guest's first steps as PID 1: a root that pivot_root can leave (the
 * initramfs itself cannot be pivoted away from), the pseudo filesystems, and the port to the
 * host, found by its name. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../runtime/base/cleanup.h"
#include "agent.h"

#define PORT_NAME "berth.agent"

struct fs {
	const char *src, *dst, *type;
	unsigned long flags;
	const char *data;
};

/* sysfs and /dev first: with them the port is found and opened, and QEMU passes on what the
 * host already sent while the rest is mounted */
static const struct fs port_fs[] = {
	{"sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL},
	{"devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755"},
};

static const struct fs guest_fs[] = {
	{"proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL},
	{"devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "ptmxmode=0666,mode=0620"},
	{"tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"},
	{"tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755"},
	{"tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"},
	{"cgroup2", "/sys/fs/cgroup", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL},
};

/* Moves a bind mount of the initramfs over /, so the root has a parent mount. */
static int leave_initramfs(struct berr *err)
{
	if (mkdir("/newroot", 0755) < 0 && errno != EEXIST)
		return berr_sys(err, "mkdir /newroot");
	if (mount("/", "/newroot", NULL, MS_BIND | MS_REC, NULL) < 0)
		return berr_sys(err, "bind / on /newroot");
	if (chdir("/newroot") < 0)
		return berr_sys(err, "chdir /newroot");
	if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
		return berr_sys(err, "move /newroot to /");
	if (chroot(".") < 0)
		return berr_sys(err, "chroot");
	if (chdir("/") < 0)
		return berr_sys(err, "chdir /");
	return 0;
}

static int mount_list(const struct fs *list, size_t n, struct berr *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct fs *f = &list[i];

		if (mkdir(f->dst, 0755) < 0 && errno != EEXIST)
			return berr_sys(err, "mkdir %s", f->dst);
		if (mount(f->src, f->dst, f->type, f->flags, f->data) < 0 && errno != EBUSY)
			return berr_sys(err, "mount %s on %s", f->type, f->dst);
	}
	return 0;
}

static int mount_all(struct berr *err)
{
	size_t i;
	int r = mount_list(guest_fs, sizeof(guest_fs) / sizeof(guest_fs[0]), err);

	if (r < 0)
		return r;
	/* containers get their controllers from the root's subtree */
	{
		_cleanup_close_ int fd = open("/sys/fs/cgroup/cgroup.subtree_control", O_WRONLY);
		static const char *const ctl[] = {"+cpu", "+cpuset", "+memory", "+pids"};

		for (i = 0; fd >= 0 && i < sizeof(ctl) / sizeof(ctl[0]); i++)
			(void)!write(fd, ctl[i], strlen(ctl[i])); /* a missing one is not fatal */
	}
	if (mkdir(AGENT_RUN, 0700) < 0 && errno != EEXIST)
		return berr_sys(err, "mkdir %s", AGENT_RUN);
	return 0;
}

static int open_port(struct berr *err)
{
	_cleanup_closedir_ DIR *d = opendir("/sys/class/virtio-ports");
	struct dirent *e;
	char path[300], name[64];

	if (!d)
		return berr_sys(err, "open /sys/class/virtio-ports");
	while ((e = readdir(d))) {
		_cleanup_close_ int fd = -1;
		ssize_t n;

		if (e->d_name[0] == '.')
			continue;
		(void)snprintf(path, sizeof(path), "/sys/class/virtio-ports/%s/name", e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, name, sizeof(name) - 1);
		if (n <= 0)
			continue;
		name[n] = '\0';
		name[strcspn(name, "\n")] = '\0';
		if (strcmp(name, PORT_NAME))
			continue;
		(void)snprintf(path, sizeof(path), "/dev/%s", e->d_name);
		fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
		if (fd < 0)
			return berr_sys(err, "open %s", path);
		return TAKE_FD(fd);
	}
	return berr_set(err, ENODEV, "no virtio port named %s", PORT_NAME);
}

int agent_boot(int *ret_port, struct berr *err)
{
	int r, fd;

	r = leave_initramfs(err);
	if (r == 0)
		r = mount_list(port_fs, sizeof(port_fs) / sizeof(port_fs[0]), err);
	if (r < 0)
		return r;
	fd = open_port(err);
	if (fd < 0)
		return fd;
	r = mount_all(err);
	if (r < 0) {
		(void)close(fd);
		return r;
	}
	*ret_port = fd;
	return 0;
}
