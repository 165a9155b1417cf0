/* Tests config/parse-linux-extra.c: linux.personality, linux.intelRdt, linux.memoryPolicy. */
#include "cfg-test.h"

#define MPOL(m) LINUX("\"memoryPolicy\": {" m "}")
#define RDT(r)	LINUX("\"intelRdt\": {" r "}")

static void test_personality(void)
{
	ASSERT_PARSES(LINUX("\"personality\": {\"domain\": \"LINUX\", \"flags\": []}"));
	ASSERT_TRUE(t_spec->linux_.personality.present);
	ASSERT_INT(t_spec->linux_.personality.domain_id, 0);
	ASSERT_FAILS(LINUX("\"personality\": {}"), "linux.personality.domain: required");
	ASSERT_FAILS(LINUX("\"personality\": {\"domain\": \"LINUX64\"}"),
		     "linux.personality.domain: unknown domain \"LINUX64\"");
	ASSERT_FAILS(LINUX("\"personality\": {\"domain\": \"LINUX\", \"flags\": "
			   "[\"ADDR_NO_RANDOMIZE\"]}"),
		     "linux.personality.flags[0]: unknown flag \"ADDR_NO_RANDOMIZE\"");
}

static void test_intel_rdt(void)
{
	ASSERT_PARSES(RDT("\"closID\": \"c\""));
	ASSERT_TRUE(t_spec->linux_.intel_rdt.present);
	ASSERT_TRUE(!t_spec->linux_.intel_rdt.enable_cmt.set);
	ASSERT_PARSES(RDT("\"l3CacheSchema\": \"L3:0=f\\nMB:0=1\""));
	ASSERT_FAILS(RDT("\"closID\": \"../x\""),
		     "linux.intelRdt.closID: must be a plain directory name");
	ASSERT_FAILS(RDT("\"closID\": \"..\""),
		     "linux.intelRdt.closID: must be a plain directory name");
	ASSERT_FAILS(RDT("\"closID\": \"\""),
		     "linux.intelRdt.closID: must be a plain directory name");
	ASSERT_FAILS(RDT("\"memBwSchema\": \"L3:0=1\""),
		     "linux.intelRdt.memBwSchema: must be one line starting with \"MB:\"");
	ASSERT_FAILS(RDT("\"memBwSchema\": \"MB:0=1\\nMB:1=2\""),
		     "linux.intelRdt.memBwSchema: must be one line starting with \"MB:\"");
	ASSERT_FAILS(RDT("\"schemata\": \"L3:0=f\""), "linux.intelRdt.schemata: expected an array");
	ASSERT_FAILS(RDT("\"enableMBM\": \"true\""),
		     "linux.intelRdt.enableMBM: expected a boolean");
}

static void test_memory_policy(void)
{
	ASSERT_PARSES(MPOL("\"mode\": \"MPOL_DEFAULT\""));
	ASSERT_INT(t_spec->linux_.memory_policy.mode_id, 0);
	ASSERT_PARSES(MPOL("\"mode\": \"MPOL_LOCAL\", \"nodes\": \"\""));
	ASSERT_PARSES(MPOL("\"mode\": \"MPOL_PREFERRED\""));
	ASSERT_PARSES(MPOL("\"mode\": \"MPOL_PREFERRED_MANY\", \"nodes\": \"0,2\", "
			   "\"flags\": [\"MPOL_F_RELATIVE_NODES\"]"));
	ASSERT_INT(t_spec->linux_.memory_policy.flag_mask, 1 << 14);
	ASSERT_PARSES(MPOL("\"mode\": \"MPOL_WEIGHTED_INTERLEAVE\", \"nodes\": \"0-7\""));
	ASSERT_INT(t_spec->linux_.memory_policy.mode_id, 6);
	ASSERT_FAILS(MPOL("\"nodes\": \"0\""), "linux.memoryPolicy.mode: required");
	ASSERT_FAILS(MPOL("\"mode\": \"MPOL_RANDOM\""),
		     "linux.memoryPolicy.mode: unknown mode \"MPOL_RANDOM\"");
	ASSERT_FAILS(MPOL("\"mode\": \"MPOL_BIND\""),
		     "linux.memoryPolicy.nodes: required with MPOL_BIND");
	ASSERT_FAILS(MPOL("\"mode\": \"MPOL_DEFAULT\", \"nodes\": \"1\""),
		     "linux.memoryPolicy.nodes: must be empty with MPOL_DEFAULT");
	ASSERT_FAILS(MPOL("\"mode\": \"MPOL_BIND\", \"nodes\": \"0-\""),
		     "linux.memoryPolicy.nodes: invalid node list \"0-\"");
	ASSERT_FAILS(MPOL("\"mode\": \"MPOL_BIND\", \"nodes\": \"100000\""),
		     "linux.memoryPolicy.nodes: node number too large (the limit is 8191)");
	ASSERT_FAILS(MPOL("\"mode\": \"MPOL_BIND\", \"nodes\": \"0\", \"flags\": [\"MPOL_F_X\"]"),
		     "linux.memoryPolicy.flags[0]: unknown flag \"MPOL_F_X\"");
	ASSERT_FAILS(MPOL("\"mode\": \"MPOL_BIND\", \"nodes\": \"0\", \"flags\": ["
			  "\"MPOL_F_STATIC_NODES\", \"MPOL_F_RELATIVE_NODES\"]"),
		     "linux.memoryPolicy.flags: MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES "
		     "exclude each other");
}

int main(void)
{
	RUN(test_personality);
	RUN(test_intel_rdt);
	RUN(test_memory_policy);
	t_done();
	UNIT_DONE();
}
