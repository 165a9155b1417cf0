/* Tests config/validate.c: the checks that span sections (hostname and its UTS namespace, id
 * mappings and the user namespace, time offsets and the time namespace). */
#include "cfg-test.h"

static void test_hostname_needs_uts(void)
{
	ASSERT_FAILS(CONFIG(", \"hostname\": \"h\""),
		     "hostname: requires a \"uts\" entry in linux.namespaces");
	ASSERT_FAILS(CONFIG(", \"domainname\": \"d\", \"linux\": {\"namespaces\": [{\"type\": "
			    "\"pid\"}]}"),
		     "domainname: requires a \"uts\" entry in linux.namespaces");
	ASSERT_PARSES(CONFIG(", \"hostname\": \"\""));
	ASSERT_PARSES(CONFIG(", \"hostname\": \"h\", \"linux\": {\"namespaces\": [{\"type\": "
			     "\"uts\", \"path\": \"/proc/1/ns/uts\"}]}"));
}

static void test_user_namespace(void)
{
	ASSERT_FAILS(LINUX("\"uidMappings\": [{\"containerID\": 0, \"hostID\": 1, \"size\": 1}]"),
		     "linux.uidMappings: requires a \"user\" entry in linux.namespaces");
	ASSERT_FAILS(LINUX("\"gidMappings\": [{\"containerID\": 0, \"hostID\": 1, \"size\": 1}]"),
		     "linux.gidMappings: requires a \"user\" entry in linux.namespaces");
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"user\"}]"),
		     "linux.uidMappings: required with a new user namespace");
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"user\"}], \"uidMappings\": [{"
			   "\"containerID\": 0, \"hostID\": 1, \"size\": 1}]"),
		     "linux.gidMappings: required with a new user namespace");
	ASSERT_PARSES(
		LINUX("\"namespaces\": [{\"type\": \"user\", \"path\": \"/proc/1/ns/user\"}]"));
}

static void test_time_namespace(void)
{
	ASSERT_FAILS(LINUX("\"timeOffsets\": {\"monotonic\": {\"secs\": 1}}"),
		     "linux.timeOffsets: requires a \"time\" entry in linux.namespaces");
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"time\", \"path\": \"/proc/1/ns/time\"}], "
			   "\"timeOffsets\": {\"monotonic\": {\"secs\": 1}}"),
		     "linux.timeOffsets: cannot be set when joining a time namespace");
	ASSERT_PARSES(
		LINUX("\"namespaces\": [{\"type\": \"time\", \"path\": \"/proc/1/ns/time\"}], "
		      "\"timeOffsets\": {}"));
}

int main(void)
{
	RUN(test_hostname_needs_uts);
	RUN(test_user_namespace);
	RUN(test_time_namespace);
	t_done();
	UNIT_DONE();
}
