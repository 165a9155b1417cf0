/* Tests config/parse-resources.c: device rules, memory, cpu, pids, huge pages and unified. */
#include "cfg-test.h"

#define RES(r) LINUX("\"resources\": {" r "}")

static void test_device_rules(void)
{
	ASSERT_PARSES(RES("\"devices\": [{\"allow\": true, \"type\": \"a\"}, {\"allow\": false, "
			  "\"type\": \"\", \"major\": -1, \"access\": \"\"}]"));
	ASSERT_INT(t_spec->linux_.resources.devices[0].type, 'a');
	ASSERT_TRUE(t_spec->linux_.resources.devices[0].access == NULL);
	ASSERT_INT(t_spec->linux_.resources.devices[1].type, 0);
	ASSERT_INT(t_spec->linux_.resources.devices[1].major.v, -1);
	ASSERT_FAILS(RES("\"devices\": [{\"access\": \"rwm\"}]"),
		     "linux.resources.devices[0].allow: required");
	ASSERT_FAILS(RES("\"devices\": [{\"allow\": \"yes\"}]"),
		     "linux.resources.devices[0].allow: expected a boolean");
	ASSERT_FAILS(RES("\"devices\": [{\"allow\": true, \"type\": \"u\"}]"),
		     "linux.resources.devices[0].type: unknown device type \"u\"");
	ASSERT_FAILS(RES("\"devices\": [{\"allow\": true, \"access\": \"rwx\"}]"),
		     "linux.resources.devices[0].access: must contain only r, w and m");
	ASSERT_FAILS(RES("\"devices\": [{\"allow\": true, \"minor\": 1.0}]"),
		     "linux.resources.devices[0].minor: expected a 64-bit integer");
}

static void test_memory(void)
{
	ASSERT_PARSES(RES("\"memory\": {\"limit\": -1, \"swap\": -1, \"swappiness\": 100}"));
	ASSERT_TRUE(t_spec->linux_.resources.memory.present);
	ASSERT_INT(t_spec->linux_.resources.memory.limit.v, -1);
	ASSERT_TRUE(!t_spec->linux_.resources.memory.reservation.set);
	ASSERT_PARSES(RES("\"memory\": {\"limit\": 100, \"swap\": 100}"));
	ASSERT_FAILS(RES("\"memory\": {\"swappiness\": 101}"),
		     "linux.resources.memory.swappiness: must be between 0 and 100");
	ASSERT_FAILS(RES("\"memory\": {\"limit\": 200, \"swap\": 100}"),
		     "linux.resources.memory.swap: must not be less than limit (it counts memory "
		     "too)");
	ASSERT_FAILS(RES("\"memory\": {\"limit\": 9223372036854775808}"),
		     "linux.resources.memory.limit: expected a 64-bit integer");
	ASSERT_FAILS(RES("\"memory\": {\"disableOOMKiller\": 0}"),
		     "linux.resources.memory.disableOOMKiller: expected a boolean");
	ASSERT_FAILS(RES("\"memory\": 1"), "linux.resources.memory: expected an object");
}

static void test_cpu(void)
{
	ASSERT_PARSES(RES("\"cpu\": {\"quota\": -1, \"burst\": 5000}"));
	ASSERT_INT(t_spec->linux_.resources.cpu.quota.v, -1);
	ASSERT_PARSES(RES("\"cpu\": {\"quota\": 5000, \"burst\": 5000}"));
	ASSERT_FAILS(RES("\"cpu\": {\"quota\": 5000, \"burst\": 5001}"),
		     "linux.resources.cpu.burst: must not be larger than quota");
	ASSERT_FAILS(RES("\"cpu\": {\"shares\": -2}"),
		     "linux.resources.cpu.shares: expected an unsigned 64-bit integer");
	ASSERT_FAILS(RES("\"cpu\": {\"cpus\": 3}"), "linux.resources.cpu.cpus: expected a string");
	ASSERT_FAILS(RES("\"cpu\": {\"idle\": \"1\"}"),
		     "linux.resources.cpu.idle: expected a 64-bit integer");
}

static void test_pids(void)
{
	ASSERT_PARSES(RES("\"pids\": {\"limit\": -1}"));
	ASSERT_INT(t_spec->linux_.resources.pids_limit.v, -1);
	ASSERT_PARSES(RES("\"pids\": {}"));
	ASSERT_TRUE(!t_spec->linux_.resources.pids_limit.set);
	ASSERT_FAILS(RES("\"pids\": {\"limit\": true}"),
		     "linux.resources.pids.limit: expected a 64-bit integer");
	ASSERT_FAILS(RES("\"pids\": 10"), "linux.resources.pids: expected an object");
}

static void test_hugepages(void)
{
	ASSERT_PARSES(RES("\"hugepageLimits\": [{\"pageSize\": \"64KB\", \"limit\": 0}, "
			  "{\"pageSize\": \"16GB\", \"limit\": 18446744073709551615}]"));
	ASSERT_INT(t_spec->linux_.resources.n_hugepage_limits, 2);
	ASSERT_FAILS(RES("\"hugepageLimits\": [{\"pageSize\": \"2M\", \"limit\": 1}]"),
		     "linux.resources.hugepageLimits[0].pageSize: invalid page size \"2M\" (e.g. "
		     "2MB)");
	ASSERT_FAILS(RES("\"hugepageLimits\": [{\"pageSize\": \"MB\", \"limit\": 1}]"),
		     "linux.resources.hugepageLimits[0].pageSize: invalid page size \"MB\" (e.g. "
		     "2MB)");
	ASSERT_FAILS(RES("\"hugepageLimits\": [{\"limit\": 1}]"),
		     "linux.resources.hugepageLimits[0].pageSize: required");
	ASSERT_FAILS(RES("\"hugepageLimits\": [{\"pageSize\": \"2MB\"}]"),
		     "linux.resources.hugepageLimits[0].limit: required");
}

static void test_unified(void)
{
	ASSERT_PARSES(RES("\"unified\": {\"cpu.weight\": \"100\"}"));
	ASSERT_STR(t_spec->linux_.resources.unified.v[0].key, "cpu.weight");
	ASSERT_FAILS(RES("\"unified\": {\"cpu.weight\": 100}"),
		     "linux.resources.unified[\"cpu.weight\"]: expected a string");
	ASSERT_FAILS(LINUX("\"resources\": []"), "linux.resources: expected an object");
	ASSERT_PARSES(RES(""));
	ASSERT_TRUE(t_spec->linux_.resources.present && !t_spec->linux_.resources.memory.present);
}

int main(void)
{
	RUN(test_device_rules);
	RUN(test_memory);
	RUN(test_cpu);
	RUN(test_pids);
	RUN(test_hugepages);
	RUN(test_unified);
	t_done();
	UNIT_DONE();
}
