/* Tests config/resources-json.c: `berth update -r` documents parsed like linux.resources, with
 * errors relative to the document, and the spec wrapper released whole. */
#include "cfg-test.h"

static struct cfg_spec *doc;
static struct berr err;

static int parse(const char *text)
{
	cfg_spec_free(doc);
	doc = NULL;
	memset(&err, 0, sizeof(err));
	return cfg_resources_parse(text, strlen(text), &doc, &err);
}

static void test_parses(void)
{
	const struct cfg_resources *r;

	ASSERT_INT(parse("{\"memory\": {\"limit\": 1048576, \"checkBeforeUpdate\": true}, "
			 "\"cpu\": {\"shares\": 512, \"cpus\": \"0-1\"}, \"blockIO\": {\"weight\": "
			 "300}, \"pids\": {\"limit\": 7}, \"unified\": {\"memory.high\": \"1G\"}}"),
		   0);
	r = &doc->linux_.resources;
	ASSERT_TRUE(r->present && r->memory.present && r->memory.check_before_update.v);
	ASSERT_INT(r->memory.limit.v, 1048576);
	ASSERT_INT(r->cpu.shares.v, 512);
	ASSERT_STR(r->cpu.cpus, "0-1");
	ASSERT_INT(r->blockio.weight.v, 300);
	ASSERT_INT(r->pids_limit.v, 7);
	ASSERT_STR(r->unified.v[0].value, "1G");
	ASSERT_TRUE(doc->oci_version == NULL && !doc->has_process);
	ASSERT_INT(parse("{}"), 0);
	ASSERT_TRUE(!doc->linux_.resources.memory.present);
}

static void test_errors(void)
{
	cfg_spec_free(doc);
	doc = NULL;
	ASSERT_INT(parse("{\"memory\": {\"limit\": \"big\"}}"), -EINVAL);
	ASSERT_STR(err.msg, "memory.limit: expected a 64-bit integer");
	ASSERT_TRUE(doc == NULL);
	ASSERT_INT(parse("{\"cpu\": {\"burst\": 10, \"quota\": 5}}"), -EINVAL);
	ASSERT_STR(err.msg, "cpu.burst: must not be larger than quota");
	ASSERT_INT(parse("[1]"), -EINVAL);
	ASSERT_CONTAINS(err.msg, "expected an object");
	ASSERT_INT(parse("{\"memory\": "), -EINVAL);
	ASSERT_CONTAINS(err.msg, "invalid JSON");
}

int main(void)
{
	RUN(test_parses);
	RUN(test_errors);
	cfg_spec_free(doc);
	UNIT_DONE();
}
