/* mount-cgroup: a "cgroup" spec mount, as runc 1.1's mountCgroupV1/V2. On a v1 or hybrid host
 * (/sys/fs/cgroup is not cgroup2): a tmpfs (nosuid,nodev,noexec, mode=755) at the destination,
 * then for every v1 hierarchy (cgroup2 ones are left out) a bind of this process's own cgroup
 * directory with the entry's flags, or with a cgroup namespace a fresh cgroup mount, and the
 * "cpu" -> "cpu,cpuacct" links for co-mounted controllers. On a v2 host a cgroup2 mount, or a
 * bind of the host's when the kernel refuses (user namespace without cgroup namespace). */
#include "mount-cgroup.h"

#include <errno.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "mountinfo.h"
#include "mounts.h"

#define MAX_CGROUP_KEYS 64

struct cg_key {
	const char *key;  /* "cpu", "name=systemd", "" (v2) */
	const char *path; /* this process's cgroup in it */
	bool seen;
};

/* /proc/self/cgroup: "id:controller,controller:path" per line. */
static int parse_cgroups(char *text, struct cg_key *keys, size_t *n, struct berr *err)
{
	char *line, *save = NULL, *ctrls, *path, *c, *save2;

	*n = 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		ctrls = strchr(line, ':');
		path = ctrls ? strchr(ctrls + 1, ':') : NULL;
		if (!path)
			return berr_set(err, EINVAL, "/proc/self/cgroup: malformed line \"%s\"",
					line);
		*ctrls++ = '\0';
		*path++ = '\0';
		if (!ctrls[0] && *n < MAX_CGROUP_KEYS) /* the v2 line keeps runc's "" key */
			keys[(*n)++] = (struct cg_key){"", path, false};
		for (c = strtok_r(ctrls, ",", &save2); c; c = strtok_r(NULL, ",", &save2)) {
			if (*n == MAX_CGROUP_KEYS)
				return berr_set(err, E2BIG,
						"/proc/self/cgroup: too many controllers");
			keys[(*n)++] = (struct cg_key){c, path, false};
		}
	}
	return 0;
}

static struct cg_key *find_key(struct cg_key *keys, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

/* The first controller of a mount not listed by an earlier mount, or NULL (runc's
 * GetCgroupMounts(false): one mount per controller, the first in the table). */
static struct cg_key *claim_controllers(struct cg_key *keys, size_t n, const char *super_opts)
{
	_cleanup_free_ char *opts = strdup(super_opts);
	struct cg_key *first = NULL, *k;
	char *o, *save = NULL;

	for (o = opts ? strtok_r(opts, ",", &save) : NULL; o; o = strtok_r(NULL, ",", &save)) {
		k = find_key(keys, n, o);
		if (!k || k->seen)
			continue;
		k->seen = true;
		if (!first)
			first = k;
	}
	return first;
}

/* Length of the common leading components of two clean absolute paths. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t i, last = 0;

	for (i = 0; a[i] && a[i] == b[i]; i++)
		if (a[i] == '/')
			last = i;
	if ((a[i] == '\0' || a[i] == '/') && (b[i] == '\0' || b[i] == '/'))
		last = i;
	return last;
}

/* source = mount point + our cgroup relative to the mount's root (Go's filepath.Rel, then
 * Join); in a cgroup namespace the root reads "/.." and cleans to "/". */
static int bind_source(const struct rt_mountinfo *mi, const char *dir, char *buf, size_t len)
{
	char root[PATH_MAX], own[PATH_MAX], joined[PATH_MAX * 3];
	size_t n, k;
	const char *p;

	if (rt_path_clean(mi->root, root, sizeof(root)) < 0 ||
	    rt_path_clean(dir, own, sizeof(own)) < 0)
		return -ENAMETOOLONG;
	n = (size_t)snprintf(joined, sizeof(joined), "%s", mi->mount_point);
	k = common_prefix(root, own);
	for (p = root + k; *p && n < sizeof(joined); p++)
		if (p[0] == '/' && p[1]) /* one ".." per component of root past the common part */
			n += (size_t)snprintf(joined + n, sizeof(joined) - n, "/..");
	if (n < sizeof(joined))
		n += (size_t)snprintf(joined + n, sizeof(joined) - n, "/%s", own + k);
	if (n >= sizeof(joined))
		return -ENAMETOOLONG;
	return rt_path_clean(joined, buf, len);
}

static int add_bind(const struct rt_mountinfo *mi, const struct cg_key *k,
		    struct rt_cgroup_v1_bind **v, size_t *n, struct berr *err)
{
	struct rt_cgroup_v1_bind *nv = reallocarray(*v, *n + 1, sizeof(**v));
	const char *base = strrchr(mi->mount_point, '/');
	int r;

	if (!nv)
		return berr_set(err, ENOMEM, "list cgroup hierarchies");
	*v = nv;
	r = bind_source(mi, k->path, nv[*n].source, sizeof(nv[*n].source));
	if (r < 0)
		return berr_sys_code(err, r, "cgroup %s of %s", k->path, mi->mount_point);
	base = base ? base + 1 : mi->mount_point;
	if ((size_t)snprintf(nv[*n].name, sizeof(nv[*n].name), "%s", base) >= sizeof(nv[*n].name))
		return berr_set(err, ENAMETOOLONG, "cgroup mount %s", mi->mount_point);
	(*n)++;
	return 0;
}

int rt_cgroup_v1_binds(char *mountinfo, char *cgroups, struct rt_cgroup_v1_bind **ret,
		       size_t *ret_n, struct berr *err)
{
	struct rt_mountinfo_table t = {0};
	struct cg_key keys[MAX_CGROUP_KEYS], *k;
	_cleanup_free_ struct rt_cgroup_v1_bind *v = NULL;
	size_t nk, n = 0, i;
	int r;

	r = parse_cgroups(cgroups, keys, &nk, err);
	if (r < 0)
		return r;
	r = rt_mountinfo_parse(mountinfo, &t, err);
	if (r < 0)
		return r;
	for (i = 0; r == 0 && i < t.n; i++) {
		if (strcmp(t.v[i].fstype, "cgroup") != 0)
			continue;
		k = claim_controllers(keys, nk, t.v[i].super_opts);
		if (k)
			r = add_bind(&t.v[i], k, &v, &n, err);
	}
	free(t.v);
	if (r < 0)
		return r;
	*ret = TAKE_PTR(v);
	*ret_n = n;
	return 0;
}

static int read_binds(struct rt_cgroup_v1_bind **ret, size_t *ret_n, struct berr *err)
{
	_cleanup_free_ char *mi = NULL, *cg = NULL;
	int r;

	r = rt_read_proc_file("/proc/self/mountinfo", &mi, err);
	if (r == 0)
		r = rt_read_proc_file("/proc/self/cgroup", &cg, err);
	if (r == 0)
		r = rt_cgroup_v1_binds(mi, cg, ret, ret_n, err);
	return r;
}

/* With a cgroup namespace: a new mount of the hierarchy, rooted at our cgroup. */
static int mount_fresh(const struct rt_mount_env *env, const struct rt_mount *m, const char *dest,
		       const char *name, struct berr *err)
{
	unsigned long flags = MS_NOEXEC | MS_NOSUID | MS_NODEV | (m->o.flags & MS_RDONLY);
	bool systemd = strcmp(name, "systemd") == 0;
	const char *data = systemd ? "name=systemd" : name;
	char p[RT_FD_PATH_MAX];
	_cleanup_close_ int fd = rt_path_open(env->root, dest, RT_PIR_MKDIR, err);

	if (fd < 0)
		return fd;
	if (mount(systemd ? "systemd" : "cgroup", rt_fd_path(fd, p, sizeof(p)), "cgroup", flags,
		  data) < 0)
		return berr_sys(err, "mount cgroup %s on %s", data, dest);
	return 0;
}

/* "cpu" -> "cpu,cpuacct" in the tmpfs for each controller of a co-mounted hierarchy. */
static int link_comounted(const struct rt_mount_env *env, const struct rt_mount *m,
			  const char *name, struct berr *err)
{
	_cleanup_free_ char *list = strdup(name);
	_cleanup_close_ int dir = -1;
	char *c, *save = NULL;

	if (!list)
		return berr_set(err, ENOMEM, "link cgroup %s", name);
	dir = rt_path_open(env->root, m->dest, 0, err);
	if (dir < 0)
		return dir;
	for (c = strtok_r(list, ",", &save); c; c = strtok_r(NULL, ",", &save))
		if (symlinkat(name, dir, c) < 0 && errno != EEXIST)
			return berr_sys(err, "symlink %s/%s -> %s", m->dest, c, name);
	return 0;
}

static int mount_v1_hierarchy(const struct rt_mount_env *env, const struct rt_mount *m,
			      const struct rt_cgroup_v1_bind *b, struct berr *err)
{
	char dest[PATH_MAX];
	struct rt_mount bind = {.type = "bind", .source = b->source, .dest = dest};

	if ((size_t)snprintf(dest, sizeof(dest), "%s/%s", m->dest, b->name) >= sizeof(dest))
		return berr_set(err, ENAMETOOLONG, "cgroup mount %s/%s", m->dest, b->name);
	if (env->cgroupns)
		return mount_fresh(env, m, dest, b->name, err);
	bind.o = m->o;
	bind.o.flags |= MS_BIND | MS_REC;
	bind.o.data = (char *)"";
	bind.o.attr_set = bind.o.attr_clr = 0;
	bind.o.copyup = false;
	return rt_mount_entry(env, &bind, err);
}

static int mount_v1(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	_cleanup_free_ struct rt_cgroup_v1_bind *binds = NULL;
	struct rt_mount tmpfs = {.type = "tmpfs", .source = "tmpfs", .dest = m->dest};
	size_t n = 0, i;
	int r;

	r = read_binds(&binds, &n, err);
	if (r < 0)
		return r;
	tmpfs.o.flags = MS_NOEXEC | MS_NOSUID | MS_NODEV;
	tmpfs.o.data = (char *)"mode=755";
	memcpy(tmpfs.o.propagation, m->o.propagation, sizeof(tmpfs.o.propagation));
	tmpfs.o.n_propagation = m->o.n_propagation;
	r = rt_mount_entry(env, &tmpfs, err);
	for (i = 0; r == 0 && i < n; i++)
		r = mount_v1_hierarchy(env, m, &binds[i], err);
	for (i = 0; r == 0 && i < n; i++)
		if (strchr(binds[i].name, ','))
			r = link_comounted(env, m, binds[i].name, err);
	return r;
}

/* Our cgroup v2 directory on the host, for the bind fallback under a cgroup namespace. */
static int own_v2_dir(const char *root, char *buf, size_t len, struct berr *err)
{
	_cleanup_free_ char *cg = NULL;
	char *line, *save = NULL;
	int r = rt_read_proc_file("/proc/self/cgroup", &cg, err);

	if (r < 0)
		return r;
	for (line = strtok_r(cg, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "0::", 3) != 0)
			continue;
		if ((size_t)snprintf(buf, len, "%s%s", root, line + 3) >= len)
			return berr_set(err, ENAMETOOLONG, "cgroup %s: path too long", line + 3);
		return 0;
	}
	return berr_set(err, ENOENT, "/proc/self/cgroup: no cgroup v2 entry");
}

static int mount_v2(const struct rt_mount_env *env, const struct rt_mount *m, const char *root,
		    struct berr *err)
{
	char p[RT_FD_PATH_MAX], src[PATH_MAX];
	_cleanup_close_ int fd = rt_path_open(env->root, m->dest, RT_PIR_MKDIR, err);
	int r;

	if (fd < 0)
		return fd;
	if (mount(m->source, rt_fd_path(fd, p, sizeof(p)), "cgroup2", m->o.flags, m->o.data) == 0)
		return 0;
	if (errno != EPERM && errno != EBUSY)
		return berr_sys(err, "mount cgroup2 on %s", m->dest);
	/* a user namespace without its own cgroup namespace may not mount cgroup2 (runc #2158) */
	(void)snprintf(src, sizeof(src), "%s", root);
	if (env->cgroupns && (r = own_v2_dir(root, src, sizeof(src), err)) < 0)
		return r;
	if (mount(src, p, "", m->o.flags | MS_BIND, "") < 0)
		return berr_sys(err, "bind %s on %s", src, m->dest);
	return 0;
}

int rt_mount_cgroup(const struct rt_mount_env *env, const struct rt_mount *m, struct berr *err)
{
	const char *root = env->cgroup_root ? env->cgroup_root : RT_CGROUP_DEFAULT_ROOT;
	struct statfs sfs;

	if (statfs(root, &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC)
		return mount_v2(env, m, root, err);
	return mount_v1(env, m, err);
}
