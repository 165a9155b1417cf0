/* test-sysctl: key -> /proc/sys path mapping (and the keys refused), real writes in forked
 * children with their own uts/net/ipc namespaces, and the failures: a missing key, a read-only
 * /proc/sys, and a file bind-mounted over a sysctl. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include "../../../runtime/sysctl.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

static void test_key_to_path(void)
{
	char p[64];
	struct berr err = {0};

	ASSERT_INT(rt_sysctl_path("net.ipv4.ip_forward", p, sizeof(p), &err), 0);
	ASSERT_STR(p, "net/ipv4/ip_forward");
	ASSERT_INT(rt_sysctl_path("kernel.shm_rmid_forced", p, sizeof(p), &err), 0);
	ASSERT_STR(p, "kernel/shm_rmid_forced");
	/* with a '/', dots belong to names (a VLAN interface) */
	ASSERT_INT(rt_sysctl_path("net/ipv4/conf/eth0.100/rp_filter", p, sizeof(p), &err), 0);
	ASSERT_STR(p, "net/ipv4/conf/eth0.100/rp_filter");
	ASSERT_INT(rt_sysctl_path("fs.mqueue.msg_max", p, sizeof(p), &err), 0);
	ASSERT_STR(p, "fs/mqueue/msg_max");
}

static void test_bad_keys_refused(void)
{
	static const char *const bad[] = {
		"net/../kernel/core_pattern", "net.ipv4..ip_forward", ".net.ipv4", "net.ipv4.",
		"net/./ipv4/ip_forward",      "net/ipv4//ip_forward", "",
	};
	char p[64];
	struct berr err = {0};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err = (struct berr){0};
		ASSERT_INT(rt_sysctl_path(bad[i], p, sizeof(p), &err), -EINVAL);
		ASSERT_CONTAINS(err.msg, "linux.sysctl: ");
		ASSERT_CONTAINS(err.msg, "component");
	}
	ASSERT_STR(bad[0], "net/../kernel/core_pattern");
	ASSERT_INT(rt_sysctl_path("net.ipv4.ip_forward", p, 10, &err), -ENAMETOOLONG);
}

static void read_sysctl(const char *path, char *buf, size_t len)
{
	if (ut_read_file(path, buf, len) < 0)
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

static void child_writes(void *arg)
{
	struct cfg_kv kv[] = {
		{(char *)"kernel.domainname", (char *)"berth.test"},
		{(char *)"net.ipv4.ip_forward", (char *)"1"},
		{(char *)"kernel/shm_rmid_forced", (char *)"1"},
	};
	struct cfg_map m = {kv, 3};
	struct berr err = {0};
	char buf[128];

	(void)arg;
	ASSERT_INT(unshare(CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWIPC), 0);
	ASSERT_INT(rt_sysctl_apply(&m, &err), 0);
	read_sysctl("/proc/sys/kernel/domainname", buf, sizeof(buf));
	ASSERT_STR(buf, "berth.test");
	read_sysctl("/proc/sys/net/ipv4/ip_forward", buf, sizeof(buf));
	ASSERT_STR(buf, "1");
	read_sysctl("/proc/sys/kernel/shm_rmid_forced", buf, sizeof(buf));
	ASSERT_STR(buf, "1");
}

static void test_writes_land_in_own_namespaces(void)
{
	char before[3][128], after[3][128];
	static const char *const files[] = {"/proc/sys/kernel/domainname",
					    "/proc/sys/net/ipv4/ip_forward",
					    "/proc/sys/kernel/shm_rmid_forced"};
	size_t i;

	for (i = 0; i < 3; i++)
		read_sysctl(files[i], before[i], sizeof(before[i]));
	ASSERT_CHILD_OK(child_writes, NULL);
	for (i = 0; i < 3; i++) {
		read_sysctl(files[i], after[i], sizeof(after[i]));
		ASSERT_STR(after[i], before[i]); /* the host kept its values */
	}
}

static void child_missing_key(void *arg)
{
	struct cfg_kv kv = {(char *)"net.ipv4.no_such_sysctl", (char *)"1"};
	struct cfg_map m = {&kv, 1};
	struct berr err = {0};
	char msg[600];

	(void)arg;
	ASSERT_INT(unshare(CLONE_NEWNET), 0);
	ASSERT_INT(rt_sysctl_apply(&m, &err), -ENOENT);
	ASSERT_STR(berr_str(&err, msg, sizeof(msg)),
		   "linux.sysctl: write /proc/sys/net/ipv4/no_such_sysctl: No such file or "
		   "directory");
}

static void test_missing_key(void)
{
	ASSERT_CHILD_OK(child_missing_key, NULL);
}

/* A private mount namespace to change /proc/sys in without touching the host's. */
static int private_mounts(void)
{
	if (unshare(CLONE_NEWNS | CLONE_NEWUTS) < 0)
		return -errno;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return -errno;
	return 0;
}

static void child_read_only(void *arg)
{
	struct cfg_kv kv = {(char *)"kernel.domainname", (char *)"x"};
	struct cfg_map m = {&kv, 1};
	struct berr err = {0};
	char msg[600];

	(void)arg;
	ASSERT_INT(private_mounts(), 0);
	ASSERT_INT(mount("/proc/sys", "/proc/sys", NULL, MS_BIND | MS_REC, NULL), 0);
	ASSERT_INT(mount(NULL, "/proc/sys", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL), 0);
	ASSERT_INT(rt_sysctl_apply(&m, &err), -EROFS);
	ASSERT_STR(berr_str(&err, msg, sizeof(msg)),
		   "linux.sysctl: write /proc/sys/kernel/domainname: Read-only file system");
}

static void test_read_only_proc_sys(void)
{
	ASSERT_CHILD_OK(child_read_only, NULL);
}

static void child_covered(void *arg)
{
	struct cfg_kv kv = {(char *)"kernel.domainname", (char *)"redirected"};
	struct cfg_map m = {&kv, 1};
	struct berr err = {0};
	char decoy[PATH_MAX], buf[64];

	(void)arg;
	ut_path(decoy, "%s/decoy", dir);
	ASSERT_INT(ut_write_file(decoy, "untouched\n", 0644), 0);
	ASSERT_INT(private_mounts(), 0);
	ASSERT_INT(mount(decoy, "/proc/sys/kernel/domainname", NULL, MS_BIND, NULL), 0);
	ASSERT_INT(rt_sysctl_apply(&m, &err), -EXDEV);
	ASSERT_CONTAINS(err.msg, "linux.sysctl: write /proc/sys/kernel/domainname");
	ASSERT_TRUE(ut_read_file(decoy, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "untouched\n");
}

static void test_mount_over_a_sysctl_is_refused(void)
{
	ASSERT_CHILD_OK(child_covered, NULL);
}

static void test_nothing_to_do(void)
{
	struct cfg_map m = {NULL, 0};
	struct berr err = {0};

	ASSERT_INT(rt_sysctl_apply(&m, &err), 0);
	ASSERT_INT(rt_sysctl_apply(NULL, &err), 0);
	ASSERT_INT(err.code, 0);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_key_to_path);
	RUN(test_bad_keys_refused);
	RUN(test_writes_land_in_own_namespaces);
	RUN(test_missing_key);
	RUN(test_read_only_proc_sys);
	RUN(test_mount_over_a_sysctl_is_refused);
	RUN(test_nothing_to_do);
	ut_rmrf(dir);
	UNIT_DONE();
}
