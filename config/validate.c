/* validate: checks that need more than one section of config.json (a hostname needs its UTS
 * namespace, id mappings their user namespace, ...), run once everything is parsed and before
 * anything is created. Called by cfg_spec_parse(). */
#include "parse.h"

static int need_ns(const struct cfg_spec *s, enum cfg_ns_type t, const char *path, struct berr *err)
{
	if (cfg_ns_find(s, t))
		return 0;
	return cfg_err(err, path, "requires a \"%s\" entry in linux.namespaces", cfg_ns_name(t));
}

/* sethostname(2) in the runtime's UTS namespace would rename the host */
static int check_names(const struct cfg_spec *s, struct berr *err)
{
	int r = 0;

	if (s->hostname && *s->hostname)
		r = need_ns(s, CFG_NS_UTS, "hostname", err);
	if (r == 0 && s->domainname && *s->domainname)
		r = need_ns(s, CFG_NS_UTS, "domainname", err);
	return r;
}

static int check_userns(const struct cfg_spec *s, struct berr *err)
{
	const struct cfg_linux *l = &s->linux_;
	const struct cfg_namespace *user = cfg_ns_find(s, CFG_NS_USER);

	if (!user && l->n_uid_mappings)
		return need_ns(s, CFG_NS_USER, "linux.uidMappings", err);
	if (!user && l->n_gid_mappings)
		return need_ns(s, CFG_NS_USER, "linux.gidMappings", err);
	/* a new user namespace without maps runs everything as the overflow id (runc refuses) */
	if (user && !user->path && !l->n_uid_mappings)
		return cfg_err(err, "linux.uidMappings", "required with a new user namespace");
	if (user && !user->path && !l->n_gid_mappings)
		return cfg_err(err, "linux.gidMappings", "required with a new user namespace");
	return 0;
}

/* time_namespaces(7): offsets can only be written before the first process enters */
static int check_time(const struct cfg_spec *s, struct berr *err)
{
	const struct cfg_namespace *t = cfg_ns_find(s, CFG_NS_TIME);

	if (!s->linux_.n_time_offsets)
		return 0;
	if (!t)
		return need_ns(s, CFG_NS_TIME, "linux.timeOffsets", err);
	if (t->path)
		return cfg_err(err, "linux.timeOffsets",
			       "cannot be set when joining a time namespace");
	return 0;
}

int cfg_validate(const struct cfg_spec *s, struct berr *err)
{
	int r;

	r = check_names(s, err);
	if (r == 0)
		r = check_userns(s, err);
	if (r == 0)
		r = check_time(s, err);
	if (r == 0)
		r = cfg_validate_sysctl(s, err);
	return r;
}
