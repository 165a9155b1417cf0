/* parse-blockio: linux.resources.blockIO, the io / blkio controller: weights and per-device
 * weights and throttles. Called by parse-resources.c. */
#include "parse.h"

static int parse_weight_device(yajl_val o, const char *path, struct cfg_weight_device *w,
			       struct berr *err)
{
	int r;

	r = cfg_need_int(o, path, "major", CFG_I64, &w->major, err);
	if (r == 0)
		r = cfg_need_int(o, path, "minor", CFG_I64, &w->minor, err);
	if (r == 0)
		r = cfg_get_uint(o, path, "weight", CFG_U16, &w->weight, err);
	if (r == 0)
		r = cfg_get_uint(o, path, "leafWeight", CFG_U16, &w->leaf_weight, err);
	if (r == 0 && !w->weight.set && !w->leaf_weight.set)
		r = cfg_err(err, path, "needs weight or leafWeight");
	return r;
}

static int parse_weight_devices(yajl_val o, const char *path, struct cfg_blockio *b,
				struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, "weightDevice", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*b->weight_device), (void **)&b->weight_device,
			    &b->n_weight_device, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, path, "weightDevice", err);
		if (r == 0)
			r = parse_weight_device(arr->u.array.values[i], p, &b->weight_device[i],
						err);
	}
	return r;
}

static int parse_throttles(yajl_val o, const char *path, const char *key,
			   struct cfg_throttle_list *l, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, key, &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*l->v), (void **)&l->v, &l->n, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		yajl_val v = arr->u.array.values[i];

		r = cfg_array_object(arr, i, p, path, key, err);
		if (r == 0)
			r = cfg_need_int(v, p, "major", CFG_I64, &l->v[i].major, err);
		if (r == 0)
			r = cfg_need_int(v, p, "minor", CFG_I64, &l->v[i].minor, err);
		if (r == 0)
			r = cfg_need_uint(v, p, "rate", CFG_U64, &l->v[i].rate, err);
	}
	return r;
}

int cfg_parse_blockio(yajl_val o, const char *path, struct cfg_blockio *b, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "blockIO", &obj, err);
	if (r < 0 || !obj)
		return r;
	b->present = true;
	cfg_path(p, path, "blockIO");
	r = cfg_get_uint(obj, p, "weight", CFG_U16, &b->weight, err);
	if (r == 0)
		r = cfg_get_uint(obj, p, "leafWeight", CFG_U16, &b->leaf_weight, err);
	if (r == 0)
		r = parse_weight_devices(obj, p, b, err);
	if (r == 0)
		r = parse_throttles(obj, p, "throttleReadBpsDevice", &b->read_bps, err);
	if (r == 0)
		r = parse_throttles(obj, p, "throttleWriteBpsDevice", &b->write_bps, err);
	if (r == 0)
		r = parse_throttles(obj, p, "throttleReadIOPSDevice", &b->read_iops, err);
	if (r == 0)
		r = parse_throttles(obj, p, "throttleWriteIOPSDevice", &b->write_iops, err);
	return r;
}
