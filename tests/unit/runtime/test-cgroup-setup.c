/* test-cgroup-setup: create's whole cgroup step for real. On this hybrid host (v1): a process
 * placed at a nested cgroupsPath in every hierarchy with its memory, pids, cpu and device
 * limits, updated, then destroyed with its parents. In a private cgroup2 mount (v2, where this
 * host offers hugetlb only): hugetlb limit, device filter, cgroup.kill on destroy. Failures
 * (bad values, a write the kernel refuses, a pid that is gone) leave no directory. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static struct cfg_spec *spec_with(const char *path, const char *resources, const char *devices)
{
	char lnx[8192];

	(void)snprintf(lnx, sizeof(lnx),
		       "\"cgroupsPath\": \"%s\", \"devices\": [%s], "
		       "\"resources\": {%s}",
		       path, devices, resources);
	return cg_spec(lnx);
}

static int setup_at(const char *root, struct cfg_spec *s, pid_t pid, struct rt_cgroup *cg,
		    struct berr *err)
{
	struct rt_cg_where w = {s->linux_.cgroups_path, "c1", false, false};

	memset(err, 0, sizeof(*err));
	return rt_cg_setup_at(root, "/proc/self/cgroup", s, &w, pid, cg, err);
}

static bool in_file(const char *dir, const char *file, const char *text)
{
	char buf[8192];
	struct berr err;

	return rt_cg_read(dir, file, buf, sizeof(buf), &err) == 0 && strstr(buf, text);
}

static void test_v1_real(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	char path[256], parent[PATH_MAX], want[PATH_MAX + 16], self[4096];
	struct cfg_spec *s, *u;
	struct berr err;
	pid_t pid;

	if (!cg_host_v1()) {
		printf("# skipped: no v1 hierarchies\n");
		return;
	}
	(void)snprintf(path, sizeof(path), "%s/c1", cg_unique("setup"));
	s = spec_with(path,
		      "\"memory\": {\"limit\": 33554432}, \"pids\": {\"limit\": 20}, "
		      "\"cpu\": {\"quota\": 50000, \"period\": 100000}, \"devices\": "
		      "[{\"allow\": false, \"type\": \"c\", \"major\": 1, \"minor\": 5, "
		      "\"access\": \"rwm\"}]",
		      "{\"path\": \"/dev/zero\", \"type\": \"c\", \"major\": 1, \"minor\": 5}");
	ASSERT_TRUE(s);
	pid = cg_sleeper();
	ASSERT_INT(setup_at(RT_CG_ROOT, s, pid, cg, &err), 0);
	cfg_spec_free(s);
	ASSERT_TRUE(cg->mode == RT_CGROUP_V1 || cg->mode == RT_CGROUP_HYBRID);
	ASSERT_INT(cg->created[RT_CG_PIDS], 2);
	ASSERT_TRUE(in_file(cg->path[RT_CG_MEMORY], "memory.limit_in_bytes", "33554432"));
	ASSERT_TRUE(in_file(cg->path[RT_CG_PIDS], "pids.max", "20"));
	ASSERT_TRUE(in_file(cg->path[RT_CG_CPU], "cpu.cfs_quota_us", "50000"));
	ASSERT_TRUE(in_file(cg->path[RT_CG_DEVICES], "devices.list", "c 1:3 rwm"));
	ASSERT_TRUE(!in_file(cg->path[RT_CG_DEVICES], "devices.list", "c 1:5"));
	ASSERT_TRUE(in_file(cg->path[RT_CG_PIDS], "cgroup.procs", ""));
	(void)snprintf(want, sizeof(want), "pids:/%s\n", path);
	(void)snprintf(parent, sizeof(parent), "/proc/%d/cgroup", pid);
	ASSERT_TRUE(ut_read_file(parent, self, sizeof(self)) > 0);
	ASSERT_CONTAINS(self, want);
	/* a second container at the same path is refused, the first left alone */
	{
		_cleanup_free_ struct rt_cgroup *cg2 = calloc(1, sizeof(*cg2));

		s = spec_with(path, "", "");
		ASSERT_INT(setup_at(RT_CG_ROOT, s, 0, cg2, &err), -EBUSY);
		cfg_spec_free(s);
		ASSERT_CONTAINS(err.msg, "already has processes (another container's?)");
		ASSERT_TRUE(in_file(cg->path[RT_CG_PIDS], "pids.max", "20"));
	}
	/* update changes a live limit */
	u = cg_spec("\"resources\": {\"memory\": {\"limit\": 67108864}, \"pids\": {\"limit\": 5}}");
	ASSERT_INT(rt_cgroup_update(cg, &u->linux_.resources, &err), 0);
	cfg_spec_free(u);
	ASSERT_TRUE(in_file(cg->path[RT_CG_MEMORY], "memory.limit_in_bytes", "67108864"));
	ASSERT_TRUE(in_file(cg->path[RT_CG_PIDS], "pids.max", "5"));
	/* destroy: the process is killed, the cgroup and the parent we made are gone */
	ASSERT_INT(rt_cgroup_destroy(cg, &err), 0);
	ASSERT_TRUE(WIFSIGNALED(ut_wait(pid)));
	ASSERT_TRUE(access(cg->path[RT_CG_PIDS], F_OK) < 0);
	(void)snprintf(parent, sizeof(parent), "%s", cg->path[RT_CG_MEMORY]);
	*strrchr(parent, '/') = '\0';
	ASSERT_TRUE(access(parent, F_OK) < 0);
	ASSERT_INT(rt_cgroup_destroy(cg, &err), 0); /* already gone */
}

/* The failure cases: each must leave no directory behind. */
static void expect_nothing_left(const char *res, pid_t pid, const char *msg)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	char path[256], p[PATH_MAX];
	struct cfg_spec *s;
	struct berr err;

	(void)snprintf(path, sizeof(path), "%s/c1", cg_unique("fail"));
	s = spec_with(path, res, "");
	ASSERT_TRUE(s);
	ASSERT_TRUE(setup_at(RT_CG_ROOT, s, pid, cg, &err) < 0);
	cfg_spec_free(s);
	ASSERT_CONTAINS(err.msg, msg);
	ut_path(p, "/sys/fs/cgroup/pids/%s", cg_unique("fail"));
	ASSERT_TRUE(access(p, F_OK) < 0);
	ut_path(p, "/sys/fs/cgroup/cpuset/%s", cg_unique("fail"));
	ASSERT_TRUE(access(p, F_OK) < 0);
}

static void test_v1_failures(void)
{
	if (!cg_host_v1()) {
		printf("# skipped: no v1 hierarchies\n");
		return;
	}
	expect_nothing_left("\"unified\": {\"memory.high\": \"1G\"}", 0,
			    "linux.resources.unified: \"memory.high\" cannot be set");
	expect_nothing_left("\"blockIO\": {\"weight\": 1}", 0,
			    "linux.resources.blockIO.weight: 1 is out of range (10 to 1000)");
	/* refused by the kernel after the directories were made */
	expect_nothing_left("\"cpu\": {\"cpus\": \"4000\"}", 0,
			    "linux.resources.cpu.cpus: write cpuset.cpus");
	expect_nothing_left("\"cpu\": {\"period\": 1}", 0,
			    "linux.resources.cpu.period: write cpu.cfs_period_us");
	/* a pid that is gone: refused at the move, after the limits were written */
	expect_nothing_left("\"pids\": {\"limit\": 3}", 4194303, "move process 4194303 into");
}

static void test_no_cgroupfs(void)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	struct cfg_spec *s = spec_with("c1", "", "");
	char dir[PATH_MAX];
	struct berr err;

	ut_tmpdir(dir);
	ASSERT_TRUE(s);
	ASSERT_INT(setup_at(dir, s, 0, cg, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "cgroups: no cgroup filesystem mounted at /tmp/");
	ASSERT_INT(rt_cgroup_setup(s, "c1", true, 0, cg, &err),
		   access("/run/systemd/system", F_OK) == 0 ? 0 : -ENOTSUP);
	cfg_spec_free(s);
	ut_rmrf(dir);
}

static char mnt[PATH_MAX];

static void v2_body(void *arg)
{
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	char before[256], path[256], p[PATH_MAX];
	struct cfg_spec *s;
	struct berr err;
	pid_t pid;

	(void)arg;
	ASSERT_TRUE(cg_mount_v2(mnt));
	ASSERT_INT(rt_cg_read(mnt, "cgroup.subtree_control", before, sizeof(before), &err), 0);
	(void)snprintf(path, sizeof(path), "%s/c1", cg_unique("v2setup"));
	/* v2 here has no pids controller (it is bound to v1): named, nothing left */
	s = spec_with(path, "\"pids\": {\"limit\": 3}", "");
	ASSERT_INT(setup_at(mnt, s, 0, cg, &err), -ENOENT);
	cfg_spec_free(s);
	ASSERT_STR(err.msg, "linux.resources.pids.limit: write pids.max");
	ut_path(p, "%s/%s", mnt, cg_unique("v2setup"));
	ASSERT_TRUE(access(p, F_OK) < 0);
	s = spec_with(path, "\"hugepageLimits\": [{\"pageSize\": \"2MB\", \"limit\": 4194304}]",
		      "");
	pid = cg_sleeper();
	ASSERT_INT(setup_at(mnt, s, pid, cg, &err), 0);
	cfg_spec_free(s);
	ASSERT_INT(cg->mode, RT_CGROUP_V2);
	ASSERT_TRUE(in_file(cg->path[RT_CG_UNIFIED], "hugetlb.2MB.max", "4194304"));
	ASSERT_TRUE(in_file(cg->path[RT_CG_UNIFIED], "cgroup.procs", ""));
	ASSERT_INT(rt_cgroup_freeze(cg, true, &err), 0);
	ASSERT_TRUE(rt_cgroup_is_frozen(cg));
	/* destroy: cgroup.kill, even while frozen */
	ASSERT_INT(rt_cgroup_destroy(cg, &err), 0);
	ASSERT_TRUE(WIFSIGNALED(ut_wait(pid)));
	ASSERT_TRUE(access(p, F_OK) < 0);
	if (!strstr(before, "hugetlb"))
		(void)rt_cg_write(mnt, "cgroup.subtree_control", "-hugetlb", "test", &err);
}

static void test_v2_real(void)
{
	if (geteuid() != 0) {
		printf("# skipped: needs root\n");
		return;
	}
	ut_tmpdir(mnt);
	ASSERT_CHILD_OK(v2_body, NULL);
	(void)rmdir(mnt);
}

int main(void)
{
	RUN(test_v1_real);
	RUN(test_v1_failures);
	RUN(test_no_cgroupfs);
	RUN(test_v2_real);
	UNIT_DONE();
}
