/* test-cmd-spec: `berth spec` writes a config.json that berth's own parser accepts (runc's
 * defaults), --rootless maps the caller into a user namespace, and it never overwrites. */
#include <errno.h>
#include <string.h>

#include "../../../config/spec.h"
#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX];
static struct ut_argv a;

/* Parses <bundle>/config.json; NULL when it does not parse (err says why). */
static struct cfg_spec *load(const char *bundle, struct berr *err)
{
	char p[PATH_MAX], text[16384];
	struct cfg_spec *s = NULL;
	ssize_t n;

	ut_path(p, "%s/config.json", bundle);
	n = ut_read_file(p, text, sizeof(text));
	if (n <= 0 || cfg_spec_parse(text, (size_t)n, &s, err) < 0)
		return NULL;
	return s;
}

static void test_default_spec(void)
{
	char b[PATH_MAX], p[PATH_MAX];
	struct berr err = {0};
	struct cfg_spec *s;
	struct stat st;
	bool ok;

	ut_path(b, "%s/default", dir);
	ASSERT_INT(mkdir(b, 0755), 0);
	UT_ARGV(&a, "spec", "--bundle", b);
	ASSERT_INT(ut_cmd(rt_cmd_spec, &a, NULL, &err), 0);
	ut_path(p, "%s/config.json", b);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_INT(st.st_mode & 0777, 0644); /* 0666 less the umask */
	s = load(b, &err);
	ASSERT_STR(err.msg, "");
	ASSERT_TRUE(s != NULL);
	ok = !strcmp(s->oci_version, "1.2.0") && !strcmp(s->root_path, "rootfs") &&
	     s->root_readonly && s->has_process && s->process.terminal && s->process.args.n == 1 &&
	     !strcmp(s->process.args.v[0], "sh") && !strcmp(s->process.cwd, "/") &&
	     s->process.no_new_privileges && !strcmp(s->hostname, "berth") && s->n_mounts == 7 &&
	     cfg_ns_find(s, CFG_NS_NETWORK) && cfg_ns_find(s, CFG_NS_MOUNT) &&
	     cfg_ns_find(s, CFG_NS_PID) && !cfg_ns_find(s, CFG_NS_USER) &&
	     !s->linux_.n_uid_mappings && s->process.n_rlimits == 1 &&
	     s->process.caps.mask_bounding == ((1ULL << 29) | (1ULL << 5) | (1ULL << 10)) &&
	     s->linux_.masked_paths.n == 10 && s->linux_.readonly_paths.n == 5;
	cfg_spec_free(s);
	ASSERT_TRUE(ok);
}

static void test_rootless_spec(void)
{
	char b[PATH_MAX];
	struct berr err = {0};
	struct cfg_spec *s;
	bool ok;

	ut_path(b, "%s/rootless", dir);
	ASSERT_INT(mkdir(b, 0755), 0);
	UT_ARGV(&a, "spec", "-rootless", "-bundle", b);
	ASSERT_INT(ut_cmd(rt_cmd_spec, &a, NULL, &err), 0);
	s = load(b, &err);
	ASSERT_STR(err.msg, "");
	ASSERT_TRUE(s != NULL);
	ok = cfg_ns_find(s, CFG_NS_USER) && !cfg_ns_find(s, CFG_NS_NETWORK) &&
	     s->linux_.n_uid_mappings == 1 && s->linux_.uid_mappings[0].container_id == 0 &&
	     s->linux_.uid_mappings[0].host_id == getuid() && s->linux_.uid_mappings[0].size == 1 &&
	     s->linux_.n_gid_mappings == 1 && s->linux_.gid_mappings[0].host_id == getgid();
	/* /sys is bound from the host, not a new sysfs */
	for (size_t i = 0; ok && i < s->n_mounts; i++)
		if (!strcmp(s->mounts[i].destination, "/sys"))
			ok = !strcmp(s->mounts[i].source, "/sys") &&
			     !strcmp(s->mounts[i].options.v[0], "rbind");
	cfg_spec_free(s);
	ASSERT_TRUE(ok);
}

static void test_cwd_is_default_bundle(void)
{
	char b[PATH_MAX], cwd[PATH_MAX], p[PATH_MAX];
	struct berr err = {0};
	int r;

	ut_path(b, "%s/cwd", dir);
	ASSERT_INT(mkdir(b, 0755), 0);
	ASSERT_TRUE(getcwd(cwd, sizeof(cwd)) != NULL);
	ASSERT_INT(chdir(b), 0);
	UT_ARGV(&a, "spec");
	r = ut_cmd(rt_cmd_spec, &a, NULL, &err);
	ASSERT_INT(chdir(cwd), 0);
	ASSERT_INT(r, 0);
	ut_path(p, "%s/config.json", b);
	ASSERT_INT(access(p, F_OK), 0);
}

static void test_never_overwrites(void)
{
	char b[PATH_MAX], p[PATH_MAX], buf[64], want[PATH_MAX];
	struct berr err = {0};

	ut_path(b, "%s/exists", dir);
	ASSERT_INT(mkdir(b, 0755), 0);
	ut_path(p, "%s/config.json", b);
	ASSERT_INT(ut_write_file(p, "mine", 0600), 0);
	UT_ARGV(&a, "spec", "--bundle", b);
	ASSERT_INT(ut_cmd(rt_cmd_spec, &a, NULL, &err), -EEXIST);
	ut_path(want, "%s/config.json exists; remove it first", b);
	ASSERT_STR(err.msg, want);
	ASSERT_TRUE(ut_read_file(p, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "mine");
	/* not through a symlink either */
	ut_path(b, "%s/link", dir);
	ASSERT_INT(mkdir(b, 0755), 0);
	ut_path(want, "%s/config.json", b);
	ut_path(p, "%s/elsewhere.json", dir);
	ASSERT_INT(symlink(p, want), 0);
	UT_ARGV(&a, "spec", "--bundle", b);
	ASSERT_INT(ut_cmd(rt_cmd_spec, &a, NULL, &err), -EEXIST);
	ASSERT_TRUE(access(p, F_OK) < 0);
}

static void test_errors(void)
{
	struct berr err = {0};
	char buf[600];

	UT_ARGV(&a, "spec", "--bundle", "/nonexistent-bundle");
	ASSERT_INT(ut_cmd(rt_cmd_spec, &a, NULL, &err), -ENOENT);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "--bundle: /nonexistent-bundle: No such file or directory");
	UT_ARGV(&a, "spec", "--bogus");
	ASSERT_INT(ut_cmd(rt_cmd_spec, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "spec: unknown option --bogus");
	UT_ARGV(&a, "spec", "extra");
	ASSERT_INT(ut_cmd(rt_cmd_spec, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "berth spec [--bundle DIR] [--rootless] requires exactly 0 arguments "
			    "(usage: berth spec [--bundle DIR] [--rootless])");
}

int main(void)
{
	(void)umask(022);
	ut_tmpdir(dir);
	RUN(test_default_spec);
	RUN(test_rootless_spec);
	RUN(test_cwd_is_default_bundle);
	RUN(test_never_overwrites);
	RUN(test_errors);
	ut_rmrf(dir);
	UNIT_DONE();
}
