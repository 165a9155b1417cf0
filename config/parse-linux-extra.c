/* parse-linux-extra: the smaller linux objects: personality, intelRdt and memoryPolicy
 * (set_mempolicy(2)). Called by parse-linux.c. */
#include <errno.h>
#include <string.h>

#include "parse.h"

static int parse_personality(yajl_val o, const char *path, struct cfg_personality *pe,
			     struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX], pf[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "personality", &obj, err);
	if (r < 0 || !obj)
		return r;
	pe->present = true;
	cfg_path(p, path, "personality");
	r = cfg_need_str(obj, p, "domain", &pe->domain, err);
	if (r < 0)
		return r;
	pe->domain_id = cfg_personality_from_name(pe->domain);
	if (pe->domain_id < 0)
		return cfg_errk(err, p, "domain", "unknown domain \"%s\"", CFG_SHOW(pe->domain));
	r = cfg_get_strv(obj, p, "flags", &pe->flags, err);
	/* config-linux.md: "Currently no flag values are supported." */
	if (r == 0 && pe->flags.n > 0)
		r = cfg_err(err, cfg_path_idx(pf, p, "flags", 0), "unknown flag \"%s\"",
			    CFG_SHOW(pe->flags.v[0]));
	return r;
}

static int check_rdt(const char *path, const struct cfg_intel_rdt *rdt, struct berr *err)
{
	const char *id = rdt->clos_id;

	/* closID names a directory under /sys/fs/resctrl */
	if (id && (!*id || strcmp(id, ".") == 0 || strcmp(id, "..") == 0 || strpbrk(id, "/\n")))
		return cfg_errk(err, path, "closID", "must be a plain directory name");
	if (rdt->mem_bw_schema &&
	    (strncmp(rdt->mem_bw_schema, "MB:", 3) != 0 || strchr(rdt->mem_bw_schema, '\n')))
		return cfg_errk(err, path, "memBwSchema", "must be one line starting with \"MB:\"");
	return 0;
}

static int parse_intel_rdt(yajl_val o, const char *path, struct cfg_intel_rdt *rdt,
			   struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "intelRdt", &obj, err);
	if (r < 0 || !obj)
		return r;
	rdt->present = true;
	cfg_path(p, path, "intelRdt");
	r = cfg_get_str(obj, p, "closID", &rdt->clos_id, err);
	if (r == 0)
		r = cfg_get_str(obj, p, "l3CacheSchema", &rdt->l3_cache_schema, err);
	if (r == 0)
		r = cfg_get_str(obj, p, "memBwSchema", &rdt->mem_bw_schema, err);
	if (r == 0)
		r = cfg_get_strv(obj, p, "schemata", &rdt->schemata, err);
	if (r == 0)
		r = cfg_get_bool(obj, p, "enableCMT", &rdt->enable_cmt, err);
	if (r == 0)
		r = cfg_get_bool(obj, p, "enableMBM", &rdt->enable_mbm, err);
	if (r == 0)
		r = check_rdt(p, rdt, err);
	return r;
}

static int mpol_flags(yajl_val obj, const char *path, struct cfg_memory_policy *m, struct berr *err)
{
	const int both = (1 << 15) | (1 << 14); /* MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES */
	char p[CFG_PATH_MAX];
	int r, f;

	r = cfg_get_strv(obj, path, "flags", &m->flags, err);
	for (size_t i = 0; r == 0 && i < m->flags.n; i++) {
		f = cfg_mpol_flag_from_name(m->flags.v[i]);
		if (f < 0)
			return cfg_err(err, cfg_path_idx(p, path, "flags", i),
				       "unknown flag \"%s\"", CFG_SHOW(m->flags.v[i]));
		m->flag_mask |= f;
	}
	if (r == 0 && (m->flag_mask & both) == both)
		r = cfg_errk(err, path, "flags",
			     "MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude each other");
	return r;
}

/* set_mempolicy(2): MPOL_DEFAULT and MPOL_LOCAL take no nodes, MPOL_PREFERRED may, the others
 * need some. */
static int mpol_nodes(const char *path, const struct cfg_memory_policy *m, struct berr *err)
{
	bool empty = !m->nodes || !m->nodes[strspn(m->nodes, " ")];
	int r;

	if (!empty) {
		r = cfg_cpulist_parse(m->nodes, NULL, CFG_CPU_MAX);
		if (r == -ERANGE)
			return cfg_errk(err, path, "nodes",
					"node number too large (the limit is %d)", CFG_CPU_MAX - 1);
		if (r < 0)
			return cfg_errk(err, path, "nodes", "invalid node list \"%s\"",
					CFG_SHOW(m->nodes));
	}
	if ((m->mode_id == 0 || m->mode_id == 4) && !empty)
		return cfg_errk(err, path, "nodes", "must be empty with %s", m->mode);
	if (m->mode_id != 0 && m->mode_id != 4 && m->mode_id != 1 && empty)
		return cfg_errk(err, path, "nodes", "required with %s", m->mode);
	return 0;
}

static int parse_memory_policy(yajl_val o, const char *path, struct cfg_memory_policy *m,
			       struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "memoryPolicy", &obj, err);
	if (r < 0 || !obj)
		return r;
	m->present = true;
	cfg_path(p, path, "memoryPolicy");
	r = cfg_need_str(obj, p, "mode", &m->mode, err);
	if (r < 0)
		return r;
	m->mode_id = cfg_mpol_mode_from_name(m->mode);
	if (m->mode_id < 0)
		return cfg_errk(err, p, "mode", "unknown mode \"%s\"", CFG_SHOW(m->mode));
	r = cfg_get_str(obj, p, "nodes", &m->nodes, err);
	if (r == 0)
		r = mpol_flags(obj, p, m, err);
	if (r == 0)
		r = mpol_nodes(p, m, err);
	return r;
}

int cfg_parse_linux_extra(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err)
{
	int r = parse_personality(o, path, &l->personality, err);

	if (r == 0)
		r = parse_intel_rdt(o, path, &l->intel_rdt, err);
	if (r == 0)
		r = parse_memory_policy(o, path, &l->memory_policy, err);
	return r;
}
