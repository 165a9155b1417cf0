/* test-cmd-update: `berth update` changes a real container's limits: runc's flags (sizes with
 * units, -1, cpu, cpuset, pids, blkio weight), a resources file and stdin (-r -), ignored
 * kernel memory, refused Intel RDT, bad values and ranges named, a stopped container refused. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX], root[PATH_MAX], out[PATH_MAX];
static struct ut_argv a;
static struct rt_cgroup *cg;
static pid_t live = -1; /* ended by main() whatever the tests did */

static const char *val(int c, const char *file)
{
	static char buf[4][256];
	static int k;
	char *b = buf[k++ % 4];
	struct berr err;

	if (rt_cg_read(cg->path[c], file, b, 256, &err) < 0)
		return "(unreadable)";
	return b;
}

static void test_flags(void)
{
	struct berr err = {0};
	pid_t pid = live = cg_live_container(root, "u1", "\"memory\": {\"limit\": 33554432}", cg);

	if (pid < 0) {
		printf("# skipped: no v1 cgroups here\n");
		return;
	}
	UT_ARGV(&a, "update", "--memory", "64m", "--memory-reservation", "16MiB", "--pids-limit",
		"7", "--cpu-quota", "20000", "--cpu-period", "100000", "--cpu-shares", "512",
		"--cpuset-cpus", "0", "--blkio-weight", "500", "--kernel-memory", "1g", "u1");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, out, &err), 0);
	ASSERT_STR(val(RT_CG_MEMORY, "memory.limit_in_bytes"), "67108864");
	ASSERT_STR(val(RT_CG_MEMORY, "memory.soft_limit_in_bytes"), "16777216");
	ASSERT_STR(val(RT_CG_PIDS, "pids.max"), "7");
	ASSERT_STR(val(RT_CG_CPU, "cpu.cfs_quota_us"), "20000");
	ASSERT_STR(val(RT_CG_CPU, "cpu.shares"), "512");
	ASSERT_STR(val(RT_CG_CPUSET, "cpuset.cpus"), "0");
	if (rt_cg_has(cg->path[RT_CG_BLKIO], "blkio.bfq.weight"))
		ASSERT_CONTAINS(val(RT_CG_BLKIO, "blkio.bfq.weight"), "500");
	/* -1: unlimited memory, and swap with it */
	UT_ARGV(&a, "update", "--memory", "-1", "u1");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, out, &err), 0);
	ASSERT_STR(val(RT_CG_MEMORY, "memory.limit_in_bytes"), "9223372036854771712");
	/* a resources file: the other flags are ignored */
	{
		char f[PATH_MAX];

		ut_path(f, "%s/res.json", dir);
		ASSERT_INT(
			ut_write_file(f,
				      "{\"memory\": {\"limit\": 50331648}, \"pids\": {\"limit\": "
				      "9}, \"devices\": [{\"allow\": true, \"access\": \"rwm\"}]}",
				      0644),
			0);
		UT_ARGV(&a, "update", "-r", f, "--pids-limit", "100", "u1");
		ASSERT_INT(ut_cmd(rt_cmd_update, &a, out, &err), 0);
		ASSERT_STR(val(RT_CG_MEMORY, "memory.limit_in_bytes"), "50331648");
		ASSERT_STR(val(RT_CG_PIDS, "pids.max"), "9");
		/* -r - reads stdin */
		ASSERT_INT(ut_write_file(f, "{\"pids\": {\"limit\": 11}}", 0644), 0);
		{
			int in = dup(STDIN_FILENO), fd = open(f, O_RDONLY | O_CLOEXEC);

			ASSERT_TRUE(in >= 0 && fd >= 0);
			(void)dup2(fd, STDIN_FILENO);
			UT_ARGV(&a, "update", "--resources", "-", "u1");
			ASSERT_INT(ut_cmd(rt_cmd_update, &a, out, &err), 0);
			(void)dup2(in, STDIN_FILENO);
			(void)close(in);
			(void)close(fd);
		}
		ASSERT_STR(val(RT_CG_PIDS, "pids.max"), "11");
		ASSERT_INT(ut_write_file(f, "{\"memory\": {\"limit\": \"x\"}}", 0644), 0);
		UT_ARGV(&a, "update", "-r", f, "u1");
		ASSERT_INT(ut_cmd(rt_cmd_update, &a, out, &err), -EINVAL);
		ASSERT_CONTAINS(err.msg, "--resources ");
		ASSERT_CONTAINS(err.msg, "memory.limit: ");
	}
	/* the kernel refuses: the field and the file are named */
	UT_ARGV(&a, "update", "--cpuset-cpus", "4000", "u1");
	ASSERT_TRUE(ut_cmd(rt_cmd_update, &a, out, &err) < 0);
	ASSERT_STR(err.msg, "linux.resources.cpu.cpus: write cpuset.cpus");
	UT_ARGV(&a, "update", "--blkio-weight", "5", "u1");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, out, &err), -ERANGE);
	ASSERT_STR(err.msg, "linux.resources.blockIO.weight: 5 is out of range (10 to 1000)");
	(void)kill(pid, SIGKILL);
	(void)ut_wait(pid);
	live = 0;
	UT_ARGV(&a, "update", "--memory", "1g", "u1");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, out, &err), -EINVAL);
	ASSERT_STR(err.msg, "container not running");
}

static void test_bad_flags(void)
{
	struct berr err = {0};

	UT_ARGV(&a, "update", "--memory", "lots", "x");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "--memory: invalid size \"lots\"");
	UT_ARGV(&a, "update", "--memory", "1x", "x");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, NULL, &err), -EINVAL);
	UT_ARGV(&a, "update", "--cpu-quota", "1.5", "x");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "--cpu-quota: invalid value \"1.5\"");
	UT_ARGV(&a, "update", "--cpu-period", "-5", "x");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "--cpu-period: invalid value \"-5\": must not be negative");
	UT_ARGV(&a, "update", "--l3-cache-schema", "L3:0=f", "x");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, NULL, &err), -ENOTSUP);
	if (access("/sys/fs/resctrl/schemata", F_OK) < 0)
		ASSERT_STR(err.msg,
			   "--l3-cache-schema: Intel RDT is not available on this host (no "
			   "resctrl filesystem at /sys/fs/resctrl)");
	UT_ARGV(&a, "update", "--bogus", "x");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, NULL, &err), -EINVAL);
	UT_ARGV(&a, "update", "--memory", "1g");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, NULL, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "requires exactly 1 argument");
	UT_ARGV(&a, "update", "-r", "/nonexistent/file", "x");
	ASSERT_INT(ut_cmd(rt_cmd_update, &a, NULL, &err), -ENOENT);
	ASSERT_STR(err.msg, "--resources: open /nonexistent/file");
}

int main(void)
{
	ut_tmpdir(dir);
	ut_path(root, "%s/root", dir);
	ut_path(out, "%s/out", dir);
	arg_global.root = root;
	cg = calloc(1, sizeof(*cg));
	RUN(test_flags);
	RUN(test_bad_flags);
	if (live >= 0)
		cg_end_container(root, "u1", live, cg);
	free(cg);
	ut_rmrf(dir);
	UNIT_DONE();
}
