/* Tests config/json-path.c: JSON paths, values shown in messages, and the error helpers. */
#include "cfg-test.h"

static void test_paths(void)
{
	char buf[CFG_PATH_MAX];

	ASSERT_STR(cfg_path(buf, "", "ociVersion"), "ociVersion");
	ASSERT_STR(cfg_path(buf, "process.user", "uid"), "process.user.uid");
	ASSERT_STR(cfg_path_idx(buf, "", "mounts", 3), "mounts[3]");
	ASSERT_STR(cfg_path_idx(buf, "linux", "namespaces", 12), "linux.namespaces[12]");
	ASSERT_STR(cfg_path_idx(buf, "process.args", NULL, 0), "process.args[0]");
	ASSERT_STR(cfg_path_map(buf, "", "annotations", "a.b"), "annotations[\"a.b\"]");
	ASSERT_STR(cfg_path_map(buf, "linux", "sysctl", "x\ny"), "linux.sysctl[\"x?y\"]");
}

static void test_path_cut(void)
{
	char buf[CFG_PATH_MAX], longkey[600];

	memset(longkey, 'k', sizeof(longkey) - 1);
	longkey[sizeof(longkey) - 1] = '\0';
	cfg_path(buf, "p", longkey);
	ASSERT_INT(strlen(buf), CFG_PATH_MAX - 1);
	cfg_path_map(buf, "p", "m", longkey);
	ASSERT_CONTAINS(buf, "...\"]");
}

static void test_show(void)
{
	char small[8], big[72];
	const char *s;

	ASSERT_STR(cfg_show(big, sizeof(big), "plain"), "plain");
	ASSERT_STR(cfg_show(big, sizeof(big),
			    "a\tb\x7f"
			    "c\r"),
		   "a?b?c?");
	ASSERT_STR(cfg_show(big, sizeof(big), NULL), "");
	ASSERT_STR(cfg_show(small, sizeof(small), "1234567"), "1234567");
	ASSERT_STR(cfg_show(small, sizeof(small), "12345678"), "1234...");
	s = CFG_SHOW("0123456789012345678901234567890123456789012345678901234567890123456789xx");
	ASSERT_INT(strlen(s), 71);
	ASSERT_STR(s + 68, "...");
	ASSERT_STR(cfg_show(small, 4, "abc"), "");
}

static void test_errors(void)
{
	struct berr err = {0};

	ASSERT_INT(cfg_err(&err, "process.args", "must not be %s", "empty"), -EINVAL);
	ASSERT_STR(err.msg, "process.args: must not be empty");
	ASSERT_INT(err.code, EINVAL);
	ASSERT_TRUE(!err.sys);
	ASSERT_INT(cfg_errk(&err, "process", "cwd", "required"), -EINVAL);
	ASSERT_STR(err.msg, "process.cwd: required");
	ASSERT_INT(cfg_errk(&err, "", "ociVersion", "required"), -EINVAL);
	ASSERT_STR(err.msg, "ociVersion: required");
	ASSERT_INT(cfg_nomem(&err, "mounts"), -ENOMEM);
	ASSERT_STR(err.msg, "mounts: out of memory");
	ASSERT_INT(cfg_nomem(&err, ""), -ENOMEM);
	ASSERT_STR(err.msg, "config: out of memory");
}

static void test_is_abs(void)
{
	ASSERT_TRUE(cfg_is_abs("/"));
	ASSERT_TRUE(cfg_is_abs("/a/b"));
	ASSERT_TRUE(!cfg_is_abs("a/b"));
	ASSERT_TRUE(!cfg_is_abs(""));
	ASSERT_TRUE(!cfg_is_abs(NULL));
}

int main(void)
{
	RUN(test_paths);
	RUN(test_path_cut);
	RUN(test_show);
	RUN(test_errors);
	RUN(test_is_abs);
	UNIT_DONE();
}
