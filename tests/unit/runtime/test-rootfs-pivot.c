/* Tests for runtime/rootfs-pivot.c: pivot_root and the --no-pivot move, in a private mount
 * namespace on a temp rootfs. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../runtime/rootfs-pivot.h"
#include "mntns.h"

static char top[PATH_MAX], rootdir[PATH_MAX * 2];

static void mk_root(void)
{
	temp_dir(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	mkdir(rootdir, 0755);
	make_at(rootdir, "marker", "inside");
	make_at(rootdir, "proc/", NULL);
}

static void check_inside(void)
{
	char cwd[PATH_MAX], buf[4096], want[PATH_MAX * 3];
	struct stat st;

	ASSERT_INT(stat("/marker", &st), 0);
	ASSERT_TRUE(getcwd(cwd, sizeof(cwd)) != NULL);
	ASSERT_STR(cwd, "/");
	ASSERT_TRUE(stat(top, &st) < 0);
	/* only the rootfs and what is under it is left */
	ASSERT_INT(mount("proc", "/proc", "proc", 0, NULL), 0);
	snprintf(want, sizeof(want), " %s / ", rootdir);
	ASSERT_CONTAINS(mountinfo_line("/", buf, sizeof(buf)), want);
	ASSERT_STR(mountinfo_line("/tmp", buf, sizeof(buf)), "");
}

static void body_pivot(void)
{
	struct berr err = {0};

	ASSERT_INT(mount(rootdir, rootdir, NULL, MS_BIND | MS_REC, NULL), 0);
	ASSERT_INT(rt_pivot_root(rootdir, &err), 0);
	check_inside();
}

static void test_pivot(void)
{
	mk_root();
	RUN_IN_MNTNS_THEN_RM(body_pivot, top);
}

static void body_move(void)
{
	struct berr err = {0};

	ASSERT_INT(mount(rootdir, rootdir, NULL, MS_BIND | MS_REC, NULL), 0);
	ASSERT_INT(chdir(rootdir), 0);
	ASSERT_INT(rt_move_root(rootdir, &err), 0);
	check_inside();
}

static void test_move_root(void)
{
	mk_root();
	RUN_IN_MNTNS_THEN_RM(body_move, top);
}

static void body_errors(void)
{
	struct berr err = {0};

	ASSERT_INT(rt_pivot_root("/nonexistent/rootfs", &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "/nonexistent/rootfs");
	/* not a mount point: pivot_root refuses */
	ASSERT_TRUE(rt_pivot_root(rootdir, &err) < 0);
	ASSERT_CONTAINS(err.msg, "pivot_root into");
}

static void test_errors(void)
{
	mk_root();
	RUN_IN_MNTNS_THEN_RM(body_errors, top);
}

int main(void)
{
	RUN(test_pivot);
	RUN(test_move_root);
	RUN(test_errors);
	UNIT_DONE();
}
