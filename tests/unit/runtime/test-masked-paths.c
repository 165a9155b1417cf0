/* Tests for runtime/masked-paths.c: masking files and directories and read-only paths, in a
 * private mount namespace. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../../../runtime/masked-paths.h"
#include "mntns.h"

static char top[PATH_MAX];

static const char *at(const char *rel, char *buf)
{
	snprintf(buf, PATH_MAX * 2, "%s/%s", top, rel);
	return buf;
}

static void body_mask(void)
{
	char p[PATH_MAX * 2], buf[4096], data[16] = "";
	struct berr err = {0};
	struct stat st;
	int fd;

	ASSERT_INT(rt_mask_path(at("secret", p), NULL, &err), 0);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_INT(st.st_rdev, makedev(1, 3));
	fd = open(p, O_RDONLY | O_CLOEXEC);
	ASSERT_INT(read(fd, data, sizeof(data)), 0);
	close(fd);
	/* a directory gets an empty read-only tmpfs */
	ASSERT_INT(rt_mask_path(at("dir", p), NULL, &err), 0);
	ASSERT_CONTAINS(mountinfo_line(p, buf, sizeof(buf)), " ro,relatime - tmpfs tmpfs ro");
	ASSERT_INT(stat(at("dir/inner", p), &st), -1);
	/* a missing path is fine */
	ASSERT_INT(rt_mask_path(at("nothere", p), NULL, &err), 0);
	/* a label goes into the tmpfs options, which this kernel refuses without SELinux */
	if (access("/sys/fs/selinux", F_OK) != 0) {
		ASSERT_INT(rt_mask_path(at("dir2", p), "system_u:object_r:x:s0", &err), -EINVAL);
		ASSERT_CONTAINS(err.msg, "mask directory");
	}
}

static void test_mask(void)
{
	temp_dir(top);
	make_at(top, "secret", "password");
	make_at(top, "dir/", NULL);
	make_at(top, "dir/inner", "x");
	make_at(top, "dir2/", NULL);
	RUN_IN_MNTNS_THEN_RM(body_mask, top);
}

static void body_readonly(void)
{
	char p[PATH_MAX * 2], buf[4096];
	struct berr err = {0};
	int fd;

	ASSERT_INT(mount("tmpfs", at("ro", p), "tmpfs", MS_NOSUID | MS_NOEXEC, "size=1m"), 0);
	make_at(top, "ro/f", "x");
	ASSERT_INT(rt_readonly_path(p, &err), 0);
	/* nosuid and noexec are kept */
	ASSERT_CONTAINS(mountinfo_line(p, buf, sizeof(buf)), " ro,nosuid,noexec");
	fd = open(at("ro/f", p), O_WRONLY | O_CLOEXEC);
	ASSERT_INT(fd < 0 ? errno : 0, EROFS);
	/* a file works too, and a missing path is fine */
	ASSERT_INT(rt_readonly_path(at("file", p), &err), 0);
	fd = open(p, O_WRONLY | O_CLOEXEC);
	ASSERT_INT(fd < 0 ? errno : 0, EROFS);
	ASSERT_INT(rt_readonly_path(at("nothere", p), &err), 0);
}

static void test_readonly(void)
{
	temp_dir(top);
	make_at(top, "ro/", NULL);
	make_at(top, "file", "x");
	RUN_IN_MNTNS_THEN_RM(body_readonly, top);
}

int main(void)
{
	RUN(test_mask);
	RUN(test_readonly);
	UNIT_DONE();
}
