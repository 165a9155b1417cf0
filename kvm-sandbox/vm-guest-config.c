/* vm-guest-config: rewrites config.json for the guest (see the header). */
#include "vm-guest-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yajl/yajl_gen.h>

#include "../config/parse.h"
#include "../runtime/base/cleanup.h"
#include "proto-json.h"

struct rewrite {
	const struct cfg_spec *spec;
	const char *id;
	struct vm_guest_config *out;
	char (*mount_src)[PATH_MAX]; /* per spec mount: new source, "" when unchanged */
};

static void gen_str(yajl_gen g, const char *s)
{
	(void)yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

/* An object copied with key `replace` given the value val (a string), or dropped when NULL. */
static void gen_object_with(yajl_gen g, yajl_val o, const char *replace, const char *val)
{
	size_t i;

	(void)yajl_gen_map_open(g);
	for (i = 0; i < o->u.object.len; i++) {
		const char *k = o->u.object.keys[i];

		if (!strcmp(k, replace)) {
			if (val) {
				gen_str(g, k);
				gen_str(g, val);
			}
			continue;
		}
		gen_str(g, k);
		proto_json_gen(g, o->u.object.values[i]);
	}
	(void)yajl_gen_map_close(g);
}

static bool is_bind(const struct cfg_mount *m)
{
	size_t i;

	if (!m->type || !strcmp(m->type, "bind"))
		return true;
	for (i = 0; i < m->options.n; i++)
		if (!strcmp(m->options.v[i], "bind") || !strcmp(m->options.v[i], "rbind"))
			return true;
	return false;
}

/* Decides each bind mount's guest source; host device nodes stay the guest's own. */
static int plan_shares(struct rewrite *rw, struct berr *err)
{
	const struct cfg_spec *s = rw->spec;
	struct vm_guest_config *out = rw->out;
	size_t i;

	for (i = 0; i < s->n_mounts; i++) {
		const struct cfg_mount *m = &s->mounts[i];
		struct vm_share *sh;
		struct stat st;
		const char *base;

		rw->mount_src[i][0] = '\0';
		if (!is_bind(m) || !m->source || !strncmp(m->source, "/dev/", 5) ||
		    !strcmp(m->source, "/dev"))
			continue;
		if (m->source[0] != '/')
			return berr_set(
				err, EINVAL,
				"mounts[%zu].source: a bind source must be absolute with vm "
				"isolation",
				i);
		if (stat(m->source, &st) < 0)
			return berr_sys(err, "mounts[%zu].source: %s", i, m->source);
		if (out->n_shares == VM_MAX_SHARES)
			return berr_set(err, E2BIG,
					"mounts: more than %d bind mounts with vm isolation",
					VM_MAX_SHARES);
		sh = &out->shares[out->n_shares];
		(void)snprintf(sh->tag, sizeof(sh->tag), "m%zu", out->n_shares);
		(void)snprintf(sh->host, sizeof(sh->host), "%s", m->source);
		sh->is_file = !S_ISDIR(st.st_mode);
		base = strrchr(m->source, '/') + 1;
		if (sh->is_file)
			(void)snprintf(rw->mount_src[i], PATH_MAX, VM_GUEST_SHARES "/%s/%s",
				       sh->tag, *base ? base : "file");
		else
			(void)snprintf(rw->mount_src[i], PATH_MAX, VM_GUEST_SHARES "/%s", sh->tag);
		out->n_shares++;
	}
	return 0;
}

static int check_crossing(const struct cfg_spec *s, struct berr *err)
{
	size_t i;

	for (i = 0; i < s->linux_.n_namespaces; i++) {
		const struct cfg_namespace *ns = &s->linux_.namespaces[i];

		if (ns->path && ns->type != CFG_NS_NETWORK)
			return berr_set(err, ENOTSUP,
					"linux.namespaces[%zu].path: joining a host %s namespace "
					"is not possible with vm isolation",
					i, cfg_ns_name(ns->type));
	}
	if (s->linux_.seccomp.listener_path)
		return berr_set(err, ENOTSUP,
				"linux.seccomp.listenerPath: a host seccomp agent cannot serve a "
				"container in a VM");
	return 0;
}

static void gen_mounts(struct rewrite *rw, yajl_gen g, yajl_val arr)
{
	size_t i;

	(void)yajl_gen_array_open(g);
	for (i = 0; i < arr->u.array.len; i++) {
		yajl_val m = arr->u.array.values[i];

		if (i < rw->spec->n_mounts && rw->mount_src[i][0] && YAJL_IS_OBJECT(m))
			gen_object_with(g, m, "source", rw->mount_src[i]);
		else
			proto_json_gen(g, m);
	}
	(void)yajl_gen_array_close(g);
}

static void gen_namespaces(yajl_gen g, yajl_val arr)
{
	size_t i;

	(void)yajl_gen_array_open(g);
	for (i = 0; i < arr->u.array.len; i++) {
		yajl_val ns = arr->u.array.values[i];

		if (YAJL_IS_OBJECT(ns))
			gen_object_with(g, ns, "path", NULL); /* only network ones reach here */
		else
			proto_json_gen(g, ns);
	}
	(void)yajl_gen_array_close(g);
}

static void gen_linux(struct rewrite *rw, yajl_gen g, yajl_val lx)
{
	char cg[300];
	size_t i;

	(void)snprintf(cg, sizeof(cg), "/berth/%s", rw->id);
	(void)yajl_gen_map_open(g);
	for (i = 0; i < lx->u.object.len; i++) {
		const char *k = lx->u.object.keys[i];
		yajl_val v = lx->u.object.values[i];

		if (!strcmp(k, "cgroupsPath"))
			continue;
		gen_str(g, k);
		if (!strcmp(k, "namespaces") && YAJL_IS_ARRAY(v))
			gen_namespaces(g, v);
		else
			proto_json_gen(g, v);
	}
	gen_str(g, "cgroupsPath");
	gen_str(g, cg);
	(void)yajl_gen_map_close(g);
}

static void gen_top(struct rewrite *rw, yajl_gen g, yajl_val doc)
{
	size_t i;

	(void)yajl_gen_map_open(g);
	for (i = 0; i < doc->u.object.len; i++) {
		const char *k = doc->u.object.keys[i];
		yajl_val v = doc->u.object.values[i];

		if (!strcmp(k, "hooks")) {
			/* the host runs the others; startContainer runs in the container */
			yajl_val sc = cfg_member(v, "startContainer");

			if (!sc)
				continue;
			gen_str(g, k);
			(void)yajl_gen_map_open(g);
			gen_str(g, "startContainer");
			proto_json_gen(g, sc);
			(void)yajl_gen_map_close(g);
			continue;
		}
		gen_str(g, k);
		if (!strcmp(k, "root") && YAJL_IS_OBJECT(v))
			gen_object_with(g, v, "path", "rootfs");
		else if (!strcmp(k, "mounts") && YAJL_IS_ARRAY(v))
			gen_mounts(rw, g, v);
		else if (!strcmp(k, "linux") && YAJL_IS_OBJECT(v))
			gen_linux(rw, g, v);
		else
			proto_json_gen(g, v);
	}
	(void)yajl_gen_map_close(g);
}

int vm_guest_config_make(const char *text, size_t len, const struct cfg_spec *spec, const char *id,
			 struct vm_guest_config *ret, struct berr *err)
{
	_cleanup_free_ char(*srcs)[PATH_MAX] = NULL;
	struct rewrite rw = {.spec = spec, .id = id, .out = ret};
	yajl_val doc = NULL;
	yajl_gen g;
	const unsigned char *buf;
	size_t blen;
	int r;

	memset(ret, 0, sizeof(*ret));
	r = check_crossing(spec, err);
	if (r < 0)
		return r;
	srcs = calloc(spec->n_mounts + 1, PATH_MAX);
	if (!srcs)
		return berr_set(err, ENOMEM, "vm config: out of memory");
	rw.mount_src = srcs;
	r = plan_shares(&rw, err);
	if (r < 0)
		return r;
	r = cfg_json_parse(text, len, &doc, err);
	if (r < 0)
		return berr_prefix(err, "config.json");
	g = yajl_gen_alloc(NULL);
	if (!g) {
		yajl_tree_free(doc);
		return berr_set(err, ENOMEM, "vm config: out of memory");
	}
	gen_top(&rw, g, doc);
	if (yajl_gen_get_buf(g, &buf, &blen) == yajl_gen_status_ok)
		ret->json = strndup((const char *)buf, blen);
	yajl_gen_free(g);
	yajl_tree_free(doc);
	if (!ret->json)
		return berr_set(err, ENOMEM, "vm config: out of memory");
	return 0;
}

void vm_guest_config_free(struct vm_guest_config *g)
{
	free(g->json);
	g->json = NULL;
}
