/* test-cgroup-bpf: the v2 device filter. Its decisions are checked by running the generated
 * instructions in a small interpreter here (the kernel has no test-run for this program type)
 * over a matrix of devices and accesses; the kernel's verifier must accept it (BPF_PROG_LOAD,
 * root); and attached to a cgroup in a private cgroup2 mount it lets a process open /dev/null
 * and refuses /dev/zero with EPERM. */
#include <errno.h>
#include <linux/bpf.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

#define RWM (RT_CG_ACC_READ | RT_CG_ACC_WRITE | RT_CG_ACC_MKNOD)

/* Runs the subset of eBPF the generator emits; -1 on anything else or a runaway. */
static int run(const struct bpf_insn *p, size_t n, uint32_t type, uint32_t access, uint32_t major,
	       uint32_t minor)
{
	uint32_t ctx[3] = {type | (access << 16), major, minor};
	uint64_t r[11] = {0};
	size_t pc = 0, steps = 0;

	while (pc < n && steps++ < 100000) {
		const struct bpf_insn *i = &p[pc++];
		uint64_t imm = (uint64_t)(int64_t)i->imm;

		switch (i->code) {
		case BPF_LDX | BPF_MEM | BPF_W:
			if (i->src_reg != BPF_REG_1 || i->off % 4 || i->off < 0 || i->off > 8)
				return -1;
			r[i->dst_reg] = ctx[i->off / 4];
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			r[i->dst_reg] = (uint32_t)r[i->dst_reg] & (uint32_t)i->imm;
			break;
		case BPF_ALU | BPF_RSH | BPF_K:
			r[i->dst_reg] = (uint32_t)r[i->dst_reg] >> i->imm;
			break;
		case BPF_ALU64 | BPF_MOV | BPF_K:
			r[i->dst_reg] = imm;
			break;
		case BPF_ALU64 | BPF_MOV | BPF_X:
			r[i->dst_reg] = r[i->src_reg];
			break;
		case BPF_JMP32 | BPF_JEQ | BPF_K:
			if ((uint32_t)r[i->dst_reg] == (uint32_t)i->imm)
				pc += (size_t)i->off;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			if (r[i->dst_reg] == imm)
				pc += (size_t)i->off;
			break;
		case BPF_JMP | BPF_JA:
			pc += (size_t)i->off;
			break;
		case BPF_JMP | BPF_EXIT:
			return (int)r[0];
		default:
			return -1;
		}
	}
	return -1;
}

static int decide(const struct rt_cg_dev_rule *rules, size_t nr, char type, uint32_t access,
		  uint32_t major, uint32_t minor)
{
	_cleanup_free_ struct bpf_insn *p = NULL;
	struct berr err = {0};
	size_t n = 0;

	if (rt_cg_bpf_gen(rules, nr, &p, &n, &err) < 0)
		return -2;
	return run(p, n, type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR, access, major,
		   minor);
}

static const struct rt_cg_dev_rule base[] = {
	{false, 'a', -1, -1, RWM},
	{true, 'c', -1, -1, RT_CG_ACC_MKNOD},
	{true, 'c', 1, 3, RWM},
	{true, 'c', 136, -1, RWM},
	{true, 'b', 8, 0, RT_CG_ACC_READ},
	{false, 'c', 1, 3, RT_CG_ACC_WRITE},
};

static void test_decisions(void)
{
	size_t n = ARRAY_SIZE(base);

	ASSERT_INT(decide(base, n, 'c', RT_CG_ACC_READ, 1, 3), 1);
	/* the later deny takes w away from /dev/null but leaves r and m */
	ASSERT_INT(decide(base, n, 'c', RT_CG_ACC_WRITE, 1, 3), 0);
	ASSERT_INT(decide(base, n, 'c', RT_CG_ACC_READ | RT_CG_ACC_WRITE, 1, 3), 0);
	ASSERT_INT(decide(base, n, 'c', RT_CG_ACC_MKNOD, 1, 3), 1);
	ASSERT_INT(decide(base, n, 'c', RT_CG_ACC_READ, 1, 5), 0);
	ASSERT_INT(decide(base, n, 'c', RT_CG_ACC_MKNOD, 1, 5), 1); /* c *:* m */
	ASSERT_INT(decide(base, n, 'b', RT_CG_ACC_MKNOD, 8, 0), 0); /* no b *:* m here */
	ASSERT_INT(decide(base, n, 'b', RT_CG_ACC_READ, 8, 0), 1);
	ASSERT_INT(decide(base, n, 'b', RT_CG_ACC_READ | RT_CG_ACC_WRITE, 8, 0), 0);
	ASSERT_INT(decide(base, n, 'b', RT_CG_ACC_READ, 8, 1), 0);
	ASSERT_INT(decide(base, n, 'c', RWM, 136, 7), 1);
	ASSERT_INT(decide(base, n, 'c', RT_CG_ACC_READ, 3, 3), 0);
	/* only the deny-all: nothing */
	ASSERT_INT(decide(base, 1, 'c', RT_CG_ACC_READ, 1, 3), 0);
}

static void test_allow_all_last(void)
{
	struct rt_cg_dev_rule r[] = {
		{false, 'a', -1, -1, RWM}, {false, 'c', 1, 5, RWM}, {true, 'a', -1, -1, RWM}};

	/* "allow a" resets to allow everything, as on v1 */
	ASSERT_INT(decide(r, 3, 'c', RWM, 1, 5), 1);
	ASSERT_INT(decide(r, 3, 'b', RT_CG_ACC_WRITE, 8, 0), 1);
	r[2].allow = false;
	ASSERT_INT(decide(r, 3, 'b', RT_CG_ACC_WRITE, 8, 0), 0);
}

static void test_refuses_bad_rules(void)
{
	struct rt_cg_dev_rule r[] = {{false, 'a', -1, -1, RWM}, {true, 'c', 1LL << 33, 0, RWM}};
	struct bpf_insn *p = NULL;
	struct berr err = {0};
	size_t n = 0;

	ASSERT_INT(rt_cg_bpf_gen(r, 2, &p, &n, &err), -EINVAL);
	ASSERT_STR(err.msg, "linux.resources.devices: invalid rule");
	ASSERT_TRUE(p == NULL);
}

static void test_kernel_accepts(void)
{
	struct cfg_spec *s = cg_spec("\"resources\": {\"devices\": [{\"allow\": false, "
				     "\"access\": \"rwm\"}, {\"allow\": true, \"type\": \"b\", "
				     "\"major\": 8, \"minor\": 0, \"access\": \"r\"}]}");
	_cleanup_free_ struct rt_cg_dev_rule *v = NULL;
	_cleanup_free_ struct bpf_insn *p = NULL;
	_cleanup_free_ char *log = calloc(1, 65536);
	struct berr err = {0};
	size_t nv = 0, n = 0;
	int fd;

	ASSERT_TRUE(s && log);
	ASSERT_INT(rt_cg_dev_rules(s, &v, &nv, &err), 0);
	cfg_spec_free(s);
	ASSERT_INT(rt_cg_bpf_gen(v, nv, &p, &n, &err), 0);
	ASSERT_TRUE(n > 10 && n < 500);
	if (geteuid() != 0)
		return;
	fd = rt_cg_bpf_load(p, n, log, 65536, &err);
	if (fd < 0)
		printf("# verifier: %s\n", log);
	ASSERT_TRUE(fd >= 0);
	ASSERT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	(void)close(fd);
	/* only the deny-all (every bit decided by one unconditional rule) */
	free(p);
	p = NULL;
	ASSERT_INT(rt_cg_bpf_gen(base, 1, &p, &n, &err), 0);
	fd = rt_cg_bpf_load(p, n, log, 65536, &err);
	if (fd < 0)
		printf("# verifier: %s\n", log);
	ASSERT_TRUE(fd >= 0);
	(void)close(fd);
}

static char mnt[PATH_MAX];

/* In a private mount namespace: a cgroup2 mount, a cgroup with the filter, a child in it. */
static void attached_body(void *arg)
{
	struct rt_cg_dev_rule r[] = {{false, 'a', -1, -1, RWM}, {true, 'c', 1, 3, RWM}};
	char cg[PATH_MAX], buf[32];
	struct berr err = {0};
	int p[2], st;
	pid_t pid;

	(void)arg;
	ASSERT_TRUE(cg_mount_v2(mnt));
	ut_path(cg, "%s/%s", mnt, cg_unique("bpf"));
	ASSERT_INT(mkdir(cg, 0755), 0);
	ASSERT_INT(rt_cg_v2_devices(cg, r, 2, &err), 0);
	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	if (pid == 0) {
		char c;

		if (read(p[0], &c, 1) != 1) /* wait until moved into the cgroup */
			_exit(9);
		if (open("/dev/null", O_RDONLY | O_CLOEXEC) < 0)
			_exit(10);
		if (open("/dev/zero", O_RDONLY | O_CLOEXEC) >= 0)
			_exit(11);
		_exit(errno == EPERM ? 0 : 12);
	}
	(void)snprintf(buf, sizeof(buf), "%d", pid);
	ASSERT_INT(rt_cg_write(cg, "cgroup.procs", buf, "test", &err), 0);
	ASSERT_INT(write(p[1], "x", 1), 1);
	st = ut_wait(pid);
	(void)rmdir(cg);
	ASSERT_TRUE(WIFEXITED(st));
	ASSERT_INT(WEXITSTATUS(st), 0);
}

static void test_attached_filter(void)
{
	if (geteuid() != 0) {
		printf("# skipped: needs root\n");
		return;
	}
	ut_tmpdir(mnt);
	ASSERT_CHILD_OK(attached_body, NULL);
	(void)rmdir(mnt);
}

int main(void)
{
	RUN(test_decisions);
	RUN(test_allow_all_last);
	RUN(test_refuses_bad_rules);
	RUN(test_kernel_accepts);
	RUN(test_attached_filter);
	UNIT_DONE();
}
