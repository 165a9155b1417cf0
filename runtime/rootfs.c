/* rootfs: the three steps of the container's filesystem setup, in runc 1.1's order (prepareRoot,
 * mountToRootfs per mount, createDevices/setupPtmx/setupDevSymlinks, pivotRoot, reOpenDevNull,
 * finalizeRootfs, readonlyPaths, maskPaths). Called by the container init (init.c) and the
 * guest agent. */
#include "rootfs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "dev-setup.h"
#include "masked-paths.h"
#include "mount-options.h"
#include "mountinfo.h"
#include "mounts.h"
#include "path-in-root.h"
#include "rootfs-pivot.h"

static int root_propagation(const struct rt_rootfs_ctx *c, unsigned long *ret, struct berr *err)
{
	const char *name = c->spec->linux_.rootfs_propagation;

	if (rt_propagation_flags(name, ret) < 0)
		return berr_set(err, EINVAL, "linux.rootfsPropagation: %s is not supported", name);
	if (c->no_pivot && (*ret & MS_PRIVATE))
		return berr_set(
			err, EINVAL,
			"linux.rootfsPropagation: [r]private is not safe without pivot_root");
	if (!*ret)
		*ret = MS_SLAVE | MS_REC;
	return 0;
}

/* pivot_root refuses a rootfs whose parent mount is shared, and a shared parent would carry
 * the rootfs bind to other namespaces: make it private (runc's rootfsParentMountPrivate). */
static int parent_private(const char *rootfs, struct berr *err)
{
	struct rt_mountinfo_table t;
	const struct rt_mountinfo *best = NULL;
	size_t i;
	int r = rt_mountinfo_read("/proc/self/mountinfo", &t, err);

	if (r < 0)
		return r;
	for (i = 0; i < t.n; i++)
		if (rt_path_has_prefix(rootfs, t.v[i].mount_point) &&
		    (!best || strlen(t.v[i].mount_point) > strlen(best->mount_point)))
			best = &t.v[i];
	if (!best)
		r = berr_set(err, ENOENT, "no parent mount of %s", rootfs);
	else if (strstr(best->optional, "shared:") &&
		 mount("", best->mount_point, "", MS_PRIVATE, "") < 0)
		r = berr_sys(err, "make %s private", best->mount_point);
	rt_mountinfo_free(&t);
	return r;
}

static int prepare_root(const struct rt_rootfs_ctx *c, struct berr *err)
{
	unsigned long prop;
	int r = root_propagation(c, &prop, err);

	if (r < 0)
		return r;
	if (mount("", "/", "", prop, "") < 0)
		return berr_sys(err, "linux.rootfsPropagation: set propagation of /");
	r = parent_private(c->rootfs, err);
	if (r < 0)
		return r;
	if (mount(c->rootfs, c->rootfs, "bind", MS_BIND | MS_REC, "") < 0)
		return berr_sys(err, "bind rootfs %s on itself", c->rootfs);
	return 0;
}

static int mount_spec(const struct rt_mount_env *env, const struct rt_rootfs_ctx *c,
		      struct berr *err)
{
	const struct cfg_spec *s = c->spec;
	struct rt_mount m;
	size_t i;
	int r;

	for (i = 0; i < s->n_mounts; i++) {
		r = rt_mount_from_spec(&s->mounts[i], i, &m, err);
		if (r < 0)
			return r;
		if (c->idmap_fds)
			m.idmap_fd = c->idmap_fds[i];
		r = rt_mount_entry(env, &m, err);
		rt_mount_clear(&m);
		if (r < 0)
			return berr_prefix(err, "mounts[%zu] %s", i, s->mounts[i].destination);
	}
	return 0;
}

int rt_rootfs_mount_all(const struct rt_rootfs_ctx *c, struct berr *err)
{
	_cleanup_free_ struct rt_root *root = malloc(sizeof(*root));
	struct rt_mount_env env = {0};
	int r;

	if (!root)
		return berr_set(err, ENOMEM, "set up rootfs");
	r = prepare_root(c, err);
	if (r < 0)
		return r;
	/* opened after the self-bind, so every lookup starts on the new mount */
	r = rt_root_open(root, c->rootfs, err);
	if (r < 0)
		return r;
	env.root = root;
	env.label = c->spec->linux_.mount_label;
	env.cgroupns = cfg_ns_find(c->spec, CFG_NS_CGROUP) != NULL;
	r = mount_spec(&env, c, err);
	if (r == 0 && rt_dev_needs_setup(c->spec)) {
		r = rt_dev_create_nodes(root, c->spec, c->in_userns, err);
		if (r == 0)
			r = rt_dev_create_links(root, err);
	}
	rt_root_close(root);
	return r;
}

/* mkdir -p inside the new root (runc creates process.cwd this way). */
static int make_cwd(const char *cwd, struct berr *err)
{
	char path[PATH_MAX], *p;

	if (rt_path_clean(cwd, path, sizeof(path)) < 0)
		return berr_set(err, ENAMETOOLONG, "process.cwd: too long");
	for (p = strchr(path + 1, '/');; p = strchr(p + 1, '/')) {
		if (p)
			*p = '\0';
		if (strcmp(path, "/") != 0 && mkdir(path, 0755) < 0 && errno != EEXIST)
			return berr_sys(err, "process.cwd: mkdir %s", path);
		if (!p)
			return 0;
		*p = '/';
	}
}

int rt_rootfs_pivot(const struct rt_rootfs_ctx *c, struct berr *err)
{
	int r;

	if (chdir(c->rootfs) < 0)
		return berr_sys(err, "chdir to rootfs %s", c->rootfs);
	r = c->no_pivot ? rt_move_root(c->rootfs, err) : rt_pivot_root(c->rootfs, err);
	if (r < 0)
		return r;
	if (rt_dev_needs_setup(c->spec)) {
		r = rt_dev_reopen_null(err);
		if (r < 0)
			return r;
	}
	if (c->spec->has_process && c->spec->process.cwd)
		return make_cwd(c->spec->process.cwd, err);
	return 0;
}

/* The kernel may report EBUSY for a moment after files were created in the mount. */
static int remount_readonly(const char *dest, unsigned long flags, struct berr *err)
{
	const struct timespec pause = {0, 100 * 1000 * 1000};
	int i;

	flags |= MS_REMOUNT | MS_BIND | MS_RDONLY;
	for (i = 0; i < 5; i++) {
		if (mount("", dest, "", flags, "") == 0)
			return 0;
		if (errno != EBUSY)
			return berr_sys(err, "remount %s read-only", dest);
		(void)nanosleep(&pause, NULL);
	}
	return berr_set(err, EBUSY, "remount %s read-only: still busy after 5 tries", dest);
}

/* tmpfs and /dev were mounted writable so files could be made in them (mounts.c). */
static int remount_ro_mounts(const struct cfg_spec *s, struct berr *err)
{
	struct rt_mount m;
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < s->n_mounts; i++) {
		r = rt_mount_from_spec(&s->mounts[i], i, &m, err);
		if (r < 0)
			return r;
		if ((m.o.flags & MS_RDONLY) &&
		    (strcmp(m.type, "tmpfs") == 0 || rt_mount_dest_is(m.dest, "/dev")))
			r = remount_readonly(m.dest, m.o.flags, err);
		rt_mount_clear(&m);
		if (r < 0)
			return berr_prefix(err, "mounts[%zu]", i);
	}
	return 0;
}

static int set_root_readonly(struct berr *err)
{
	unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY;
	struct statvfs sv;

	if (mount("", "/", "", flags, "") == 0)
		return 0;
	/* flags locked by a user namespace must be repeated */
	if (statvfs("/", &sv) < 0)
		return berr_sys(err, "root.readonly: statfs /");
	if (mount("", "/", "", flags | sv.f_flag, "") < 0)
		return berr_sys(err, "root.readonly: remount / read-only");
	return 0;
}

int rt_rootfs_finish(const struct rt_rootfs_ctx *c, struct berr *err)
{
	const struct cfg_spec *s = c->spec;
	size_t i;
	int r;

	r = remount_ro_mounts(s, err);
	if (r < 0)
		return r;
	if (s->root_readonly && (r = set_root_readonly(err)) < 0)
		return r;
	(void)umask(s->has_process && s->process.user.umask.set ? (mode_t)s->process.user.umask.v
								: 0022);
	for (i = 0; i < s->linux_.readonly_paths.n; i++) {
		r = rt_readonly_path(s->linux_.readonly_paths.v[i], err);
		if (r < 0)
			return berr_prefix(err, "linux.readonlyPaths[%zu]", i);
	}
	for (i = 0; i < s->linux_.masked_paths.n; i++) {
		r = rt_mask_path(s->linux_.masked_paths.v[i], s->linux_.mount_label, err);
		if (r < 0)
			return berr_prefix(err, "linux.maskedPaths[%zu]", i);
	}
	return 0;
}
