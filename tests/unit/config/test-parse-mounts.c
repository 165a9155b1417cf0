/* Tests config/parse-mounts.c: the mounts array and idmapped mounts. */
#include "cfg-test.h"

#define MOUNTS(m) CONFIG(", \"mounts\": [" m "]")

static void test_mounts(void)
{
	ASSERT_PARSES(MOUNTS(
		"{\"destination\": \"/a\"}, {\"destination\": \"/b\", \"type\": "
		"\"tmpfs\", \"source\": \"tmpfs\", \"options\": [\"nosuid\", \"size=1k\"]}"));
	ASSERT_INT(t_spec->n_mounts, 2);
	ASSERT_TRUE(t_spec->mounts[0].type == NULL && t_spec->mounts[0].source == NULL);
	ASSERT_TRUE(t_spec->mounts[0].options.v == NULL);
	ASSERT_STR(t_spec->mounts[1].options.v[1], "size=1k");
	ASSERT_PARSES(MOUNTS(""));
	ASSERT_INT(t_spec->n_mounts, 0);
	ASSERT_TRUE(t_spec->mounts != NULL);
}

static void test_mount_errors(void)
{
	ASSERT_FAILS(MOUNTS("{\"destination\": \"/a\"}, {\"destination\": \"b\"}"),
		     "mounts[1].destination: must be an absolute path");
	ASSERT_FAILS(MOUNTS("{\"type\": \"proc\"}"), "mounts[0].destination: required");
	ASSERT_FAILS(MOUNTS("{\"destination\": \"/a\", \"type\": 1}"),
		     "mounts[0].type: expected a string");
	ASSERT_FAILS(MOUNTS("{\"destination\": \"/a\", \"source\": []}"),
		     "mounts[0].source: expected a string");
	ASSERT_FAILS(MOUNTS("{\"destination\": \"/a\", \"options\": [\"ro\", 1]}"),
		     "mounts[0].options[1]: expected a string");
	ASSERT_FAILS(MOUNTS("\"/a\""), "mounts[0]: expected an object");
}

static void test_idmapped(void)
{
	ASSERT_PARSES(
		MOUNTS("{\"destination\": \"/a\", \"options\": [\"idmap\"], "
		       "\"uidMappings\": [{\"containerID\": 0, \"hostID\": 1, \"size\": 2}], "
		       "\"gidMappings\": [{\"containerID\": 3, \"hostID\": 4, \"size\": 5}]}"));
	ASSERT_INT(t_spec->mounts[0].gid_mappings[0].container_id, 3);
	ASSERT_INT(t_spec->mounts[0].gid_mappings[0].host_id, 4);
	ASSERT_INT(t_spec->mounts[0].gid_mappings[0].size, 5);
	ASSERT_FAILS(MOUNTS("{\"destination\": \"/a\", "
			    "\"uidMappings\": [{\"containerID\": 0, \"hostID\": 1, \"size\": 2}]}"),
		     "mounts[0].gidMappings: required with uidMappings");
	ASSERT_FAILS(MOUNTS("{\"destination\": \"/a\", "
			    "\"gidMappings\": [{\"containerID\": 0, \"hostID\": 1, \"size\": 2}]}"),
		     "mounts[0].uidMappings: required with gidMappings");
	ASSERT_FAILS(MOUNTS("{\"destination\": \"/a\", \"uidMappings\": [{\"hostID\": 1, "
			    "\"size\": 2}]}"),
		     "mounts[0].uidMappings[0].containerID: required");
}

int main(void)
{
	RUN(test_mounts);
	RUN(test_mount_errors);
	RUN(test_idmapped);
	t_done();
	UNIT_DONE();
}
