/* mounts: one rootfs mount, following runc 1.1's mountToRootfs step for step so the container's
 * mount table matches runc's: the destination is resolved inside the rootfs and created, the
 * mount goes onto /proc/self/fd/N of that fd, propagation changes follow, a bind is remounted to
 * apply its flags, and tmpfs keeps the mode of the directory it covers. An id-mapped bind is
 * moved in from the detached mount the host made (mount-idmap.c). Called by rootfs.c. */
#include "mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

#include "base/cleanup.h"
#include "mount-cgroup.h"
#include "mountinfo.h"
#include "tmpfs-copyup.h"

/* Files inside /proc that lxcfs-style bind mounts may cover (runc's list). */
static const char *const proc_allowed[] = {
	"/proc/cpuinfo", "/proc/diskstats",
	"/proc/meminfo", "/proc/stat",
	"/proc/swaps",	 "/proc/uptime",
	"/proc/loadavg", "/proc/slabinfo",
	"/proc/net/dev", "/proc/sys/kernel/ns_last_pid",
};

bool rt_mount_dest_is(const char *dest, const char *path)
{
	char clean[PATH_MAX];

	return rt_path_clean(dest, clean, sizeof(clean)) == 0 && strcmp(clean, path) == 0;
}

int rt_mount_from_spec(const struct cfg_mount *m, size_t idx, struct rt_mount *ret,
		       struct berr *err)
{
	char what[64];
	int r;

	(void)snprintf(what, sizeof(what), "mounts[%zu].options", idx);
	if (!m->destination)
		return berr_set(err, EINVAL, "mounts[%zu].destination: missing", idx);
	r = rt_mount_opts_parse(&m->options, what, &ret->o, err);
	if (r < 0)
		return r;
	ret->idmapped = m->n_uid_mappings || m->n_gid_mappings;
	ret->idmap_fd = -1;
	/* the kernel id-maps only a detached clone of an existing tree */
	if (ret->idmapped && !(ret->o.flags & MS_BIND)) {
		rt_mount_opts_clear(&ret->o);
		return berr_set(err, EINVAL, "mounts[%zu]: uidMappings need a bind mount", idx);
	}
	/* as runc: with bind or rbind the type is meaningless and becomes "bind" */
	ret->type = (ret->o.flags & MS_BIND) ? "bind" : (m->type ? m->type : "");
	ret->source = m->source ? m->source : "";
	ret->dest = m->destination;
	return 0;
}

void rt_mount_clear(struct rt_mount *m)
{
	rt_mount_opts_clear(&m->o);
}

/* data plus the SELinux context option, as runc's FormatMountLabel. */
static char *with_label(const char *data, const char *label)
{
	char *s = NULL;

	if (!label || !label[0])
		return strdup(data);
	if (asprintf(&s, "%s%scontext=\"%s\"", data, data[0] ? "," : "", label) < 0)
		return NULL;
	return s;
}

static int mount_fd(int fd, const struct rt_mount *m, const char *src, const char *type,
		    unsigned long flags, const char *data, struct berr *err)
{
	char p[RT_FD_PATH_MAX];

	if (mount(src, rt_fd_path(fd, p, sizeof(p)), type, flags, data) < 0)
		return berr_sys(err, "mount %s on %s (type \"%s\", flags 0x%lx, data \"%s\")", src,
				m->dest, type, flags, data ? data : "");
	return 0;
}

/* An id-mapped bind: the host made it (mount-idmap.c); it only needs moving in place. */
static int move_idmapped(int fd, const struct rt_mount *m, struct berr *err)
{
	unsigned int flags = MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH;

	if (m->idmap_fd < 0)
		return berr_set(err, EOPNOTSUPP, "idmapped mount of %s: not prepared by the host",
				m->source);
	if (move_mount(m->idmap_fd, "", fd, "", flags) < 0)
		return berr_sys(err, "move idmapped mount of %s onto %s", m->source, m->dest);
	return 0;
}

int rt_mount_propagate(const struct rt_mount_env *env, const struct rt_mount *m, const char *label,
		       struct berr *err)
{
	_cleanup_free_ char *data = with_label(m->o.data, label);
	unsigned long flags = m->o.flags;
	int fd, r = 0;
	size_t i;

	if (!data)
		return berr_set(err, ENOMEM, "mount %s", m->dest);
	/* tmpfs and /dev get files created in them first; finish() makes them read-only */
	if (strcmp(m->type, "tmpfs") == 0 || rt_mount_dest_is(m->dest, "/dev"))
		flags &= ~MS_RDONLY;
	fd = rt_path_open(env->root, m->dest, 0, err);
	if (fd < 0)
		return fd;
	if (m->idmapped)
		r = move_idmapped(fd, m, err);
	else
		r = mount_fd(fd, m, m->source, m->type, flags, data, err);
	(void)close(fd);
	if (r < 0 || m->o.n_propagation == 0)
		return r;
	/* the fd still names the covered directory: reopen to reach the new mount */
	fd = rt_path_open(env->root, m->dest, 0, err);
	if (fd < 0)
		return fd;
	for (i = 0; r == 0 && i < m->o.n_propagation; i++)
		r = mount_fd(fd, m, "", "", m->o.propagation[i], "", err);
	(void)close(fd);
	return r;
}

/* Nothing may be mounted over /proc but a procfs, nor inside it but the files lxcfs covers. */
static int check_proc_dest(const struct rt_mount_env *env, const struct rt_mount *m,
			   struct berr *err)
{
	char dest[PATH_MAX];
	struct statfs sfs;
	size_t i;
	int r = rt_path_resolve(env->root, m->dest, dest, sizeof(dest), err);

	if (r < 0)
		return r;
	if (!rt_path_has_prefix(dest, "/proc"))
		return 0;
	if (strcmp(dest, "/proc") == 0) {
		if (!m->source[0])
			return 0;
		if (statfs(m->source, &sfs) < 0)
			return berr_sys(err, "statfs %s", m->source);
		if (sfs.f_type == PROC_SUPER_MAGIC)
			return 0;
		return berr_set(err, EINVAL, "%s cannot be mounted because it is not of type proc",
				m->dest);
	}
	for (i = 0; i < ARRAY_SIZE(proc_allowed); i++)
		if (strcmp(dest, proc_allowed[i]) == 0)
			return 0;
	return berr_set(err, EINVAL, "%s cannot be mounted because it is inside /proc", m->dest);
}

static int make_dir(const struct rt_mount_env *env, const char *dest, struct berr *err)
{
	int fd = rt_path_open(env->root, dest, RT_PIR_MKDIR, err);

	if (fd < 0)
		return fd;
	(void)close(fd);
	return 0;
}

/* proc and sysfs go on a real directory, never through a file or a device. */
static int mount_kernfs(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	struct berr scratch;
	struct stat st;
	int fd = rt_path_open(env->root, m->dest, 0, &scratch);
	int r;

	if (fd >= 0) {
		r = fstat(fd, &st) < 0 ? -errno : 0;
		(void)close(fd);
		if (r < 0)
			return berr_sys_code(err, r, "stat %s", m->dest);
		if (!S_ISDIR(st.st_mode))
			return berr_set(err, EINVAL,
					"filesystem \"%s\" must be mounted on ordinary directory",
					m->type);
	}
	r = make_dir(env, m->dest, err);
	return r < 0 ? r : rt_mount_propagate(env, m, NULL, err);
}

/* A tmpfs over an existing directory takes that directory's mode (runc 1.1). */
static int mount_tmpfs(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	char p[RT_FD_PATH_MAX];
	struct berr scratch;
	struct stat st;
	bool existed = false;
	int fd = rt_path_open(env->root, m->dest, 0, &scratch);
	int r;

	if (fd >= 0) {
		existed = fstat(fd, &st) == 0;
		(void)close(fd);
	}
	if (!existed && (r = make_dir(env, m->dest, err)) < 0)
		return r;
	if (m->o.copyup)
		r = rt_tmpfs_copyup(env, m, err);
	else
		r = rt_mount_propagate(env, m, env->label, err);
	if (r < 0 || !existed)
		return r;
	fd = rt_path_open(env->root, m->dest, 0, err);
	if (fd < 0)
		return fd;
	r = chmod(rt_fd_path(fd, p, sizeof(p)), st.st_mode & 07777) < 0 ? -errno : 0;
	(void)close(fd);
	if (r < 0)
		return berr_sys_code(err, r, "chmod %s", m->dest);
	return 0;
}

/* A bind's flags need a second, MS_REMOUNT call; a source that is read-only where it lies (a
 * locked mount in a user namespace) must stay so. */
static int remount_bind(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	_cleanup_close_ int fd = rt_path_open(env->root, m->dest, 0, err);
	unsigned long flags = m->o.flags | MS_REMOUNT;
	struct statvfs sv;
	char p[RT_FD_PATH_MAX];
	int e;

	if (fd < 0)
		return fd;
	if (mount(m->source, rt_fd_path(fd, p, sizeof(p)), m->type, flags, "") == 0)
		return 0;
	e = errno;
	if (statvfs(m->source, &sv) == 0 && (sv.f_flag & ST_RDONLY))
		return mount_fd(fd, m, m->source, m->type, flags | MS_RDONLY, "", err);
	return berr_sys_code(err, e, "remount %s on %s (flags 0x%lx)", m->source, m->dest, flags);
}

static int set_rec_attr(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	_cleanup_close_ int fd = -1;
	struct mount_attr attr = {.attr_set = m->o.attr_set, .attr_clr = m->o.attr_clr};

	if (!m->o.attr_set && !m->o.attr_clr)
		return 0;
	fd = rt_path_open(env->root, m->dest, 0, err);
	if (fd < 0)
		return fd;
	if (mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof(attr)) < 0)
		return berr_sys(err, "mount_setattr %s", m->dest);
	return 0;
}

static int mount_bind(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	struct berr scratch;
	struct stat st;
	int fd, r;

	if (stat(m->source, &st) < 0)
		return berr_sys(err, "stat bind source %s", m->source);
	r = check_proc_dest(env, m, err);
	if (r < 0)
		return r;
	fd = rt_path_open(env->root, m->dest, 0, &scratch);
	if (fd == -ENOENT)
		fd = rt_path_open(env->root, m->dest,
				  S_ISDIR(st.st_mode) ? RT_PIR_MKDIR : RT_PIR_MKFILE, err);
	else if (fd < 0)
		*err = scratch;
	if (fd < 0)
		return fd;
	(void)close(fd);
	r = rt_mount_propagate(env, m, env->label, err);
	if (r == 0 && (m->o.flags & ~(unsigned long)(MS_REC | MS_REMOUNT | MS_BIND)))
		r = remount_bind(env, m, err);
	return r < 0 ? r : set_rec_attr(env, m, err);
}

int rt_mount_entry(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	int r;

	if (strcmp(m->type, "proc") == 0 || strcmp(m->type, "sysfs") == 0)
		return mount_kernfs(env, m, err);
	if (strcmp(m->type, "mqueue") == 0) {
		r = make_dir(env, m->dest, err);
		return r < 0 ? r : rt_mount_propagate(env, m, NULL, err);
	}
	if (strcmp(m->type, "tmpfs") == 0)
		return mount_tmpfs(env, m, err);
	if (strcmp(m->type, "bind") == 0)
		return mount_bind(env, m, err);
	if (strcmp(m->type, "cgroup") == 0)
		return rt_mount_cgroup(env, m, err);
	r = check_proc_dest(env, m, err);
	if (r == 0)
		r = make_dir(env, m->dest, err);
	return r < 0 ? r : rt_mount_propagate(env, m, env->label, err);
}
