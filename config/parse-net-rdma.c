/* parse-net-rdma: linux.resources.network (net_cls / net_prio) and linux.resources.rdma.
 * Called by parse-resources.c. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static int parse_priorities(yajl_val o, const char *path, struct cfg_network *n, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	uint64_t prio;
	int r;

	r = cfg_get_array(o, path, "priorities", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*n->priorities), (void **)&n->priorities,
			    &n->n_priorities, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		yajl_val v = arr->u.array.values[i];

		r = cfg_array_object(arr, i, p, path, "priorities", err);
		if (r == 0)
			r = cfg_need_str(v, p, "name", &n->priorities[i].name, err);
		if (r == 0)
			r = cfg_need_uint(v, p, "priority", CFG_U32, &prio, err);
		if (r == 0)
			n->priorities[i].priority = (uint32_t)prio;
	}
	return r;
}

static int parse_network(yajl_val o, const char *path, struct cfg_network *n, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "network", &obj, err);
	if (r < 0 || !obj)
		return r;
	n->present = true;
	cfg_path(p, path, "network");
	r = cfg_get_uint(obj, p, "classID", CFG_U32, &n->class_id, err);
	if (r == 0)
		r = parse_priorities(obj, p, n, err);
	return r;
}

static int parse_rdma_entry(yajl_val v, const char *path, const char *dev, struct cfg_rdma *rd,
			    struct berr *err)
{
	int r;

	if (!YAJL_IS_OBJECT(v))
		return cfg_err(err, path, "expected an object");
	rd->device = strdup(dev);
	if (!rd->device)
		return cfg_nomem(err, path);
	r = cfg_get_uint(v, path, "hcaHandles", CFG_U32, &rd->hca_handles, err);
	if (r == 0)
		r = cfg_get_uint(v, path, "hcaObjects", CFG_U32, &rd->hca_objects, err);
	/* config-linux.md: at least one of the two */
	if (r == 0 && !rd->hca_handles.set && !rd->hca_objects.set)
		r = cfg_err(err, path, "needs hcaHandles or hcaObjects");
	return r;
}

static int parse_rdma(yajl_val o, const char *path, struct cfg_resources *res, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	size_t n;
	int r;

	r = cfg_get_object(o, path, "rdma", &obj, err);
	if (r < 0 || !obj)
		return r;
	n = obj->u.object.len;
	if (n > CFG_ARRAY_MAX)
		return cfg_errk(err, path, "rdma", "more than %d entries", CFG_ARRAY_MAX);
	res->rdma = calloc(n ? n : 1, sizeof(*res->rdma));
	if (!res->rdma)
		return cfg_nomem(err, path);
	res->n_rdma = n;
	for (size_t i = 0; r == 0 && i < n; i++) {
		const char *dev = obj->u.object.keys[i];

		cfg_path_map(p, path, "rdma", dev);
		r = parse_rdma_entry(obj->u.object.values[i], p, dev, &res->rdma[i], err);
	}
	return r;
}

int cfg_parse_net_rdma(yajl_val o, const char *path, struct cfg_resources *res, struct berr *err)
{
	int r = parse_network(o, path, &res->network, err);

	if (r == 0)
		r = parse_rdma(o, path, res, err);
	return r;
}
