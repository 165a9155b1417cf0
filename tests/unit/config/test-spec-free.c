/* Tests config/spec-free.c: freeing full, empty and half-parsed specs and processes (run under
 * ASAN=1 to see leaks and double frees). */
#include "cfg-test.h"

static void test_null_and_empty(void)
{
	struct cfg_spec *s = calloc(1, sizeof(*s));
	struct cfg_strv v = {0};
	struct cfg_map m = {0};

	cfg_spec_free(NULL);
	cfg_process_clear(NULL);
	cfg_strv_free(&v);
	cfg_map_free(&m);
	ASSERT_TRUE(s);
	cfg_spec_free(s);
}

static void test_full(void)
{
	size_t len = 0;
	char *text = t_read_file("tests/data/full/config.json", &len);

	ASSERT_TRUE(text);
	ASSERT_TRUE(t_parse(text));
	free(text);
	cfg_spec_free(t_spec);
	t_spec = NULL;
}

static void test_process_clear(void)
{
	const char *j =
		"{\"args\": [\"a\"], \"cwd\": \"/\", \"env\": [\"A=1\"], \"user\": {"
		"\"additionalGids\": [1], \"username\": \"u\"}, \"rlimits\": [{\"type\": "
		"\"RLIMIT_CORE\", \"soft\": 1, \"hard\": 1}], \"scheduler\": {\"policy\": "
		"\"SCHED_OTHER\", \"flags\": [\"SCHED_FLAG_RECLAIM\"]}, \"ioPriority\": {"
		"\"class\": \"IOPRIO_CLASS_BE\"}, \"execCPUAffinity\": {\"initial\": \"0\", "
		"\"final\": \"1\"}, \"apparmorProfile\": \"a\", \"selinuxLabel\": \"s\", "
		"\"commandLine\": \"c\", \"capabilities\": {\"bounding\": [\"CAP_KILL\"], "
		"\"ambient\": [\"CAP_KILL\"]}}";
	struct cfg_process p = {0};
	struct berr err = {0};

	ASSERT_INT(cfg_process_parse(j, strlen(j), &p, &err), 0);
	cfg_process_clear(&p);
	ASSERT_TRUE(p.args.v == NULL && p.rlimits == NULL && p.n_rlimits == 0);
	ASSERT_TRUE(p.scheduler.policy == NULL && !p.scheduler.present);
	cfg_process_clear(&p); /* twice is harmless */
}

/* Each of these fails after some allocations; the parser must free them all. */
static void test_half_parsed(void)
{
	static const char *const bad[] = {
		PROCESS(", \"env\": [\"A=1\", \"B\"]"),
		PROCESS(", \"rlimits\": [{\"type\": \"RLIMIT_CORE\", \"soft\": 1, \"hard\": 1}, "
			"{\"type\": \"RLIMIT_CORE\", \"soft\": 1, \"hard\": 1}]"),
		CONFIG(", \"mounts\": [{\"destination\": \"/a\", \"options\": [\"x\"]}, {}]"),
		CONFIG(", \"hooks\": {\"prestart\": [{\"path\": \"/a\", \"args\": [\"a\"]}], "
		       "\"poststop\": [{\"path\": \"b\"}]}"),
		CONFIG(", \"annotations\": {\"a\": \"b\", \"c\": 1}"),
		LINUX("\"namespaces\": [{\"type\": \"pid\", \"path\": \"/p\"}, {\"type\": \"x\"}]"),
		LINUX("\"devices\": [{\"path\": \"/dev/a\", \"type\": \"p\"}, {\"path\": \"a\"}]"),
		LINUX("\"resources\": {\"devices\": [{\"allow\": true, \"access\": \"r\"}], "
		      "\"cpu\": {\"cpus\": \"1\", \"mems\": \"0\"}, \"hugepageLimits\": "
		      "[{\"pageSize\": "
		      "\"2MB\", \"limit\": 1}], \"network\": {\"priorities\": [{\"name\": \"e\", "
		      "\"priority\": 1}]}, \"rdma\": {\"d\": {\"hcaHandles\": 1}}, \"unified\": {"
		      "\"a\": \"b\"}, \"blockIO\": {\"weightDevice\": [{\"major\": 1, \"minor\": "
		      "1, "
		      "\"weight\": 1}], \"throttleReadBpsDevice\": [{\"major\": 1}]}}"),
		LINUX("\"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": ["
		      "\"SCMP_ARCH_X86\"], \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\"], "
		      "\"listenerPath\": "
		      "\"/l\", \"syscalls\": [{\"names\": [\"a\"], \"action\": \"SCMP_ACT_ALLOW\", "
		      "\"args\": [{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}, "
		      "{\"index\": "
		      "0, \"value\": 0, \"op\": \"bad\"}]}]}"),
		LINUX("\"personality\": {\"domain\": \"LINUX\", \"flags\": [\"F\"]}"),
		LINUX("\"intelRdt\": {\"closID\": \"/\", \"schemata\": [\"a\"]}"),
		LINUX("\"memoryPolicy\": {\"mode\": \"MPOL_BIND\", \"nodes\": \"1\", \"flags\": ["
		      "\"MPOL_F_STATIC_NODES\", \"x\"]}"),
		LINUX("\"timeOffsets\": {\"monotonic\": {}, \"x\": {}}"),
		LINUX("\"maskedPaths\": [\"/a\"], \"readonlyPaths\": [\"b\"], \"cgroupsPath\": "
		      "\"/c\", "
		      "\"mountLabel\": \"m\", \"rootfsPropagation\": \"slave\", \"sysctl\": "
		      "{\"vm.x\": "
		      "\"1\"}"),
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (t_parse(bad[i]) || t_r != -EINVAL)
			FAIL_("case %zu: %d %s", i, t_r, t_err.msg);
}

int main(void)
{
	RUN(test_null_and_empty);
	RUN(test_full);
	RUN(test_process_clear);
	RUN(test_half_parsed);
	t_done();
	UNIT_DONE();
}
