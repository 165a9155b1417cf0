/* cgroup-impl: what the runtime/cgroup-*.c files share and nobody else calls: the host's
 * mounts, path computation, file access, conversions, per-version writers and device rules.
 *
 * Why not libcgroup: the design card names it, but it does not fit this job. cgroup_init()
 * reads /proc/mounts into process-global state once, so it cannot be pointed at a fake tree in
 * a temp dir (how these files are unit-tested) nor at a private cgroup2 mount; its value
 * setters report a library code, not which file failed, so the one-line errors naming
 * "linux.resources.<field>: write <file>" would be lost; and it has nothing for the v2 device
 * filter (eBPF), the unified map, hybrid hosts or cgroup.kill. The cgroup filesystem is plain
 * files, so berth writes them directly. */
#ifndef BERTH_RT_CGROUP_IMPL_H
#define BERTH_RT_CGROUP_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/berr.h"
#include "cgroup.h"

#define RT_CG_ROOT "/sys/fs/cgroup"

/* cgroup-mode.c: the host's cgroup mounts. */
struct rt_cg_mounts {
	enum rt_cgroup_mode mode;
	char mnt[RT_CG_NCTRL][PATH_MAX];  /* mount point of each hierarchy; "" when absent */
	char root[RT_CG_NCTRL][PATH_MAX]; /* that mount's root in its hierarchy, normally "/" */
};
/* "cpu", "memory", ..., "name=systemd"; "" for RT_CG_UNIFIED. */
const char *rt_cg_ctrl_name(enum rt_cg_ctrl c);
/* The controller of a v1 mount option or /proc/self/cgroup name; -1 when not one we use. */
int rt_cg_ctrl_from_name(const char *name);
/* From mountinfo text (modified) and whether root itself is a cgroup2 mount, the hierarchies
 * mounted under root. */
int rt_cg_mounts_parse(char *mountinfo, const char *root, bool root_is_cgroup2,
		       struct rt_cg_mounts *ret, struct berr *err);
/* The same from /proc/self/mountinfo and statfs(root). */
int rt_cg_mounts_detect(const char *root, struct rt_cg_mounts *ret, struct berr *err);

/* cgroup-path.c: where the container's cgroup goes. */
struct rt_cg_where {
	const char *cgroups_path; /* linux.cgroupsPath; NULL or "" for the default */
	const char *id;
	bool systemd;	      /* --systemd-cgroup */
	bool systemd_running; /* /run/systemd/system exists */
};
/* The cleaned path runc would use: absolute (from the hierarchy's root) or relative (to our own
 * cgroup). Errors name linux.cgroupsPath or --systemd-cgroup. */
int rt_cg_inner_path(const struct rt_cg_where *w, char *ret, size_t len, struct berr *err);
/* Fills ret->mode and ret->path[] from the mounts, the text of /proc/self/cgroup (modified)
 * and the inner path. */
int rt_cg_paths(const struct rt_cg_mounts *m, char *proc_cgroup, const char *inner,
		struct rt_cgroup *ret, struct berr *err);

/* cgroup-file.c: cgroup files. `what` names the config field (or action) in errors:
 * "<what>: write <file>: <strerror>". */
int rt_cg_write(const char *dir, const char *file, const char *value, const char *what,
		struct berr *err);
int rt_cg_writef(const char *dir, const char *file, const char *what, struct berr *err,
		 const char *fmt, ...) PRINTF_FMT(5, 6);
/* Reads dir/file into buf (len >= 2), cutting a trailing newline; -errno when it cannot. */
int rt_cg_read(const char *dir, const char *file, char *buf, size_t len, struct berr *err);
/* Reads a number; "max" reads as UINT64_MAX. */
int rt_cg_read_u64(const char *dir, const char *file, uint64_t *ret, struct berr *err);
/* Reads "key value" lines (memory.stat, memory.events) and returns the value of key. */
int rt_cg_read_key(const char *dir, const char *file, const char *key, uint64_t *ret,
		   struct berr *err);
bool rt_cg_has(const char *dir, const char *file);
/* Joins a and b with one '/'; -ENAMETOOLONG when it does not fit. */
int rt_cg_join(char *ret, size_t len, const char *a, const char *b);
/* The first non-empty path of cg in the order given by the list (ending with -1). */
const char *rt_cg_first_path(const struct rt_cgroup *cg, const int *order);
/* The directory holding every process of the container (for cgroup.procs): the unified one
 * on v2, else freezer, pids, memory, ... */
const char *rt_cg_procs_dir(const struct rt_cgroup *cg);

/* cgroup-convert.c: values between the spec, v1 and v2 (as runc and crun document them). */
uint64_t rt_cg_shares_to_weight(uint64_t shares);   /* cpu.shares -> cpu.weight */
uint64_t rt_cg_blkio_to_io_weight(uint64_t weight); /* blkio.weight -> io.weight */
/* memory.swap.max from the spec's swap (memory+swap) and limit; -1 means "max". */
int rt_cg_swap_to_v2(int64_t swap, int64_t limit, int64_t *ret, struct berr *err);
/* "max" for a negative value, else the decimal number, in buf (>= 24 bytes). */
const char *rt_cg_limit_str(int64_t v, char *buf, size_t len);

/* cgroup-check.c: everything that can be refused before a directory is made. */
int rt_cg_check_resources(const struct cfg_resources *res, enum rt_cgroup_mode mode,
			  struct berr *err);

/* cgroup-v1.c, cgroup-v2.c: directories and membership. */
int rt_cg_v1_create(struct rt_cgroup *cg, const struct rt_cg_mounts *m, struct berr *err);
int rt_cg_v2_create(struct rt_cgroup *cg, const struct rt_cg_mounts *m, struct berr *err);
/* cgroup-dirs.c. A hook run on each level of a path being made: depth 0 is the mount point,
 * leaf is the container's own directory. */
typedef int (*rt_cg_level_fn)(const char *dir, unsigned depth, bool leaf, void *ctx,
			      struct berr *err);
/* Makes path (below the mount point mnt) level by level, calling fn (may be NULL) on each;
 * *ret_created is how many trailing levels were new. On failure what was made is removed. */
int rt_cg_mkdirs(const char *mnt, const char *path, rt_cg_level_fn fn, void *ctx,
		 unsigned char *ret_created, struct berr *err);
/* True when an earlier hierarchy of cg has the same path (co-mounted, as "cpu,cpuacct"). */
bool rt_cg_path_dup(const struct rt_cgroup *cg, int c);
/* Writes pid into cgroup.procs of every hierarchy of cg. */
int rt_cg_attach(const struct rt_cgroup *cg, pid_t pid, struct berr *err);
/* Removes path with the directories below it, and the created - 1 parents above it that are
 * left empty; tolerates ENOENT. */
int rt_cg_remove_path(const char *path, unsigned created, struct berr *err);
/* Removes every directory of cg that way. */
int rt_cg_remove_dirs(const struct rt_cgroup *cg, struct berr *err);

/* cgroup-devices.c: linux.resources.devices as one list, the way runc builds it: deny all,
 * the spec's rules, then runc's default allowed devices not overridden by linux.devices. */
#define RT_CG_ACC_MKNOD 1u
#define RT_CG_ACC_READ	2u
#define RT_CG_ACC_WRITE 4u
struct rt_cg_dev_rule {
	bool allow;
	char type;	      /* 'a', 'c' or 'b' */
	int64_t major, minor; /* -1 for any */
	unsigned access;      /* RT_CG_ACC_* bits */
};
int rt_cg_dev_rules(const struct cfg_spec *spec, struct rt_cg_dev_rule **ret, size_t *ret_n,
		    struct berr *err);
/* v1: writes each rule to devices.deny / devices.allow in order. */
int rt_cg_v1_devices(const char *dir, const struct rt_cg_dev_rule *rules, size_t n,
		     struct berr *err);

/* cgroup-bpf.c: the v2 device filter. */
struct bpf_insn;
/* Generates a BPF_PROG_TYPE_CGROUP_DEVICE program deciding each access by the last rule that
 * matches it (per access bit). *ret is malloc'ed. */
int rt_cg_bpf_gen(const struct rt_cg_dev_rule *rules, size_t n, struct bpf_insn **ret,
		  size_t *ret_n, struct berr *err);
/* Loads a program; returns its fd. log (may be NULL) receives the verifier's log. */
int rt_cg_bpf_load(const struct bpf_insn *insns, size_t n, char *log, size_t log_len,
		   struct berr *err);
/* Generates, loads and attaches the filter to the cgroup directory dir. */
int rt_cg_v2_devices(const char *dir, const struct rt_cg_dev_rule *rules, size_t n,
		     struct berr *err);

/* cgroup-resources-v1.c, cgroup-resources-v2.c, cgroup-blkio.c: linux.resources but devices.
 * With update, fields that are not set are left alone (they always are; update only adds
 * what differs: checkBeforeUpdate). */
int rt_cg_v1_apply(const struct rt_cgroup *cg, const struct cfg_resources *res, bool update,
		   struct berr *err);
int rt_cg_v2_apply(const char *dir, const struct cfg_resources *res, bool update, struct berr *err);
/* rdma.max, the same on v1 and v2; dir "" (no controller) warns and skips. */
int rt_cg_rdma(const char *dir, const struct cfg_resources *res, struct berr *err);
int rt_cg_v1_blkio(const char *dir, const struct cfg_blockio *b, struct berr *err);
int rt_cg_v2_io(const char *dir, const struct cfg_blockio *b, struct berr *err);

/* cgroup-setup.c, with the root a parameter (tests use a fake tree or a private mount). */
int rt_cg_setup_at(const char *root, const char *proc_cgroup_path, const struct cfg_spec *spec,
		   const struct rt_cg_where *w, pid_t pid, struct rt_cgroup *ret, struct berr *err);

#endif
