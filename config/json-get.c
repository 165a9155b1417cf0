/* json-get: typed getters over a yajl tree whose errors name the JSON path and what was expected
 * ("process.user.uid: expected an unsigned 32-bit integer"). Used by every config/ parser. */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static const char *const kind_names[] = {
	[CFG_U16] = "an unsigned 16-bit integer", [CFG_U32] = "an unsigned 32-bit integer",
	[CFG_U64] = "an unsigned 64-bit integer", [CFG_I32] = "a 32-bit integer",
	[CFG_I64] = "a 64-bit integer",
};

yajl_val cfg_member(yajl_val obj, const char *key)
{
	if (!YAJL_IS_OBJECT(obj))
		return NULL;
	/* a key given twice: the last one counts, as with Go's encoding/json (runc) */
	for (size_t i = obj->u.object.len; i-- > 0;)
		if (strcmp(obj->u.object.keys[i], key) == 0)
			return obj->u.object.values[i];
	return NULL;
}

static bool absent(yajl_val v)
{
	return !v || YAJL_IS_NULL(v);
}

int cfg_get_object(yajl_val o, const char *path, const char *key, yajl_val *ret, struct berr *err)
{
	yajl_val v = cfg_member(o, key);

	if (absent(v))
		return 0;
	if (!YAJL_IS_OBJECT(v))
		return cfg_errk(err, path, key, "expected an object");
	*ret = v;
	return 0;
}

int cfg_get_array(yajl_val o, const char *path, const char *key, yajl_val *ret, struct berr *err)
{
	yajl_val v = cfg_member(o, key);

	if (absent(v))
		return 0;
	if (!YAJL_IS_ARRAY(v))
		return cfg_errk(err, path, key, "expected an array");
	if (v->u.array.len > CFG_ARRAY_MAX)
		return cfg_errk(err, path, key, "more than %d entries", CFG_ARRAY_MAX);
	*ret = v;
	return 0;
}

static int get_str(yajl_val o, const char *path, const char *key, bool need, char **ret,
		   struct berr *err)
{
	yajl_val v = cfg_member(o, key);
	char *s;

	if (absent(v))
		return need ? cfg_errk(err, path, key, "required") : 0;
	if (!YAJL_IS_STRING(v))
		return cfg_errk(err, path, key, "expected a string");
	s = strdup(v->u.string);
	if (!s)
		return cfg_nomem(err, path);
	*ret = s;
	return 0;
}

int cfg_get_str(yajl_val o, const char *path, const char *key, char **ret, struct berr *err)
{
	return get_str(o, path, key, false, ret, err);
}

int cfg_need_str(yajl_val o, const char *path, const char *key, char **ret, struct berr *err)
{
	return get_str(o, path, key, true, ret, err);
}

int cfg_get_bool(yajl_val o, const char *path, const char *key, struct cfg_opt_bool *ret,
		 struct berr *err)
{
	yajl_val v = cfg_member(o, key);

	if (absent(v))
		return 0;
	if (!YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v))
		return cfg_errk(err, path, key, "expected a boolean");
	ret->set = true;
	ret->v = YAJL_IS_TRUE(v);
	return 0;
}

int cfg_get_flag(yajl_val o, const char *path, const char *key, bool *ret, struct berr *err)
{
	struct cfg_opt_bool b = {0};
	int r = cfg_get_bool(o, path, key, &b, err);

	if (r == 0 && b.set)
		*ret = b.v;
	return r;
}

/* JSON's integer syntax only: Go (runc) refuses 1.0 and 1e3 for integer fields too. */
static bool digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int cfg_val_uint(yajl_val v, const char *path, enum cfg_int kind, uint64_t *ret, struct berr *err)
{
	static const uint64_t max[] = {
		[CFG_U16] = UINT16_MAX, [CFG_U32] = UINT32_MAX, [CFG_U64] = UINT64_MAX};
	unsigned long long n;
	char *end;

	assert(kind == CFG_U16 || kind == CFG_U32 || kind == CFG_U64);
	if (!YAJL_IS_NUMBER(v) || !digits(v->u.number.r))
		return cfg_err(err, path, "expected %s", kind_names[kind]);
	errno = 0;
	n = strtoull(v->u.number.r, &end, 10);
	if (errno || *end || n > max[kind])
		return cfg_err(err, path, "expected %s", kind_names[kind]);
	*ret = n;
	return 0;
}

int cfg_val_int(yajl_val v, const char *path, enum cfg_int kind, int64_t *ret, struct berr *err)
{
	long long n;
	char *end;
	const char *s;

	assert(kind == CFG_I32 || kind == CFG_I64);
	if (!YAJL_IS_NUMBER(v))
		return cfg_err(err, path, "expected %s", kind_names[kind]);
	s = v->u.number.r;
	if (!digits(s[0] == '-' ? s + 1 : s))
		return cfg_err(err, path, "expected %s", kind_names[kind]);
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno || *end || (kind == CFG_I32 && (n < INT32_MIN || n > INT32_MAX)))
		return cfg_err(err, path, "expected %s", kind_names[kind]);
	*ret = n;
	return 0;
}

int cfg_get_uint(yajl_val o, const char *path, const char *key, enum cfg_int kind,
		 struct cfg_opt_u64 *ret, struct berr *err)
{
	yajl_val v = cfg_member(o, key);
	char p[CFG_PATH_MAX];
	uint64_t n;
	int r;

	if (absent(v))
		return 0;
	r = cfg_val_uint(v, cfg_path(p, path, key), kind, &n, err);
	if (r < 0)
		return r;
	ret->set = true;
	ret->v = n;
	return 0;
}

int cfg_need_uint(yajl_val o, const char *path, const char *key, enum cfg_int kind, uint64_t *ret,
		  struct berr *err)
{
	struct cfg_opt_u64 n = {0};
	int r = cfg_get_uint(o, path, key, kind, &n, err);

	if (r < 0)
		return r;
	if (!n.set)
		return cfg_errk(err, path, key, "required");
	*ret = n.v;
	return 0;
}

int cfg_get_int(yajl_val o, const char *path, const char *key, enum cfg_int kind,
		struct cfg_opt_i64 *ret, struct berr *err)
{
	yajl_val v = cfg_member(o, key);
	char p[CFG_PATH_MAX];
	int64_t n;
	int r;

	if (absent(v))
		return 0;
	r = cfg_val_int(v, cfg_path(p, path, key), kind, &n, err);
	if (r < 0)
		return r;
	ret->set = true;
	ret->v = n;
	return 0;
}

int cfg_need_int(yajl_val o, const char *path, const char *key, enum cfg_int kind, int64_t *ret,
		 struct berr *err)
{
	struct cfg_opt_i64 n = {0};
	int r = cfg_get_int(o, path, key, kind, &n, err);

	if (r < 0)
		return r;
	if (!n.set)
		return cfg_errk(err, path, key, "required");
	*ret = n.v;
	return 0;
}
