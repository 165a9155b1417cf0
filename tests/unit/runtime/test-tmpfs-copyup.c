/* Tests for runtime/tmpfs-copyup.c: the tree copy, and a tmpfs that starts with the directory's
 * contents, in a private mount namespace. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../../../runtime/mounts.h"
#include "../../../runtime/tmpfs-copyup.h"
#include "mntns.h"

static char top[PATH_MAX], rootdir[PATH_MAX * 2];

static void fill(const char *dir)
{
	char p[PATH_MAX * 3];

	make_at(dir, "a", "alpha");
	make_at(dir, "sub/", NULL);
	make_at(dir, "sub/b", "beta");
	link_at(dir, "l", "sub/b");
	snprintf(p, sizeof(p), "%s/sub/b", dir);
	chmod(p, 0640);
	if (chown(p, 7, 8) < 0)
		perror("chown");
	snprintf(p, sizeof(p), "%s/sub", dir);
	chmod(p, 0751);
	snprintf(p, sizeof(p), "%s/null", dir);
	if (mknod(p, S_IFCHR | 0600, makedev(1, 3)) < 0)
		perror("mknod");
}

static void check_copy(const char *dir)
{
	char p[PATH_MAX * 3], buf[16] = "";
	struct stat st;
	int fd;

	snprintf(p, sizeof(p), "%s/sub/b", dir);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_INT(st.st_mode & 07777, 0640);
	ASSERT_INT(st.st_uid, 7);
	ASSERT_INT(st.st_gid, 8);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	ASSERT_INT(read(fd, buf, sizeof(buf) - 1), 4);
	close(fd);
	ASSERT_STR(buf, "beta");
	snprintf(p, sizeof(p), "%s/sub", dir);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_INT(st.st_mode & 07777, 0751);
	snprintf(p, sizeof(p), "%s/l", dir);
	ASSERT_INT(readlink(p, buf, sizeof(buf)), 5);
	snprintf(p, sizeof(p), "%s/null", dir);
	ASSERT_INT(lstat(p, &st), 0);
	ASSERT_TRUE(S_ISCHR(st.st_mode));
	ASSERT_INT(st.st_rdev, makedev(1, 3));
}

static void body_copy_tree(void)
{
	char a[PATH_MAX * 2], b[PATH_MAX * 2];
	struct berr err = {0};
	int s, d;

	snprintf(a, sizeof(a), "%s/a", top);
	snprintf(b, sizeof(b), "%s/b", top);
	mkdir(a, 0755);
	mkdir(b, 0755);
	fill(a);
	s = open(a, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = open(b, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_INT(rt_copy_tree(s, d, &err), 0);
	close(s);
	close(d);
	check_copy(b);
	/* copying again collides */
	s = open(a, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = open(b, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_INT(rt_copy_tree(s, d, &err), -EEXIST);
	ASSERT_CONTAINS(err.msg, "tmpcopyup");
	close(s);
	close(d);
}

static void test_copy_tree(void)
{
	temp_dir(top);
	body_copy_tree();
	rm_tree(top);
}

static void body_copyup(void)
{
	const char *opts[] = {"tmpcopyup", "size=1m"};
	struct cfg_mount cm = {.destination = (char *)"/data",
			       .type = (char *)"tmpfs",
			       .source = (char *)"tmpfs",
			       .options = {(char **)opts, 2}};
	struct rt_root root;
	struct rt_mount_env env = {.root = &root};
	struct rt_mount m;
	struct berr err = {0};
	char p[PATH_MAX * 3], buf[4096];

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(rt_mount_from_spec(&cm, 0, &m, &err), 0);
	ASSERT_INT(rt_mount_entry(&env, &m, &err), 0);
	snprintf(p, sizeof(p), "%s/data", rootdir);
	ASSERT_CONTAINS(mountinfo_line(p, buf, sizeof(buf)), " - tmpfs tmpfs rw,size=1024k");
	check_copy(p);
	rt_mount_clear(&m);
	rt_root_close(&root);
}

static void test_tmpfs_copyup(void)
{
	char d[PATH_MAX * 3];

	temp_dir(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	mkdir(rootdir, 0755);
	snprintf(d, sizeof(d), "%s/data", rootdir);
	mkdir(d, 0755);
	fill(d);
	RUN_IN_MNTNS_THEN_RM(body_copyup, top);
}

int main(void)
{
	RUN(test_copy_tree);
	RUN(test_tmpfs_copyup);
	UNIT_DONE();
}
