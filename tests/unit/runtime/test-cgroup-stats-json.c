/* test-cgroup-stats-json: the events in runc's JSON shape: the stats object's keys and nesting,
 * Go's omitempty where runc has it, uint64 limits printed exactly, and the oom event. */
#include <errno.h>
#include <yajl/yajl_tree.h>

#include "../../../runtime/cgroup-stats.h"
#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static yajl_val at(yajl_val doc, const char *a, const char *b, const char *c, const char *d)
{
	const char *path[] = {a, b, c, d, NULL};

	return yajl_tree_get(doc, path, yajl_t_any);
}

static void test_stats_shape(void)
{
	_cleanup_free_ struct rt_cgroup_stats *s = calloc(1, sizeof(*s));
	_cleanup_free_ char *json = NULL;
	yajl_val doc, v;

	s->cpu.total = 123;
	s->cpu.percpu[0] = 100;
	s->cpu.percpu[1] = 23;
	s->cpu.n_percpu = 2;
	s->cpu.throttled_periods = 4;
	s->cpuset.cpus[0] = 0;
	s->cpuset.n_cpus = 1;
	s->cpuset.sched_relax_domain_level = -1;
	s->memory.usage.usage = 4096;
	s->memory.usage.limit = UINT64_MAX;
	s->memory.cache = 0;
	strcpy(s->memory.raw[0].key, "rss");
	s->memory.raw[0].value = 8;
	s->memory.n_raw = 1;
	s->pids.current = 2;
	rt_cg_stats_blkio_add(&s->blkio.service_bytes, 8, 0, "Read", 512);
	strcpy(s->hugetlb[0].page_size, "2MB");
	s->n_hugetlb = 1;
	json = rt_cgroup_stats_json("c1", s);
	ASSERT_TRUE(json);
	ASSERT_TRUE(!strchr(json, '\n'));
	ASSERT_CONTAINS(json, "{\"type\":\"stats\",\"id\":\"c1\",\"data\":{\"cpu\":");
	ASSERT_CONTAINS(json, "\"limit\":18446744073709551615");
	ASSERT_CONTAINS(json, "\"intel_rdt\":{},\"network_interfaces\":null}}");
	doc = yajl_tree_parse(json, NULL, 0);
	ASSERT_TRUE(doc);
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "cpu", "usage", "total")), 123);
	v = at(doc, "data", "cpu", "usage", "percpu");
	ASSERT_TRUE(YAJL_IS_ARRAY(v) && v->u.array.len == 2);
	ASSERT_TRUE(at(doc, "data", "cpu", "usage", "percpu_kernel") == NULL); /* omitempty */
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "cpu", "usage", "kernel")), 0);
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "cpu", "throttling", "throttledPeriods")), 4);
	ASSERT_TRUE(at(doc, "data", "cpu", "throttling", "periods") == NULL);
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "cpuset", "sched_relax_domain_level", NULL)),
		   -1);
	ASSERT_TRUE(at(doc, "data", "cpuset", "mems", NULL) == NULL);
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "memory", "usage", "usage")), 4096);
	ASSERT_TRUE(at(doc, "data", "memory", "usage", "max") == NULL);
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "memory", "usage", "failcnt")), 0);
	ASSERT_TRUE(at(doc, "data", "memory", "cache", NULL) == NULL);
	ASSERT_TRUE(YAJL_IS_OBJECT(at(doc, "data", "memory", "kernelTCP", NULL)));
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "memory", "raw", "rss")), 8);
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "pids", "current", NULL)), 2);
	ASSERT_TRUE(at(doc, "data", "pids", "limit", NULL) == NULL);
	v = at(doc, "data", "blkio", "ioServiceBytesRecursive", NULL);
	ASSERT_TRUE(YAJL_IS_ARRAY(v) && v->u.array.len == 1);
	ASSERT_TRUE(at(doc, "data", "blkio", "ioServicedRecursive", NULL) == NULL);
	ASSERT_INT(YAJL_GET_INTEGER(at(doc, "data", "hugetlb", "2MB", "failcnt")), 0);
	ASSERT_TRUE(YAJL_IS_NULL(at(doc, "data", "network_interfaces", NULL, NULL)));
	yajl_tree_free(doc);
}

static void test_oom(void)
{
	_cleanup_free_ char *json = rt_cgroup_oom_json("my \"c\"");

	ASSERT_STR(json, "{\"type\":\"oom\",\"id\":\"my \\\"c\\\"\"}");
}

int main(void)
{
	RUN(test_stats_shape);
	RUN(test_oom);
	UNIT_DONE();
}
