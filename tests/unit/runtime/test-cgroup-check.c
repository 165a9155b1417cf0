/* test-cgroup-check: the linux.resources values refused before anything is made, each with a
 * one-line error naming the field: out-of-range weights and shares, bad limits, CPU lists,
 * unified keys on v1 and bad ones on v2, realtime on v2, rdma device names. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static struct cfg_spec *keep;

static const char *check(const char *res, enum rt_cgroup_mode mode)
{
	static struct berr err;
	const struct cfg_resources *r = cg_res(res, &keep);

	memset(&err, 0, sizeof(err));
	if (!r)
		return "(no spec)";
	return rt_cg_check_resources(r, mode, &err) == 0 ? "ok" : err.msg;
}

static void test_accepts(void)
{
	ASSERT_STR(check("\"memory\": {\"limit\": 1048576, \"swap\": -1, \"reservation\": 0}",
			 RT_CGROUP_V1),
		   "ok");
	ASSERT_STR(check("\"cpu\": {\"shares\": 1024, \"quota\": -1, \"idle\": 1, "
			 "\"cpus\": \"0-1\", \"mems\": \"0\"}",
			 RT_CGROUP_V2),
		   "ok");
	ASSERT_STR(check("\"cpu\": {\"shares\": 0}", RT_CGROUP_V1), "ok"); /* 0: unset */
	ASSERT_STR(check("\"blockIO\": {\"weight\": 10, \"leafWeight\": 1000, \"weightDevice\": "
			 "[{\"major\": 8, \"minor\": 0, \"weight\": 500}]}",
			 RT_CGROUP_V1),
		   "ok");
	ASSERT_STR(check("\"unified\": {\"memory.high\": \"1G\"}", RT_CGROUP_V2), "ok");
	ASSERT_STR(check("\"cpu\": {\"realtimeRuntime\": 0}", RT_CGROUP_V2), "ok");
}

static void test_ranges(void)
{
	ASSERT_STR(check("\"blockIO\": {\"weight\": 5}", RT_CGROUP_V1),
		   "linux.resources.blockIO.weight: 5 is out of range (10 to 1000)");
	ASSERT_STR(check("\"blockIO\": {\"leafWeight\": 1001}", RT_CGROUP_V1),
		   "linux.resources.blockIO.leafWeight: 1001 is out of range (10 to 1000)");
	ASSERT_STR(check("\"blockIO\": {\"weightDevice\": [{\"major\": 8, \"minor\": 0, "
			 "\"weight\": 9}]}",
			 RT_CGROUP_V2),
		   "linux.resources.blockIO.weightDevice[0].weight: 9 is out of range (10 to "
		   "1000)");
	ASSERT_STR(check("\"blockIO\": {\"throttleReadBpsDevice\": [{\"major\": -1, \"minor\": 0, "
			 "\"rate\": 1}]}",
			 RT_CGROUP_V1),
		   "linux.resources.blockIO.throttleReadBpsDevice[0]: invalid device -1:0");
	ASSERT_STR(check("\"cpu\": {\"shares\": 1}", RT_CGROUP_V1),
		   "linux.resources.cpu.shares: 1 is out of range (2 to 262144)");
	ASSERT_STR(check("\"cpu\": {\"shares\": 262145}", RT_CGROUP_V2),
		   "linux.resources.cpu.shares: 262145 is out of range (2 to 262144)");
	ASSERT_STR(check("\"cpu\": {\"idle\": 2}", RT_CGROUP_V1),
		   "linux.resources.cpu.idle: must be 0 or 1");
	ASSERT_STR(check("\"cpu\": {\"quota\": -5}", RT_CGROUP_V1),
		   "linux.resources.cpu.quota: must be -1 (unlimited) or positive");
	ASSERT_STR(check("\"memory\": {\"limit\": -2}", RT_CGROUP_V1),
		   "linux.resources.memory.limit: must be -1 (unlimited) or a number of bytes");
	ASSERT_STR(check("\"memory\": {\"reservation\": -3}", RT_CGROUP_V2),
		   "linux.resources.memory.reservation: must be -1 (unlimited) or a number of "
		   "bytes");
	ASSERT_STR(check("\"cpu\": {\"cpus\": \"3-1\"}", RT_CGROUP_V1),
		   "linux.resources.cpu.cpus: invalid CPU list \"3-1\"");
	ASSERT_STR(check("\"cpu\": {\"mems\": \"x\"}", RT_CGROUP_V1),
		   "linux.resources.cpu.mems: invalid memory node list \"x\"");
}

static void test_version_specific(void)
{
	ASSERT_STR(check("\"unified\": {\"memory.high\": \"1G\"}", RT_CGROUP_V1),
		   "linux.resources.unified: \"memory.high\" cannot be set: this host uses cgroup "
		   "v1, unified keys need cgroup v2");
	ASSERT_STR(check("\"unified\": {\"pids.max\": \"5\"}", RT_CGROUP_HYBRID),
		   "linux.resources.unified: \"pids.max\" cannot be set: this host uses cgroup "
		   "v1, unified keys need cgroup v2");
	ASSERT_STR(check("\"unified\": {\"../x\": \"1\"}", RT_CGROUP_V2),
		   "linux.resources.unified.../x: must be a cgroup file name (no '/')");
	ASSERT_STR(check("\"unified\": {\".hidden\": \"1\"}", RT_CGROUP_V2),
		   "linux.resources.unified..hidden: must be a cgroup file name (no '/')");
	ASSERT_STR(check("\"unified\": {\"a\": \"1\\n2\"}", RT_CGROUP_V2),
		   "linux.resources.unified.a: value must be one line");
	ASSERT_STR(check("\"cpu\": {\"realtimeRuntime\": 950000}", RT_CGROUP_V2),
		   "linux.resources.cpu.realtimeRuntime: not supported on cgroup v2 (no cpu.rt_*)");
	ASSERT_STR(check("\"cpu\": {\"realtimePeriod\": 1000000}", RT_CGROUP_V2),
		   "linux.resources.cpu.realtimePeriod: not supported on cgroup v2 (no cpu.rt_*)");
	ASSERT_STR(check("\"cpu\": {\"realtimeRuntime\": 950000}", RT_CGROUP_V1), "ok");
	ASSERT_STR(check("\"rdma\": {\"bad name\": {\"hcaHandles\": 1}}", RT_CGROUP_V1),
		   "linux.resources.rdma: invalid device name \"bad name\"");
}

int main(void)
{
	RUN(test_accepts);
	RUN(test_ranges);
	RUN(test_version_specific);
	cfg_spec_free(keep);
	UNIT_DONE();
}
