/* Tests for runtime/dev-setup.c: device nodes, links and the /dev bind rule, on a temp rootfs. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../../../runtime/dev-setup.h"
#include "mntns.h"

static char top[PATH_MAX], rootdir[PATH_MAX * 2];

static void mk_root(void)
{
	temp_dir(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	mkdir(rootdir, 0755);
	make_at(rootdir, "dev/", NULL);
}

static int node(const char *rel, struct stat *st)
{
	char p[PATH_MAX * 3];

	snprintf(p, sizeof(p), "%s%s", rootdir, rel);
	return lstat(p, st);
}

static void test_needs_setup(void)
{
	const char *rbind[] = {"rbind", "nosuid"}, *none[] = {"nosuid"};
	struct cfg_mount m[2] = {
		{.destination = (char *)"/dev",
		 .type = (char *)"tmpfs",
		 .options = {(char **)none, 1}},
		{.destination = (char *)"/dev/",
		 .type = (char *)"none",
		 .options = {(char **)rbind, 2}},
	};
	struct cfg_spec s = {.mounts = m, .n_mounts = 1};

	ASSERT_TRUE(rt_dev_needs_setup(&s));
	s.n_mounts = 2;
	ASSERT_TRUE(!rt_dev_needs_setup(&s));
}

static void body_nodes(void)
{
	struct cfg_device devs[] = {
		{.path = (char *)"/dev/fuse",
		 .type = 'c',
		 .major = 10,
		 .minor = 229,
		 .file_mode = {true, 0600},
		 .uid = {true, 5},
		 .gid = {true, 6}},
		{.path = (char *)"/dev/x/sda", .type = 'b', .major = 8, .minor = 0},
		{.path = (char *)"/dev/null",
		 .type = 'c',
		 .major = 1,
		 .minor = 3,
		 .file_mode = {true, 0644}},
		{.path = (char *)"/dev/fifo", .type = 'p'},
		{.path = (char *)"/dev/uu",
		 .type = 'u',
		 .major = 1,
		 .minor = 3,
		 .file_mode = {true, S_IFIFO | 0640}},
		{.path = (char *)"/dev/ptmx", .type = 'c', .major = 5, .minor = 2},
	};
	struct cfg_spec s = {.linux_ = {.devices = devs, .n_devices = 6}};
	struct rt_root root;
	struct berr err = {0};
	struct stat st;
	mode_t old = umask(077);

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(rt_dev_create_nodes(&root, &s, false, &err), 0);
	ASSERT_INT(umask(old), 077); /* restored */
	ASSERT_INT(node("/dev/zero", &st), 0);
	ASSERT_INT(st.st_mode, S_IFCHR | 0666);
	ASSERT_INT(st.st_rdev, makedev(1, 5));
	ASSERT_INT(node("/dev/tty", &st), 0);
	ASSERT_INT(st.st_rdev, makedev(5, 0));
	ASSERT_INT(node("/dev/fuse", &st), 0);
	ASSERT_INT(st.st_mode, S_IFCHR | 0600);
	ASSERT_INT(st.st_uid, 5);
	ASSERT_INT(st.st_gid, 6);
	ASSERT_INT(node("/dev/x/sda", &st), 0);
	ASSERT_INT(st.st_mode, S_IFBLK | 0666);
	/* the spec's /dev/null replaces the default one */
	ASSERT_INT(node("/dev/null", &st), 0);
	ASSERT_INT(st.st_mode, S_IFCHR | 0644);
	ASSERT_INT(node("/dev/fifo", &st), 0);
	ASSERT_INT(st.st_mode, S_IFIFO | 0666);
	/* "u" is a character device; the type bits of fileMode are dropped */
	ASSERT_INT(node("/dev/uu", &st), 0);
	ASSERT_INT(st.st_mode, S_IFCHR | 0640);
	ASSERT_INT(node("/dev/ptmx", &st), -1);
	/* again: existing nodes are kept */
	ASSERT_INT(rt_dev_create_nodes(&root, &s, false, &err), 0);
	devs[0].type = 'x';
	ASSERT_INT(rt_dev_create_nodes(&root, &s, false, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "linux.devices[0]");
	ASSERT_CONTAINS(err.msg, "x is not a valid device type");
	rt_root_close(&root);
}

static void test_nodes(void)
{
	mk_root();
	body_nodes();
	rm_tree(top);
}

static void body_links(void)
{
	struct rt_root root;
	struct berr err = {0};
	char p[PATH_MAX * 3], buf[64];
	struct stat st;
	ssize_t n;

	make_at(rootdir, "dev/ptmx", "old");
	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(rt_dev_create_links(&root, &err), 0);
	snprintf(p, sizeof(p), "%s/dev/ptmx", rootdir);
	n = readlink(p, buf, sizeof(buf) - 1);
	buf[n < 0 ? 0 : n] = '\0';
	ASSERT_STR(buf, "pts/ptmx");
	snprintf(p, sizeof(p), "%s/dev/stderr", rootdir);
	n = readlink(p, buf, sizeof(buf) - 1);
	buf[n < 0 ? 0 : n] = '\0';
	ASSERT_STR(buf, "/proc/self/fd/2");
	ASSERT_INT(node("/dev/core", &st), stat("/proc/kcore", &st) == 0 ? 0 : -1);
	/* existing links are fine, as with runc */
	ASSERT_INT(rt_dev_create_links(&root, &err), 0);
	rt_root_close(&root);
}

static void test_links(void)
{
	mk_root();
	body_links();
	rm_tree(top);
}

static void body_bind_nodes(void)
{
	struct cfg_spec s = {0};
	struct rt_root root;
	struct berr err = {0};
	char p[PATH_MAX * 3], buf[4096];
	struct stat st;

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(rt_dev_create_nodes(&root, &s, true, &err), 0);
	ASSERT_INT(node("/dev/null", &st), 0);
	ASSERT_TRUE(S_ISCHR(st.st_mode));
	snprintf(p, sizeof(p), "%s/dev/urandom", rootdir);
	ASSERT_CONTAINS(mountinfo_line(p, buf, sizeof(buf)), " /urandom ");
	rt_root_close(&root);
}

static void test_bind_nodes(void)
{
	mk_root();
	RUN_IN_MNTNS_THEN_RM(body_bind_nodes, top);
}

int main(void)
{
	RUN(test_needs_setup);
	RUN(test_nodes);
	RUN(test_links);
	RUN(test_bind_nodes);
	UNIT_DONE();
}
