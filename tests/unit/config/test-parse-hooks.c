/* Tests config/parse-hooks.c: the six hook lists and each hook's fields. */
#include "cfg-test.h"

#define HOOKS(h) CONFIG(", \"hooks\": {" h "}")

static void test_kinds(void)
{
	ASSERT_PARSES(HOOKS("\"prestart\": [{\"path\": \"/1\"}], \"createRuntime\": [{\"path\": "
			    "\"/2\"}], \"createContainer\": [{\"path\": \"/3\"}], "
			    "\"startContainer\": [{\"path\": \"/4\"}], \"poststart\": [{\"path\": "
			    "\"/5\"}], \"poststop\": [{\"path\": \"/6\"}, {\"path\": \"/7\"}], "
			    "\"unknownKind\": [{\"no\": 1}]"));
	ASSERT_STR(t_spec->hooks.prestart.v[0].path, "/1");
	ASSERT_STR(t_spec->hooks.create_runtime.v[0].path, "/2");
	ASSERT_STR(t_spec->hooks.create_container.v[0].path, "/3");
	ASSERT_STR(t_spec->hooks.start_container.v[0].path, "/4");
	ASSERT_STR(t_spec->hooks.poststart.v[0].path, "/5");
	ASSERT_INT(t_spec->hooks.poststop.n, 2);
	ASSERT_STR(t_spec->hooks.poststop.v[1].path, "/7");
	ASSERT_PARSES(HOOKS(""));
	ASSERT_INT(t_spec->hooks.prestart.n, 0);
}

static void test_hook_fields(void)
{
	ASSERT_PARSES(HOOKS("\"poststart\": [{\"path\": \"/h\", \"args\": [\"h\", \"x\"], "
			    "\"env\": [\"A=b\"], \"timeout\": 1}]"));
	ASSERT_STR(t_spec->hooks.poststart.v[0].args.v[1], "x");
	ASSERT_STR(t_spec->hooks.poststart.v[0].env.v[0], "A=b");
	ASSERT_INT(t_spec->hooks.poststart.v[0].timeout.v, 1);
}

static void test_hook_errors(void)
{
	ASSERT_FAILS(HOOKS("\"prestart\": [{\"args\": [\"x\"]}]"),
		     "hooks.prestart[0].path: required");
	ASSERT_FAILS(HOOKS("\"createRuntime\": [{\"path\": \"/a\"}, {\"path\": \"bin/hook\"}]"),
		     "hooks.createRuntime[1].path: must be an absolute path");
	ASSERT_FAILS(HOOKS("\"poststop\": [{\"path\": \"/a\", \"timeout\": 0}]"),
		     "hooks.poststop[0].timeout: must be greater than zero");
	ASSERT_FAILS(HOOKS("\"poststop\": [{\"path\": \"/a\", \"timeout\": -5}]"),
		     "hooks.poststop[0].timeout: must be greater than zero");
	ASSERT_FAILS(HOOKS("\"poststop\": [{\"path\": \"/a\", \"timeout\": 1.5}]"),
		     "hooks.poststop[0].timeout: expected a 64-bit integer");
	ASSERT_FAILS(HOOKS("\"startContainer\": [{\"path\": \"/a\", \"env\": [\"NOEQ\"]}]"),
		     "hooks.startContainer[0].env[0]: expected KEY=value, got \"NOEQ\"");
	ASSERT_FAILS(HOOKS("\"createContainer\": [{\"path\": \"/a\", \"args\": [false]}]"),
		     "hooks.createContainer[0].args[0]: expected a string");
	ASSERT_FAILS(HOOKS("\"poststart\": {\"path\": \"/a\"}"),
		     "hooks.poststart: expected an array");
	ASSERT_FAILS(HOOKS("\"poststart\": [\"/a\"]"), "hooks.poststart[0]: expected an object");
}

int main(void)
{
	RUN(test_kinds);
	RUN(test_hook_fields);
	RUN(test_hook_errors);
	t_done();
	UNIT_DONE();
}
