/* Tests config/spec-lookup.c: cfg_ns_find() and cfg_annotation(). */
#include "cfg-test.h"

static void test_ns_find(void)
{
	const struct cfg_namespace *ns;

	ASSERT_PARSES(LINUX("\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"network\", "
			    "\"path\": \"/run/netns/a\"}]"));
	ns = cfg_ns_find(t_spec, CFG_NS_NETWORK);
	ASSERT_TRUE(ns == &t_spec->linux_.namespaces[1]);
	ASSERT_STR(ns->path, "/run/netns/a");
	ASSERT_TRUE(cfg_ns_find(t_spec, CFG_NS_MOUNT) == &t_spec->linux_.namespaces[0]);
	ASSERT_TRUE(cfg_ns_find(t_spec, CFG_NS_PID) == NULL);
	ASSERT_TRUE(cfg_ns_find(t_spec, CFG_NS_TIME) == NULL);
	ASSERT_PARSES(CONFIG(""));
	ASSERT_TRUE(cfg_ns_find(t_spec, CFG_NS_MOUNT) == NULL);
}

static void test_annotation(void)
{
	ASSERT_PARSES(CONFIG(", \"annotations\": {\"berth.isolation\": \"vm\", \"k\": \"1\", "
			     "\"berth.isolation\": \"container\"}"));
	ASSERT_STR(cfg_annotation(t_spec, "berth.isolation"), "container");
	ASSERT_STR(cfg_annotation(t_spec, "k"), "1");
	ASSERT_TRUE(cfg_annotation(t_spec, "K") == NULL);
	ASSERT_TRUE(cfg_annotation(t_spec, "") == NULL);
}

int main(void)
{
	RUN(test_ns_find);
	RUN(test_annotation);
	t_done();
	UNIT_DONE();
}
