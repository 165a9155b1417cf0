/* Tests for runtime/mounts.c: each mount type in a private mount namespace, on a temp rootfs. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../runtime/mounts.h"
#include "mntns.h"

static char top[PATH_MAX], rootdir[PATH_MAX * 2], src[PATH_MAX * 2];
static struct rt_root root;
static struct rt_mount_env env = {.root = &root};

static void setup_tree(void)
{
	temp_dir(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	snprintf(src, sizeof(src), "%s/src", top);
	mkdir(rootdir, 0755);
	mkdir(src, 0755);
	make_at(src, "data", "hello");
	make_at(rootdir, "proc/", NULL);
	make_at(rootdir, "etc/", NULL);
	make_at(rootdir, "private/", NULL);
	chmod(rootdir, 0755);
	{
		char p[PATH_MAX * 3];

		snprintf(p, sizeof(p), "%s/private", rootdir);
		chmod(p, 0700);
	}
	make_at(rootdir, "afile", "x");
	link_at(rootdir, "evil", "/../../../../etc/target");
}

/* Builds m from a destination, a type, a source and options. */
static int entry(const char *dest, const char *type, const char *source, const char **opts,
		 size_t n, struct berr *err)
{
	struct cfg_mount cm = {.destination = (char *)dest,
			       .type = (char *)type,
			       .source = (char *)source,
			       .options = {(char **)opts, n}};
	struct rt_mount m;
	int r = rt_mount_from_spec(&cm, 0, &m, err);

	if (r < 0)
		return r;
	r = rt_mount_entry(&env, &m, err);
	rt_mount_clear(&m);
	return r;
}

static const char *mi(const char *rel, char *buf, size_t len)
{
	char p[PATH_MAX * 3];

	snprintf(p, sizeof(p), "%s%s", rootdir, rel);
	return mountinfo_line(p, buf, len);
}

static void body_tmpfs(void)
{
	const char *opts[] = {"nosuid", "size=1m", "mode=1777", "ro"};
	char buf[4096], p[PATH_MAX * 3];
	struct berr err = {0};
	struct stat st;

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(entry("/private", "tmpfs", "mytmp", opts, 4, &err), 0);
	/* runc 1.1 keeps the covered directory's mode, and delays "ro" to finish() */
	snprintf(p, sizeof(p), "%s/private", rootdir);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_INT(st.st_mode & 07777, 0700);
	ASSERT_CONTAINS(mi("/private", buf, sizeof(buf)), " rw,nosuid");
	ASSERT_CONTAINS(buf, "tmpfs mytmp rw,size=1024k");
	/* a new directory keeps the mode= data */
	ASSERT_INT(entry("/new/dir", "tmpfs", "tmpfs", opts, 4, &err), 0);
	snprintf(p, sizeof(p), "%s/new/dir", rootdir);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_INT(st.st_mode & 07777, 01777);
}

static void test_tmpfs(void)
{
	setup_tree();
	RUN_IN_MNTNS_THEN_RM(body_tmpfs, top);
}

static void body_bind(void)
{
	const char *ro[] = {"rbind", "ro", "nosuid"};
	char buf[4096], p[PATH_MAX * 3], data[PATH_MAX * 3];
	struct berr err = {0};
	int fd;

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(entry("/mnt/ro", "none", src, ro, 3, &err), 0);
	ASSERT_CONTAINS(mi("/mnt/ro", buf, sizeof(buf)), " ro,nosuid");
	snprintf(p, sizeof(p), "%s/mnt/ro/new", rootdir);
	fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ASSERT_INT(fd < 0 ? errno : 0, EROFS);
	/* a file source gets a file destination */
	snprintf(data, sizeof(data), "%s/data", src);
	ASSERT_INT(entry("/etc/hostdata", NULL, data, ro, 1, &err), 0);
	snprintf(p, sizeof(p), "%s/etc/hostdata", rootdir);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	ASSERT_TRUE(fd >= 0);
	ASSERT_INT(read(fd, buf, 5), 5);
	close(fd);
	/* a missing source is an error naming it */
	ASSERT_INT(entry("/mnt/x", "bind", "/nonexistent/src", ro, 1, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "/nonexistent/src");
}

static void test_bind(void)
{
	setup_tree();
	RUN_IN_MNTNS_THEN_RM(body_bind, top);
}

static void body_symlink_escape(void)
{
	const char *opts[] = {"size=1m"};
	char buf[4096];
	struct berr err = {0};
	struct stat st;

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(entry("/evil", "tmpfs", "tmpfs", opts, 1, &err), 0);
	/* the link's target, taken inside the rootfs */
	ASSERT_CONTAINS(mi("/etc/target", buf, sizeof(buf)), " - tmpfs tmpfs ");
	ASSERT_TRUE(stat("/etc/target", &st) < 0 ||
		    mountinfo_line("/etc/target", buf, 4096)[0] == 0);
}

static void test_symlink_escape_stays_inside(void)
{
	setup_tree();
	RUN_IN_MNTNS_THEN_RM(body_symlink_escape, top);
}

static void body_proc_checks(void)
{
	const char *b[] = {"bind"};
	char data[PATH_MAX * 3], buf[4096];
	struct berr err = {0};

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	snprintf(data, sizeof(data), "%s/data", src);
	ASSERT_INT(entry("/proc/version", "bind", data, b, 1, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "inside /proc");
	/* lxcfs-style files are allowed */
	ASSERT_INT(entry("/proc/cpuinfo", "bind", data, b, 1, &err), 0);
	ASSERT_CONTAINS(mi("/proc/cpuinfo", buf, sizeof(buf)), "/data");
	/* over /proc itself only a procfs */
	ASSERT_INT(entry("/proc", "bind", src, b, 1, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "not of type proc");
	ASSERT_INT(entry("/proc", "bind", "/proc", b, 1, &err), 0);
	/* proc and sysfs refuse a non-directory */
	ASSERT_INT(entry("/afile", "proc", "proc", NULL, 0, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "must be mounted on ordinary directory");
}

static void test_proc_checks(void)
{
	setup_tree();
	RUN_IN_MNTNS_THEN_RM(body_proc_checks, top);
}

static void body_propagation_and_attrs(void)
{
	const char *opts[] = {"rbind", "rprivate", "unbindable", "rro"};
	char buf[4096], p[PATH_MAX * 3];
	struct berr err = {0};
	int fd;

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(entry("/u", "bind", src, opts, 4, &err), 0);
	ASSERT_CONTAINS(mi("/u", buf, sizeof(buf)), " unbindable ");
	/* "rro" is a recursive attribute set by mount_setattr */
	ASSERT_CONTAINS(buf, " ro,");
	snprintf(p, sizeof(p), "%s/u/new", rootdir);
	fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ASSERT_INT(fd < 0 ? errno : 0, EROFS);
	/* an unknown filesystem option is data, refused by the kernel */
	{
		const char *bad[] = {"defaults"};

		ASSERT_INT(entry("/t", "tmpfs", "tmpfs", bad, 1, &err), -EINVAL);
		ASSERT_CONTAINS(err.msg, "data \"defaults\"");
	}
}

static void test_propagation_and_attrs(void)
{
	setup_tree();
	RUN_IN_MNTNS_THEN_RM(body_propagation_and_attrs, top);
}

static void test_from_spec(void)
{
	const char *opts[] = {"rbind"};
	struct cfg_id_map map = {0, 1000, 1};
	struct cfg_mount cm = {.destination = (char *)"/x",
			       .type = (char *)"tmpfs",
			       .options = {(char **)opts, 1}};
	struct rt_mount m;
	struct berr err = {0};

	ASSERT_INT(rt_mount_from_spec(&cm, 3, &m, &err), 0);
	ASSERT_STR(m.type, "bind");
	ASSERT_STR(m.source, "");
	rt_mount_clear(&m);
	cm.options.n = 0;
	cm.type = NULL;
	ASSERT_INT(rt_mount_from_spec(&cm, 3, &m, &err), 0);
	ASSERT_STR(m.type, "");
	rt_mount_clear(&m);
	cm.uid_mappings = &map;
	cm.n_uid_mappings = 1;
	/* id-mapped: only a bind, which init moves in from the host's fd */
	ASSERT_INT(rt_mount_from_spec(&cm, 3, &m, &err), -EINVAL);
	ASSERT_STR(err.msg, "mounts[3]: uidMappings need a bind mount");
	cm.options.n = 1;
	ASSERT_INT(rt_mount_from_spec(&cm, 3, &m, &err), 0);
	ASSERT_TRUE(m.idmapped);
	ASSERT_INT(m.idmap_fd, -1);
	rt_mount_clear(&m);
	ASSERT_TRUE(rt_mount_dest_is("//dev/", "/dev"));
	ASSERT_TRUE(rt_mount_dest_is("/dev/../dev", "/dev"));
	ASSERT_TRUE(!rt_mount_dest_is("/dev/pts", "/dev"));
}

int main(void)
{
	RUN(test_tmpfs);
	RUN(test_bind);
	RUN(test_symlink_escape_stays_inside);
	RUN(test_proc_checks);
	RUN(test_propagation_and_attrs);
	RUN(test_from_spec);
	UNIT_DONE();
}
