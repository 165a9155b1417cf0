/* json-list: arrays and string maps of config.json (string lists, annotations-style maps, id
 * mappings), each entry checked with its JSON path. Used by the section parsers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int cfg_alloc_array(yajl_val arr, const char *path, size_t size, void **ret, size_t *ret_n,
		    struct berr *err)
{
	size_t n = arr->u.array.len;
	void *p = calloc(n ? n : 1, size);

	if (!p)
		return cfg_nomem(err, path);
	*ret = p;
	*ret_n = n;
	return 0;
}

int cfg_array_object(yajl_val arr, size_t i, char *buf, const char *path, const char *key,
		     struct berr *err)
{
	cfg_path_idx(buf, path, key, i);
	if (!YAJL_IS_OBJECT(arr->u.array.values[i]))
		return cfg_err(err, buf, "expected an object");
	return 0;
}

int cfg_get_strv(yajl_val o, const char *path, const char *key, struct cfg_strv *ret,
		 struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, key, &arr, err);
	if (r < 0 || !arr)
		return r;
	ret->v = calloc(arr->u.array.len + 1, sizeof(char *));
	if (!ret->v)
		return cfg_nomem(err, path);
	for (size_t i = 0; i < arr->u.array.len; i++) {
		yajl_val v = arr->u.array.values[i];

		if (!YAJL_IS_STRING(v))
			return cfg_err(err, cfg_path_idx(p, path, key, i), "expected a string");
		ret->v[i] = strdup(v->u.string);
		if (!ret->v[i])
			return cfg_nomem(err, path);
		ret->n = i + 1;
	}
	return 0;
}

/* Keeps every entry in order, duplicates included; readers take the last (cfg_annotation). */
int cfg_get_map(yajl_val o, const char *path, const char *key, struct cfg_map *ret,
		struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	size_t len;
	int r;

	r = cfg_get_object(o, path, key, &obj, err);
	if (r < 0 || !obj)
		return r;
	len = obj->u.object.len;
	if (len > CFG_ARRAY_MAX)
		return cfg_errk(err, path, key, "more than %d entries", CFG_ARRAY_MAX);
	ret->v = calloc(len ? len : 1, sizeof(*ret->v));
	if (!ret->v)
		return cfg_nomem(err, path);
	for (size_t i = 0; i < len; i++) {
		const char *k = obj->u.object.keys[i];
		yajl_val v = obj->u.object.values[i];

		if (!*k)
			return cfg_errk(err, path, key, "keys must not be empty");
		if (!YAJL_IS_STRING(v))
			return cfg_err(err, cfg_path_map(p, path, key, k), "expected a string");
		ret->v[i].key = strdup(k);
		ret->v[i].value = strdup(v->u.string);
		ret->n = i + 1;
		if (!ret->v[i].key || !ret->v[i].value)
			return cfg_nomem(err, path);
	}
	return 0;
}

static int parse_id_map(yajl_val o, const char *path, struct cfg_id_map *m, struct berr *err)
{
	uint64_t n;
	int r;

	r = cfg_need_uint(o, path, "containerID", CFG_U32, &n, err);
	if (r < 0)
		return r;
	m->container_id = (uint32_t)n;
	r = cfg_need_uint(o, path, "hostID", CFG_U32, &n, err);
	if (r < 0)
		return r;
	m->host_id = (uint32_t)n;
	r = cfg_need_uint(o, path, "size", CFG_U32, &n, err);
	if (r < 0)
		return r;
	if (n == 0)
		return cfg_errk(err, path, "size", "must be greater than zero");
	m->size = (uint32_t)n;
	return 0;
}

int cfg_get_id_maps(yajl_val o, const char *path, const char *key, struct cfg_id_map **ret,
		    size_t *ret_n, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, key, &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(**ret), (void **)ret, ret_n, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, path, key, err);
		if (r == 0)
			r = parse_id_map(arr->u.array.values[i], p, &(*ret)[i], err);
	}
	return r;
}

int cfg_check_abs_strv(const struct cfg_strv *v, const char *path, const char *key,
		       struct berr *err)
{
	char p[CFG_PATH_MAX];

	for (size_t i = 0; i < v->n; i++)
		if (!cfg_is_abs(v->v[i]))
			return cfg_err(err, cfg_path_idx(p, path, key, i),
				       "must be an absolute path");
	return 0;
}
