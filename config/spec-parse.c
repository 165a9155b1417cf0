/* spec-parse: config.json text -> struct cfg_spec: the top level (ociVersion, root, hostname,
 * annotations) here, each section by its parser, then the checks across sections. Also
 * process.json for `exec --process`. Called by cfg_spec_load() and the runtime. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* sethostname(2) and setdomainname(2) take at most 64 bytes */
#define NAME_MAX_LEN 64

static int parse_root(yajl_val doc, struct cfg_spec *s, struct berr *err)
{
	yajl_val root = NULL;
	int r;

	r = cfg_get_object(doc, "", "root", &root, err);
	if (r < 0)
		return r;
	if (!root)
		return cfg_err(err, "root", "required"); /* on Linux (config.md) */
	r = cfg_need_str(root, "root", "path", &s->root_path, err);
	if (r < 0)
		return r;
	if (!*s->root_path)
		return cfg_err(err, "root.path", "must not be empty");
	return cfg_get_flag(root, "root", "readonly", &s->root_readonly, err);
}

static int parse_name(yajl_val doc, const char *key, char **ret, struct berr *err)
{
	int r = cfg_get_str(doc, "", key, ret, err);

	if (r == 0 && *ret && strlen(*ret) > NAME_MAX_LEN)
		return cfg_err(err, key, "longer than %d bytes", NAME_MAX_LEN);
	return r;
}

static int parse_top(yajl_val doc, const struct cfg_parse_opts *opts, struct cfg_spec *s,
		     struct berr *err)
{
	yajl_val process = NULL, lnx = NULL;
	int r;

	r = cfg_need_str(doc, "", "ociVersion", &s->oci_version, err);
	if (r < 0)
		return r;
	if (!*s->oci_version)
		return cfg_err(err, "ociVersion", "must not be empty");
	r = parse_root(doc, s, err);
	if (r == 0)
		r = parse_name(doc, "hostname", &s->hostname, err);
	if (r == 0)
		r = parse_name(doc, "domainname", &s->domainname, err);
	if (r == 0)
		r = cfg_parse_mounts(doc, s, err);
	if (r == 0)
		r = cfg_get_object(doc, "", "process", &process, err);
	if (r == 0 && process) {
		s->has_process = true;
		r = cfg_parse_process(process, "process", opts, &s->process, err);
	}
	if (r == 0)
		r = cfg_parse_hooks(doc, &s->hooks, err);
	if (r == 0)
		r = cfg_get_map(doc, "", "annotations", &s->annotations, err);
	if (r == 0)
		r = cfg_get_object(doc, "", "linux", &lnx, err);
	if (r == 0 && lnx) {
		s->has_linux = true;
		r = cfg_parse_linux(lnx, "linux", &s->linux_, err);
	}
	return r;
}

int cfg_spec_parse_opts(const char *text, size_t len, const struct cfg_parse_opts *opts,
			struct cfg_spec **ret, struct berr *err)
{
	_cleanup_yajl_ yajl_val doc = NULL;
	struct cfg_parse_opts o = {.last_cap = -1};
	struct cfg_spec *s;
	int r;

	if (opts)
		o = *opts;
	r = cfg_json_parse(text, len, &doc, err);
	if (r < 0)
		return r;
	s = calloc(1, sizeof(*s));
	if (!s)
		return berr_set(err, ENOMEM, "parse config: out of memory");
	if (o.last_cap < 0)
		o.last_cap = cfg_last_cap();
	r = parse_top(doc, &o, s, err);
	if (r == 0)
		r = cfg_validate(s, err);
	if (r < 0) {
		cfg_spec_free(s);
		return r;
	}
	*ret = s;
	return 0;
}

int cfg_spec_parse(const char *text, size_t len, struct cfg_spec **ret, struct berr *err)
{
	return cfg_spec_parse_opts(text, len, NULL, ret, err);
}

int cfg_process_parse(const char *text, size_t len, struct cfg_process *ret, struct berr *err)
{
	_cleanup_yajl_ yajl_val doc = NULL;
	struct cfg_parse_opts o = {.last_cap = -1};
	struct cfg_process p = {0};
	int r;

	r = cfg_json_parse(text, len, &doc, err);
	if (r < 0)
		return r;
	o.last_cap = cfg_last_cap();
	r = cfg_parse_process(doc, "", &o, &p, err);
	if (r < 0) {
		cfg_process_clear(&p);
		return r;
	}
	*ret = p;
	return 0;
}
