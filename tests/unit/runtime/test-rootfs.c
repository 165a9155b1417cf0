/* Tests for runtime/rootfs.c: the three steps on a temp rootfs with a hand-built spec, in a
 * child with private mount and pid namespaces. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../../runtime/rootfs.h"
#include "mntns.h"

static char top[PATH_MAX], rootdir[PATH_MAX * 2], src[PATH_MAX * 2];

static const char *o_dev[] = {"nosuid", "strictatime", "mode=755", "size=65536k"};
static const char *o_pts[] = {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"};
static const char *o_shm[] = {"nosuid", "noexec", "nodev", "mode=1777", "size=65536k"};
static const char *o_data[] = {"rbind", "ro"};
static const char *o_ro_tmp[] = {"ro", "nosuid", "size=1m"};
static const char *masked[] = {"/proc/keys", "/proc/acpi", "/proc/nothere"};
static const char *ro_paths[] = {"/proc/sys"};

static struct cfg_mount mounts[] = {
	{.destination = (char *)"/proc", .type = (char *)"proc", .source = (char *)"proc"},
	{.destination = (char *)"/dev",
	 .type = (char *)"tmpfs",
	 .source = (char *)"tmpfs",
	 .options = {(char **)o_dev, 4}},
	{.destination = (char *)"/dev/pts",
	 .type = (char *)"devpts",
	 .source = (char *)"devpts",
	 .options = {(char **)o_pts, 5}},
	{.destination = (char *)"/dev/shm",
	 .type = (char *)"tmpfs",
	 .source = (char *)"shm",
	 .options = {(char **)o_shm, 5}},
	{.destination = (char *)"/data",
	 .type = (char *)"bind",
	 .source = src,
	 .options = {(char **)o_data, 2}},
	{.destination = (char *)"/scratch",
	 .type = (char *)"tmpfs",
	 .source = (char *)"tmpfs",
	 .options = {(char **)o_ro_tmp, 3}},
};

static struct cfg_spec spec = {
	.root_readonly = true,
	.has_process = true,
	.process = {.cwd = (char *)"/work/dir", .user = {.umask = {true, 027}}},
	.mounts = mounts,
	.n_mounts = 6,
	.has_linux = true,
	.linux_ = {.masked_paths = {(char **)masked, 3}, .readonly_paths = {(char **)ro_paths, 1}},
};

static void mk_root(void)
{
	temp_dir(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	snprintf(src, sizeof(src), "%s/src", top);
	mkdir(rootdir, 0755);
	mkdir(src, 0755);
	make_at(src, "f", "data");
}

static int wr_errno(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static void check_container(void)
{
	char buf[4096];
	struct stat st;
	mode_t um;

	ASSERT_CONTAINS(mountinfo_line("/", buf, sizeof(buf)), " / ro,");
	ASSERT_INT(wr_errno("/new"), EROFS);
	ASSERT_INT(stat("/work/dir", &st), 0);
	ASSERT_CONTAINS(mountinfo_line("/dev", buf, sizeof(buf)), " rw,nosuid - tmpfs tmpfs ");
	ASSERT_INT(stat("/dev/null", &st), 0);
	ASSERT_INT(st.st_rdev, makedev(1, 3));
	ASSERT_INT(lstat("/dev/ptmx", &st), 0);
	ASSERT_TRUE(S_ISLNK(st.st_mode));
	ASSERT_INT(wr_errno("/data/x"), EROFS);
	ASSERT_INT(stat("/data/f", &st), 0);
	/* a read-only tmpfs is made so at the end */
	ASSERT_CONTAINS(mountinfo_line("/scratch", buf, sizeof(buf)),
			" ro,nosuid,relatime - tmpfs");
	ASSERT_CONTAINS(mountinfo_line("/proc/sys", buf, sizeof(buf)), " ro,");
	ASSERT_CONTAINS(mountinfo_line("/proc/keys", buf, sizeof(buf)), " /null /proc/keys ");
	um = umask(0);
	ASSERT_INT(um, 027);
}

static void body_full(void)
{
	struct rt_rootfs_ctx c = {.spec = &spec, .rootfs = rootdir};
	struct berr err = {0};
	pid_t pid;
	int st;

	/* proc wants a pid namespace of its own to be like a container's */
	ASSERT_INT(unshare(CLONE_NEWPID), 0);
	pid = fork();
	if (pid == 0) {
		if (rt_rootfs_mount_all(&c, &err) < 0 || rt_rootfs_pivot(&c, &err) < 0 ||
		    rt_rootfs_finish(&c, &err) < 0) {
			printf("# %s\n", err.msg);
			fflush(stdout);
			_exit(3);
		}
		unit_failed = false;
		check_container();
		fflush(stdout);
		_exit(unit_failed ? 1 : 0);
	}
	ASSERT_TRUE(pid > 0);
	ASSERT_INT(waitpid(pid, &st, 0), pid);
	ASSERT_INT(st, 0);
}

static void test_full_setup(void)
{
	mk_root();
	RUN_IN_MNTNS_THEN_RM(body_full, top);
}

static void body_errors(void)
{
	struct rt_rootfs_ctx c = {.spec = &spec, .rootfs = rootdir};
	struct berr err = {0};

	spec.linux_.rootfs_propagation = (char *)"rsharedx";
	ASSERT_INT(rt_rootfs_mount_all(&c, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "linux.rootfsPropagation: rsharedx is not supported");
	spec.linux_.rootfs_propagation = (char *)"rprivate";
	c.no_pivot = true;
	ASSERT_INT(rt_rootfs_mount_all(&c, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "not safe without pivot_root");
	spec.linux_.rootfs_propagation = NULL;
	c.no_pivot = false;
	mounts[4].source = (char *)"/nonexistent/source";
	ASSERT_INT(rt_rootfs_mount_all(&c, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "mounts[4] /data: stat bind source /nonexistent/source");
	mounts[4].source = src;
}

static void test_errors(void)
{
	mk_root();
	RUN_IN_MNTNS_THEN_RM(body_errors, top);
}

int main(void)
{
	RUN(test_full_setup);
	RUN(test_errors);
	UNIT_DONE();
}
