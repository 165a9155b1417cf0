/* test-cgroup-path: linux.cgroupsPath as runc places it (checked against runc 1.1.5 on this
 * host: default <own>/<id>, relative below our own cgroup per hierarchy, absolute from each
 * root, v2 beside our own cgroup), cleaning, the systemd slice:prefix:name form and its errors. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static const char *inner(const char *path, const char *id, bool systemd, bool running,
			 struct berr *err)
{
	static char buf[PATH_MAX];
	struct rt_cg_where w = {path, id, systemd, running};

	memset(err, 0, sizeof(*err));
	if (rt_cg_inner_path(&w, buf, sizeof(buf), err) < 0)
		return "(error)";
	return buf;
}

static void test_inner_plain(void)
{
	struct berr err;

	ASSERT_STR(inner(NULL, "c1", false, false, &err), "c1");
	ASSERT_STR(inner("", "c1", false, false, &err), "c1");
	ASSERT_STR(inner("a/b", "c1", false, false, &err), "a/b");
	ASSERT_STR(inner("/abs/y", "c1", false, false, &err), "/abs/y");
	ASSERT_STR(inner("//a//b/", "c1", false, false, &err), "/a/b");
	ASSERT_STR(inner("/a/../b/./c", "c1", false, false, &err), "/b/c");
	/* a relative path cannot climb out of our own cgroup (runc's CleanPath) */
	ASSERT_STR(inner("../../x", "c1", false, false, &err), "x");
	ASSERT_STR(inner("a/../../b", "c1", false, false, &err), "b");
	ASSERT_STR(inner("/../../x", "c1", false, false, &err), "/x");
}

static void test_inner_refused(void)
{
	struct berr err;

	ASSERT_STR(inner(".", "c1", false, false, &err), "(error)");
	ASSERT_STR(err.msg, "linux.cgroupsPath: \".\" names the hierarchy's root or our own "
			    "cgroup; it must name one below");
	ASSERT_STR(inner("/", "c1", false, false, &err), "(error)");
	ASSERT_STR(inner("a/..", "c1", false, false, &err), "(error)");
	ASSERT_STR(inner("system.slice:docker:abc", "c1", false, false, &err), "(error)");
	ASSERT_STR(err.msg, "linux.cgroupsPath: \"system.slice:docker:abc\" is systemd's "
			    "slice:prefix:name form; it needs --systemd-cgroup");
	ASSERT_INT(err.code, EINVAL);
	/* a colon alone is just a name */
	ASSERT_STR(inner("a:b", "c1", false, false, &err), "a:b");
}

static void test_inner_systemd(void)
{
	struct berr err;

	ASSERT_STR(inner(NULL, "c1", true, false, &err), "(error)");
	ASSERT_STR(err.msg, "--systemd-cgroup: systemd is not running on this host (no "
			    "/run/systemd/system)");
	ASSERT_INT(err.code, ENOTSUP);
	ASSERT_STR(inner(NULL, "c1", true, true, &err), "/system.slice/runc-c1.scope");
	ASSERT_STR(inner("machine.slice:libpod:abc", "c1", true, true, &err),
		   "/machine.slice/libpod-abc.scope");
	ASSERT_STR(inner("a-b-c.slice:p:n", "c1", true, true, &err),
		   "/a.slice/a-b.slice/a-b-c.slice/p-n.scope");
	ASSERT_STR(inner(":p:n", "c1", true, true, &err), "/system.slice/p-n.scope");
	ASSERT_STR(inner("x.slice::n", "c1", true, true, &err), "/x.slice/n.scope");
	ASSERT_STR(inner("-.slice:p:n", "c1", true, true, &err), "/p-n.scope");
	ASSERT_STR(inner("system.slice:p:sub.slice", "c1", true, true, &err),
		   "/system.slice/sub.slice");
	ASSERT_STR(inner("a--b.slice:p:n", "c1", true, true, &err), "(error)");
	ASSERT_STR(err.msg, "linux.cgroupsPath: invalid slice name \"a--b.slice\"");
	ASSERT_STR(inner("noslice:p:n", "c1", true, true, &err), "(error)");
	ASSERT_STR(inner("/a/b", "c1", true, true, &err), "(error)");
	ASSERT_STR(err.msg, "linux.cgroupsPath: expected \"slice:prefix:name\" with "
			    "--systemd-cgroup, got \"/a/b\"");
	ASSERT_STR(inner("a:b:", "c1", true, true, &err), "(error)");
}

/* this host's layout: v1 controllers at /sys/fs/cgroup/<c>, cgroup2 at .../unified */
static const char hybrid_mi[] =
	"31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
	"32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
	"33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
	"35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
	"39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
	"40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
	"41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
static const char hybrid_self[] = "9:name=systemd:/\n8:pids:/\n4:memory:/process_api/abc\n"
				  "2:cpuacct:/\n1:cpu:/\n0::/\n";

static void paths_for(const char *mi, const char *self, const char *root, bool v2,
		      const char *inner_path, struct rt_cgroup *cg)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	char mtext[4096], stext[1024];
	struct berr err = {0};

	snprintf(mtext, sizeof(mtext), "%s", mi);
	snprintf(stext, sizeof(stext), "%s", self);
	memset(cg, 0, sizeof(*cg));
	if (!m || rt_cg_mounts_parse(mtext, root, v2, m, &err) < 0 ||
	    rt_cg_paths(m, stext, inner_path, cg, &err) < 0)
		printf("# paths_for: %s\n", err.msg);
}

static void test_paths_hybrid(void)
{
	_cleanup_free_ struct rt_cgroup *cg = malloc(sizeof(*cg));

	paths_for(hybrid_mi, hybrid_self, "/sys/fs/cgroup", false, "c1", cg);
	ASSERT_INT(cg->mode, RT_CGROUP_HYBRID);
	ASSERT_STR(cg->path[RT_CG_MEMORY], "/sys/fs/cgroup/memory/process_api/abc/c1");
	ASSERT_STR(cg->path[RT_CG_CPU], "/sys/fs/cgroup/cpu/c1");
	ASSERT_STR(cg->path[RT_CG_PIDS], "/sys/fs/cgroup/pids/c1");
	ASSERT_STR(cg->path[RT_CG_SYSTEMD], "/sys/fs/cgroup/systemd/c1");
	ASSERT_STR(cg->path[RT_CG_UNIFIED], "/sys/fs/cgroup/unified/c1");
	ASSERT_STR(cg->path[RT_CG_DEVICES], ""); /* not mounted in this fixture */
	paths_for(hybrid_mi, hybrid_self, "/sys/fs/cgroup", false, "rel/x", cg);
	ASSERT_STR(cg->path[RT_CG_MEMORY], "/sys/fs/cgroup/memory/process_api/abc/rel/x");
	ASSERT_STR(cg->path[RT_CG_PIDS], "/sys/fs/cgroup/pids/rel/x");
	paths_for(hybrid_mi, hybrid_self, "/sys/fs/cgroup", false, "/abs/y", cg);
	ASSERT_STR(cg->path[RT_CG_MEMORY], "/sys/fs/cgroup/memory/abs/y");
	ASSERT_STR(cg->path[RT_CG_UNIFIED], "/sys/fs/cgroup/unified/abs/y");
}

static void test_paths_v2(void)
{
	_cleanup_free_ struct rt_cgroup *cg = malloc(sizeof(*cg));
	static const char mi[] =
		"25 20 0:22 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";

	/* our own cgroup has processes: the container goes beside it (runc's fs2) */
	paths_for(mi, "0::/user.slice/session-1.scope\n", "/sys/fs/cgroup", true, "c1", cg);
	ASSERT_INT(cg->mode, RT_CGROUP_V2);
	ASSERT_STR(cg->path[RT_CG_UNIFIED], "/sys/fs/cgroup/user.slice/c1");
	ASSERT_STR(cg->path[RT_CG_MEMORY], "");
	paths_for(mi, "0::/\n", "/sys/fs/cgroup", true, "c1", cg);
	ASSERT_STR(cg->path[RT_CG_UNIFIED], "/sys/fs/cgroup/c1");
	paths_for(mi, "0::/a\n", "/sys/fs/cgroup", true, "/machine/x", cg);
	ASSERT_STR(cg->path[RT_CG_UNIFIED], "/sys/fs/cgroup/machine/x");
	/* a fake tree: a cgroup2 root with no mountinfo line of its own */
	paths_for("", "0::/\n", "/tmp/fake", true, "c1", cg);
	ASSERT_STR(cg->path[RT_CG_UNIFIED], "/tmp/fake/c1");
}

static void test_paths_mount_root(void)
{
	_cleanup_free_ struct rt_cgroup *cg = malloc(sizeof(*cg));
	static const char mi[] =
		"35 31 0:32 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n";

	/* inside another container: the mount shows only its own part of the hierarchy */
	paths_for(mi, "4:memory:/docker/abc/inner\n", "/sys/fs/cgroup", false, "c1", cg);
	ASSERT_STR(cg->path[RT_CG_MEMORY], "/sys/fs/cgroup/memory/inner/c1");
	paths_for(mi, "4:memory:/elsewhere\n", "/sys/fs/cgroup", false, "c1", cg);
	ASSERT_STR(cg->path[RT_CG_MEMORY], "/sys/fs/cgroup/memory/c1");
	paths_for(mi, "", "/sys/fs/cgroup", false, "c1", cg);
	ASSERT_STR(cg->path[RT_CG_MEMORY], "/sys/fs/cgroup/memory/c1");
}

int main(void)
{
	RUN(test_inner_plain);
	RUN(test_inner_refused);
	RUN(test_inner_systemd);
	RUN(test_paths_hybrid);
	RUN(test_paths_v2);
	RUN(test_paths_mount_root);
	UNIT_DONE();
}
