/* cmd-update: `berth update [options] ID`: change a live container's cgroup limits, with
 * runc's flags or a linux.resources JSON document (-r FILE, or -r - for stdin; then the other
 * flags are ignored, as runc). Device rules are never changed by update. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "../kvm-sandbox/vm-update.h"
#include "cgroup-target.h"
#include "cli.h"

#define RESOURCES_MAX (1u << 20)

enum {
	OPT_BLKIO = 256,
	OPT_CPU_PERIOD,
	OPT_CPU_QUOTA,
	OPT_CPU_BURST,
	OPT_CPU_SHARES,
	OPT_CPU_RT_PERIOD,
	OPT_CPU_RT_RUNTIME,
	OPT_CPU_IDLE,
	OPT_CPUS,
	OPT_MEMS,
	OPT_KMEM,
	OPT_MEMORY,
	OPT_MEM_RES,
	OPT_SWAP,
	OPT_PIDS,
	OPT_L3,
	OPT_MBA,
};

static const struct option opts[] = {
	{"resources", required_argument, NULL, 'r'},
	{"blkio-weight", required_argument, NULL, OPT_BLKIO},
	{"cpu-period", required_argument, NULL, OPT_CPU_PERIOD},
	{"cpu-quota", required_argument, NULL, OPT_CPU_QUOTA},
	{"cpu-burst", required_argument, NULL, OPT_CPU_BURST},
	{"cpu-share", required_argument, NULL, OPT_CPU_SHARES},
	{"cpu-shares", required_argument, NULL, OPT_CPU_SHARES},
	{"cpu-rt-period", required_argument, NULL, OPT_CPU_RT_PERIOD},
	{"cpu-rt-runtime", required_argument, NULL, OPT_CPU_RT_RUNTIME},
	{"cpu-idle", required_argument, NULL, OPT_CPU_IDLE},
	{"cpuset-cpus", required_argument, NULL, OPT_CPUS},
	{"cpuset-mems", required_argument, NULL, OPT_MEMS},
	{"kernel-memory", required_argument, NULL, OPT_KMEM},
	{"kernel-memory-tcp", required_argument, NULL, OPT_KMEM},
	{"memory", required_argument, NULL, OPT_MEMORY},
	{"memory-reservation", required_argument, NULL, OPT_MEM_RES},
	{"memory-swap", required_argument, NULL, OPT_SWAP},
	{"pids-limit", required_argument, NULL, OPT_PIDS},
	{"l3-cache-schema", required_argument, NULL, OPT_L3},
	{"mem-bw-schema", required_argument, NULL, OPT_MBA},
	{0},
};

static int parse_i64(const char *opt, const char *s, int64_t *ret, struct berr *err)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end)
		return berr_set(err, EINVAL, "--%s: invalid value \"%s\"", opt, s);
	*ret = v;
	return 0;
}

static int parse_u64(const char *opt, const char *s, uint64_t *ret, struct berr *err)
{
	int64_t v;
	int r = parse_i64(opt, s, &v, err);

	if (r == 0 && v < 0)
		return berr_set(err, EINVAL, "--%s: invalid value \"%s\": must not be negative",
				opt, s);
	if (r == 0)
		*ret = (uint64_t)v;
	return r;
}

/* docker/go-units RAMInBytes: "512", "64k", "1.5g", "10MiB" (1024-based); and -1. */
static int parse_ram(const char *opt, const char *s, int64_t *ret, struct berr *err)
{
	static const char units[] = "kmgtp";
	const char *p;
	char *end;
	double v, mul = 1;

	if (!strcmp(s, "-1")) {
		*ret = -1;
		return 0;
	}
	v = strtod(s, &end);
	if (end == s || !strchr("0123456789", s[0]))
		return berr_set(err, EINVAL, "--%s: invalid size \"%s\"", opt, s);
	p = end + (*end == ' ');
	if (*p && strchr(units, *p | 0x20)) {
		for (const char *u = units; *u != (*p | 0x20); u++)
			mul *= 1024;
		mul *= 1024;
		p++;
		if (*p == 'i' || *p == 'I')
			p++;
	}
	if (*p == 'b' || *p == 'B')
		p++;
	if (*p || v * mul > 9.2e18)
		return berr_set(err, EINVAL, "--%s: invalid size \"%s\"", opt, s);
	*ret = (int64_t)(v * mul);
	return 0;
}

/* ret_text (NUL-terminated) is what was read: vm mode hands it to the guest as it is */
static int read_resources(const char *path, struct cfg_spec **ret, char **ret_text,
			  struct berr *err)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *buf = malloc(RESOURCES_MAX + 1);
	size_t len = 0;
	ssize_t n;
	int r;

	if (!buf)
		return berr_set(err, ENOMEM, "--resources");
	fd = !strcmp(path, "-") ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "--resources: open %s", path);
	while ((n = read(fd, buf + len, RESOURCES_MAX + 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return berr_sys(err, "--resources: read %s", path);
		len += (size_t)n;
		if (len > RESOURCES_MAX)
			return berr_set(err, EFBIG, "--resources: %s is larger than %u bytes", path,
					RESOURCES_MAX);
	}
	r = cfg_resources_parse(buf, len, ret, err);
	if (r < 0)
		return berr_prefix(err, "--resources %s", path);
	if ((*ret)->linux_.resources.n_devices)
		log_warn("--resources: devices: update does not change device rules; ignored");
	buf[len] = '\0';
	*ret_text = TAKE_PTR(buf);
	return 0;
}

static int set_flag(struct cfg_resources *r, int c, const char *name, const char *v,
		    struct berr *err)
{
	struct cfg_cpu *cpu = &r->cpu;
	struct cfg_memory *m = &r->memory;

	switch (c) {
	case OPT_BLKIO:
		r->blockio.present = r->blockio.weight.set = true;
		return parse_u64(name, v, &r->blockio.weight.v, err);
	case OPT_CPU_PERIOD:
		cpu->present = cpu->period.set = true;
		return parse_u64(name, v, &cpu->period.v, err);
	case OPT_CPU_QUOTA:
		cpu->present = cpu->quota.set = true;
		return parse_i64(name, v, &cpu->quota.v, err);
	case OPT_CPU_BURST:
		cpu->present = cpu->burst.set = true;
		return parse_u64(name, v, &cpu->burst.v, err);
	case OPT_CPU_SHARES:
		cpu->present = cpu->shares.set = true;
		return parse_u64(name, v, &cpu->shares.v, err);
	case OPT_CPU_RT_PERIOD:
		cpu->present = cpu->realtime_period.set = true;
		return parse_u64(name, v, &cpu->realtime_period.v, err);
	case OPT_CPU_RT_RUNTIME:
		cpu->present = cpu->realtime_runtime.set = true;
		return parse_i64(name, v, &cpu->realtime_runtime.v, err);
	case OPT_CPU_IDLE:
		cpu->present = cpu->idle.set = true;
		return parse_i64(name, v, &cpu->idle.v, err);
	case OPT_CPUS:
	case OPT_MEMS:
		cpu->present = true;
		free(c == OPT_CPUS ? cpu->cpus : cpu->mems);
		*(c == OPT_CPUS ? &cpu->cpus : &cpu->mems) = strdup(v);
		return (c == OPT_CPUS ? cpu->cpus : cpu->mems) ? 0
							       : berr_set(err, ENOMEM, "update");
	case OPT_KMEM:
		log_warn("--%s: kernel memory limits are deprecated; ignored", name);
		return 0;
	case OPT_MEMORY:
		m->present = m->limit.set = true;
		return parse_ram(name, v, &m->limit.v, err);
	case OPT_MEM_RES:
		m->present = m->reservation.set = true;
		return parse_ram(name, v, &m->reservation.v, err);
	case OPT_SWAP:
		m->present = m->swap.set = true;
		return parse_ram(name, v, &m->swap.v, err);
	case OPT_PIDS:
		r->pids_limit.set = true;
		return parse_i64(name, v, &r->pids_limit.v, err);
	case OPT_L3:
	case OPT_MBA:
		if (access("/sys/fs/resctrl/schemata", F_OK) < 0)
			return berr_set(err, ENOTSUP,
					"--%s: Intel RDT is not available on this host (no resctrl "
					"filesystem at /sys/fs/resctrl)",
					name);
		return berr_set(err, ENOTSUP, "--%s: Intel RDT is not supported by berth", name);
	default:
		return berr_set(err, EINVAL, "update: unknown option %s", name);
	}
}

static int parse_args(int argc, char **argv, struct cfg_spec *flags, const char **ret_file,
		      struct berr *err)
{
	int c, idx, r;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "r:", opts, &idx)) != -1) {
		if (c == 'r') {
			*ret_file = optarg;
			continue;
		}
		if (c == '?' || c == ':')
			return berr_set(err, EINVAL, "update: unknown option or missing value %s",
					argv[optind - 1]);
		r = set_flag(&flags->linux_.resources, c, opts[idx].name, optarg, err);
		if (r < 0)
			return r;
	}
	/* runc: unlimited memory with swap unset means unlimited swap too */
	if (flags->linux_.resources.memory.limit.set &&
	    flags->linux_.resources.memory.limit.v == -1 &&
	    !flags->linux_.resources.memory.swap.set) {
		flags->linux_.resources.memory.swap.set = true;
		flags->linux_.resources.memory.swap.v = -1;
	}
	return rt_cli_want_args(argc, optind, 1, "berth update [options] ID", err);
}

int rt_cmd_update(int argc, char **argv, struct berr *err)
{
	struct cfg_spec *flags = calloc(1, sizeof(*flags)), *file = NULL;
	const char *path = NULL;
	_cleanup_free_ char *text = NULL;
	struct rt_cg_target t;
	int r;

	if (!flags)
		return berr_set(err, ENOMEM, "update");
	r = parse_args(argc, argv, flags, &path, err);
	if (r == 0 && path)
		r = read_resources(path, &file, &text, err);
	if (r == 0)
		r = rt_cg_target_open(argv[optind], &t, err);
	if (r == 0) {
		if (t.status == RT_STATUS_STOPPED)
			r = berr_set(err, EINVAL, "container not running");
		else if (!strcmp(t.st.isolation, "vm")) /* the container's cgroup is in the guest */
			r = vm_update(t.dirfd, optind - 1, argv + 1, text, err);
		else
			r = rt_cgroup_update(t.cg, &(file ? file : flags)->linux_.resources, err);
		rt_cg_target_close(&t);
	}
	cfg_spec_free(file);
	cfg_spec_free(flags);
	return r;
}
