/* mount-options: OCI mount options ("ro", "rbind", "size=64m", ...) -> mount(2) flags, propagation
 * changes, mount_setattr(2) attributes and the data string, with runc 1.1's table. Used by mounts.c
 * and rootfs.c. */
#ifndef BERTH_RT_MOUNT_OPTIONS_H
#define BERTH_RT_MOUNT_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "../config/spec.h"
#include "base/berr.h"

#define RT_MOUNT_MAX_PROPAGATION 8

struct rt_mount_opts {
	unsigned long flags; /* MS_* */
	/* propagation changes, applied one by one after the mount, in option order */
	unsigned long propagation[RT_MOUNT_MAX_PROPAGATION];
	size_t n_propagation;
	/* recursive attributes ("rro", "rnosuid", ...) for mount_setattr(AT_RECURSIVE) */
	uint64_t attr_set;
	uint64_t attr_clr;
	bool copyup; /* "tmpcopyup": tmpfs starts with the directory's contents */
	char *data;  /* the options that are none of the above, comma-joined; never NULL */
};

/* Parses opts (may be empty) into *ret, which the caller releases with rt_mount_opts_clear().
 * Unknown options (and "defaults", as runc does) go to the data string. what names the
 * config path for errors, e.g. "mounts[2].options". */
int rt_mount_opts_parse(const struct cfg_strv *opts, const char *what, struct rt_mount_opts *ret,
			struct berr *err);
void rt_mount_opts_clear(struct rt_mount_opts *o);

/* Maps a propagation name ("rslave", "shared", ...) to MS_* flags; NULL or "" gives 0.
 * Returns -EINVAL for an unknown name. */
int rt_propagation_flags(const char *name, unsigned long *ret);

/* The MS_* value of one flag option, for tests and diagnostics; false when it is not a flag. */
bool rt_mount_flag_lookup(const char *opt, unsigned long *ret_flag, bool *ret_clear);

#endif
