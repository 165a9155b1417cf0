/* Unit tests for kvm-sandbox/vm-size.c: annotations first, then linux.resources (quota/period
 * rounded up; the memory limit plus the guest's overhead), then berth.conf, then defaults. */
#include "unit.h"
#include "../runtime/rt-unit.h"

#include "../../../kvm-sandbox/vm-size.h"

static struct cfg_spec *spec_of(const char *json)
{
	struct cfg_spec *s = NULL;
	struct berr err = {0};

	if (cfg_spec_parse(json, strlen(json), &s, &err) < 0) {
		fprintf(stderr, "# %s\n", err.msg);
		return NULL;
	}
	return s;
}

#define SPEC(extra)                                                                                \
	"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"}, \"process\": {\"args\": "   \
	"[\"true\"], \"cwd\": \"/\"}" extra "}"

static void test_defaults(void)
{
	struct cfg_spec *s = spec_of(SPEC(""));
	struct vm_size z = {0};
	struct berr err = {0};

	ASSERT_TRUE(s != NULL);
	ASSERT_INT(vm_size_choose(s, NULL, &z, &err), 0);
	ASSERT_INT((int)z.cpus, VM_DEFAULT_CPUS);
	ASSERT_INT((int)z.memory_mib, VM_DEFAULT_MEMORY_MIB);
	cfg_spec_free(s);
}

static void test_from_resources(void)
{
	struct cfg_spec *s = spec_of(SPEC(", \"linux\": {\"resources\": {\"cpu\": {\"quota\": "
					  "250000, \"period\": 100000}, \"memory\": {\"limit\": "
					  "134217728}}}"));
	struct vm_size z = {0};
	struct berr err = {0};

	ASSERT_TRUE(s != NULL);
	ASSERT_INT(vm_size_choose(s, NULL, &z, &err), 0);
	ASSERT_INT((int)z.cpus, 3); /* 2.5 CPUs rounded up */
	ASSERT_INT((int)z.memory_mib, 128 + VM_OVERHEAD_MIB);
	cfg_spec_free(s);
}

static void test_conf_then_annotations(void)
{
	struct cfg_conf conf = {.vm_cpus = 4, .vm_memory = 512ULL << 20};
	struct cfg_spec *s = spec_of(SPEC(""));
	struct cfg_spec *a = spec_of(
		SPEC(", \"annotations\": {\"berth.vm.cpus\": \"2\", \"berth.vm.memory\": \"1G\"}"));
	struct vm_size z = {0};
	struct berr err = {0};

	ASSERT_TRUE(s && a);
	ASSERT_INT(vm_size_choose(s, &conf, &z, &err), 0);
	ASSERT_INT((int)z.cpus, 4);
	ASSERT_INT((int)z.memory_mib, 512);
	ASSERT_INT(vm_size_choose(a, &conf, &z, &err), 0);
	ASSERT_INT((int)z.cpus, 2);
	ASSERT_INT((int)z.memory_mib, 1024);
	cfg_spec_free(s);
	cfg_spec_free(a);
}

static void test_bad_annotations(void)
{
	struct cfg_spec *c = spec_of(SPEC(", \"annotations\": {\"berth.vm.cpus\": \"0\"}"));
	struct cfg_spec *m = spec_of(SPEC(", \"annotations\": {\"berth.vm.memory\": \"12M\"}"));
	struct cfg_spec *g = spec_of(SPEC(", \"annotations\": {\"berth.vm.memory\": \"lots\"}"));
	struct vm_size z = {0};
	struct berr err = {0};

	ASSERT_TRUE(c && m && g);
	ASSERT_INT(vm_size_choose(c, NULL, &z, &err), -EINVAL);
	ASSERT_STR(err.msg, "annotations.berth.vm.cpus: \"0\" is not a count from 1 to 64");
	ASSERT_INT(vm_size_choose(m, NULL, &z, &err), -EINVAL);
	ASSERT_STR(err.msg, "annotations.berth.vm.memory: \"12M\" is not a size of at least 64M");
	ASSERT_INT(vm_size_choose(g, NULL, &z, &err), -EINVAL);
	cfg_spec_free(c);
	cfg_spec_free(m);
	cfg_spec_free(g);
}

int main(void)
{
	RUN(test_defaults);
	RUN(test_from_resources);
	RUN(test_conf_then_annotations);
	RUN(test_bad_annotations);
	UNIT_DONE();
}
