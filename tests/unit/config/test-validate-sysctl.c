/* Tests config/validate-sysctl.c: which namespace each sysctl needs. */
#include "cfg-test.h"

#define SYSCTL(ns, kv) LINUX("\"namespaces\": [" ns "], \"sysctl\": {" kv "}")

static void test_allowed(void)
{
	ASSERT_PARSES(
		SYSCTL("{\"type\": \"ipc\"}, {\"type\": \"network\"}, {\"type\": \"uts\"}",
		       "\"kernel.msgmax\": \"1\", \"kernel.shm_rmid_forced\": \"1\", "
		       "\"fs.mqueue.queues_max\": \"5\", \"net.ipv4.ip_forward\": \"1\", "
		       "\"net/ipv6/conf/all/forwarding\": \"1\", \"kernel.domainname\": \"d\", "
		       "\"kernel/sem\": \"1 2 3 4\""));
	ASSERT_INT(t_spec->linux_.sysctl.n, 7);
	ASSERT_PARSES(SYSCTL("{\"type\": \"network\", \"path\": \"/run/netns/x\"}",
			     "\"net.core.somaxconn\": \"1024\""));
}

static void test_missing_namespace(void)
{
	ASSERT_FAILS(SYSCTL("{\"type\": \"pid\"}", "\"net.ipv4.ip_forward\": \"1\""),
		     "linux.sysctl[\"net.ipv4.ip_forward\"]: requires a \"network\" entry in "
		     "linux.namespaces");
	ASSERT_FAILS(
		SYSCTL("{\"type\": \"network\"}", "\"kernel.shmmax\": \"1\""),
		"linux.sysctl[\"kernel.shmmax\"]: requires a \"ipc\" entry in linux.namespaces");
	ASSERT_FAILS(SYSCTL("{\"type\": \"ipc\"}", "\"fs/mqueue/msg_max\": \"1\", "
						   "\"kernel.hostname\": \"h\""),
		     "linux.sysctl[\"kernel.hostname\"]: requires a \"uts\" entry in "
		     "linux.namespaces");
}

static void test_host_wide(void)
{
	ASSERT_FAILS(
		SYSCTL("{\"type\": \"network\"}", "\"vm.swappiness\": \"1\""),
		"linux.sysctl[\"vm.swappiness\"]: not in a namespace of the container; it would "
		"change the host");
	ASSERT_FAILS(SYSCTL("{\"type\": \"ipc\"}", "\"kernel.msgmax2\": \"1\""),
		     "linux.sysctl[\"kernel.msgmax2\"]: not in a namespace of the container; it "
		     "would change the host");
	ASSERT_FAILS(SYSCTL("{\"type\": \"network\"}", "\"network.x\": \"1\""),
		     "linux.sysctl[\"network.x\"]: not in a namespace of the container; it would "
		     "change the host");
}

int main(void)
{
	RUN(test_allowed);
	RUN(test_missing_namespace);
	RUN(test_host_wide);
	t_done();
	UNIT_DONE();
}
