/* Tests config/parse-caps.c: capability names to masks, unknown names, names newer than the
 * running kernel, and reading cap_last_cap. */
#include <sys/capability.h>

#include "cfg-test.h"

#define CAPS(c) PROCESS(", \"capabilities\": {" c "}")

static void test_masks(void)
{
	ASSERT_PARSES(CAPS("\"bounding\": [\"CAP_CHOWN\", \"CAP_SYS_ADMIN\", \"CAP_CHOWN\"], "
			   "\"effective\": [\"CAP_NET_RAW\"], \"inheritable\": [\"CAP_SETUID\"], "
			   "\"permitted\": [\"CAP_SETGID\"], \"ambient\": [\"CAP_AUDIT_WRITE\"]"));
	ASSERT_TRUE(t_spec->process.caps.present);
	ASSERT_INT(t_spec->process.caps.mask_bounding,
		   (1ull << CAP_CHOWN) | (1ull << CAP_SYS_ADMIN));
	ASSERT_INT(t_spec->process.caps.mask_effective, 1ull << CAP_NET_RAW);
	ASSERT_INT(t_spec->process.caps.mask_inheritable, 1ull << CAP_SETUID);
	ASSERT_INT(t_spec->process.caps.mask_permitted, 1ull << CAP_SETGID);
	ASSERT_INT(t_spec->process.caps.mask_ambient, 1ull << CAP_AUDIT_WRITE);
	ASSERT_INT(t_spec->process.caps.bounding.n, 3);
	ASSERT_PARSES(CAPS(""));
	ASSERT_TRUE(t_spec->process.caps.present && t_spec->process.caps.bounding.v == NULL);
	ASSERT_INT(t_spec->process.caps.mask_bounding, 0);
}

static void test_unknown(void)
{
	ASSERT_FAILS(CAPS("\"bounding\": [\"CAP_CHOWN\", \"CAP_KILL\", \"CAP_SETUID\", "
			  "\"CAP_SETGID\", \"CAP_FOO\"]"),
		     "process.capabilities.bounding[4]: unknown capability \"CAP_FOO\"");
	/* libcap would take these; the spec's names are CAP_ and upper case */
	ASSERT_FAILS(CAPS("\"ambient\": [\"cap_chown\"]"),
		     "process.capabilities.ambient[0]: unknown capability \"cap_chown\"");
	ASSERT_FAILS(CAPS("\"effective\": [\"CHOWN\"]"),
		     "process.capabilities.effective[0]: unknown capability \"CHOWN\"");
	ASSERT_FAILS(CAPS("\"permitted\": [\"CAP_\"]"),
		     "process.capabilities.permitted[0]: unknown capability \"CAP_\"");
	ASSERT_FAILS(CAPS("\"inheritable\": [\"0\"]"),
		     "process.capabilities.inheritable[0]: unknown capability \"0\"");
	ASSERT_FAILS(CAPS("\"bounding\": \"CAP_KILL\""),
		     "process.capabilities.bounding: expected an array");
	ASSERT_FAILS(PROCESS(", \"capabilities\": [\"CAP_KILL\"]"),
		     "process.capabilities: expected an object");
}

/* A name libcap knows but the kernel does not is dropped, as runc does. */
static void test_newer_than_kernel(void)
{
	const char *json = CAPS("\"bounding\": [\"CAP_KILL\", \"CAP_SETGID\", \"CAP_BPF\"]");

	ASSERT_TRUE(t_parse_opts(json, CAP_KILL));
	ASSERT_INT(t_spec->process.caps.mask_bounding, 1ull << CAP_KILL);
	ASSERT_INT(t_spec->process.caps.bounding.n, 3);
	ASSERT_TRUE(t_parse_opts(json, 40));
	ASSERT_INT(t_spec->process.caps.mask_bounding,
		   (1ull << CAP_KILL) | (1ull << CAP_SETGID) | (1ull << CAP_BPF));
}

static void test_last_cap(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int want = -1;

	if (f) {
		if (fscanf(f, "%d", &want) != 1)
			want = -1;
		fclose(f);
	}
	if (want < 0)
		want = cap_max_bits() - 1;
	ASSERT_INT(cfg_last_cap(), want);
	ASSERT_TRUE(cfg_last_cap() >= CAP_AUDIT_READ && cfg_last_cap() < 64);
}

int main(void)
{
	RUN(test_masks);
	RUN(test_unknown);
	RUN(test_newer_than_kernel);
	RUN(test_last_cap);
	t_done();
	UNIT_DONE();
}
