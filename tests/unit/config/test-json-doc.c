/* Tests config/json-doc.c: what is refused before yajl sees it, and yajl's errors as one line
 * with a position. */
#include "cfg-test.h"

static const char *doc_err(const char *text, size_t len)
{
	yajl_val v = NULL;

	memset(&t_err, 0, sizeof(t_err));
	t_r = cfg_json_parse(text, len, &v, &t_err);
	if (t_r == 0) {
		yajl_tree_free(v);
		return "(parsed)";
	}
	return t_err.msg;
}

#define DOC_ERR(s) doc_err((s), strlen(s))

static void test_valid(void)
{
	yajl_val v = NULL;
	const char *text =
		"/* comment [[[ \" */ {\"a\": [1, {\"b\": \"[{\\\"\"}], // x\n \"c\": null}";

	ASSERT_INT(cfg_json_parse(text, strlen(text), &v, &t_err), 0);
	ASSERT_TRUE(YAJL_IS_OBJECT(v));
	ASSERT_INT(v->u.object.len, 2);
	yajl_tree_free(v);
	/* not NUL-terminated: only len bytes count */
	ASSERT_STR(doc_err("{}garbage", 2), "(parsed)");
}

static void test_yajl_errors(void)
{
	ASSERT_STR(DOC_ERR("{\"a\":\n\n   tru}"),
		   "invalid JSON: lexical error: invalid string in json text (line 3, column 6)");
	ASSERT_STR(DOC_ERR("{\"a\": 1} x"), "invalid JSON: parse error: trailing garbage (line 1, "
					    "column 10)");
	ASSERT_STR(
		DOC_ERR("{\"a\": 1,}"),
		"invalid JSON: parse error: invalid object key (must be a string) (line 1, column "
		"9)");
	ASSERT_STR(DOC_ERR("{\"a\": [1,\n"),
		   "invalid JSON: parse error: premature EOF (line 2, column 1)");
	ASSERT_STR(DOC_ERR(""), "invalid JSON: parse error: premature EOF (line 1, column 1)");
	ASSERT_STR(DOC_ERR("{\"a\": \"\xff\"}"),
		   "invalid JSON: lexical error: invalid bytes in UTF8 string (line 1, column 8)");
	ASSERT_INT(t_r, -EINVAL);
	ASSERT_TRUE(!strchr(t_err.msg, '\n'));
}

static void test_refused(void)
{
	char deep[200];

	ASSERT_STR(doc_err("{\"a\": 1\0}", 9), "invalid JSON: NUL byte (line 1, column 8)");
	ASSERT_STR(DOC_ERR("{\"a\": \"x\\u0000y\"}"),
		   "invalid JSON: \\u0000 in a string (line 1, column 9)");
	ASSERT_STR(DOC_ERR("{\"a\": \"x\\\\u0000y\"}"), "(parsed)"); /* an escaped backslash */
	memset(deep, '[', sizeof(deep));
	memcpy(deep, "{\"a\":", 5);
	ASSERT_STR(doc_err(deep, sizeof(deep)),
		   "invalid JSON: nested more than 64 levels deep (line 1, column 69)");
	ASSERT_STR(DOC_ERR("[]"), "invalid JSON: expected an object at the top level");
	ASSERT_STR(DOC_ERR("\"s\""), "invalid JSON: expected an object at the top level");
}

static void test_depth_limit_exact(void)
{
	char doc[256];
	size_t n = 0;

	/* 64 levels are fine: an object and 63 arrays */
	doc[n++] = '{';
	memcpy(doc + n, "\"a\":", 4);
	n += 4;
	for (int i = 0; i < 63; i++)
		doc[n++] = '[';
	for (int i = 0; i < 63; i++)
		doc[n++] = ']';
	doc[n++] = '}';
	ASSERT_STR(doc_err(doc, n), "(parsed)");
}

int main(void)
{
	RUN(test_valid);
	RUN(test_yajl_errors);
	RUN(test_refused);
	RUN(test_depth_limit_exact);
	UNIT_DONE();
}
