/* test-cmd-ps: `berth ps` lists a real container's processes: -f json prints their pids,
 * the table is ps(1)'s header plus only their lines (with the user's ps options after the
 * id); a bad format, ps output without a PID column and a missing container fail. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;

static void test_ps(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	char buf[16384], want[64];
	struct berr err = {0};
	pid_t pid = cg_live_container(root, "ps1", "", cg);

	if (pid < 0) {
		printf("# skipped: no v1 cgroups here\n");
		return;
	}
	UT_ARGV(&a, "ps", "-f", "json", "ps1");
	ASSERT_INT(ut_cmd(rt_cmd_ps, &a, out, &err), 0);
	ut_read_file(out, buf, sizeof(buf));
	(void)snprintf(want, sizeof(want), "[%d]\n", pid);
	ASSERT_STR(buf, want);
	UT_ARGV(&a, "ps", "ps1");
	ASSERT_INT(ut_cmd(rt_cmd_ps, &a, out, &err), 0);
	ut_read_file(out, buf, sizeof(buf));
	ASSERT_TRUE(!strncmp(buf, "UID ", 4));
	(void)snprintf(want, sizeof(want), " %d ", pid);
	ASSERT_CONTAINS(buf, want);
	ASSERT_INT(strchr(strchr(buf, '\n') + 1, '\n')[1], '\0'); /* header + one line */
	UT_ARGV(&a, "ps", "--format", "table", "ps1", "-o", "pid,comm");
	ASSERT_INT(ut_cmd(rt_cmd_ps, &a, out, &err), 0);
	ut_read_file(out, buf, sizeof(buf));
	(void)snprintf(want, sizeof(want), "%d test-cmd-ps\n", pid);
	ASSERT_CONTAINS(buf, "PID COMMAND\n");
	ASSERT_CONTAINS(buf, want);
	UT_ARGV(&a, "ps", "ps1", "-o", "comm");
	ASSERT_INT(ut_cmd(rt_cmd_ps, &a, out, &err), -EIO);
	ASSERT_STR(err.msg, "ps: no PID column in its output");
	UT_ARGV(&a, "ps", "ps1", "--no-such-ps-option");
	ASSERT_INT(ut_cmd(rt_cmd_ps, &a, out, &err), -EIO);
	ASSERT_CONTAINS(err.msg, "ps: ");
	cg_end_container(root, "ps1", pid, cg);
}

static void test_usage(void)
{
	struct berr err = {0};

	UT_ARGV(&a, "ps", "-f", "yaml", "x");
	ASSERT_INT(ut_cmd(rt_cmd_ps, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "--format: unknown format \"yaml\" (table or json)");
	UT_ARGV(&a, "ps");
	ASSERT_INT(ut_cmd(rt_cmd_ps, &a, NULL, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "ps requires at least 1 argument");
	UT_ARGV(&a, "ps", "nope");
	ASSERT_INT(ut_cmd(rt_cmd_ps, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: nope");
}

int main(void)
{
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(out, "%s/out", dir);
	arg_global.root = root;
	RUN(test_ps);
	RUN(test_usage);
	ut_rmrf(dir);
	UNIT_DONE();
}
