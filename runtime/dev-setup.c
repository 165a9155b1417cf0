/* dev-setup: device nodes and links of the container's /dev, created through fds resolved in the
 * rootfs, in runc 1.1's order and with its modes (umask 0 while nodes are made). Called by
 * rootfs.c before and after pivot_root. */
#include "dev-setup.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "mount-options.h"
#include "mounts.h"

struct dev_node {
	const char *path;
	char type;
	unsigned major, minor;
	mode_t mode;
	uid_t uid;
	gid_t gid;
};

/* runc's AllowedDevices with a path, in its order */
static const struct dev_node default_nodes[] = {
	{"/dev/null", 'c', 1, 3, 0666, 0, 0}, {"/dev/random", 'c', 1, 8, 0666, 0, 0},
	{"/dev/full", 'c', 1, 7, 0666, 0, 0}, {"/dev/tty", 'c', 5, 0, 0666, 0, 0},
	{"/dev/zero", 'c', 1, 5, 0666, 0, 0}, {"/dev/urandom", 'c', 1, 9, 0666, 0, 0},
};

static bool opts_bind(const struct cfg_strv *o)
{
	unsigned long flag;
	bool clear;
	size_t i;

	for (i = 0; i < o->n; i++)
		if (rt_mount_flag_lookup(o->v[i], &flag, &clear) && (flag & MS_BIND))
			return true;
	return false;
}

bool rt_dev_needs_setup(const struct cfg_spec *spec)
{
	size_t i;

	for (i = 0; i < spec->n_mounts; i++)
		if (opts_bind(&spec->mounts[i].options) &&
		    rt_mount_dest_is(spec->mounts[i].destination, "/dev"))
			return false;
	return true;
}

/* An empty file with the host's node bind-mounted on it. */
static int bind_node(const struct rt_root *root, int dir, const char *name,
		     const struct dev_node *d, struct berr *err)
{
	char p[RT_FD_PATH_MAX];
	_cleanup_close_ int fd =
		openat(dir, name, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);

	if (fd < 0 && errno != EEXIST)
		return berr_sys(err, "create %s", d->path);
	if (fd >= 0)
		(void)close(fd);
	fd = openat(dir, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "open %s", d->path);
	if (rt_path_check(root, fd, NULL, 0, err) < 0)
		return -err->code;
	if (mount(d->path, rt_fd_path(fd, p, sizeof(p)), "bind", MS_BIND, "") < 0)
		return berr_sys(err, "bind host %s on %s", d->path, d->path);
	return 0;
}

static int create_node(const struct rt_root *root, const struct dev_node *d, bool bind,
		       struct berr *err)
{
	char name[NAME_MAX + 1];
	_cleanup_close_ int dir = -1;
	mode_t type;

	switch (d->type) {
	case 'c':
	case 'u':
		type = S_IFCHR;
		break;
	case 'b':
		type = S_IFBLK;
		break;
	case 'p':
		type = S_IFIFO;
		break;
	default:
		return berr_set(err, EINVAL, "%c is not a valid device type for device %s", d->type,
				d->path);
	}
	dir = rt_path_open_parent(root, d->path, true, name, sizeof(name), err);
	if (dir < 0)
		return dir;
	if (bind)
		return bind_node(root, dir, name, d, err);
	if (mknodat(dir, name, type | d->mode, makedev(d->major, d->minor)) < 0) {
		if (errno == EEXIST)
			return 0;
		if (errno == EPERM)
			return bind_node(root, dir, name, d, err);
		return berr_sys(err, "mknod %s", d->path);
	}
	if (fchownat(dir, name, d->uid, d->gid, AT_SYMLINK_NOFOLLOW) < 0)
		return berr_sys(err, "chown %s", d->path);
	return 0;
}

static bool spec_lists(const struct cfg_spec *spec, const char *path)
{
	size_t i;

	for (i = 0; i < spec->linux_.n_devices; i++)
		if (strcmp(spec->linux_.devices[i].path, path) == 0)
			return true;
	return false;
}

static struct dev_node from_spec(const struct cfg_device *d)
{
	struct dev_node n = {
		.path = d->path,
		.type = d->type,
		.major = (unsigned)d->major,
		.minor = (unsigned)d->minor,
		.mode = d->file_mode.set ? (mode_t)(d->file_mode.v & ~(uint64_t)S_IFMT) : 0666,
		.uid = d->uid.set ? (uid_t)d->uid.v : 0,
		.gid = d->gid.set ? (gid_t)d->gid.v : 0,
	};
	return n;
}

static int create_all(const struct rt_root *root, const struct cfg_spec *spec, bool bind,
		      struct berr *err)
{
	struct dev_node n;
	size_t i;
	int r;

	for (i = 0; i < ARRAY_SIZE(default_nodes); i++) {
		if (spec_lists(spec, default_nodes[i].path))
			continue; /* the spec's entry wins */
		r = create_node(root, &default_nodes[i], bind, err);
		if (r < 0)
			return r;
	}
	for (i = 0; i < spec->linux_.n_devices; i++) {
		if (rt_mount_dest_is(spec->linux_.devices[i].path, "/dev/ptmx"))
			continue; /* the link to pts/ptmx replaces it */
		n = from_spec(&spec->linux_.devices[i]);
		r = create_node(root, &n, bind, err);
		if (r < 0)
			return berr_prefix(err, "linux.devices[%zu]", i);
	}
	return 0;
}

int rt_dev_create_nodes(const struct rt_root *root, const struct cfg_spec *spec, bool bind_nodes,
			struct berr *err)
{
	/* modes are exact, as the config gives them */
	mode_t old = umask(0);
	int r = create_all(root, spec, bind_nodes, err);

	(void)umask(old);
	return r;
}

int rt_dev_create_links(const struct rt_root *root, struct berr *err)
{
	static const char *const links[][2] = {
		{"/proc/self/fd", "fd"},       {"/proc/self/fd/0", "stdin"},
		{"/proc/self/fd/1", "stdout"}, {"/proc/self/fd/2", "stderr"},
		{"/proc/kcore", "core"},
	};
	_cleanup_close_ int dev = rt_path_open(root, "/dev", 0, err);
	struct stat st;
	size_t i;

	if (dev < 0)
		return dev;
	if (unlinkat(dev, "ptmx", 0) < 0 && errno != ENOENT)
		return berr_sys(err, "remove /dev/ptmx");
	if (symlinkat("pts/ptmx", dev, "ptmx") < 0)
		return berr_sys(err, "symlink /dev/ptmx");
	for (i = 0; i < ARRAY_SIZE(links); i++) {
		/* kcore is optional in the kernel: link it only when the host has it */
		if (strcmp(links[i][1], "core") == 0 && stat(links[i][0], &st) < 0)
			continue;
		if (symlinkat(links[i][0], dev, links[i][1]) < 0 && errno != EEXIST)
			return berr_sys(err, "symlink /dev/%s", links[i][1]);
	}
	return 0;
}

int rt_dev_reopen_null(struct berr *err)
{
	_cleanup_close_ int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	struct stat ns, st;
	int fd;

	if (null < 0)
		return berr_sys(err, "open /dev/null in the container");
	if (fstat(null, &ns) < 0)
		return berr_sys(err, "fstat /dev/null");
	for (fd = 0; fd < 3; fd++) {
		if (fstat(fd, &st) < 0)
			return berr_sys(err, "fstat fd %d", fd);
		if (st.st_rdev == ns.st_rdev && dup3(null, fd, 0) < 0)
			return berr_sys(err, "reopen fd %d on /dev/null", fd);
	}
	return 0;
}
