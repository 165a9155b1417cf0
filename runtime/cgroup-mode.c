/* cgroup-mode: which cgroup hierarchies the host mounts under /sys/fs/cgroup and so whether it
 * is v1, v2 or hybrid (v1 controllers plus a cgroup2 mount, used as v1 like runc does), from
 * /proc/self/mountinfo and statfs. Called by cgroup-setup.c. */
#include "cgroup-impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>

#include "base/cleanup.h"
#include "mountinfo.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

static const char *const ctrl_names[RT_CG_NCTRL] = {
	[RT_CG_CPU] = "cpu",
	[RT_CG_CPUACCT] = "cpuacct",
	[RT_CG_CPUSET] = "cpuset",
	[RT_CG_MEMORY] = "memory",
	[RT_CG_DEVICES] = "devices",
	[RT_CG_FREEZER] = "freezer",
	[RT_CG_BLKIO] = "blkio",
	[RT_CG_PIDS] = "pids",
	[RT_CG_HUGETLB] = "hugetlb",
	[RT_CG_NET_CLS] = "net_cls",
	[RT_CG_NET_PRIO] = "net_prio",
	[RT_CG_PERF_EVENT] = "perf_event",
	[RT_CG_RDMA] = "rdma",
	[RT_CG_MISC] = "misc",
	[RT_CG_SYSTEMD] = "name=systemd",
	[RT_CG_UNIFIED] = "",
};

const char *rt_cg_ctrl_name(enum rt_cg_ctrl c)
{
	return c < RT_CG_NCTRL ? ctrl_names[c] : "";
}

int rt_cg_ctrl_from_name(const char *name)
{
	int i;

	for (i = 0; i < RT_CG_UNIFIED; i++)
		if (!strcmp(name, ctrl_names[i]))
			return i;
	return -1;
}

static int set_mount(struct rt_cg_mounts *m, int c, const struct rt_mountinfo *mi, struct berr *err)
{
	if (m->mnt[c][0])
		return 0; /* the first mount of a hierarchy wins; later ones are bind mounts */
	if (strlen(mi->mount_point) >= sizeof(m->mnt[c]) || strlen(mi->root) >= sizeof(m->root[c]))
		return berr_set(err, ENAMETOOLONG, "cgroup mount point too long: %s",
				mi->mount_point);
	strcpy(m->mnt[c], mi->mount_point);
	strcpy(m->root[c], mi->root);
	return 0;
}

/* A v1 mount: its super options list the controllers ("rw,cpu,cpuacct", "rw,name=systemd"). */
static int add_v1(struct rt_cg_mounts *m, const struct rt_mountinfo *mi, struct berr *err)
{
	char opts[1024], *tok, *save = NULL;
	int c, r;

	(void)snprintf(opts, sizeof(opts), "%s", mi->super_opts);
	for (tok = strtok_r(opts, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		c = rt_cg_ctrl_from_name(tok);
		if (c < 0)
			continue;
		r = set_mount(m, c, mi, err);
		if (r < 0)
			return r;
	}
	return 0;
}

static bool has_v1(const struct rt_cg_mounts *m)
{
	int c;

	for (c = 0; c < RT_CG_UNIFIED; c++)
		if (m->mnt[c][0])
			return true;
	return false;
}

int rt_cg_mounts_parse(char *mountinfo, const char *root, bool root_is_cgroup2,
		       struct rt_cg_mounts *ret, struct berr *err)
{
	struct rt_mountinfo_table t = {0};
	size_t i;
	int r;

	memset(ret, 0, sizeof(*ret));
	r = rt_mountinfo_parse(mountinfo, &t, err);
	if (r < 0)
		return r;
	for (i = 0; r == 0 && i < t.n; i++) {
		const struct rt_mountinfo *mi = &t.v[i];

		if (!rt_path_has_prefix(mi->mount_point, root))
			continue;
		if (root_is_cgroup2 && strcmp(mi->mount_point, root))
			continue; /* v2: only the unified mount at root itself counts */
		if (!strcmp(mi->fstype, "cgroup2"))
			r = set_mount(ret, RT_CG_UNIFIED, mi, err);
		else if (!strcmp(mi->fstype, "cgroup") && !root_is_cgroup2)
			r = add_v1(ret, mi, err);
	}
	free(t.v);
	if (r < 0)
		return r;
	if (root_is_cgroup2) {
		/* a v2 root without its own mountinfo line (a fake tree in tests) */
		if (!ret->mnt[RT_CG_UNIFIED][0]) {
			(void)snprintf(ret->mnt[RT_CG_UNIFIED], PATH_MAX, "%s", root);
			strcpy(ret->root[RT_CG_UNIFIED], "/");
		}
		ret->mode = RT_CGROUP_V2;
	} else if (has_v1(ret)) {
		ret->mode = ret->mnt[RT_CG_UNIFIED][0] ? RT_CGROUP_HYBRID : RT_CGROUP_V1;
	} else {
		ret->mode = ret->mnt[RT_CG_UNIFIED][0] ? RT_CGROUP_V2 : RT_CGROUP_NONE;
	}
	return 0;
}

int rt_cg_mounts_detect(const char *root, struct rt_cg_mounts *ret, struct berr *err)
{
	_cleanup_free_ char *text = NULL;
	struct statfs sf;
	int r;

	if (statfs(root, &sf) < 0) {
		if (errno != ENOENT)
			return berr_sys(err, "statfs %s", root);
		memset(ret, 0, sizeof(*ret));
		return 0; /* no cgroup filesystem at all: RT_CGROUP_NONE */
	}
	r = rt_read_proc_file("/proc/self/mountinfo", &text, err);
	if (r < 0)
		return r;
	return rt_cg_mounts_parse(text, root, sf.f_type == CGROUP2_SUPER_MAGIC, ret, err);
}
