/* Tests config/parse-net-rdma.c: linux.resources.network and linux.resources.rdma. */
#include "cfg-test.h"

#define RES(r) LINUX("\"resources\": {" r "}")

static void test_network(void)
{
	ASSERT_PARSES(RES("\"network\": {\"classID\": 4294967295, \"priorities\": []}"));
	ASSERT_TRUE(t_spec->linux_.resources.network.present);
	ASSERT_INT(t_spec->linux_.resources.network.class_id.v, 4294967295u);
	ASSERT_INT(t_spec->linux_.resources.network.n_priorities, 0);
	ASSERT_FAILS(RES("\"network\": {\"classID\": 4294967296}"),
		     "linux.resources.network.classID: expected an unsigned 32-bit integer");
	ASSERT_FAILS(RES("\"network\": {\"priorities\": [{\"priority\": 1}]}"),
		     "linux.resources.network.priorities[0].name: required");
	ASSERT_FAILS(RES("\"network\": {\"priorities\": [{\"name\": \"eth0\"}]}"),
		     "linux.resources.network.priorities[0].priority: required");
	ASSERT_FAILS(RES("\"network\": []"), "linux.resources.network: expected an object");
}

static void test_rdma(void)
{
	ASSERT_PARSES(RES("\"rdma\": {\"mlx4_0\": {\"hcaHandles\": 1}}"));
	ASSERT_INT(t_spec->linux_.resources.n_rdma, 1);
	ASSERT_STR(t_spec->linux_.resources.rdma[0].device, "mlx4_0");
	ASSERT_INT(t_spec->linux_.resources.rdma[0].hca_handles.v, 1);
	ASSERT_PARSES(RES("\"rdma\": {}"));
	ASSERT_INT(t_spec->linux_.resources.n_rdma, 0);
	ASSERT_FAILS(RES("\"rdma\": {\"mlx4_0\": {}}"),
		     "linux.resources.rdma[\"mlx4_0\"]: needs hcaHandles or hcaObjects");
	ASSERT_FAILS(RES("\"rdma\": {\"mlx4_0\": 3}"),
		     "linux.resources.rdma[\"mlx4_0\"]: expected an object");
	ASSERT_FAILS(RES("\"rdma\": {\"x\": {\"hcaObjects\": -3}}"),
		     "linux.resources.rdma[\"x\"].hcaObjects: expected an unsigned 32-bit integer");
	ASSERT_FAILS(RES("\"rdma\": [1]"), "linux.resources.rdma: expected an object");
}

int main(void)
{
	RUN(test_network);
	RUN(test_rdma);
	t_done();
	UNIT_DONE();
}
