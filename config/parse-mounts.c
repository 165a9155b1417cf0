/* parse-mounts: the "mounts" array of config.json, with idmapped-mount mappings.
 * Called by spec-parse.c. */
#include "parse.h"

static int parse_mount(yajl_val o, const char *path, struct cfg_mount *m, struct berr *err)
{
	int r;

	r = cfg_need_str(o, path, "destination", &m->destination, err);
	if (r < 0)
		return r;
	if (!cfg_is_abs(m->destination))
		return cfg_errk(err, path, "destination", "must be an absolute path");
	r = cfg_get_str(o, path, "type", &m->type, err);
	if (r == 0)
		r = cfg_get_str(o, path, "source", &m->source, err);
	if (r == 0)
		r = cfg_get_strv(o, path, "options", &m->options, err);
	if (r == 0)
		r = cfg_get_id_maps(o, path, "uidMappings", &m->uid_mappings, &m->n_uid_mappings,
				    err);
	if (r == 0)
		r = cfg_get_id_maps(o, path, "gidMappings", &m->gid_mappings, &m->n_gid_mappings,
				    err);
	if (r < 0)
		return r;
	/* mount_setattr(MOUNT_ATTR_IDMAP) takes one user namespace holding both maps */
	if (!m->n_uid_mappings != !m->n_gid_mappings)
		return cfg_errk(err, path, m->n_uid_mappings ? "gidMappings" : "uidMappings",
				"required with %s",
				m->n_uid_mappings ? "uidMappings" : "gidMappings");
	return 0;
}

int cfg_parse_mounts(yajl_val root, struct cfg_spec *s, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(root, "", "mounts", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, "mounts", sizeof(*s->mounts), (void **)&s->mounts, &s->n_mounts,
			    err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, "", "mounts", err);
		if (r == 0)
			r = parse_mount(arr->u.array.values[i], p, &s->mounts[i], err);
	}
	return r;
}
