/* test-cgroup-mode: v1, v2, hybrid and no-cgroup hosts told apart from mountinfo fixtures and
 * the root's filesystem type, co-mounted and named hierarchies, bind mounts, and this host. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static struct rt_cg_mounts *parse(const char *mi, const char *root, bool v2)
{
	static struct rt_cg_mounts m;
	static char text[8192];
	struct berr err = {0};

	snprintf(text, sizeof(text), "%s", mi);
	if (rt_cg_mounts_parse(text, root, v2, &m, &err) < 0) {
		printf("# parse: %s\n", err.msg);
		return NULL;
	}
	return &m;
}

static void test_names(void)
{
	int c;

	ASSERT_STR(rt_cg_ctrl_name(RT_CG_MEMORY), "memory");
	ASSERT_STR(rt_cg_ctrl_name(RT_CG_SYSTEMD), "name=systemd");
	ASSERT_STR(rt_cg_ctrl_name(RT_CG_UNIFIED), "");
	ASSERT_STR(rt_cg_ctrl_name(RT_CG_NCTRL), "");
	for (c = 0; c < RT_CG_UNIFIED; c++)
		ASSERT_INT(rt_cg_ctrl_from_name(rt_cg_ctrl_name(c)), c);
	ASSERT_INT(rt_cg_ctrl_from_name("rw"), -1);
	ASSERT_INT(rt_cg_ctrl_from_name(""), -1);
	ASSERT_INT(rt_cg_ctrl_from_name("name=other"), -1);
}

static void test_v1_comounted(void)
{
	struct rt_cg_mounts *m = parse(
		"30 23 0:26 / /sys/fs/cgroup ro - tmpfs tmpfs ro,mode=755\n"
		"31 30 0:27 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
		"32 30 0:28 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
		"33 30 0:29 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n"
		"34 30 0:30 / /sys/fs/cgroup/net_cls,net_prio rw - cgroup cgroup "
		"rw,net_cls,net_prio\n"
		"50 23 0:28 / /mnt/elsewhere rw - cgroup cgroup rw,pids\n"
		"51 32 0:28 /sub /sys/fs/cgroup/memory/x rw - cgroup cgroup rw,memory\n",
		"/sys/fs/cgroup", false);

	ASSERT_TRUE(m);
	ASSERT_INT(m->mode, RT_CGROUP_V1);
	ASSERT_STR(m->mnt[RT_CG_CPU], "/sys/fs/cgroup/cpu,cpuacct");
	ASSERT_STR(m->mnt[RT_CG_CPUACCT], "/sys/fs/cgroup/cpu,cpuacct");
	ASSERT_STR(m->mnt[RT_CG_NET_PRIO], "/sys/fs/cgroup/net_cls,net_prio");
	ASSERT_STR(m->mnt[RT_CG_SYSTEMD], "/sys/fs/cgroup/systemd");
	/* the first mount of a hierarchy wins; mounts outside the root do not count */
	ASSERT_STR(m->mnt[RT_CG_MEMORY], "/sys/fs/cgroup/memory");
	ASSERT_STR(m->root[RT_CG_MEMORY], "/");
	ASSERT_STR(m->mnt[RT_CG_PIDS], "");
	ASSERT_STR(m->mnt[RT_CG_UNIFIED], "");
}

static void test_hybrid(void)
{
	struct rt_cg_mounts *m =
		parse("31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
		      "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
		      "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n",
		      "/sys/fs/cgroup", false);

	ASSERT_TRUE(m);
	ASSERT_INT(m->mode, RT_CGROUP_HYBRID);
	ASSERT_STR(m->mnt[RT_CG_UNIFIED], "/sys/fs/cgroup/unified");
}

static void test_v2_and_none(void)
{
	struct rt_cg_mounts *m;

	m = parse("25 20 0:22 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n",
		  "/sys/fs/cgroup", true);
	ASSERT_TRUE(m);
	ASSERT_INT(m->mode, RT_CGROUP_V2);
	ASSERT_STR(m->mnt[RT_CG_UNIFIED], "/sys/fs/cgroup");
	ASSERT_STR(m->mnt[RT_CG_MEMORY], "");
	/* a cgroup2 mount below a tmpfs root and nothing else: v2 there */
	m = parse("31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n"
		  "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n",
		  "/sys/fs/cgroup", false);
	ASSERT_INT(m->mode, RT_CGROUP_V2);
	m = parse("31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw\n", "/sys/fs/cgroup", false);
	ASSERT_INT(m->mode, RT_CGROUP_NONE);
	/* a fake v2 tree: no mountinfo line, the root itself */
	m = parse("", "/tmp/fake", true);
	ASSERT_INT(m->mode, RT_CGROUP_V2);
	ASSERT_STR(m->mnt[RT_CG_UNIFIED], "/tmp/fake");
}

static void test_malformed(void)
{
	struct rt_cg_mounts m;
	char text[] = "garbage\n";
	struct berr err = {0};

	ASSERT_INT(rt_cg_mounts_parse(text, "/sys/fs/cgroup", false, &m, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "malformed");
}

static void test_detect_host(void)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	struct berr err = {0};
	char dir[PATH_MAX], missing[PATH_MAX];

	ASSERT_INT(rt_cg_mounts_detect("/sys/fs/cgroup", m, &err), 0);
	if (cg_host_v1()) {
		ASSERT_TRUE(m->mode == RT_CGROUP_V1 || m->mode == RT_CGROUP_HYBRID);
		ASSERT_STR(m->mnt[RT_CG_MEMORY], "/sys/fs/cgroup/memory");
	}
	/* no cgroup filesystem there at all */
	ut_tmpdir(dir);
	ut_path(missing, "%s/none", dir);
	ASSERT_INT(rt_cg_mounts_detect(missing, m, &err), 0);
	ASSERT_INT(m->mode, RT_CGROUP_NONE);
	ASSERT_INT(rt_cg_mounts_detect(dir, m, &err), 0);
	ASSERT_INT(m->mode, RT_CGROUP_NONE);
	ut_rmrf(dir);
}

int main(void)
{
	RUN(test_names);
	RUN(test_v1_comounted);
	RUN(test_hybrid);
	RUN(test_v2_and_none);
	RUN(test_malformed);
	RUN(test_detect_host);
	UNIT_DONE();
}
