/* Tests config/json-list.c: string lists, string maps, id mappings, array allocation and
 * the absolute-path check. */
#include "cfg-test.h"

static yajl_val doc;

static yajl_val parse(const char *text)
{
	if (doc)
		yajl_tree_free(doc);
	doc = NULL;
	if (cfg_json_parse(text, strlen(text), &doc, &t_err) < 0)
		printf("# %s\n", t_err.msg);
	return doc;
}

static void test_strv(void)
{
	struct cfg_strv v = {0};

	parse("{\"l\": [\"a\", \"\", \"c\"], \"e\": [], \"bad\": [\"a\", 2], \"n\": null}");
	ASSERT_INT(cfg_get_strv(doc, "p", "l", &v, &t_err), 0);
	ASSERT_INT(v.n, 3);
	ASSERT_STR(v.v[1], "");
	ASSERT_TRUE(v.v[3] == NULL);
	cfg_strv_free(&v);
	ASSERT_TRUE(v.v == NULL && v.n == 0);
	ASSERT_INT(cfg_get_strv(doc, "p", "e", &v, &t_err), 0);
	ASSERT_TRUE(v.v != NULL && v.v[0] == NULL && v.n == 0);
	cfg_strv_free(&v);
	ASSERT_INT(cfg_get_strv(doc, "p", "n", &v, &t_err), 0);
	ASSERT_TRUE(v.v == NULL);
	ASSERT_INT(cfg_get_strv(doc, "p", "bad", &v, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "p.bad[1]: expected a string");
	ASSERT_INT(v.n, 1); /* what was parsed is owned, for the caller to free */
	cfg_strv_free(&v);
}

static void test_map(void)
{
	struct cfg_map m = {0};

	parse("{\"m\": {\"a\": \"1\", \"b\": \"\", \"a\": \"3\"}, \"e\": {}, \"bad\": {\"k\": [1]},"
	      " \"empty\": {\"\": \"v\"}}");
	ASSERT_INT(cfg_get_map(doc, "", "m", &m, &t_err), 0);
	ASSERT_INT(m.n, 3);
	ASSERT_STR(m.v[2].key, "a");
	ASSERT_STR(m.v[2].value, "3");
	cfg_map_free(&m);
	ASSERT_INT(cfg_get_map(doc, "", "e", &m, &t_err), 0);
	ASSERT_INT(m.n, 0);
	cfg_map_free(&m);
	ASSERT_INT(cfg_get_map(doc, "x", "bad", &m, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "x.bad[\"k\"]: expected a string");
	cfg_map_free(&m);
	ASSERT_INT(cfg_get_map(doc, "", "empty", &m, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "empty: keys must not be empty");
	cfg_map_free(&m);
}

static void test_id_maps(void)
{
	struct cfg_id_map *maps = NULL;
	size_t n = 0;

	parse("{\"ok\": [{\"containerID\": 1, \"hostID\": 2, \"size\": 3}, {\"containerID\": 0, "
	      "\"hostID\": 4294967295, \"size\": 1}], \"big\": [{\"containerID\": 0, \"hostID\": "
	      "4294967296, \"size\": 1}], \"obj\": [3]}");
	ASSERT_INT(cfg_get_id_maps(doc, "l", "ok", &maps, &n, &t_err), 0);
	ASSERT_INT(n, 2);
	ASSERT_INT(maps[0].container_id, 1);
	ASSERT_INT(maps[0].host_id, 2);
	ASSERT_INT(maps[0].size, 3);
	ASSERT_INT(maps[1].host_id, 4294967295u);
	free(maps);
	maps = NULL;
	ASSERT_INT(cfg_get_id_maps(doc, "l", "big", &maps, &n, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "l.big[0].hostID: expected an unsigned 32-bit integer");
	free(maps);
	maps = NULL;
	ASSERT_INT(cfg_get_id_maps(doc, "l", "obj", &maps, &n, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "l.obj[0]: expected an object");
	free(maps);
}

static void test_array_limit(void)
{
	size_t len = CFG_ARRAY_MAX * 2 + 16;
	char *text = malloc(len);
	struct cfg_strv v = {0};
	size_t n = 0;

	ASSERT_TRUE(text);
	n += (size_t)sprintf(text, "{\"a\": [");
	for (int i = 0; i <= CFG_ARRAY_MAX; i++)
		n += (size_t)sprintf(text + n, "%s1", i ? "," : "");
	strcpy(text + n, "]}");
	parse(text);
	free(text);
	ASSERT_TRUE(doc);
	ASSERT_INT(cfg_get_strv(doc, "", "a", &v, &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "a: more than 65536 entries");
}

static void test_abs(void)
{
	char a[] = "/a", root[] = "/", b[] = "b";
	char *ok[] = {a, root, NULL}, *bad[] = {a, b, NULL};
	struct cfg_strv vok = {ok, 2}, vbad = {bad, 2};

	ASSERT_INT(cfg_check_abs_strv(&vok, "linux", "maskedPaths", &t_err), 0);
	ASSERT_INT(cfg_check_abs_strv(&vbad, "linux", "maskedPaths", &t_err), -EINVAL);
	ASSERT_STR(t_err.msg, "linux.maskedPaths[1]: must be an absolute path");
}

int main(void)
{
	RUN(test_strv);
	RUN(test_map);
	RUN(test_id_maps);
	RUN(test_array_limit);
	RUN(test_abs);
	if (doc)
		yajl_tree_free(doc);
	UNIT_DONE();
}
