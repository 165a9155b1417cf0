/* test-cli-main: the command line as main() and berth-agent run it: help lists every command,
 * global options reach the subcommand, unknown commands and options are one-line errors. */
#include <string.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

static char dir[PATH_MAX];
static struct ut_argv a;

static int cli(int argc, char **argv, struct berr *err)
{
	(void)err;
	return rt_cli_main(argc, argv);
}

static void test_help_lists_commands(void)
{
	char out[PATH_MAX], buf[8192];
	struct berr err = {0};

	ut_path(out, "%s/help.txt", dir);
	UT_ARGV(&a, "berth", "--help");
	ASSERT_INT(ut_cmd(cli, &a, out, &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strstr(buf, "usage: berth") != NULL);
	ASSERT_TRUE(strstr(buf, "  check ") != NULL);
	ASSERT_TRUE(strstr(buf, "  create ") != NULL);
}

static void test_unknown_command(void)
{
	char out[PATH_MAX], buf[4096];
	struct berr err = {0};

	ut_path(out, "%s/unknown.txt", dir);
	UT_ARGV(&a, "berth", "frobnicate");
	ASSERT_INT(ut_cmd(cli, &a, out, &err), 1);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strstr(buf, "unknown command \"frobnicate\"") != NULL);
}

static void test_unknown_global_option(void)
{
	char out[PATH_MAX], buf[4096];
	struct berr err = {0};

	ut_path(out, "%s/opt.txt", dir);
	UT_ARGV(&a, "berth", "--frob", "list");
	ASSERT_INT(ut_cmd(cli, &a, out, &err), 1);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strstr(buf, "unknown global option --frob") != NULL);
}

/* --root reaches the subcommand: list of an empty root prints only the header */
static void test_root_reaches_command(void)
{
	char out[PATH_MAX], root[PATH_MAX], buf[4096];
	struct berr err = {0};

	ut_path(out, "%s/list.txt", dir);
	ut_path(root, "%s/root", dir);
	ASSERT_INT(mkdir(root, 0700), 0);
	UT_ARGV(&a, "berth", "--root", root, "list", "-q");
	ASSERT_INT(ut_cmd(cli, &a, out, &err), 0);
	ASSERT_INT((int)ut_read_file(out, buf, sizeof(buf)), 0);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_help_lists_commands);
	RUN(test_unknown_command);
	RUN(test_unknown_global_option);
	RUN(test_root_reaches_command);
	ut_rmrf(dir);
	UNIT_DONE();
}
