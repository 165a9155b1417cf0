/* test-cmd-features: `berth features` prints valid runtime-spec features.md JSON listing
 * what this build implements. */
#include <string.h>
#include <yajl/yajl_tree.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX];
static struct ut_argv a;

static bool array_has(yajl_val root, const char **path, const char *want, size_t *ret_n)
{
	yajl_val v = yajl_tree_get(root, path, yajl_t_array);
	size_t i;
	bool found = false;

	*ret_n = v ? YAJL_GET_ARRAY(v)->len : 0;
	for (i = 0; v && i < YAJL_GET_ARRAY(v)->len; i++) {
		const char *s = YAJL_GET_STRING(YAJL_GET_ARRAY(v)->values[i]);

		found = found || (s && !strcmp(s, want));
	}
	return found;
}

static const char *get_str(yajl_val root, const char **path)
{
	yajl_val v = yajl_tree_get(root, path, yajl_t_string);

	return v ? YAJL_GET_STRING(v) : NULL;
}

static void test_valid_json(void)
{
	const char *oci_min[] = {"ociVersionMin", NULL}, *oci_max[] = {"ociVersionMax", NULL};
	const char *ns[] = {"linux", "namespaces", NULL};
	const char *caps[] = {"linux", "capabilities", NULL};
	const char *mopts[] = {"mountOptions", NULL};
	const char *hooks[] = {"hooks", NULL};
	const char *seccomp[] = {"linux", "seccomp", "enabled", NULL};
	const char *ver[] = {"annotations", "io.github.berth.version", NULL};
	const char *iso[] = {"annotations", "io.github.berth.isolation", NULL};
	char out[PATH_MAX], buf[16384], ebuf[256];
	struct berr err = {0};
	yajl_val root;
	size_t n_ns = 0, n_caps = 0, n_opts = 0, n_hooks = 99;
	bool ok;

	ut_path(out, "%s/features.json", dir);
	UT_ARGV(&a, "features");
	ASSERT_INT(ut_cmd(rt_cmd_features, &a, out, &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	root = yajl_tree_parse(buf, ebuf, sizeof(ebuf));
	if (!root)
		ASSERT_STR(ebuf, "(valid JSON)");
	ok = get_str(root, oci_min) && !strcmp(get_str(root, oci_min), "1.0.0") &&
	     get_str(root, oci_max) && !strcmp(get_str(root, oci_max), "1.2.0") &&
	     array_has(root, ns, "user", &n_ns) && array_has(root, ns, "cgroup", &n_ns) &&
	     array_has(root, caps, "CAP_CHOWN", &n_caps) &&
	     array_has(root, caps, "CAP_SYS_ADMIN", &n_caps) &&
	     array_has(root, mopts, "rbind", &n_opts) && array_has(root, mopts, "ro", &n_opts) &&
	     array_has(root, hooks, "createRuntime", &n_hooks) && n_hooks == 6 &&
	     YAJL_IS_TRUE(yajl_tree_get(root, seccomp, yajl_t_any)) && get_str(root, ver) &&
	     !strcmp(get_str(root, ver), BERTH_VERSION) && get_str(root, iso) &&
	     !strcmp(get_str(root, iso), "container,vm");
	yajl_tree_free(root);
	ASSERT_TRUE(ok);
	ASSERT_INT(n_ns, 8);
	ASSERT_TRUE(n_caps >= 38); /* CAP_CHOWN .. CAP_CHECKPOINT_RESTORE (40) */
	ASSERT_TRUE(!strstr(buf, "CAP_CAP_"));
}

/* every capability is named the runtime-spec way */
static void test_capability_names(void)
{
	const char *caps[] = {"linux", "capabilities", NULL};
	char out[PATH_MAX], buf[16384], ebuf[256];
	struct berr err = {0};
	yajl_val root, v;
	size_t i;
	bool ok = true;

	ut_path(out, "%s/features2.json", dir);
	UT_ARGV(&a, "features");
	ASSERT_INT(ut_cmd(rt_cmd_features, &a, out, &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	root = yajl_tree_parse(buf, ebuf, sizeof(ebuf));
	ASSERT_TRUE(root != NULL);
	v = yajl_tree_get(root, caps, yajl_t_array);
	for (i = 0; v && i < YAJL_GET_ARRAY(v)->len; i++) {
		const char *s = YAJL_GET_STRING(YAJL_GET_ARRAY(v)->values[i]);

		ok = ok && s && !strncmp(s, "CAP_", 4) && strlen(s) > 4 &&
		     strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == strlen(s);
	}
	yajl_tree_free(root);
	ASSERT_TRUE(v != NULL);
	ASSERT_TRUE(ok);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_valid_json);
	RUN(test_capability_names);
	ut_rmrf(dir);
	UNIT_DONE();
}
