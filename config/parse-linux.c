/* parse-linux: the "linux" object of config.json: namespaces, id mappings, time offsets,
 * cgroupsPath, propagation, masked and read-only paths, sysctl; devices, resources, seccomp
 * and the rest go to their own parsers. Called by spec-parse.c. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "../runtime/base/cleanup.h"

static int parse_ns(yajl_val o, const char *path, struct cfg_namespace *ns, struct berr *err)
{
	_cleanup_free_ char *type = NULL;
	int r, t;

	r = cfg_need_str(o, path, "type", &type, err);
	if (r < 0)
		return r;
	t = cfg_ns_from_name(type);
	if (t < 0)
		return cfg_errk(err, path, "type", "unknown namespace type \"%s\"", CFG_SHOW(type));
	ns->type = (enum cfg_ns_type)t;
	r = cfg_get_str(o, path, "path", &ns->path, err);
	if (r < 0)
		return r;
	if (ns->path && !*ns->path) {
		/* "" reads as no path (Go's zero value): a new namespace */
		free(ns->path);
		ns->path = NULL;
	}
	if (ns->path && !cfg_is_abs(ns->path))
		return cfg_errk(err, path, "path", "must be an absolute path");
	return 0;
}

/* A type given twice is an error (config-linux.md, Namespaces). */
static int parse_namespaces(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	unsigned int seen = 0;
	int r;

	r = cfg_get_array(o, path, "namespaces", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*l->namespaces), (void **)&l->namespaces,
			    &l->n_namespaces, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		struct cfg_namespace *ns = &l->namespaces[i];

		r = cfg_array_object(arr, i, p, path, "namespaces", err);
		if (r == 0)
			r = parse_ns(arr->u.array.values[i], p, ns, err);
		if (r == 0 && (seen & (1u << ns->type)))
			r = cfg_err(err, p, "duplicate namespace \"%s\"", cfg_ns_name(ns->type));
		seen |= 1u << ns->type;
	}
	return r;
}

static int parse_offset(yajl_val v, const char *path, const char *clock, struct cfg_time_offset *t,
			struct berr *err)
{
	struct cfg_opt_i64 secs = {0};
	struct cfg_opt_u64 ns = {0};
	int r;

	if (strcmp(clock, "monotonic") != 0 && strcmp(clock, "boottime") != 0)
		return cfg_err(err, path, "unknown clock (expected monotonic or boottime)");
	if (!YAJL_IS_OBJECT(v))
		return cfg_err(err, path, "expected an object");
	t->clock = strdup(clock);
	if (!t->clock)
		return cfg_nomem(err, path);
	r = cfg_get_int(v, path, "secs", CFG_I64, &secs, err);
	if (r == 0)
		r = cfg_get_uint(v, path, "nanosecs", CFG_U32, &ns, err);
	if (r < 0)
		return r;
	if (ns.v >= 1000000000)
		return cfg_errk(err, path, "nanosecs", "must be less than 1000000000");
	t->secs = secs.v;
	t->nanosecs = (uint32_t)ns.v;
	return 0;
}

static int parse_time_offsets(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	size_t n;
	int r;

	r = cfg_get_object(o, path, "timeOffsets", &obj, err);
	if (r < 0 || !obj)
		return r;
	n = obj->u.object.len;
	if (n > CFG_ARRAY_MAX)
		return cfg_errk(err, path, "timeOffsets", "more than %d entries", CFG_ARRAY_MAX);
	l->time_offsets = calloc(n ? n : 1, sizeof(*l->time_offsets));
	if (!l->time_offsets)
		return cfg_nomem(err, path);
	l->n_time_offsets = n;
	for (size_t i = 0; r == 0 && i < n; i++) {
		const char *clock = obj->u.object.keys[i];

		cfg_path_map(p, path, "timeOffsets", clock);
		r = parse_offset(obj->u.object.values[i], p, clock, &l->time_offsets[i], err);
	}
	return r;
}

static bool has_dotdot(const char *s)
{
	size_t n;

	for (; *s; s += n + (s[n] != '\0')) {
		n = strcspn(s, "/:");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return true;
	}
	return false;
}

static int parse_paths(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err)
{
	int r;

	r = cfg_get_str(o, path, "cgroupsPath", &l->cgroups_path, err);
	if (r < 0)
		return r;
	/* a cgroup outside the runtime's hierarchy is not the container's to take */
	if (l->cgroups_path && has_dotdot(l->cgroups_path))
		return cfg_errk(err, path, "cgroupsPath", "must not contain \"..\"");
	r = cfg_get_str(o, path, "rootfsPropagation", &l->rootfs_propagation, err);
	if (r < 0)
		return r;
	if (l->rootfs_propagation && *l->rootfs_propagation &&
	    cfg_propagation_from_name(l->rootfs_propagation) < 0)
		return cfg_errk(err, path, "rootfsPropagation", "unknown propagation \"%s\"",
				CFG_SHOW(l->rootfs_propagation));
	r = cfg_get_strv(o, path, "maskedPaths", &l->masked_paths, err);
	if (r == 0)
		r = cfg_check_abs_strv(&l->masked_paths, path, "maskedPaths", err);
	if (r == 0)
		r = cfg_get_strv(o, path, "readonlyPaths", &l->readonly_paths, err);
	if (r == 0)
		r = cfg_check_abs_strv(&l->readonly_paths, path, "readonlyPaths", err);
	if (r == 0)
		r = cfg_get_str(o, path, "mountLabel", &l->mount_label, err);
	return r;
}

int cfg_parse_linux(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = parse_namespaces(o, path, l, err);
	if (r == 0)
		r = cfg_get_id_maps(o, path, "uidMappings", &l->uid_mappings, &l->n_uid_mappings,
				    err);
	if (r == 0)
		r = cfg_get_id_maps(o, path, "gidMappings", &l->gid_mappings, &l->n_gid_mappings,
				    err);
	if (r == 0)
		r = parse_time_offsets(o, path, l, err);
	if (r == 0)
		r = cfg_parse_devices(o, path, l, err);
	if (r == 0)
		r = parse_paths(o, path, l, err);
	if (r == 0)
		r = cfg_get_object(o, path, "resources", &obj, err);
	if (r == 0 && obj)
		r = cfg_parse_resources(obj, cfg_path(p, path, "resources"), &l->resources, err);
	if (r == 0)
		r = cfg_parse_seccomp(o, path, &l->seccomp, err);
	if (r == 0)
		r = cfg_get_map(o, path, "sysctl", &l->sysctl, err);
	if (r == 0)
		r = cfg_parse_linux_extra(o, path, l, err);
	return r;
}
