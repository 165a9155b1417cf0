/* test-cmd-version: `berth version` prints berth's version and commit, the spec version and
 * libseccomp's. */
#include <seccomp.h>
#include <string.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX];
static struct ut_argv a;

static void test_output(void)
{
	const struct scmp_version *v = seccomp_version();
	char out[PATH_MAX], buf[1024], want[256], *commit, *rest;
	struct berr err = {0};

	ut_path(out, "%s/version.txt", dir);
	UT_ARGV(&a, "version");
	ASSERT_INT(ut_cmd(rt_cmd_version, &a, out, &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(v != NULL);
	/* the commit is baked into the library object when it was built: any non-empty one */
	ASSERT_TRUE(strncmp(buf, "berth version " BERTH_VERSION "\ncommit: ",
			    strlen("berth version " BERTH_VERSION "\ncommit: ")) == 0);
	commit = buf + strlen("berth version " BERTH_VERSION "\ncommit: ");
	rest = strchr(commit, '\n');
	ASSERT_TRUE(rest && rest > commit);
	(void)snprintf(want, sizeof(want), "\nspec: 1.2.0\nlibseccomp: %u.%u.%u\n", v->major,
		       v->minor, v->micro);
	ASSERT_STR(rest, want);
}

/* main() calls it as `berth -v` with no argv at all */
static void test_without_argv(void)
{
	char out[PATH_MAX], buf[1024];
	struct berr err = {0};
	int saved, r;

	ut_path(out, "%s/version2.txt", dir);
	saved = ut_capture_begin(STDOUT_FILENO, out);
	r = rt_cmd_version(0, NULL, &err);
	ut_capture_end(STDOUT_FILENO, saved);
	ASSERT_INT(r, 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strncmp(buf, "berth version " BERTH_VERSION "\n", 15 + strlen(BERTH_VERSION)) ==
		    0);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_output);
	RUN(test_without_argv);
	ut_rmrf(dir);
	UNIT_DONE();
}
