/* json-doc: turns config text into a yajl tree, refusing what the tree API cannot take safely
 * (NUL bytes, "\u0000", deep nesting) and rendering yajl's error as one line with its position.
 * Called by cfg_spec_parse() and cfg_process_parse(). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "parse.h"
#include "../runtime/base/cleanup.h"

static void position(const char *text, size_t off, size_t *ret_line, size_t *ret_col)
{
	size_t line = 1, start = 0;

	for (size_t i = 0; i < off; i++)
		if (text[i] == '\n') {
			line++;
			start = i + 1;
		}
	*ret_line = line;
	*ret_col = off - start + 1;
}

static int bad_at(struct berr *err, const char *text, size_t off, const char *what)
{
	size_t line, col;

	position(text, off, &line, &col);
	return berr_set(err, EINVAL, "invalid JSON: %s (line %zu, column %zu)", what, line, col);
}

/* Skips a comment starting at text[i] (yajl accepts them); returns the index of its last byte. */
static size_t skip_comment(const char *text, size_t len, size_t i)
{
	if (i + 1 >= len)
		return i;
	if (text[i + 1] == '/') {
		while (i < len && text[i] != '\n')
			i++;
		return i;
	}
	if (text[i + 1] == '*') {
		for (i += 2; i + 1 < len; i++)
			if (text[i] == '*' && text[i + 1] == '/')
				return i + 1;
		return len;
	}
	return i;
}

/* yajl_tree keeps strings NUL-terminated without their length, so "\u0000" would cut a value
 * short silently; and yajl_tree_free() recurses, so nesting is bounded before parsing. */
static int prescan(const char *text, size_t len, struct berr *err)
{
	size_t depth = 0;
	bool in_str = false;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == '\0')
			return bad_at(err, text, i, "NUL byte");
		if (in_str) {
			if (c == '\\' && i + 1 < len) {
				if (len - i > 5 && memcmp(text + i + 1, "u0000", 5) == 0)
					return bad_at(err, text, i, "\\u0000 in a string");
				if (text[i + 1] == '\0')
					return bad_at(err, text, i + 1, "NUL byte");
				i++;
			} else if (c == '"') {
				in_str = false;
			}
			continue;
		}
		if (c == '"') {
			in_str = true;
		} else if (c == '/') {
			i = skip_comment(text, len, i);
		} else if (c == '[' || c == '{') {
			if (++depth > CFG_JSON_MAX_DEPTH)
				return bad_at(err, text, i, "nested more than 64 levels deep");
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return 0;
}

/* Runs yajl's event parser to learn what is wrong and where, which the tree API does not say. */
static int explain(const char *text, size_t len, struct berr *err)
{
	yajl_handle h = yajl_alloc(NULL, NULL, NULL);
	yajl_status st;
	unsigned char *msg;
	char first[160];
	size_t off, n;
	int r;

	if (!h)
		return berr_set(err, ENOMEM, "parse JSON: out of memory");
	(void)yajl_config(h, yajl_allow_comments, 1); /* as yajl_tree_parse() does */
	st = yajl_parse(h, (const unsigned char *)text, len);
	/* yajl stops just past the byte it choked on */
	off = yajl_get_bytes_consumed(h);
	off = off ? off - 1 : 0;
	if (st == yajl_status_ok) {
		st = yajl_complete_parse(h);
		off = len; /* what is missing is missing at the end */
	}
	if (st == yajl_status_ok) {
		yajl_free(h);
		return berr_set(err, ENOMEM, "parse JSON: out of memory");
	}
	msg = yajl_get_error(h, 0, NULL, 0);
	n = msg ? strcspn((char *)msg, "\n") : 0;
	if (n >= sizeof(first))
		n = sizeof(first) - 1;
	memcpy(first, msg ? (char *)msg : "", n);
	while (n > 0 && (first[n - 1] == '.' || first[n - 1] == ' '))
		n--;
	first[n] = '\0';
	r = bad_at(err, text, off > len ? len : off, n ? first : "parse error");
	if (msg)
		yajl_free_error(h, msg);
	yajl_free(h);
	return r;
}

int cfg_json_parse(const char *text, size_t len, yajl_val *ret, struct berr *err)
{
	_cleanup_free_ char *copy = NULL;
	yajl_val v;
	int r;

	r = prescan(text, len, err);
	if (r < 0)
		return r;
	copy = malloc(len + 1); /* yajl_tree_parse() wants a C string */
	if (!copy)
		return berr_set(err, ENOMEM, "parse JSON: out of memory");
	memcpy(copy, text, len);
	copy[len] = '\0';
	v = yajl_tree_parse(copy, NULL, 0);
	if (!v)
		return explain(copy, len, err);
	if (!YAJL_IS_OBJECT(v)) {
		yajl_tree_free(v);
		return berr_set(err, EINVAL, "invalid JSON: expected an object at the top level");
	}
	*ret = v;
	return 0;
}
