/* Unit tests for config/isolation.c: the precedence (--isolation, annotation, berth-vm,
 * berth.conf, container) and the errors. */
#include "unit.h"

#include <errno.h>

#include "../../../config/isolation.h"

static struct cfg_spec *with_annotation(const char *value)
{
	char json[512];
	struct cfg_spec *s = NULL;
	struct berr err = {0};

	(void)snprintf(json, sizeof(json),
		       "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"r\"}, "
		       "\"annotations\": {\"berth.isolation\": \"%s\"}}",
		       value);
	(void)cfg_spec_parse(json, strlen(json), &s, &err);
	return s;
}

static void test_default_is_container(void)
{
	enum cfg_isolation i = CFG_ISOLATION_VM;
	struct berr err = {0};

	ASSERT_INT(cfg_isolation_choose(NULL, NULL, "berth", NULL, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_CONTAINER);
	ASSERT_STR(cfg_isolation_name(i), "container");
}

static void test_program_name_berth_vm(void)
{
	enum cfg_isolation i = CFG_ISOLATION_CONTAINER;
	struct berr err = {0};

	ASSERT_INT(cfg_isolation_choose(NULL, NULL, "berth-vm", NULL, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_VM);
}

static void test_annotation_beats_program_name_flag_beats_both(void)
{
	struct cfg_spec *s = with_annotation("container");
	enum cfg_isolation i = CFG_ISOLATION_VM;
	struct berr err = {0};

	ASSERT_TRUE(s != NULL);
	ASSERT_INT(cfg_isolation_choose(NULL, s, "berth-vm", NULL, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_CONTAINER);
	ASSERT_INT(cfg_isolation_choose("vm", s, "berth", NULL, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_VM);
	cfg_spec_free(s);
}

static void test_unknown_values_name_their_source(void)
{
	struct cfg_spec *s = with_annotation("kata");
	enum cfg_isolation i;
	struct berr err = {0};

	ASSERT_INT(cfg_isolation_choose(NULL, s, "berth", NULL, &i, &err), -EINVAL);
	ASSERT_STR(err.msg, "config.json: annotations.berth.isolation: unknown isolation \"kata\" "
			    "(container or vm)");
	ASSERT_INT(cfg_isolation_choose("box", s, "berth", NULL, &i, &err), -EINVAL);
	ASSERT_STR(err.msg, "--isolation: unknown isolation \"box\" (container or vm)");
	cfg_spec_free(s);
}

static void test_conf_default_is_last(void)
{
	struct cfg_conf vm = {.path = (char *)"/etc/berth/berth.conf",
			      .default_isolation = (char *)"vm"};
	struct cfg_conf container = {.default_isolation = (char *)"container"};
	struct cfg_spec *s = with_annotation("container");
	enum cfg_isolation i = CFG_ISOLATION_CONTAINER;
	struct berr err = {0};

	ASSERT_TRUE(s != NULL);
	/* berth.conf alone decides */
	ASSERT_INT(cfg_isolation_choose(NULL, NULL, "berth", &vm, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_VM);
	/* the program name beats it */
	ASSERT_INT(cfg_isolation_choose(NULL, NULL, "berth-vm", &container, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_VM);
	/* so do the annotation and --isolation */
	ASSERT_INT(cfg_isolation_choose(NULL, s, "berth", &vm, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_CONTAINER);
	ASSERT_INT(cfg_isolation_choose("container", NULL, "berth", &vm, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_CONTAINER);
	/* a berth.conf without default_isolation changes nothing */
	container.default_isolation = NULL;
	i = CFG_ISOLATION_VM;
	ASSERT_INT(cfg_isolation_choose(NULL, NULL, "berth", &container, &i, &err), 0);
	ASSERT_INT(i, CFG_ISOLATION_CONTAINER);
	ASSERT_STR(err.msg, "");
	cfg_spec_free(s);
}

static void test_conf_value_errors_name_the_file(void)
{
	struct cfg_conf c = {.path = (char *)"/tmp/b.conf", .default_isolation = (char *)"kata"};
	enum cfg_isolation i = CFG_ISOLATION_CONTAINER;
	struct berr err = {0};

	ASSERT_INT(cfg_isolation_choose(NULL, NULL, "berth", &c, &i, &err), -EINVAL);
	ASSERT_STR(err.msg,
		   "/tmp/b.conf: default_isolation: unknown isolation \"kata\" (container or vm)");
	ASSERT_INT(i, CFG_ISOLATION_CONTAINER);
	c.path = NULL;
	ASSERT_INT(cfg_isolation_choose(NULL, NULL, "berth", &c, &i, &err), -EINVAL);
	ASSERT_STR(err.msg,
		   "berth.conf: default_isolation: unknown isolation \"kata\" (container or vm)");
}

int main(void)
{
	RUN(test_default_is_container);
	RUN(test_program_name_berth_vm);
	RUN(test_annotation_beats_program_name_flag_beats_both);
	RUN(test_unknown_values_name_their_source);
	RUN(test_conf_default_is_last);
	RUN(test_conf_value_errors_name_the_file);
	UNIT_DONE();
}
