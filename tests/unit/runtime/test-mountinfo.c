/* Tests for runtime/mountinfo.c: parsing proc(5) mountinfo lines. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../../runtime/mountinfo.h"
#include "unit.h"

static void test_parse_lines(void)
{
	char text[] =
		"22 27 0:21 / /proc rw,relatime shared:5 - proc proc rw\n"
		"73 72 0:29 /t1 /sys/fs/cgroup/cpu ro,nosuid master:3 shared:9 - cgroup cgroup "
		"rw,cpu\n"
		"27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n";
	struct rt_mountinfo_table t = {0};
	struct berr err = {0};

	ASSERT_INT(rt_mountinfo_parse(text, &t, &err), 0);
	ASSERT_INT(t.n, 3);
	ASSERT_INT(t.v[0].id, 22);
	ASSERT_INT(t.v[0].parent, 27);
	ASSERT_STR(t.v[0].mount_point, "/proc");
	ASSERT_STR(t.v[0].optional, "shared:5");
	ASSERT_STR(t.v[0].fstype, "proc");
	ASSERT_STR(t.v[1].root, "/t1");
	ASSERT_STR(t.v[1].mount_opts, "ro,nosuid");
	ASSERT_STR(t.v[1].optional, "master:3 shared:9");
	ASSERT_STR(t.v[1].super_opts, "rw,cpu");
	ASSERT_STR(t.v[2].optional, "");
	ASSERT_STR(t.v[2].source, "/dev/vda");
	ASSERT_STR(t.v[2].super_opts, "rw,discard");
	free(t.v);
}

static void test_unescapes_paths(void)
{
	char text[] = "80 27 0:50 / /tmp/a\\040b\\011c\\134d rw - tmpfs my\\040src rw\n";
	struct rt_mountinfo_table t = {0};
	struct berr err = {0};

	ASSERT_INT(rt_mountinfo_parse(text, &t, &err), 0);
	ASSERT_STR(t.v[0].mount_point, "/tmp/a b\tc\\d");
	ASSERT_STR(t.v[0].source, "my src");
	free(t.v);
}

static void test_malformed_line(void)
{
	char text[] = "22 27 0:21 / /proc rw,relatime shared:5 proc proc rw\n";
	struct rt_mountinfo_table t = {0};
	struct berr err = {0};

	ASSERT_INT(rt_mountinfo_parse(text, &t, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "malformed line 1");
}

static void test_reads_own_table(void)
{
	struct rt_mountinfo_table t = {0};
	struct berr err = {0};
	bool root = false;
	size_t i;

	ASSERT_INT(rt_mountinfo_read("/proc/self/mountinfo", &t, &err), 0);
	for (i = 0; i < t.n; i++)
		root |= strcmp(t.v[i].mount_point, "/") == 0;
	ASSERT_TRUE(root);
	rt_mountinfo_free(&t);
	ASSERT_INT(rt_mountinfo_read("/nonexistent/mountinfo", &t, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "/nonexistent/mountinfo");
}

static void test_option_lists(void)
{
	ASSERT_TRUE(rt_opt_list_has("rw,cpu,cpuacct", "cpu"));
	ASSERT_TRUE(rt_opt_list_has("rw,cpu,cpuacct", "cpuacct"));
	ASSERT_TRUE(!rt_opt_list_has("rw,cpuacct", "cpu"));
	ASSERT_TRUE(!rt_opt_list_has("", "rw"));
}

static void test_path_prefix_by_components(void)
{
	ASSERT_TRUE(rt_path_has_prefix("/a/b", "/"));
	ASSERT_TRUE(rt_path_has_prefix("/a/b", "/a"));
	ASSERT_TRUE(rt_path_has_prefix("/a/b", "/a/b"));
	ASSERT_TRUE(!rt_path_has_prefix("/ab", "/a"));
	ASSERT_TRUE(!rt_path_has_prefix("/a", "/a/b"));
}

int main(void)
{
	RUN(test_parse_lines);
	RUN(test_unescapes_paths);
	RUN(test_malformed_line);
	RUN(test_reads_own_table);
	RUN(test_option_lists);
	RUN(test_path_prefix_by_components);
	UNIT_DONE();
}
