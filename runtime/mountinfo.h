/* mountinfo: reads /proc/<pid>/mountinfo into a table. Used by rootfs.c (the rootfs's parent
 * mount), rootfs-pivot.c (--no-pivot) and mount-cgroup.c (the host's cgroup v1 hierarchies). */
#ifndef BERTH_RT_MOUNTINFO_H
#define BERTH_RT_MOUNTINFO_H

#include <stdbool.h>
#include <stddef.h>

#include "base/berr.h"

struct rt_mountinfo {
	int id;
	int parent;
	char *root;	   /* path of the mount's root inside its filesystem */
	char *mount_point; /* unescaped */
	char *mount_opts;  /* per-mount options: "rw,nosuid,relatime" */
	char *optional;	   /* "shared:1 master:2" or "" */
	char *fstype;
	char *source;
	char *super_opts; /* per-superblock options: "rw,mode=755" */
};

struct rt_mountinfo_table {
	struct rt_mountinfo *v;
	size_t n;
	char *buf; /* the file's text; the strings above point into it */
};

/* Reads path (e.g. "/proc/self/mountinfo") into *ret; release with rt_mountinfo_free(). */
int rt_mountinfo_read(const char *path, struct rt_mountinfo_table *ret, struct berr *err);
/* Parses text (modified in place, owned by the caller) into *ret's entries. */
int rt_mountinfo_parse(char *text, struct rt_mountinfo_table *ret, struct berr *err);
void rt_mountinfo_free(struct rt_mountinfo_table *t);

/* Reads a whole proc file (size unknown to stat) into a NUL-terminated *ret the caller frees. */
int rt_read_proc_file(const char *path, char **ret, struct berr *err);

/* True when option opt appears in the comma-separated list opts. */
bool rt_opt_list_has(const char *opts, const char *opt);
/* True when dir is path or one of its ancestors, by whole components ("/a" is under "/", not
 * "/ab" under "/a"). Both are absolute and clean. */
bool rt_path_has_prefix(const char *path, const char *dir);

#endif
