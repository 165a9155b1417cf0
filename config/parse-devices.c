/* parse-devices: linux.devices, the device nodes to create in the container.
 * Called by parse-linux.c. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "../runtime/base/cleanup.h"

static int parse_type(yajl_val o, const char *path, struct cfg_device *d, struct berr *err)
{
	_cleanup_free_ char *type = NULL;
	int r;

	r = cfg_need_str(o, path, "type", &type, err);
	if (r < 0)
		return r;
	/* mknod(1): c and u are both character devices, p a FIFO */
	if (strlen(type) != 1 || !strchr("cbup", type[0]))
		return cfg_errk(err, path, "type", "unknown device type \"%s\"", CFG_SHOW(type));
	d->type = type[0];
	return 0;
}

static int parse_device(yajl_val o, const char *path, struct cfg_device *d, struct berr *err)
{
	int r;

	r = cfg_need_str(o, path, "path", &d->path, err);
	if (r < 0)
		return r;
	if (!cfg_is_abs(d->path))
		return cfg_errk(err, path, "path", "must be an absolute path");
	r = parse_type(o, path, d, err);
	if (r < 0)
		return r;
	if (d->type == 'p') {
		struct cfg_opt_i64 n = {0};

		r = cfg_get_int(o, path, "major", CFG_I64, &n, err);
		d->major = n.v;
		n.v = 0;
		if (r == 0)
			r = cfg_get_int(o, path, "minor", CFG_I64, &n, err);
		d->minor = n.v;
	} else {
		r = cfg_need_int(o, path, "major", CFG_I64, &d->major, err);
		if (r == 0)
			r = cfg_need_int(o, path, "minor", CFG_I64, &d->minor, err);
	}
	if (r == 0)
		r = cfg_get_uint(o, path, "fileMode", CFG_U32, &d->file_mode, err);
	if (r == 0)
		r = cfg_get_uint(o, path, "uid", CFG_U32, &d->uid, err);
	if (r == 0)
		r = cfg_get_uint(o, path, "gid", CFG_U32, &d->gid, err);
	return r;
}

int cfg_parse_devices(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, "devices", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*l->devices), (void **)&l->devices, &l->n_devices,
			    err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, path, "devices", err);
		if (r == 0)
			r = parse_device(arr->u.array.values[i], p, &l->devices[i], err);
	}
	return r;
}
