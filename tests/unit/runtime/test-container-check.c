/* Unit tests for runtime/container-check.c: create's whole-config checks and their messages. */
#include "unit.h"

#include "rt-unit.h"

#include "../../../runtime/container-record.h"

static struct cfg_spec *load(const char *json)
{
	struct cfg_spec *s = NULL;
	struct berr err = {0};

	if (cfg_spec_parse(json, strlen(json), &s, &err) < 0) {
		printf("# parse: %s\n", err.msg);
		return NULL;
	}
	return s;
}

#define BASE                                                                                       \
	"{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"}, "                           \
	"\"process\": {\"args\": [\"sh\"], \"cwd\": \"/\"%s}, "                                    \
	"\"linux\": {\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"uts\"}]%s}%s}"

static int check(const char *proc, const char *linux_extra, const char *top, bool sock, bool relay,
		 struct berr *err)
{
	char json[2048];
	struct cfg_spec *s;
	int r;

	(void)snprintf(json, sizeof(json), BASE, proc, linux_extra, top);
	s = load(json);
	if (!s)
		return -1000;
	r = rt_container_check(s, sock, relay, err);
	cfg_spec_free(s);
	return r;
}

static void test_plain_config_passes(void)
{
	struct berr err = {0};

	ASSERT_INT(check("", "", ", \"hostname\": \"h\"", false, false, &err), 0);
}

static void test_terminal_needs_a_socket_unless_relayed(void)
{
	struct berr err = {0};

	ASSERT_INT(check(", \"terminal\": true", "", "", false, false, &err), -EINVAL);
	ASSERT_STR(err.msg,
		   "--console-socket: required when process.terminal is true and berth detaches");
	ASSERT_INT(check(", \"terminal\": true", "", "", false, true, &err), 0);
	ASSERT_INT(check(", \"terminal\": true", "", "", true, false, &err), 0);
}

static void test_socket_without_terminal_is_refused(void)
{
	struct berr err = {0};

	ASSERT_INT(check("", "", "", true, false, &err), -EINVAL);
	ASSERT_STR(err.msg, "--console-socket: cannot be used when process.terminal is false");
}

static void test_lsm_and_rdt_on_a_host_without_them(void)
{
	struct berr err = {0};

	if (access("/sys/kernel/security/apparmor", F_OK) == 0)
		return; /* this host has AppArmor: nothing to refuse */
	ASSERT_INT(check(", \"apparmorProfile\": \"p\"", "", "", false, false, &err), -ENOTSUP);
	ASSERT_STR(err.msg,
		   "config.json: process.apparmorProfile: AppArmor is not enabled on this host");
	ASSERT_INT(check("", ", \"intelRdt\": {\"closID\": \"c\"}", "", false, false, &err),
		   -ENOTSUP);
	ASSERT_CONTAINS(err.msg, "config.json: linux.intelRdt: ");
}

static void test_missing_mount_namespace(void)
{
	const char *json = "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"}, "
			   "\"process\": {\"args\": [\"sh\"], \"cwd\": \"/\"}, "
			   "\"linux\": {\"namespaces\": [{\"type\": \"pid\"}]}}";
	struct cfg_spec *s = load(json);
	struct berr err = {0};

	ASSERT_TRUE(s != NULL);
	ASSERT_INT(rt_container_check(s, false, false, &err), -EINVAL);
	ASSERT_STR(err.msg, "config.json: linux.namespaces: a mount namespace is required");
	cfg_spec_free(s);
}

int main(void)
{
	RUN(test_plain_config_passes);
	RUN(test_terminal_needs_a_socket_unless_relayed);
	RUN(test_socket_without_terminal_is_refused);
	RUN(test_lsm_and_rdt_on_a_host_without_them);
	RUN(test_missing_mount_namespace);
	UNIT_DONE();
}
