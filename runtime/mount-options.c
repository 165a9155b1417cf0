/* mount-options: the OCI mount option table (runc 1.1's, so a config means the same mount under
 * berth and runc) and the parser that sorts a mount's options into flags, propagation, recursive
 * attributes and data. Called by mounts.c for every spec mount. */
#include "mount-options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "base/cleanup.h"

struct flag_opt {
	const char *name;
	bool clear;
	unsigned long flag;
};

/* "defaults" is absent on purpose: runc 1.1 passes it to the filesystem as data. */
static const struct flag_opt flag_table[] = {
	{"acl", false, MS_POSIXACL},
	{"async", true, MS_SYNCHRONOUS},
	{"atime", true, MS_NOATIME},
	{"bind", false, MS_BIND},
	{"dev", true, MS_NODEV},
	{"diratime", true, MS_NODIRATIME},
	{"dirsync", false, MS_DIRSYNC},
	{"exec", true, MS_NOEXEC},
	{"iversion", false, MS_I_VERSION},
	{"lazytime", false, MS_LAZYTIME},
	{"loud", true, MS_SILENT},
	{"mand", false, MS_MANDLOCK},
	{"noacl", true, MS_POSIXACL},
	{"noatime", false, MS_NOATIME},
	{"nodev", false, MS_NODEV},
	{"nodiratime", false, MS_NODIRATIME},
	{"noexec", false, MS_NOEXEC},
	{"noiversion", true, MS_I_VERSION},
	{"nolazytime", true, MS_LAZYTIME},
	{"nomand", true, MS_MANDLOCK},
	{"norelatime", true, MS_RELATIME},
	{"nostrictatime", true, MS_STRICTATIME},
	{"nosuid", false, MS_NOSUID},
	{"nosymfollow", false, MS_NOSYMFOLLOW},
	{"rbind", false, MS_BIND | MS_REC},
	{"relatime", false, MS_RELATIME},
	{"remount", false, MS_REMOUNT},
	{"ro", false, MS_RDONLY},
	{"rw", true, MS_RDONLY},
	{"silent", false, MS_SILENT},
	{"strictatime", false, MS_STRICTATIME},
	{"suid", true, MS_NOSUID},
	{"symfollow", true, MS_NOSYMFOLLOW},
	{"sync", false, MS_SYNCHRONOUS},
};

static const struct {
	const char *name;
	unsigned long flags;
} propagation_table[] = {
	{"private", MS_PRIVATE},
	{"shared", MS_SHARED},
	{"slave", MS_SLAVE},
	{"unbindable", MS_UNBINDABLE},
	{"rprivate", MS_PRIVATE | MS_REC},
	{"rshared", MS_SHARED | MS_REC},
	{"rslave", MS_SLAVE | MS_REC},
	{"runbindable", MS_UNBINDABLE | MS_REC},
};

/* mount_setattr(2) attributes; an atime mode also clears MOUNT_ATTR__ATIME (see the man page). */
static const struct {
	const char *name;
	bool clear;
	uint64_t attr;
} rec_attr_table[] = {
	{"rro", false, MOUNT_ATTR_RDONLY},
	{"rrw", true, MOUNT_ATTR_RDONLY},
	{"rnosuid", false, MOUNT_ATTR_NOSUID},
	{"rsuid", true, MOUNT_ATTR_NOSUID},
	{"rnodev", false, MOUNT_ATTR_NODEV},
	{"rdev", true, MOUNT_ATTR_NODEV},
	{"rnoexec", false, MOUNT_ATTR_NOEXEC},
	{"rexec", true, MOUNT_ATTR_NOEXEC},
	{"rnodiratime", false, MOUNT_ATTR_NODIRATIME},
	{"rdiratime", true, MOUNT_ATTR_NODIRATIME},
	{"rrelatime", false, MOUNT_ATTR_RELATIME},
	{"rnorelatime", true, MOUNT_ATTR_RELATIME},
	{"rnoatime", false, MOUNT_ATTR_NOATIME},
	{"ratime", true, MOUNT_ATTR_NOATIME},
	{"rstrictatime", false, MOUNT_ATTR_STRICTATIME},
	{"rnostrictatime", true, MOUNT_ATTR_STRICTATIME},
	{"rnosymfollow", false, MOUNT_ATTR_NOSYMFOLLOW},
	{"rsymfollow", true, MOUNT_ATTR_NOSYMFOLLOW},
};

bool rt_mount_flag_lookup(const char *opt, unsigned long *ret_flag, bool *ret_clear)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flag_table); i++) {
		if (strcmp(opt, flag_table[i].name) == 0) {
			*ret_flag = flag_table[i].flag;
			*ret_clear = flag_table[i].clear;
			return true;
		}
	}
	return false;
}

int rt_propagation_flags(const char *name, unsigned long *ret)
{
	size_t i;

	if (!name || !name[0]) {
		*ret = 0;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(propagation_table); i++) {
		if (strcmp(name, propagation_table[i].name) == 0) {
			*ret = propagation_table[i].flags;
			return 0;
		}
	}
	return -EINVAL;
}

static bool rec_attr(const char *opt, struct rt_mount_opts *o)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rec_attr_table); i++) {
		if (strcmp(opt, rec_attr_table[i].name) != 0)
			continue;
		if (rec_attr_table[i].clear) {
			o->attr_clr |= rec_attr_table[i].attr;
		} else {
			o->attr_set |= rec_attr_table[i].attr;
			/* the atime modes are one field: setting one means clearing the field */
			if ((rec_attr_table[i].attr & MOUNT_ATTR__ATIME) == rec_attr_table[i].attr)
				o->attr_clr |= MOUNT_ATTR__ATIME;
		}
		return true;
	}
	return false;
}

static int add_data(char **data, size_t *len, const char *opt)
{
	size_t n = strlen(opt);
	char *p = realloc(*data, *len + n + 2);

	if (!p)
		return -ENOMEM;
	if (*len)
		p[(*len)++] = ',';
	memcpy(p + *len, opt, n + 1);
	*len += n;
	*data = p;
	return 0;
}

static int parse_one(const char *opt, const char *what, size_t i, struct rt_mount_opts *o,
		     char **data, size_t *len, struct berr *err)
{
	unsigned long flag, prop;
	bool clear;

	if (rt_mount_flag_lookup(opt, &flag, &clear)) {
		if (clear)
			o->flags &= ~flag;
		else
			o->flags |= flag;
	} else if (rt_propagation_flags(opt, &prop) == 0 && prop) {
		if (o->n_propagation == RT_MOUNT_MAX_PROPAGATION)
			return berr_set(err, E2BIG, "%s[%zu]: more than %d propagation options",
					what, i, RT_MOUNT_MAX_PROPAGATION);
		o->propagation[o->n_propagation++] = prop;
	} else if (rec_attr(opt, o)) {
		/* recorded */
	} else if (strcmp(opt, "tmpcopyup") == 0) {
		o->copyup = true;
	} else if (add_data(data, len, opt) < 0) {
		return berr_set(err, ENOMEM, "%s[%zu]: build mount data", what, i);
	}
	return 0;
}

int rt_mount_opts_parse(const struct cfg_strv *opts, const char *what, struct rt_mount_opts *ret,
			struct berr *err)
{
	struct rt_mount_opts o = {0};
	_cleanup_free_ char *data = NULL;
	size_t i, len = 0;
	int r;

	for (i = 0; opts && i < opts->n; i++) {
		r = parse_one(opts->v[i], what, i, &o, &data, &len, err);
		if (r < 0)
			return r;
	}
	if (!data) {
		data = strdup("");
		if (!data)
			return berr_set(err, ENOMEM, "%s: build mount data", what);
	}
	o.data = TAKE_PTR(data);
	*ret = o;
	return 0;
}

void rt_mount_opts_clear(struct rt_mount_opts *o)
{
	free(o->data);
	o->data = NULL;
}
