/* proto-json: writer and getters for control messages. */
#include "proto-json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "../config/parse.h"
#include "proto-frame.h"

static void put(struct proto_json *j, const char *p, size_t n)
{
	char *s;
	size_t cap;

	if (j->oom)
		return;
	if (j->len + n + 1 > j->cap) {
		cap = j->cap ? j->cap : 256;
		while (cap < j->len + n + 1)
			cap *= 2;
		s = realloc(j->s, cap);
		if (!s) {
			j->oom = true;
			return;
		}
		j->s = s;
		j->cap = cap;
	}
	memcpy(j->s + j->len, p, n);
	j->len += n;
	j->s[j->len] = '\0';
}

static void put_s(struct proto_json *j, const char *s)
{
	put(j, s, strlen(s));
}

static void put_quoted(struct proto_json *j, const char *s)
{
	char esc[8];

	put(j, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(j, esc, 2);
		} else if (c < 0x20) {
			(void)snprintf(esc, sizeof(esc), "\\u%04x", c);
			put(j, esc, 6);
		} else {
			put(j, s, 1);
		}
	}
	put(j, "\"", 1);
}

static void key(struct proto_json *j, const char *k)
{
	if (!j->first)
		put(j, ",", 1);
	j->first = false;
	put_quoted(j, k);
	put(j, ":", 1);
}

void pj_begin(struct proto_json *j)
{
	memset(j, 0, sizeof(*j));
	j->first = true;
	put(j, "{", 1);
}

void pj_str(struct proto_json *j, const char *k, const char *val)
{
	key(j, k);
	put_quoted(j, val);
}

void pj_int(struct proto_json *j, const char *k, long long val)
{
	char num[32];

	key(j, k);
	(void)snprintf(num, sizeof(num), "%lld", val);
	put_s(j, num);
}

void pj_bool(struct proto_json *j, const char *k, bool val)
{
	key(j, k);
	put_s(j, val ? "true" : "false");
}

void pj_raw(struct proto_json *j, const char *k, const char *json)
{
	key(j, k);
	put_s(j, json);
}

int pj_end(struct proto_json *j, struct berr *err)
{
	put(j, "}", 1);
	if (j->oom)
		return berr_set(err, ENOMEM, "agent message: out of memory");
	return 0;
}

void pj_free(struct proto_json *j)
{
	free(j->s);
	j->s = NULL;
}

char *pj_strv(char *const *v, size_t n)
{
	struct proto_json j = {.first = true};
	size_t i;

	put(&j, "[", 1);
	for (i = 0; i < n; i++) {
		if (i)
			put(&j, ",", 1);
		put_quoted(&j, v[i]);
	}
	put(&j, "]", 1);
	if (j.oom) {
		free(j.s);
		return NULL;
	}
	return j.s;
}

int proto_parse(const char *text, size_t len, yajl_val *ret, struct berr *err)
{
	yajl_val v = NULL;
	int r;

	if (len > PROTO_MAX_JSON)
		return berr_set(err, EMSGSIZE, "agent message: %zu bytes is too large", len);
	r = cfg_json_parse(text, len, &v, err);
	if (r < 0)
		return berr_prefix(err, "agent message");
	if (!YAJL_IS_OBJECT(v)) {
		yajl_tree_free(v);
		return berr_set(err, EPROTO, "agent message: not a JSON object");
	}
	*ret = v;
	return 0;
}

static yajl_val member(yajl_val msg, const char *k)
{
	return msg ? cfg_member(msg, k) : NULL;
}

const char *proto_str(yajl_val msg, const char *k)
{
	yajl_val v = member(msg, k);

	return YAJL_IS_STRING(v) ? YAJL_GET_STRING(v) : NULL;
}

bool proto_int(yajl_val msg, const char *k, long long *ret)
{
	yajl_val v = member(msg, k);

	if (!YAJL_IS_INTEGER(v))
		return false;
	*ret = YAJL_GET_INTEGER(v);
	return true;
}

bool proto_bool(yajl_val msg, const char *k)
{
	return YAJL_IS_TRUE(member(msg, k));
}

void proto_json_gen(yajl_gen g, yajl_val v)
{
	size_t i;

	if (YAJL_IS_OBJECT(v)) {
		(void)yajl_gen_map_open(g);
		for (i = 0; i < v->u.object.len; i++) {
			const char *k = v->u.object.keys[i];

			(void)yajl_gen_string(g, (const unsigned char *)k, strlen(k));
			proto_json_gen(g, v->u.object.values[i]);
		}
		(void)yajl_gen_map_close(g);
	} else if (YAJL_IS_ARRAY(v)) {
		(void)yajl_gen_array_open(g);
		for (i = 0; i < v->u.array.len; i++)
			proto_json_gen(g, v->u.array.values[i]);
		(void)yajl_gen_array_close(g);
	} else if (YAJL_IS_STRING(v)) {
		(void)yajl_gen_string(g, (const unsigned char *)v->u.string, strlen(v->u.string));
	} else if (YAJL_IS_NUMBER(v)) {
		(void)yajl_gen_number(g, v->u.number.r, strlen(v->u.number.r));
	} else if (YAJL_IS_TRUE(v)) {
		(void)yajl_gen_bool(g, 1);
	} else if (YAJL_IS_FALSE(v)) {
		(void)yajl_gen_bool(g, 0);
	} else {
		(void)yajl_gen_null(g);
	}
}

char *proto_member_json(yajl_val msg, const char *k)
{
	yajl_val v = member(msg, k);
	yajl_gen g;
	const unsigned char *buf;
	size_t len;
	char *out = NULL;

	if (!v)
		return NULL;
	g = yajl_gen_alloc(NULL);
	if (!g)
		return NULL;
	proto_json_gen(g, v);
	if (yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok)
		out = strndup((const char *)buf, len);
	yajl_gen_free(g);
	return out;
}
