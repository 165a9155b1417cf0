/* Tests for runtime/path-in-root.c against a temp tree with hostile symlinks, through openat2 and
 * through the O_PATH walk. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../runtime/path-in-root.h"
#include "mntns.h"

static char top[PATH_MAX], rootdir[PATH_MAX * 2];
static struct rt_root root;

static void make_tree(void)
{
	char outside[PATH_MAX * 2];

	temp_dir(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	snprintf(outside, sizeof(outside), "%s/outside", top);
	mkdir(rootdir, 0755);
	mkdir(outside, 0755);
	make_at(rootdir, "etc/", NULL);
	make_at(rootdir, "etc/passwd", "root:x:0:0\n");
	make_at(rootdir, "file", "x");
	link_at(rootdir, "abs", "/etc");
	link_at(rootdir, "up", "../../../../../etc");
	link_at(rootdir, "dangling", "/newdir/sub");
	link_at(rootdir, "escape", "../outside");
	link_at(rootdir, "loop1", "loop2");
	link_at(rootdir, "loop2", "loop1");
	link_at(rootdir, "self", "/proc/self/root");
}

/* Opens path in mode and returns where it landed, or the error as "-errno". */
static const char *landed(const char *path, unsigned mode, char *buf, size_t len)
{
	struct berr err = {0};
	int fd = rt_path_open(&root, path, mode, &err);

	if (fd < 0) {
		snprintf(buf, len, "%d", fd);
		return buf;
	}
	if (rt_path_check(&root, fd, buf, len, &err) < 0)
		snprintf(buf, len, "check: %s", err.msg);
	close(fd);
	return buf;
}

static void check_modes(unsigned walk)
{
	char buf[PATH_MAX], out[PATH_MAX * 4];
	struct stat st;

	ASSERT_STR(landed("/abs/passwd", walk, buf, sizeof(buf)), "/etc/passwd");
	ASSERT_STR(landed("up/passwd", walk, buf, sizeof(buf)), "/etc/passwd");
	ASSERT_STR(landed("/../../../etc/./passwd", walk, buf, sizeof(buf)), "/etc/passwd");
	ASSERT_STR(landed("/", walk, buf, sizeof(buf)), "/");
	ASSERT_STR(landed("/loop1", walk, buf, sizeof(buf)), "-40");  /* ELOOP */
	ASSERT_STR(landed("/file/x", walk, buf, sizeof(buf)), "-20"); /* ENOTDIR */
	ASSERT_STR(landed("/file", walk | RT_PIR_MKDIR, buf, sizeof(buf)), "-20");
	ASSERT_STR(landed("/nothere", walk, buf, sizeof(buf)), "-2");
	/* a dangling absolute link is created inside the root */
	ASSERT_STR(landed("/dangling", walk | RT_PIR_MKDIR, buf, sizeof(buf)), "/newdir/sub");
	ASSERT_TRUE(stat("/newdir", &st) < 0);
	/* a relative link out of the root lands on the same name inside it */
	ASSERT_STR(landed("/escape/x", walk | RT_PIR_MKDIR, buf, sizeof(buf)), "/outside/x");
	snprintf(out, sizeof(out), "%s/outside/x", top);
	ASSERT_TRUE(stat(out, &st) < 0);
	ASSERT_STR(landed("/self/x", walk | RT_PIR_MKDIR, buf, sizeof(buf)), "/proc/self/root/x");
	ASSERT_STR(landed("/a/b/c", walk | RT_PIR_MKFILE, buf, sizeof(buf)), "/a/b/c");
	snprintf(out, sizeof(out), "%s/a/b/c", rootdir);
	ASSERT_INT(stat(out, &st), 0);
	ASSERT_TRUE(S_ISREG(st.st_mode));
	ASSERT_INT(st.st_size, 0);
	/* an existing file satisfies MKFILE, an existing dir MKDIR */
	ASSERT_STR(landed("/abs/passwd", walk | RT_PIR_MKFILE, buf, sizeof(buf)), "/etc/passwd");
	ASSERT_STR(landed("/abs", walk | RT_PIR_MKDIR, buf, sizeof(buf)), "/etc");
	/* a missing component followed by ".." is a directory, not the final file */
	ASSERT_STR(landed("/d1/../f1", walk | RT_PIR_MKFILE, buf, sizeof(buf)), "/f1");
	snprintf(out, sizeof(out), "%s/d1", rootdir);
	ASSERT_INT(stat(out, &st), 0);
	ASSERT_TRUE(S_ISDIR(st.st_mode));
}

/* Runs body on a fresh tree opened as the root, then removes the tree whatever body found. */
static void with_tree(void (*body)(void))
{
	make_tree();
	if (rt_root_open(&root, rootdir, &(struct berr){0}) == 0) {
		body();
		rt_root_close(&root);
	} else {
		printf("# cannot open %s\n", rootdir);
		unit_failed = true;
	}
	rm_tree(top);
}

static void body_openat2(void)
{
	check_modes(0);
}

static void body_walk(void)
{
	check_modes(RT_PIR_WALK);
}

static void test_openat2(void)
{
	with_tree(body_openat2);
}

static void test_walk(void)
{
	with_tree(body_walk);
}

static void body_resolve_keeps_missing_parts(void)
{
	char buf[PATH_MAX];
	struct berr err = {0};

	ASSERT_INT(rt_path_resolve(&root, "/up/passwd", buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "/etc/passwd");
	ASSERT_INT(rt_path_resolve(&root, "/dangling/../x", buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "/newdir/x");
	ASSERT_INT(rt_path_resolve(&root, "/no/such/../../abs/y", buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "/etc/y");
	ASSERT_INT(rt_path_resolve(&root, "/file/z", buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "/file/z");
	ASSERT_INT(rt_path_resolve(&root, "/loop1", buf, sizeof(buf), &err), -ELOOP);
	ASSERT_CONTAINS(err.msg, "/loop1");
}

static void test_resolve_keeps_missing_parts(void)
{
	with_tree(body_resolve_keeps_missing_parts);
}

static void body_open_parent(void)
{
	char name[NAME_MAX + 1], buf[PATH_MAX];
	struct berr err = {0};
	int fd;

	fd = rt_path_open_parent(&root, "/abs//passwd/", false, name, sizeof(name), &err);
	ASSERT_TRUE(fd >= 0);
	ASSERT_STR(name, "passwd");
	ASSERT_INT(rt_path_check(&root, fd, buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "/etc");
	close(fd);
	fd = rt_path_open_parent(&root, "/x/y/node", true, name, sizeof(name), &err);
	ASSERT_TRUE(fd >= 0);
	ASSERT_INT(rt_path_check(&root, fd, buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "/x/y");
	close(fd);
	fd = rt_path_open_parent(&root, "/top", false, name, sizeof(name), &err);
	ASSERT_INT(rt_path_check(&root, fd, buf, sizeof(buf), &err), 0);
	ASSERT_STR(buf, "/");
	close(fd);
	ASSERT_INT(rt_path_open_parent(&root, "/..", false, name, sizeof(name), &err), -EINVAL);
}

static void test_open_parent(void)
{
	with_tree(body_open_parent);
}

static void body_check_rejects_outside_fd(void)
{
	struct berr err = {0};
	int fd;

	fd = open(top, O_PATH | O_CLOEXEC);
	ASSERT_INT(rt_path_check(&root, fd, NULL, 0, &err), -EXDEV);
	ASSERT_CONTAINS(err.msg, "outside the rootfs");
	close(fd);
}

static void test_check_rejects_outside_fd(void)
{
	with_tree(body_check_rejects_outside_fd);
}

static void test_clean(void)
{
	char buf[PATH_MAX];

	ASSERT_INT(rt_path_clean("//a/./b/../c/", buf, sizeof(buf)), 0);
	ASSERT_STR(buf, "/a/c");
	ASSERT_INT(rt_path_clean("../../dev", buf, sizeof(buf)), 0);
	ASSERT_STR(buf, "/dev");
	ASSERT_INT(rt_path_clean("/", buf, sizeof(buf)), 0);
	ASSERT_STR(buf, "/");
	ASSERT_INT(rt_path_clean("", buf, sizeof(buf)), 0);
	ASSERT_STR(buf, "/");
	ASSERT_INT(rt_path_clean("/aaaa/bbbb", buf, 6), -ENAMETOOLONG);
}

static void test_root_open_errors(void)
{
	struct berr err = {0};

	ASSERT_INT(rt_root_open(&root, "/nonexistent/rootfs", &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "/nonexistent/rootfs");
}

int main(void)
{
	RUN(test_openat2);
	RUN(test_walk);
	RUN(test_resolve_keeps_missing_parts);
	RUN(test_open_parent);
	RUN(test_check_rejects_outside_fd);
	RUN(test_clean);
	RUN(test_root_open_errors);
	UNIT_DONE();
}
