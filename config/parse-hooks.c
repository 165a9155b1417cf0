/* parse-hooks: the "hooks" object of config.json, its six lists of commands run around the
 * container's lifecycle. Called by spec-parse.c. */
#include "parse.h"

static int parse_hook(yajl_val o, const char *path, struct cfg_hook *h, struct berr *err)
{
	int r;

	r = cfg_need_str(o, path, "path", &h->path, err);
	if (r < 0)
		return r;
	/* config.md: unlike execv(3)'s, the path MUST be absolute */
	if (!cfg_is_abs(h->path))
		return cfg_errk(err, path, "path", "must be an absolute path");
	r = cfg_get_strv(o, path, "args", &h->args, err);
	if (r == 0)
		r = cfg_get_strv(o, path, "env", &h->env, err);
	if (r == 0)
		r = cfg_check_env(&h->env, path, "env", err);
	if (r == 0)
		r = cfg_get_int(o, path, "timeout", CFG_I64, &h->timeout, err);
	if (r < 0)
		return r;
	if (h->timeout.set && h->timeout.v <= 0)
		return cfg_errk(err, path, "timeout", "must be greater than zero");
	return 0;
}

static int parse_list(yajl_val hooks, const char *key, struct cfg_hook_list *l, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(hooks, "hooks", key, &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, "hooks", sizeof(*l->v), (void **)&l->v, &l->n, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, "hooks", key, err);
		if (r == 0)
			r = parse_hook(arr->u.array.values[i], p, &l->v[i], err);
	}
	return r;
}

int cfg_parse_hooks(yajl_val root, struct cfg_hooks *h, struct berr *err)
{
	const struct {
		const char *key;
		struct cfg_hook_list *list;
	} kinds[] = {
		{"prestart", &h->prestart},
		{"createRuntime", &h->create_runtime},
		{"createContainer", &h->create_container},
		{"startContainer", &h->start_container},
		{"poststart", &h->poststart},
		{"poststop", &h->poststop},
	};
	yajl_val hooks = NULL;
	int r;

	r = cfg_get_object(root, "", "hooks", &hooks, err);
	for (size_t i = 0; r == 0 && hooks && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		r = parse_list(hooks, kinds[i].key, kinds[i].list, err);
	return r;
}
