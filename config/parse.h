/* parse: what the config/ parsers share and nobody else sees: the yajl document, typed getters
 * whose errors name the JSON path, the section parsers that spec-parse.c calls, the validators. */
#ifndef BERTH_CFG_PARSE_H
#define BERTH_CFG_PARSE_H

#include <yajl/yajl_tree.h>

#include "spec.h"

#define CFG_PATH_MAX	   256	 /* a JSON path in an error message; longer ones are cut */
#define CFG_JSON_MAX_DEPTH 64	 /* nesting; yajl_tree_free() recurses, so deep input is refused */
#define CFG_ARRAY_MAX	   65536 /* entries in any array or object of config.json */
#define CFG_FILE_MAX	   (16u << 20) /* bytes of config.json */

static inline void cleanup_yajlp(yajl_val *v)
{
	if (*v)
		yajl_tree_free(*v);
}
#define _cleanup_yajl_ __attribute__((cleanup(cleanup_yajlp)))

/* json-doc.c: parses len bytes of JSON text into a yajl tree the caller frees; errors read
 * "invalid JSON: <what> (line L, column C)". */
int cfg_json_parse(const char *text, size_t len, yajl_val *ret, struct berr *err);

/* json-path.c: paths and messages. `path` is the JSON path of the parent ("" at the top),
 * `key` a member name; the results are cut at CFG_PATH_MAX. */
const char *cfg_path(char *buf, const char *path, const char *key);		  /* path.key */
const char *cfg_path_idx(char *buf, const char *path, const char *key, size_t i); /* key[i] */
const char *cfg_path_map(char *buf, const char *path, const char *key, const char *mkey);
/* Copies s for an error message: control bytes become ?, long values end in "...". */
const char *cfg_show(char *buf, size_t size, const char *s);
#define CFG_SHOW(s) cfg_show((char[72]){0}, 72, (s))
/* "<path>: <fmt>" with EINVAL; return -EINVAL. */
int cfg_err(struct berr *err, const char *path, const char *fmt, ...) PRINTF_FMT(3, 4);
/* "<path>.<key>: <fmt>" with EINVAL. */
int cfg_errk(struct berr *err, const char *path, const char *key, const char *fmt, ...)
	PRINTF_FMT(4, 5);
/* "<path>: out of memory", returns -ENOMEM. */
int cfg_nomem(struct berr *err, const char *path);
bool cfg_is_abs(const char *p);

/* json-get.c: typed getters. A member that is missing or null is absent: the optional getters
 * then leave *ret alone and return 0, the cfg_need_* ones fail with "<path>.<key>: required". */
enum cfg_int {
	CFG_U16,
	CFG_U32,
	CFG_U64,
	CFG_I32,
	CFG_I64,
};
yajl_val cfg_member(yajl_val obj, const char *key); /* the last one wins, as in Go */
int cfg_get_object(yajl_val o, const char *path, const char *key, yajl_val *ret, struct berr *err);
int cfg_get_array(yajl_val o, const char *path, const char *key, yajl_val *ret, struct berr *err);
int cfg_get_str(yajl_val o, const char *path, const char *key, char **ret, struct berr *err);
int cfg_need_str(yajl_val o, const char *path, const char *key, char **ret, struct berr *err);
int cfg_get_bool(yajl_val o, const char *path, const char *key, struct cfg_opt_bool *ret,
		 struct berr *err);
int cfg_get_flag(yajl_val o, const char *path, const char *key, bool *ret, struct berr *err);
int cfg_get_uint(yajl_val o, const char *path, const char *key, enum cfg_int kind,
		 struct cfg_opt_u64 *ret, struct berr *err);
int cfg_need_uint(yajl_val o, const char *path, const char *key, enum cfg_int kind, uint64_t *ret,
		  struct berr *err);
int cfg_get_int(yajl_val o, const char *path, const char *key, enum cfg_int kind,
		struct cfg_opt_i64 *ret, struct berr *err);
int cfg_need_int(yajl_val o, const char *path, const char *key, enum cfg_int kind, int64_t *ret,
		 struct berr *err);
/* A value (not a member) as an integer of `kind`; `path` names the value itself. */
int cfg_val_uint(yajl_val v, const char *path, enum cfg_int kind, uint64_t *ret, struct berr *err);
int cfg_val_int(yajl_val v, const char *path, enum cfg_int kind, int64_t *ret, struct berr *err);

/* json-list.c: arrays and maps. */
/* Allocates an array of `len` zeroed elements of `size` bytes for the array value `arr` named
 * `path`; *ret_n is set with it so that a half-parsed array is freed as a whole. */
int cfg_alloc_array(yajl_val arr, const char *path, size_t size, void **ret, size_t *ret_n,
		    struct berr *err);
/* Checks element i of an array of objects; `buf` receives its path "<path>.<key>[i]". */
int cfg_array_object(yajl_val arr, size_t i, char *buf, const char *path, const char *key,
		     struct berr *err);
int cfg_get_strv(yajl_val o, const char *path, const char *key, struct cfg_strv *ret,
		 struct berr *err);
int cfg_get_map(yajl_val o, const char *path, const char *key, struct cfg_map *ret,
		struct berr *err);
int cfg_get_id_maps(yajl_val o, const char *path, const char *key, struct cfg_id_map **ret,
		    size_t *ret_n, struct berr *err);
/* Checks each entry of a string array is an absolute path. */
int cfg_check_abs_strv(const struct cfg_strv *v, const char *path, const char *key,
		       struct berr *err);

/* Section parsers, each filling its part of a zeroed struct; on failure the caller frees the
 * whole spec. `path` is the JSON path of the section. */
int cfg_parse_process(yajl_val o, const char *path, const struct cfg_parse_opts *opts,
		      struct cfg_process *p, struct berr *err);
int cfg_parse_caps(yajl_val o, const char *path, int last_cap, struct cfg_caps *c,
		   struct berr *err);
int cfg_last_cap(void); /* the running kernel's CAP_LAST_CAP */
/* Checks each entry of an environment list is KEY=value with a non-empty KEY. */
int cfg_check_env(const struct cfg_strv *env, const char *path, const char *key, struct berr *err);
int cfg_parse_io_priority(yajl_val o, const char *path, struct cfg_io_priority *io,
			  struct berr *err);
int cfg_parse_scheduler(yajl_val o, const char *path, struct cfg_scheduler *s, struct berr *err);
int cfg_parse_cpu_affinity(yajl_val o, const char *path, struct cfg_exec_cpu_affinity *a,
			   struct berr *err);
int cfg_parse_mounts(yajl_val root, struct cfg_spec *s, struct berr *err);
int cfg_parse_hooks(yajl_val root, struct cfg_hooks *h, struct berr *err);
int cfg_parse_linux(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err);
int cfg_parse_devices(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err);
int cfg_parse_linux_extra(yajl_val o, const char *path, struct cfg_linux *l, struct berr *err);
int cfg_parse_resources(yajl_val o, const char *path, struct cfg_resources *r, struct berr *err);
int cfg_parse_blockio(yajl_val o, const char *path, struct cfg_blockio *b, struct berr *err);
int cfg_parse_net_rdma(yajl_val o, const char *path, struct cfg_resources *r, struct berr *err);
int cfg_parse_seccomp(yajl_val o, const char *path, struct cfg_seccomp *s, struct berr *err);

/* validate.c, validate-sysctl.c: checks across sections, after everything is parsed. */
int cfg_validate(const struct cfg_spec *s, struct berr *err);
int cfg_validate_sysctl(const struct cfg_spec *s, struct berr *err);

/* spec-free.c */
void cfg_strv_free(struct cfg_strv *v);
void cfg_map_free(struct cfg_map *m);

/* names.c: seccomp names that are only checked, never converted, by config/. */
bool cfg_seccomp_action_known(const char *name);
bool cfg_seccomp_arch_known(const char *name);
bool cfg_seccomp_op_known(const char *name);

#endif
