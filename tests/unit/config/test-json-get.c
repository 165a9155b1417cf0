/* Tests config/json-get.c: each typed getter on each JSON type, integer bounds, null and
 * missing members, duplicate keys. */
#include "cfg-test.h"

static yajl_val doc;

static const char text[] =
	"{\"s\": \"str\", \"n\": null, \"t\": true, \"f\": false, \"o\": {\"k\": 1}, \"a\": [1],"
	" \"u16\": 65535, \"u16x\": 65536, \"u32\": 4294967295, \"u32x\": 4294967296,"
	" \"u64\": 18446744073709551615, \"u64x\": 18446744073709551616, \"neg\": -1,"
	" \"i32lo\": -2147483648, \"i32lox\": -2147483649, \"i64lo\": -9223372036854775808,"
	" \"i64x\": 9223372036854775808, \"frac\": 1.0, \"exp\": 1e3, \"zero\": 0, \"mz\": -0,"
	" \"dup\": 1, \"dup\": 2}";

static void test_member(void)
{
	ASSERT_TRUE(cfg_member(doc, "s") != NULL);
	ASSERT_TRUE(cfg_member(doc, "missing") == NULL);
	ASSERT_TRUE(cfg_member(cfg_member(doc, "a"), "s") == NULL); /* not an object */
	ASSERT_STR(cfg_member(doc, "dup")->u.number.r, "2");
}

static void test_strings(void)
{
	char *s = NULL;

	ASSERT_INT(cfg_get_str(doc, "p", "s", &s, &t_err), 0);
	ASSERT_STR(s, "str");
	free(s);
	s = NULL;
	ASSERT_INT(cfg_get_str(doc, "p", "n", &s, &t_err), 0);
	ASSERT_TRUE(s == NULL);
	ASSERT_INT(cfg_get_str(doc, "p", "missing", &s, &t_err), 0);
	ASSERT_TRUE(s == NULL);
	ASSERT_INT(cfg_get_str(doc, "p", "t", &s, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "p.t: expected a string");
	ASSERT_INT(cfg_need_str(doc, "p", "n", &s, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "p.n: required");
	ASSERT_INT(cfg_need_str(doc, "", "missing", &s, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "missing: required");
	ASSERT_TRUE(s == NULL);
}

static void test_containers(void)
{
	yajl_val v = NULL;

	ASSERT_INT(cfg_get_object(doc, "", "o", &v, &t_err), 0);
	ASSERT_TRUE(YAJL_IS_OBJECT(v));
	v = NULL;
	ASSERT_INT(cfg_get_object(doc, "", "n", &v, &t_err), 0);
	ASSERT_TRUE(v == NULL);
	ASSERT_INT(cfg_get_object(doc, "", "a", &v, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "a: expected an object");
	ASSERT_INT(cfg_get_array(doc, "", "a", &v, &t_err), 0);
	ASSERT_TRUE(YAJL_IS_ARRAY(v));
	ASSERT_INT(cfg_get_array(doc, "x", "o", &v, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "x.o: expected an array");
}

static void test_bools(void)
{
	struct cfg_opt_bool b = {0};
	bool flag = true;

	ASSERT_INT(cfg_get_bool(doc, "", "t", &b, &t_err), 0);
	ASSERT_TRUE(b.set && b.v);
	ASSERT_INT(cfg_get_bool(doc, "", "f", &b, &t_err), 0);
	ASSERT_TRUE(b.set && !b.v);
	b.set = false;
	ASSERT_INT(cfg_get_bool(doc, "", "n", &b, &t_err), 0);
	ASSERT_TRUE(!b.set);
	ASSERT_INT(cfg_get_bool(doc, "", "zero", &b, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "zero: expected a boolean");
	ASSERT_INT(cfg_get_flag(doc, "", "missing", &flag, &t_err), 0);
	ASSERT_TRUE(flag);
	ASSERT_INT(cfg_get_flag(doc, "", "f", &flag, &t_err), 0);
	ASSERT_TRUE(!flag);
	ASSERT_INT(cfg_get_flag(doc, "", "s", &flag, &t_err), -EINVAL);
}

static const char *uint_err(const char *key, enum cfg_int kind)
{
	struct cfg_opt_u64 n = {0};

	if (cfg_get_uint(doc, "", key, kind, &n, &t_err) == 0)
		return "(ok)";
	return t_err.msg;
}

static const char *int_err(const char *key, enum cfg_int kind)
{
	struct cfg_opt_i64 n = {0};

	if (cfg_get_int(doc, "", key, kind, &n, &t_err) == 0)
		return "(ok)";
	return t_err.msg;
}

static void test_unsigned(void)
{
	struct cfg_opt_u64 n = {0};
	uint64_t u = 7;

	ASSERT_INT(cfg_get_uint(doc, "", "u64", CFG_U64, &n, &t_err), 0);
	ASSERT_TRUE(n.set && n.v == UINT64_MAX);
	ASSERT_STR(uint_err("u16", CFG_U16), "(ok)");
	ASSERT_STR(uint_err("u16x", CFG_U16), "u16x: expected an unsigned 16-bit integer");
	ASSERT_STR(uint_err("u32", CFG_U32), "(ok)");
	ASSERT_STR(uint_err("u32x", CFG_U32), "u32x: expected an unsigned 32-bit integer");
	ASSERT_STR(uint_err("u64x", CFG_U64), "u64x: expected an unsigned 64-bit integer");
	ASSERT_STR(uint_err("neg", CFG_U64), "neg: expected an unsigned 64-bit integer");
	ASSERT_STR(uint_err("mz", CFG_U64), "mz: expected an unsigned 64-bit integer");
	ASSERT_STR(uint_err("frac", CFG_U32), "frac: expected an unsigned 32-bit integer");
	ASSERT_STR(uint_err("exp", CFG_U32), "exp: expected an unsigned 32-bit integer");
	ASSERT_STR(uint_err("s", CFG_U32), "s: expected an unsigned 32-bit integer");
	ASSERT_STR(uint_err("t", CFG_U32), "t: expected an unsigned 32-bit integer");
	ASSERT_STR(uint_err("n", CFG_U32), "(ok)");
	ASSERT_INT(cfg_need_uint(doc, "q", "n", CFG_U32, &u, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "q.n: required");
	ASSERT_INT(u, 7);
	ASSERT_INT(cfg_need_uint(doc, "q", "zero", CFG_U32, &u, &t_err), 0);
	ASSERT_INT(u, 0);
	ASSERT_INT(cfg_val_uint(cfg_member(doc, "u32"), "v", CFG_U32, &u, &t_err), 0);
	ASSERT_INT(u, 4294967295u);
}

static void test_signed(void)
{
	struct cfg_opt_i64 n = {0};
	int64_t i = 7;

	ASSERT_INT(cfg_get_int(doc, "", "i64lo", CFG_I64, &n, &t_err), 0);
	ASSERT_TRUE(n.set && n.v == INT64_MIN);
	ASSERT_STR(int_err("i32lo", CFG_I32), "(ok)");
	ASSERT_STR(int_err("i32lox", CFG_I32), "i32lox: expected a 32-bit integer");
	ASSERT_STR(int_err("i32lox", CFG_I64), "(ok)");
	ASSERT_STR(int_err("i64x", CFG_I64), "i64x: expected a 64-bit integer");
	ASSERT_STR(int_err("u32x", CFG_I32), "u32x: expected a 32-bit integer");
	ASSERT_STR(int_err("mz", CFG_I64), "(ok)");
	ASSERT_STR(int_err("frac", CFG_I64), "frac: expected a 64-bit integer");
	ASSERT_STR(int_err("exp", CFG_I64), "exp: expected a 64-bit integer");
	ASSERT_STR(int_err("a", CFG_I64), "a: expected a 64-bit integer");
	ASSERT_INT(cfg_need_int(doc, "", "missing", CFG_I64, &i, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "missing: required");
	ASSERT_INT(i, 7);
	ASSERT_INT(cfg_need_int(doc, "", "neg", CFG_I32, &i, &t_err), 0);
	ASSERT_INT(i, -1);
	ASSERT_INT(cfg_val_int(cfg_member(doc, "s"), "v[0]", CFG_I32, &i, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "v[0]: expected a 32-bit integer");
}

int main(void)
{
	if (cfg_json_parse(text, strlen(text), &doc, &t_err) < 0) {
		printf("# %s\n", t_err.msg);
		return 1;
	}
	RUN(test_member);
	RUN(test_strings);
	RUN(test_containers);
	RUN(test_bools);
	RUN(test_unsigned);
	RUN(test_signed);
	yajl_tree_free(doc);
	UNIT_DONE();
}
