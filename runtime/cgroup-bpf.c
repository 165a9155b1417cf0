/* cgroup-bpf: cgroup v2 has no devices.allow; the kernel asks a BPF_PROG_TYPE_CGROUP_DEVICE
 * program attached to the cgroup instead. This file generates that program from the rule list
 * (cgroup-devices.c), loads it with bpf(BPF_PROG_LOAD) and attaches it with BPF_PROG_ATTACH.
 * Written directly: libcgroup has no device filtering for v2. Called by cgroup-setup.c.
 *
 * Semantics: each requested access bit (m, r, w) is decided by the last rule that matches the
 * device and has that bit; all requested bits must be allowed. The rule list always starts with
 * "deny all", so every bit is decided. The program scans the rules newest first. */
#include "cgroup-impl.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/cleanup.h"

#define MAX_INSNS 65536 /* far above any real rule list; the kernel allows 1M for root */

struct prog {
	struct bpf_insn *v;
	size_t n, cap;
	bool oom;
};

static size_t emit(struct prog *p, uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm)
{
	struct bpf_insn *nv;

	if (p->oom)
		return 0; /* keep "emitting" harmlessly; rt_cg_bpf_gen() reports it */
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		nv = p->cap <= MAX_INSNS ? reallocarray(p->v, p->cap, sizeof(*nv)) : NULL;
		if (!nv) {
			p->oom = true;
			return 0;
		}
		p->v = nv;
	}
	p->v[p->n] = (struct bpf_insn){
		.code = code, .dst_reg = dst, .src_reg = src, .off = off, .imm = imm};
	return p->n++;
}

/* Points the jump at index `at` to the next instruction to be emitted. */
static void land(struct prog *p, size_t at)
{
	if (!p->oom)
		p->v[at].off = (int16_t)(p->n - at - 1);
}

static void ret_imm(struct prog *p, int32_t v)
{
	emit(p, BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, v);
	emit(p, BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

/* R2 = type, R3 = access, R4 = major, R5 = minor (struct bpf_cgroup_dev_ctx). */
static void prologue(struct prog *p)
{
	emit(p, BPF_LDX | BPF_MEM | BPF_W, BPF_REG_2, BPF_REG_1, 0, 0);
	emit(p, BPF_ALU | BPF_AND | BPF_K, BPF_REG_2, 0, 0, 0xffff);
	emit(p, BPF_LDX | BPF_MEM | BPF_W, BPF_REG_3, BPF_REG_1, 0, 0);
	emit(p, BPF_ALU | BPF_RSH | BPF_K, BPF_REG_3, 0, 0, 16);
	emit(p, BPF_LDX | BPF_MEM | BPF_W, BPF_REG_4, BPF_REG_1, 4, 0);
	emit(p, BPF_LDX | BPF_MEM | BPF_W, BPF_REG_5, BPF_REG_1, 8, 0);
}

/* A test of one field: "equal" jumps over the jump that skips the rule. The verifier goes
 * down the fall-through first; with the mismatch there, it sees the general state (the field
 * unknown) at each later rule before the narrowed ones, which it can then prune: about a
 * quarter of the instructions to verify than with a jump on "not equal". */
static size_t field_test(struct prog *p, uint8_t reg, int32_t v)
{
	emit(p, BPF_JMP32 | BPF_JEQ | BPF_K, reg, 0, 1, v);
	return emit(p, BPF_JMP | BPF_JA, 0, 0, 0, 0);
}

/* One rule for one bit: falls through when it does not match; when it does, an allow jumps
 * to the next bit (its index goes to *ret_jump) and a deny returns 0. Returns true when the
 * rule matches every device (nothing after it can run). */
static bool rule_block(struct prog *p, const struct rt_cg_dev_rule *r, size_t *ret_jump)
{
	size_t skips[3], ns = 0, i;

	if (r->type != 'a')
		skips[ns++] = field_test(p, BPF_REG_2,
					 r->type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR);
	if (r->type != 'a' && r->major >= 0)
		skips[ns++] = field_test(p, BPF_REG_4, (int32_t)r->major);
	if (r->type != 'a' && r->minor >= 0)
		skips[ns++] = field_test(p, BPF_REG_5, (int32_t)r->minor);
	*ret_jump = SIZE_MAX;
	if (r->allow)
		*ret_jump = emit(p, BPF_JMP | BPF_JA, 0, 0, 0, 0);
	else
		ret_imm(p, 0);
	for (i = 0; i < ns; i++)
		land(p, skips[i]);
	return ns == 0;
}

/* The section deciding one access bit; its exits to the next bit are recorded in jumps. */
static void bit_section(struct prog *p, const struct rt_cg_dev_rule *rules, size_t n, unsigned bit,
			size_t *jumps, size_t *nj)
{
	size_t i, j;

	emit(p, BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_3, 0, 0);
	emit(p, BPF_ALU | BPF_AND | BPF_K, BPF_REG_1, 0, 0, (int32_t)bit);
	jumps[(*nj)++] = emit(p, BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_1, 0, 0, 0);
	for (i = n; i-- > 0;) {
		if (!(rules[i].access & bit))
			continue;
		if (rule_block(p, &rules[i], &j)) {
			if (j != SIZE_MAX)
				jumps[(*nj)++] = j;
			return; /* decided for every device: what follows would be unreachable */
		}
		if (j != SIZE_MAX)
			jumps[(*nj)++] = j;
	}
	ret_imm(p, 0); /* no rule has this bit */
}

int rt_cg_bpf_gen(const struct rt_cg_dev_rule *rules, size_t n, struct bpf_insn **ret,
		  size_t *ret_n, struct berr *err)
{
	static const unsigned bits[] = {RT_CG_ACC_MKNOD, RT_CG_ACC_READ, RT_CG_ACC_WRITE};
	_cleanup_free_ size_t *jumps = NULL;
	struct prog p = {0};
	size_t b, i, nj;

	for (i = 0; i < n; i++)
		if (rules[i].major > INT32_MAX || rules[i].minor > INT32_MAX ||
		    !strchr("abc", rules[i].type))
			return berr_set(err, EINVAL, "linux.resources.devices: invalid rule");
	jumps = calloc(n + 1, sizeof(*jumps));
	if (!jumps)
		return berr_set(err, ENOMEM, "linux.resources.devices: device filter");
	prologue(&p);
	for (b = 0; b < ARRAY_SIZE(bits); b++) {
		nj = 0;
		bit_section(&p, rules, n, bits[b], jumps, &nj);
		for (i = 0; i < nj; i++)
			land(&p, jumps[i]);
	}
	ret_imm(&p, 1);
	if (p.oom || p.n > MAX_INSNS) {
		free(p.v);
		return berr_set(err, E2BIG,
				"linux.resources.devices: too many rules for the "
				"device filter");
	}
	*ret = p.v;
	*ret_n = p.n;
	return 0;
}

int rt_cg_bpf_load(const struct bpf_insn *insns, size_t n, char *log, size_t log_len,
		   struct berr *err)
{
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = (uint32_t)n;
	a.license = (uint64_t)(uintptr_t) "GPL";
	if (log && log_len) {
		log[0] = '\0';
		a.log_buf = (uint64_t)(uintptr_t)log;
		a.log_size = (uint32_t)log_len;
		a.log_level = 1;
	}
	fd = (int)syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof(a));
	if (fd < 0)
		return berr_sys(err, "linux.resources.devices: load the device filter (bpf)");
	/* the kernel gives bpf fds close-on-exec already; make sure */
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

int rt_cg_v2_devices(const char *dir, const struct rt_cg_dev_rule *rules, size_t n,
		     struct berr *err)
{
	_cleanup_free_ struct bpf_insn *insns = NULL;
	_cleanup_close_ int prog = -1, cgfd = -1;
	union bpf_attr a;
	size_t ni;
	int r;

	r = rt_cg_bpf_gen(rules, n, &insns, &ni, err);
	if (r < 0)
		return r;
	prog = rt_cg_bpf_load(insns, ni, NULL, 0, err);
	if (prog < 0)
		return prog;
	cgfd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (cgfd < 0)
		return berr_sys(err, "linux.resources.devices: open %s", dir);
	memset(&a, 0, sizeof(a));
	a.target_fd = (uint32_t)cgfd;
	a.attach_bpf_fd = (uint32_t)prog;
	a.attach_type = BPF_CGROUP_DEVICE;
	/* multi: a program above us (systemd's, a parent runtime's) keeps applying too */
	a.attach_flags = BPF_F_ALLOW_MULTI;
	if (syscall(SYS_bpf, BPF_PROG_ATTACH, &a, sizeof(a)) < 0)
		return berr_sys(err, "linux.resources.devices: attach the device filter to %s",
				dir);
	return 0; /* the attachment holds the program; our fd can go */
}
