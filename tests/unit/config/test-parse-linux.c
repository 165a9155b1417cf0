/* Tests config/parse-linux.c: namespaces, id mappings, time offsets, cgroupsPath, propagation,
 * masked and read-only paths, mountLabel and sysctl. */
#include "cfg-test.h"

static void test_namespaces(void)
{
	ASSERT_PARSES(LINUX("\"namespaces\": [{\"type\": \"pid\", \"path\": \"/proc/1/ns/pid\"}, "
			    "{\"type\": \"mount\", \"path\": \"\"}, {\"type\": \"cgroup\"}]"));
	ASSERT_INT(t_spec->linux_.n_namespaces, 3);
	ASSERT_STR(t_spec->linux_.namespaces[0].path, "/proc/1/ns/pid");
	ASSERT_TRUE(t_spec->linux_.namespaces[1].path == NULL); /* "" means a new one */
	ASSERT_INT(t_spec->linux_.namespaces[2].type, CFG_NS_CGROUP);
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"ipc\"}, "
			   "{\"type\": \"foo\"}]"),
		     "linux.namespaces[2].type: unknown namespace type \"foo\"");
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"pid\"}, {\"type\": \"ipc\"}, "
			   "{\"type\": \"mount\"}, {\"type\": \"pid\", \"path\": \"/x\"}]"),
		     "linux.namespaces[3]: duplicate namespace \"pid\"");
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"path\": \"/x\"}]"),
		     "linux.namespaces[0].type: required");
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"network\", \"path\": \"run/netns/x\"}]"),
		     "linux.namespaces[0].path: must be an absolute path");
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"PID\"}]"),
		     "linux.namespaces[0].type: unknown namespace type \"PID\"");
	ASSERT_FAILS(LINUX("\"namespaces\": {\"type\": \"pid\"}"),
		     "linux.namespaces: expected an array");
}

static void test_id_mappings(void)
{
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"user\"}], \"uidMappings\": [{"
			   "\"containerID\": 0, \"hostID\": 1, \"size\": 0}], \"gidMappings\": []"),
		     "linux.uidMappings[0].size: must be greater than zero");
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"user\"}], \"uidMappings\": [{"
			   "\"containerID\": 0, \"size\": 1}]"),
		     "linux.uidMappings[0].hostID: required");
	ASSERT_FAILS(LINUX("\"gidMappings\": [{\"containerID\": -1, \"hostID\": 1, \"size\": 1}]"),
		     "linux.gidMappings[0].containerID: expected an unsigned 32-bit integer");
}

static void test_time_offsets(void)
{
	ASSERT_PARSES(LINUX("\"namespaces\": [{\"type\": \"time\"}], \"timeOffsets\": {"
			    "\"boottime\": {\"nanosecs\": 999999999}}"));
	ASSERT_INT(t_spec->linux_.n_time_offsets, 1);
	ASSERT_STR(t_spec->linux_.time_offsets[0].clock, "boottime");
	ASSERT_INT(t_spec->linux_.time_offsets[0].secs, 0);
	ASSERT_INT(t_spec->linux_.time_offsets[0].nanosecs, 999999999);
	ASSERT_FAILS(
		LINUX("\"namespaces\": [{\"type\": \"time\"}], \"timeOffsets\": {"
		      "\"realtime\": {\"secs\": 1}}"),
		"linux.timeOffsets[\"realtime\"]: unknown clock (expected monotonic or boottime)");
	ASSERT_FAILS(LINUX("\"timeOffsets\": {\"monotonic\": {\"nanosecs\": 1000000000}}"),
		     "linux.timeOffsets[\"monotonic\"].nanosecs: must be less than 1000000000");
	ASSERT_FAILS(LINUX("\"timeOffsets\": {\"monotonic\": 5}"),
		     "linux.timeOffsets[\"monotonic\"]: expected an object");
	ASSERT_FAILS(LINUX("\"timeOffsets\": [1]"), "linux.timeOffsets: expected an object");
}

static void test_paths(void)
{
	ASSERT_PARSES(LINUX("\"cgroupsPath\": \"system.slice:berth:abc\", \"rootfsPropagation\": "
			    "\"private\", \"maskedPaths\": [], \"readonlyPaths\": [\"/a\"], "
			    "\"mountLabel\": \"l\""));
	ASSERT_STR(t_spec->linux_.cgroups_path, "system.slice:berth:abc");
	ASSERT_STR(t_spec->linux_.mount_label, "l");
	ASSERT_PARSES(LINUX("\"cgroupsPath\": \"a..b/..c\", \"rootfsPropagation\": \"\""));
	ASSERT_FAILS(LINUX("\"cgroupsPath\": \"/berth/../../escape\""),
		     "linux.cgroupsPath: must not contain \"..\"");
	ASSERT_FAILS(LINUX("\"cgroupsPath\": \"..\""),
		     "linux.cgroupsPath: must not contain \"..\"");
	ASSERT_FAILS(LINUX("\"rootfsPropagation\": \"rshared2\""),
		     "linux.rootfsPropagation: unknown propagation \"rshared2\"");
	ASSERT_FAILS(LINUX("\"maskedPaths\": [\"/proc/kcore\", \"proc/keys\"]"),
		     "linux.maskedPaths[1]: must be an absolute path");
	ASSERT_FAILS(LINUX("\"readonlyPaths\": [\"\"]"),
		     "linux.readonlyPaths[0]: must be an absolute path");
	ASSERT_FAILS(LINUX("\"mountLabel\": 1"), "linux.mountLabel: expected a string");
}

static void test_propagations(void)
{
	static const char *const ok[] = {"shared",  "slave",  "private",  "unbindable",
					 "rshared", "rslave", "rprivate", "runbindable"};
	char json[256];

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		snprintf(json, sizeof(json), LINUX("\"rootfsPropagation\": \"%s\""), ok[i]);
		ASSERT_PARSES(json);
	}
}

static void test_sysctl_map(void)
{
	ASSERT_FAILS(LINUX("\"namespaces\": [{\"type\": \"network\"}], \"sysctl\": {"
			   "\"net.core.somaxconn\": 256}"),
		     "linux.sysctl[\"net.core.somaxconn\"]: expected a string");
	ASSERT_FAILS(LINUX("\"sysctl\": [\"a=b\"]"), "linux.sysctl: expected an object");
}

int main(void)
{
	RUN(test_namespaces);
	RUN(test_id_mappings);
	RUN(test_time_offsets);
	RUN(test_paths);
	RUN(test_propagations);
	RUN(test_sysctl_map);
	t_done();
	UNIT_DONE();
}
