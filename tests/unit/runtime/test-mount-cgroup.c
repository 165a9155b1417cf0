/* Tests for runtime/mount-cgroup.c: the v1 hierarchy list from mountinfo and /proc/self/cgroup
 * texts, and the real "cgroup" mount on this host in a private mount namespace. */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>

#include "../../../runtime/mount-cgroup.h"
#include "../../../runtime/mounts.h"
#include "mntns.h"

static void test_hybrid_host(void)
{
	char mi[] = "31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
		    "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
		    "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
		    "40 31 0:37 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n"
		    "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
		    "90 27 0:32 / /mnt/memory\\040again rw - cgroup cgroup rw,memory\n";
	char cg[] = "5:name=systemd:/user.slice\n3:memory:/a/b\n2:cpu,cpuacct:/c\n0::/user.slice\n";
	struct rt_cgroup_v1_bind *v = NULL;
	struct berr err = {0};
	size_t n = 0;

	ASSERT_INT(rt_cgroup_v1_binds(mi, cg, &v, &n, &err), 0);
	/* one per hierarchy, in table order; cgroup2 and the second memory mount are left out */
	ASSERT_INT(n, 3);
	ASSERT_STR(v[0].name, "cpu,cpuacct");
	ASSERT_STR(v[0].source, "/sys/fs/cgroup/cpu,cpuacct/c");
	ASSERT_STR(v[1].name, "memory");
	ASSERT_STR(v[1].source, "/sys/fs/cgroup/memory/a/b");
	ASSERT_STR(v[2].name, "systemd");
	ASSERT_STR(v[2].source, "/sys/fs/cgroup/systemd/user.slice");
	free(v);
}

static void test_nested_mount_roots(void)
{
	/* a hierarchy mounted from a sub-cgroup; in a cgroup namespace the root reads "/.." */
	char mi[] = "32 31 0:29 /docker/x /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"
		    "33 31 0:30 /.. /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n"
		    "34 31 0:31 /a/b /sys/fs/cgroup/blkio rw - cgroup cgroup rw,blkio\n";
	char cg[] = "3:cpu:/docker/x/y\n2:pids:/\n1:blkio:/a/c\n";
	struct rt_cgroup_v1_bind *v = NULL;
	struct berr err = {0};
	size_t n = 0;

	ASSERT_INT(rt_cgroup_v1_binds(mi, cg, &v, &n, &err), 0);
	ASSERT_INT(n, 3);
	ASSERT_STR(v[0].source, "/sys/fs/cgroup/cpu/y");
	ASSERT_STR(v[1].source, "/sys/fs/cgroup/pids");
	/* outside the mount's root: filepath.Rel's "../c" */
	ASSERT_STR(v[2].source, "/sys/fs/cgroup/c");
	free(v);
}

static void test_malformed_cgroup_file(void)
{
	char mi[] = "32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n";
	char cg[] = "garbage\n";
	struct rt_cgroup_v1_bind *v = NULL;
	struct berr err = {0};
	size_t n = 0;

	ASSERT_INT(rt_cgroup_v1_binds(mi, cg, &v, &n, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "/proc/self/cgroup");
}

static char top[PATH_MAX], rootdir[PATH_MAX * 2];

static bool host_is_v1(void)
{
	struct statfs s;

	return statfs("/sys/fs/cgroup", &s) == 0 && s.f_type != CGROUP2_SUPER_MAGIC &&
	       statfs("/sys/fs/cgroup/pids", &s) == 0 && s.f_type == CGROUP_SUPER_MAGIC;
}

static void mount_cgroup(bool cgroupns)
{
	const char *opts[] = {"nosuid", "noexec", "nodev", "relatime", "ro"};
	struct cfg_mount cm = {.destination = (char *)"/sys/fs/cgroup",
			       .type = (char *)"cgroup",
			       .source = (char *)"cgroup",
			       .options = {(char **)opts, 5}};
	struct rt_root root;
	struct rt_mount_env env = {.root = &root, .cgroupns = cgroupns};
	struct rt_mount m;
	struct berr err = {0};
	char p[PATH_MAX * 3], buf[4096];

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(rt_mount_from_spec(&cm, 6, &m, &err), 0);
	ASSERT_INT(rt_mount_entry(&env, &m, &err), 0);
	snprintf(p, sizeof(p), "%s/sys/fs/cgroup", rootdir);
	ASSERT_CONTAINS(mountinfo_line(p, buf, sizeof(buf)),
			"rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw,mode=755");
	snprintf(p, sizeof(p), "%s/sys/fs/cgroup/pids", rootdir);
	ASSERT_CONTAINS(mountinfo_line(p, buf, sizeof(buf)), " ro,nosuid,nodev,noexec,relatime");
	ASSERT_CONTAINS(buf, " - cgroup ");
	/* the cgroup2 hierarchy of a hybrid host is not shown */
	snprintf(p, sizeof(p), "%s/sys/fs/cgroup/unified", rootdir);
	ASSERT_STR(mountinfo_line(p, buf, sizeof(buf)), "");
	rt_mount_clear(&m);
	rt_root_close(&root);
}

static void body_v1_binds(void)
{
	mount_cgroup(false);
}

static void body_v1_cgroupns(void)
{
	if (unshare(CLONE_NEWCGROUP) < 0)
		FAIL_("unshare(CLONE_NEWCGROUP): %s", strerror(errno));
	mount_cgroup(true);
}

static void run_on_host(void (*body)(void))
{
	if (!host_is_v1()) {
		printf("# skipped: /sys/fs/cgroup is not cgroup v1 with a pids hierarchy\n");
		return;
	}
	temp_dir(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	mkdir(rootdir, 0755);
	make_at(rootdir, "sys/", NULL);
	make_at(rootdir, "sys/fs/", NULL);
	RUN_IN_MNTNS_THEN_RM(body, top);
}

static void test_v1_mount_binds_own_cgroups(void)
{
	run_on_host(body_v1_binds);
}

static void test_v1_mount_with_cgroup_namespace(void)
{
	run_on_host(body_v1_cgroupns);
}

/* A hybrid host's cgroup2 hierarchy stands in for a v2 host's /sys/fs/cgroup. */
static void body_v2(void)
{
	const char *opts[] = {"nosuid", "noexec", "nodev", "relatime", "ro"};
	struct cfg_mount cm = {.destination = (char *)"/sys/fs/cgroup",
			       .type = (char *)"cgroup",
			       .source = (char *)"cgroup",
			       .options = {(char **)opts, 5}};
	struct rt_root root;
	struct rt_mount_env env = {.root = &root, .cgroup_root = "/sys/fs/cgroup/unified"};
	struct rt_mount m;
	struct berr err = {0};
	char p[PATH_MAX * 3], buf[4096];

	ASSERT_INT(rt_root_open(&root, rootdir, &err), 0);
	ASSERT_INT(rt_mount_from_spec(&cm, 6, &m, &err), 0);
	ASSERT_INT(rt_mount_entry(&env, &m, &err), 0);
	snprintf(p, sizeof(p), "%s/sys/fs/cgroup", rootdir);
	ASSERT_CONTAINS(mountinfo_line(p, buf, sizeof(buf)),
			" ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup ");
	rt_mount_clear(&m);
	rt_root_close(&root);
}

static void test_v2_mount(void)
{
	struct statfs s;

	if (statfs("/sys/fs/cgroup/unified", &s) < 0 || s.f_type != CGROUP2_SUPER_MAGIC) {
		printf("# skipped: no cgroup2 hierarchy at /sys/fs/cgroup/unified\n");
		return;
	}
	temp_dir(top);
	snprintf(rootdir, sizeof(rootdir), "%s/root", top);
	mkdir(rootdir, 0755);
	RUN_IN_MNTNS_THEN_RM(body_v2, top);
}

int main(void)
{
	RUN(test_hybrid_host);
	RUN(test_nested_mount_roots);
	RUN(test_malformed_cgroup_file);
	RUN(test_v1_mount_binds_own_cgroups);
	RUN(test_v1_mount_with_cgroup_namespace);
	RUN(test_v2_mount);
	UNIT_DONE();
}
