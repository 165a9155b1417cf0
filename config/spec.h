/* spec: the OCI runtime-spec 1.2 config.json as typed C structs. config/ fills them
 * (cfg_spec_load), runtime/ and the guest agent read them; nothing else reads JSON. */
#ifndef BERTH_CFG_SPEC_H
#define BERTH_CFG_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../runtime/base/berr.h"

/* An optional scalar: `set` tells whether the key was present. */
struct cfg_opt_i64 {
	bool set;
	int64_t v;
};
struct cfg_opt_u64 {
	bool set;
	uint64_t v;
};
struct cfg_opt_bool {
	bool set;
	bool v;
};

struct cfg_strv {
	char **v; /* NULL-terminated; NULL when absent */
	size_t n;
};

struct cfg_kv {
	char *key;
	char *value;
};
struct cfg_map {
	struct cfg_kv *v;
	size_t n;
};

struct cfg_id_map {
	uint32_t container_id;
	uint32_t host_id;
	uint32_t size;
};

struct cfg_mount {
	char *destination; /* required, absolute */
	char *type;	   /* may be NULL (bind) */
	char *source;
	struct cfg_strv options;
	struct cfg_id_map *uid_mappings;
	size_t n_uid_mappings;
	struct cfg_id_map *gid_mappings;
	size_t n_gid_mappings;
};

struct cfg_rlimit {
	char *type;   /* RLIMIT_* */
	int resource; /* resolved RLIMIT_ number */
	uint64_t soft;
	uint64_t hard;
};

struct cfg_caps {
	struct cfg_strv bounding, effective, inheritable, permitted, ambient;
	/* each resolved to a bitmask of CAP_* numbers by the validator */
	uint64_t mask_bounding, mask_effective, mask_inheritable, mask_permitted, mask_ambient;
	bool present;
};

struct cfg_user {
	uint32_t uid;
	uint32_t gid;
	struct cfg_opt_u64 umask;
	uint32_t *additional_gids;
	size_t n_additional_gids;
	char *username; /* Windows only; parsed, ignored */
};

struct cfg_io_priority {
	bool present;
	char *class_name; /* IOPRIO_CLASS_RT|BE|IDLE */
	int class_id;	  /* resolved */
	int64_t priority;
};

struct cfg_scheduler {
	bool present;
	char *policy; /* SCHED_* */
	int policy_id;
	int32_t nice;
	int32_t priority;
	struct cfg_strv flags;
	uint64_t runtime, deadline, period;
	unsigned int flag_mask; /* resolved: SCHED_FLAG_* bits of flags */
};

struct cfg_exec_cpu_affinity {
	char *initial;
	char *final;
};

struct cfg_process {
	bool terminal;
	struct cfg_opt_u64 console_height, console_width;
	struct cfg_user user;
	struct cfg_strv args; /* required, non-empty */
	char *command_line;   /* Windows only */
	struct cfg_strv env;
	char *cwd; /* required, absolute */
	struct cfg_caps caps;
	struct cfg_rlimit *rlimits;
	size_t n_rlimits;
	bool no_new_privileges;
	char *apparmor_profile;
	struct cfg_opt_i64 oom_score_adj;
	char *selinux_label;
	struct cfg_io_priority io_priority;
	struct cfg_scheduler scheduler;
	struct cfg_exec_cpu_affinity exec_cpu_affinity;
};

struct cfg_hook {
	char *path; /* required, absolute */
	struct cfg_strv args;
	struct cfg_strv env;
	struct cfg_opt_i64 timeout; /* seconds, > 0 */
};
struct cfg_hook_list {
	struct cfg_hook *v;
	size_t n;
};
struct cfg_hooks {
	struct cfg_hook_list prestart, create_runtime, create_container, start_container, poststart,
		poststop;
};

enum cfg_ns_type {
	CFG_NS_PID,
	CFG_NS_NETWORK,
	CFG_NS_MOUNT,
	CFG_NS_IPC,
	CFG_NS_UTS,
	CFG_NS_USER,
	CFG_NS_CGROUP,
	CFG_NS_TIME,
	CFG_NS_COUNT
};
struct cfg_namespace {
	enum cfg_ns_type type;
	char *path; /* NULL: create a new one */
};

struct cfg_device {
	char *path; /* required, absolute */
	char type;  /* 'c', 'b', 'u' or 'p' */
	int64_t major, minor;
	struct cfg_opt_u64 file_mode;
	struct cfg_opt_u64 uid, gid;
};

struct cfg_dev_cgroup {
	bool allow;
	char type; /* 'a', 'c', 'b' or 0 (all) */
	struct cfg_opt_i64 major, minor;
	char *access; /* subset of "rwm" */
};

struct cfg_memory {
	bool present;
	struct cfg_opt_i64 limit, reservation, swap, kernel, kernel_tcp;
	struct cfg_opt_u64 swappiness;
	struct cfg_opt_bool disable_oom_killer, use_hierarchy, check_before_update;
};

struct cfg_cpu {
	bool present;
	struct cfg_opt_u64 shares, period, realtime_period, burst;
	struct cfg_opt_i64 quota, realtime_runtime, idle;
	char *cpus;
	char *mems;
};

struct cfg_weight_device {
	int64_t major, minor;
	struct cfg_opt_u64 weight, leaf_weight;
};
struct cfg_throttle_device {
	int64_t major, minor;
	uint64_t rate;
};
struct cfg_throttle_list {
	struct cfg_throttle_device *v;
	size_t n;
};
struct cfg_blockio {
	bool present;
	struct cfg_opt_u64 weight, leaf_weight;
	struct cfg_weight_device *weight_device;
	size_t n_weight_device;
	struct cfg_throttle_list read_bps, write_bps, read_iops, write_iops;
};

struct cfg_hugepage_limit {
	char *page_size;
	uint64_t limit;
};

struct cfg_net_priority {
	char *name;
	uint32_t priority;
};
struct cfg_network {
	bool present;
	struct cfg_opt_u64 class_id;
	struct cfg_net_priority *priorities;
	size_t n_priorities;
};

struct cfg_rdma {
	char *device;
	struct cfg_opt_u64 hca_handles, hca_objects;
};

struct cfg_resources {
	bool present;
	struct cfg_dev_cgroup *devices;
	size_t n_devices;
	struct cfg_memory memory;
	struct cfg_cpu cpu;
	struct cfg_opt_i64 pids_limit;
	struct cfg_blockio blockio;
	struct cfg_hugepage_limit *hugepage_limits;
	size_t n_hugepage_limits;
	struct cfg_network network;
	struct cfg_rdma *rdma;
	size_t n_rdma;
	struct cfg_map unified;
};

struct cfg_seccomp_arg {
	uint32_t index;
	uint64_t value;
	uint64_t value_two;
	char *op; /* SCMP_CMP_* */
};
struct cfg_seccomp_syscall {
	struct cfg_strv names;
	char *action; /* SCMP_ACT_* */
	struct cfg_opt_u64 errno_ret;
	struct cfg_seccomp_arg *args;
	size_t n_args;
};
struct cfg_seccomp {
	bool present;
	char *default_action;
	struct cfg_opt_u64 default_errno_ret;
	struct cfg_strv architectures;
	struct cfg_strv flags;
	char *listener_path;
	char *listener_metadata;
	struct cfg_seccomp_syscall *syscalls;
	size_t n_syscalls;
	unsigned int flag_mask; /* resolved: SECCOMP_FILTER_FLAG_* bits of flags */
};

struct cfg_intel_rdt {
	bool present;
	char *clos_id;
	char *l3_cache_schema;
	char *mem_bw_schema;
	struct cfg_strv schemata;
	struct cfg_opt_bool enable_cmt, enable_mbm;
};

struct cfg_time_offset {
	char *clock; /* "monotonic" or "boottime" */
	int64_t secs;
	uint32_t nanosecs;
};

struct cfg_personality {
	bool present;
	char *domain; /* LINUX or LINUX32 */
	struct cfg_strv flags;
	int domain_id; /* resolved: PER_LINUX or PER_LINUX32 */
};

struct cfg_memory_policy {
	bool present;
	char *mode;
	char *nodes; /* NULL or a node list "0-3,7" (cfg_cpulist_parse) */
	struct cfg_strv flags;
	int mode_id;   /* resolved: MPOL_* */
	int flag_mask; /* resolved: MPOL_F_* bits of flags */
};

struct cfg_linux {
	struct cfg_namespace *namespaces;
	size_t n_namespaces;
	struct cfg_id_map *uid_mappings;
	size_t n_uid_mappings;
	struct cfg_id_map *gid_mappings;
	size_t n_gid_mappings;
	struct cfg_time_offset *time_offsets;
	size_t n_time_offsets;
	struct cfg_device *devices;
	size_t n_devices;
	char *cgroups_path;
	struct cfg_resources resources;
	char *rootfs_propagation;
	struct cfg_strv masked_paths;
	struct cfg_strv readonly_paths;
	char *mount_label;
	struct cfg_seccomp seccomp;
	struct cfg_map sysctl;
	struct cfg_personality personality;
	struct cfg_intel_rdt intel_rdt;
	struct cfg_memory_policy memory_policy;
};

struct cfg_spec {
	char *oci_version; /* required */
	char *root_path;   /* root.path; required on Linux */
	bool root_readonly;
	struct cfg_process process; /* optional for create, required by start */
	bool has_process;
	char *hostname;
	char *domainname;
	struct cfg_mount *mounts;
	size_t n_mounts;
	struct cfg_hooks hooks;
	struct cfg_map annotations;
	struct cfg_linux linux_;
	bool has_linux;
};

/* Knobs of the parser; tests set them, cfg_spec_parse() uses the defaults. */
struct cfg_parse_opts {
	int last_cap; /* highest capability the kernel knows; -1 reads cap_last_cap */
};

/* Parses and validates config.json text (len bytes). On success *ret owns a new spec that
 * the caller releases with cfg_spec_free(). Errors name the JSON path: "process.args: ...". */
int cfg_spec_parse(const char *text, size_t len, struct cfg_spec **ret, struct berr *err);
/* The same with opts (NULL: the defaults). */
int cfg_spec_parse_opts(const char *text, size_t len, const struct cfg_parse_opts *opts,
			struct cfg_spec **ret, struct berr *err);
/* Reads <bundle>/config.json and parses it; errors are prefixed "config.json". */
int cfg_spec_load(const char *bundle, struct cfg_spec **ret, struct berr *err);
/* The same, also handing over the text it parsed (malloc'd, *ret_len bytes): vm mode rewrites
 * that text for the guest rather than reading the file twice. */
int cfg_spec_load_text(const char *bundle, struct cfg_spec **ret, char **ret_text, size_t *ret_len,
		       struct berr *err);
/* Parses a process.json (exec --process) into *ret, validated like process; error paths are
 * relative to the file ("args: must not be empty"). */
int cfg_process_parse(const char *text, size_t len, struct cfg_process *ret, struct berr *err);
void cfg_process_clear(struct cfg_process *p);
/* Parses a resources document (`berth update -r`: the linux.resources object alone) into the
 * linux_.resources of a new otherwise empty spec (cfg_spec_free() releases it). Error paths
 * are relative to the document ("memory.limit: ..."). */
int cfg_resources_parse(const char *text, size_t len, struct cfg_spec **ret, struct berr *err);
void cfg_spec_free(struct cfg_spec *spec);

/* Lookups shared by the validator and the runtime. */
const char *cfg_ns_name(enum cfg_ns_type t); /* "pid", "network", ... */
int cfg_ns_from_name(const char *name);	     /* -1 when unknown */
const struct cfg_namespace *cfg_ns_find(const struct cfg_spec *s, enum cfg_ns_type t);
const char *cfg_annotation(const struct cfg_spec *s, const char *key);

/* Name tables: the kernel's number for a spec name, or -1 when the name is unknown. */
int cfg_rlimit_from_name(const char *name);	  /* "RLIMIT_NOFILE" -> RLIMIT_NOFILE */
int cfg_ioprio_class_from_name(const char *name); /* "IOPRIO_CLASS_BE" -> 2 */
int cfg_sched_policy_from_name(const char *name); /* "SCHED_FIFO" -> SCHED_FIFO */
int cfg_sched_flag_from_name(const char *name);	  /* "SCHED_FLAG_RECLAIM" -> 0x02 */
int cfg_mpol_mode_from_name(const char *name);	  /* "MPOL_BIND" -> 2 */
int cfg_mpol_flag_from_name(const char *name);	  /* "MPOL_F_STATIC_NODES" -> 1 << 15 */
int cfg_seccomp_flag_from_name(const char *name); /* "SECCOMP_FILTER_FLAG_LOG" -> 2 */
int cfg_personality_from_name(const char *name);  /* "LINUX32" -> PER_LINUX32 */
int cfg_propagation_from_name(const char *name);  /* "rslave" -> MS_SLAVE | MS_REC */

/* Parses a CPU or NUMA node list ("0-3,7", spaces allowed around items, "" is empty) and sets
 * its bits in mask (nbits bits, a multiple of 64; mask may be NULL to only check). Returns 0,
 * -EINVAL on bad syntax or a reversed range, -ERANGE for a number >= nbits. */
int cfg_cpulist_parse(const char *list, uint64_t *mask, size_t nbits);
#define CFG_CPU_MAX 8192 /* the parser accepts CPUs and NUMA nodes 0 .. CFG_CPU_MAX - 1 */

#endif
