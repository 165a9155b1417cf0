/* proto-json: the JSON of control messages (PROTOCOL.md): a small writer for flat objects
 * with raw JSON members (a config, a process), and typed getters on a parsed message. */
#ifndef BERTH_PROTO_JSON_H
#define BERTH_PROTO_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "../runtime/base/berr.h"

struct proto_json {
	char *s;
	size_t len, cap;
	bool oom;
	bool first;
};

void pj_begin(struct proto_json *j);
void pj_str(struct proto_json *j, const char *key, const char *val);
void pj_int(struct proto_json *j, const char *key, long long val);
void pj_bool(struct proto_json *j, const char *key, bool val);
/* json must be one valid JSON value (the caller parsed or built it). */
void pj_raw(struct proto_json *j, const char *key, const char *json);
/* Closes the object; returns 0, or -ENOMEM (err set) when any step ran out of memory. */
int pj_end(struct proto_json *j, struct berr *err);
void pj_free(struct proto_json *j);

/* A JSON array of the n strings of v, malloc'd (NULL: out of memory). */
char *pj_strv(char *const *v, size_t n);

/* A received control message; err names the field: "agent message: op: missing". */
int proto_parse(const char *text, size_t len, yajl_val *ret, struct berr *err);
const char *proto_str(yajl_val msg, const char *key); /* NULL when absent or not a string */
bool proto_int(yajl_val msg, const char *key, long long *ret);
bool proto_bool(yajl_val msg, const char *key);
/* Writes a parsed JSON value back out (the guest config rewrite builds on it). */
void proto_json_gen(yajl_gen g, yajl_val v);
/* The member as JSON text again (for the config and process objects); malloc'd or NULL. */
char *proto_member_json(yajl_val msg, const char *key);

#endif
