/* Tests config/spec-parse.c: the full config (every field, every type), the top-level errors,
 * forward compatibility and process.json. */
#include "cfg-test.h"

static struct cfg_spec *full;

static void load_full(void)
{
	size_t len = 0;
	char *text = t_read_file("tests/data/full/config.json", &len);
	struct berr err = {0};
	struct cfg_parse_opts o = {.last_cap = 40};

	if (!text)
		FAIL_("cannot read tests/data/full/config.json (run from the repository root)");
	if (cfg_spec_parse_opts(text, len, &o, &full, &err) < 0) {
		free(text);
		FAIL_("full config: %s", err.msg);
	}
	free(text);
}

static void test_full_top(void)
{
	ASSERT_TRUE(full);
	ASSERT_STR(full->oci_version, "1.2.0");
	ASSERT_STR(full->root_path, "rootfs");
	ASSERT_TRUE(full->root_readonly);
	ASSERT_STR(full->hostname, "full-box");
	ASSERT_STR(full->domainname, "example.org");
	ASSERT_INT(full->annotations.n, 2);
	ASSERT_STR(cfg_annotation(full, "berth.isolation"), "vm");
	ASSERT_STR(full->annotations.v[0].key, "org.example.key");
	ASSERT_STR(full->annotations.v[0].value, "value");
	ASSERT_TRUE(full->has_process);
	ASSERT_TRUE(full->has_linux);
}

static void test_full_mounts(void)
{
	const struct cfg_mount *m;

	ASSERT_TRUE(full);
	ASSERT_INT(full->n_mounts, 2);
	m = &full->mounts[0];
	ASSERT_STR(m->destination, "/proc");
	ASSERT_STR(m->type, "proc");
	ASSERT_STR(m->source, "proc");
	ASSERT_TRUE(m->options.v == NULL);
	m = &full->mounts[1];
	ASSERT_STR(m->type, "bind");
	ASSERT_INT(m->options.n, 3);
	ASSERT_STR(m->options.v[2], "idmap");
	ASSERT_TRUE(m->options.v[3] == NULL);
	ASSERT_INT(m->n_uid_mappings, 1);
	ASSERT_INT(m->uid_mappings[0].host_id, 100000);
	ASSERT_INT(m->uid_mappings[0].size, 65536);
	ASSERT_INT(m->n_gid_mappings, 1);
	ASSERT_INT(m->gid_mappings[0].host_id, 200000);
}

static void test_full_process(void)
{
	const struct cfg_process *p;

	ASSERT_TRUE(full);
	p = &full->process;
	ASSERT_TRUE(p->terminal);
	ASSERT_TRUE(p->console_height.set);
	ASSERT_INT(p->console_height.v, 25);
	ASSERT_INT(p->console_width.v, 80);
	ASSERT_INT(p->user.uid, 1000);
	ASSERT_INT(p->user.gid, 1001);
	ASSERT_TRUE(p->user.umask.set);
	ASSERT_INT(p->user.umask.v, 022);
	ASSERT_INT(p->user.n_additional_gids, 2);
	ASSERT_INT(p->user.additional_gids[1], 4294967295u);
	ASSERT_STR(p->user.username, "ignored");
	ASSERT_INT(p->args.n, 3);
	ASSERT_STR(p->args.v[2], "echo hi");
	ASSERT_STR(p->command_line, "ignored on linux");
	ASSERT_INT(p->env.n, 3);
	ASSERT_STR(p->env.v[2], "EQ=a=b");
	ASSERT_STR(p->cwd, "/home/user");
	ASSERT_TRUE(p->no_new_privileges);
	ASSERT_STR(p->apparmor_profile, "berth-default");
	ASSERT_TRUE(p->oom_score_adj.set);
	ASSERT_INT(p->oom_score_adj.v, -999);
	ASSERT_STR(p->selinux_label, "system_u:system_r:container_t:s0:c1,c2");
}

static void test_full_process_limits(void)
{
	const struct cfg_process *p;

	ASSERT_TRUE(full);
	p = &full->process;
	ASSERT_TRUE(p->caps.present);
	ASSERT_INT(p->caps.mask_bounding, (1u << 0) | (1u << 5) | (1u << 21));
	ASSERT_INT(p->caps.mask_effective, 1u << 5);
	ASSERT_INT(p->caps.inheritable.n, 0);
	ASSERT_TRUE(p->caps.inheritable.v != NULL);
	ASSERT_INT(p->caps.mask_inheritable, 0);
	ASSERT_INT(p->caps.mask_permitted, (1u << 0) | (1u << 5));
	ASSERT_INT(p->caps.mask_ambient, 1u << 10);
	ASSERT_STR(p->caps.bounding.v[2], "CAP_SYS_ADMIN");
	ASSERT_INT(p->n_rlimits, 3);
	ASSERT_STR(p->rlimits[0].type, "RLIMIT_NOFILE");
	ASSERT_INT(p->rlimits[0].resource, 7);
	ASSERT_INT(p->rlimits[0].soft, 1024);
	ASSERT_INT(p->rlimits[0].hard, 4096);
	ASSERT_TRUE(p->rlimits[1].soft == UINT64_MAX && p->rlimits[1].hard == UINT64_MAX);
	ASSERT_INT(p->rlimits[2].soft, 200); /* soft > hard is the kernel's business */
	ASSERT_TRUE(p->io_priority.present);
	ASSERT_STR(p->io_priority.class_name, "IOPRIO_CLASS_BE");
	ASSERT_INT(p->io_priority.class_id, 2);
	ASSERT_INT(p->io_priority.priority, 6);
	ASSERT_TRUE(p->scheduler.present);
	ASSERT_STR(p->scheduler.policy, "SCHED_DEADLINE");
	ASSERT_INT(p->scheduler.policy_id, 6);
	ASSERT_INT(p->scheduler.flags.n, 2);
	ASSERT_INT(p->scheduler.flag_mask, 0x03);
	ASSERT_INT(p->scheduler.runtime, 10000000);
	ASSERT_INT(p->scheduler.deadline, 20000000);
	ASSERT_INT(p->scheduler.period, 30000000);
	ASSERT_STR(p->exec_cpu_affinity.initial, "0-3, 7");
	ASSERT_STR(p->exec_cpu_affinity.final, "1");
}

static void test_full_hooks(void)
{
	const struct cfg_hooks *h;

	ASSERT_TRUE(full);
	h = &full->hooks;
	ASSERT_INT(h->prestart.n, 1);
	ASSERT_STR(h->prestart.v[0].path, "/usr/bin/prestart");
	ASSERT_STR(h->prestart.v[0].args.v[1], "a");
	ASSERT_STR(h->prestart.v[0].env.v[0], "K=v");
	ASSERT_TRUE(h->prestart.v[0].timeout.set);
	ASSERT_INT(h->prestart.v[0].timeout.v, 5);
	ASSERT_INT(h->create_runtime.n, 2);
	ASSERT_STR(h->create_runtime.v[1].path, "/usr/bin/cr2");
	ASSERT_TRUE(!h->create_runtime.v[1].timeout.set);
	ASSERT_STR(h->create_container.v[0].path, "/usr/bin/cc");
	ASSERT_STR(h->start_container.v[0].path, "/usr/bin/sc");
	ASSERT_STR(h->poststart.v[0].path, "/usr/bin/ps");
	ASSERT_INT(h->poststop.v[0].timeout.v, 60);
}

static void test_full_linux(void)
{
	const struct cfg_linux *l;

	ASSERT_TRUE(full);
	l = &full->linux_;
	ASSERT_INT(l->n_namespaces, 8);
	ASSERT_INT(l->namespaces[1].type, CFG_NS_NETWORK);
	ASSERT_STR(l->namespaces[1].path, "/var/run/netns/full");
	ASSERT_TRUE(l->namespaces[0].path == NULL);
	ASSERT_INT(l->namespaces[7].type, CFG_NS_TIME);
	ASSERT_TRUE(cfg_ns_find(full, CFG_NS_CGROUP) == &l->namespaces[6]);
	ASSERT_INT(l->n_uid_mappings, 1);
	ASSERT_INT(l->uid_mappings[0].container_id, 0);
	ASSERT_INT(l->uid_mappings[0].host_id, 1000);
	ASSERT_INT(l->uid_mappings[0].size, 32000);
	ASSERT_INT(l->n_gid_mappings, 2);
	ASSERT_INT(l->gid_mappings[1].container_id, 16000);
	ASSERT_INT(l->n_time_offsets, 2);
	ASSERT_STR(l->time_offsets[0].clock, "monotonic");
	ASSERT_INT(l->time_offsets[0].secs, -86400);
	ASSERT_INT(l->time_offsets[0].nanosecs, 500);
	ASSERT_STR(l->time_offsets[1].clock, "boottime");
	ASSERT_INT(l->time_offsets[1].nanosecs, 0);
	ASSERT_INT(l->n_devices, 3);
	ASSERT_STR(l->devices[0].path, "/dev/fuse");
	ASSERT_INT(l->devices[0].type, 'c');
	ASSERT_INT(l->devices[0].major, 10);
	ASSERT_INT(l->devices[0].minor, 229);
	ASSERT_INT(l->devices[0].file_mode.v, 0666);
	ASSERT_TRUE(l->devices[0].uid.set && l->devices[0].gid.set);
	ASSERT_INT(l->devices[1].type, 'b');
	ASSERT_TRUE(!l->devices[1].file_mode.set);
	ASSERT_INT(l->devices[2].type, 'p');
	ASSERT_STR(l->cgroups_path, "/berth/full");
	ASSERT_STR(l->rootfs_propagation, "rslave");
	ASSERT_INT(l->masked_paths.n, 2);
	ASSERT_STR(l->masked_paths.v[1], "/sys/firmware");
	ASSERT_STR(l->readonly_paths.v[0], "/proc/sys");
	ASSERT_STR(l->mount_label, "system_u:object_r:container_file_t:s0:c1,c2");
	ASSERT_INT(l->sysctl.n, 3);
	ASSERT_STR(l->sysctl.v[2].key, "fs/mqueue/msg_max");
	ASSERT_STR(l->sysctl.v[2].value, "10");
}

static void test_full_resources(void)
{
	const struct cfg_resources *r;

	ASSERT_TRUE(full);
	r = &full->linux_.resources;
	ASSERT_TRUE(r->present);
	ASSERT_INT(r->n_devices, 3);
	ASSERT_TRUE(!r->devices[0].allow);
	ASSERT_INT(r->devices[0].type, 0);
	ASSERT_TRUE(!r->devices[0].major.set);
	ASSERT_STR(r->devices[0].access, "rwm");
	ASSERT_INT(r->devices[1].type, 'c');
	ASSERT_INT(r->devices[1].minor.v, 229);
	ASSERT_TRUE(r->devices[2].major.set && !r->devices[2].minor.set);
	ASSERT_TRUE(r->memory.present);
	ASSERT_INT(r->memory.limit.v, 536870912);
	ASSERT_INT(r->memory.reservation.v, 268435456);
	ASSERT_INT(r->memory.swap.v, 1073741824);
	ASSERT_INT(r->memory.kernel.v, -1);
	ASSERT_INT(r->memory.kernel_tcp.v, -1);
	ASSERT_INT(r->memory.swappiness.v, 60);
	ASSERT_TRUE(r->memory.disable_oom_killer.set && !r->memory.disable_oom_killer.v);
	ASSERT_TRUE(r->memory.use_hierarchy.v && r->memory.check_before_update.v);
	ASSERT_TRUE(r->cpu.present);
	ASSERT_INT(r->cpu.shares.v, 1024);
	ASSERT_INT(r->cpu.quota.v, 100000);
	ASSERT_INT(r->cpu.burst.v, 50000);
	ASSERT_INT(r->cpu.period.v, 100000);
	ASSERT_INT(r->cpu.realtime_runtime.v, 950000);
	ASSERT_INT(r->cpu.realtime_period.v, 1000000);
	ASSERT_STR(r->cpu.cpus, "0-3");
	ASSERT_STR(r->cpu.mems, "0");
	ASSERT_INT(r->cpu.idle.v, 1);
	ASSERT_TRUE(r->pids_limit.set);
	ASSERT_INT(r->pids_limit.v, 32771);
	ASSERT_INT(r->n_hugepage_limits, 2);
	ASSERT_STR(r->hugepage_limits[1].page_size, "1GB");
	ASSERT_TRUE(r->hugepage_limits[1].limit == 9223372036854772000ull);
	ASSERT_TRUE(r->network.present);
	ASSERT_INT(r->network.class_id.v, 1048577);
	ASSERT_INT(r->network.n_priorities, 2);
	ASSERT_STR(r->network.priorities[1].name, "eth1");
	ASSERT_INT(r->network.priorities[1].priority, 1000);
	ASSERT_INT(r->n_rdma, 2);
	ASSERT_STR(r->rdma[0].device, "mlx5_1");
	ASSERT_INT(r->rdma[0].hca_handles.v, 3);
	ASSERT_INT(r->rdma[0].hca_objects.v, 10000);
	ASSERT_TRUE(!r->rdma[1].hca_handles.set);
	ASSERT_INT(r->unified.n, 2);
	ASSERT_STR(r->unified.v[0].value, "259:0 rbps=2097152");
}

static void test_full_blockio(void)
{
	const struct cfg_blockio *b;

	ASSERT_TRUE(full);
	b = &full->linux_.resources.blockio;
	ASSERT_TRUE(b->present);
	ASSERT_INT(b->weight.v, 500);
	ASSERT_INT(b->leaf_weight.v, 300);
	ASSERT_INT(b->n_weight_device, 2);
	ASSERT_INT(b->weight_device[0].weight.v, 700);
	ASSERT_INT(b->weight_device[0].leaf_weight.v, 100);
	ASSERT_INT(b->weight_device[1].minor, 16);
	ASSERT_TRUE(!b->weight_device[1].weight.set);
	ASSERT_INT(b->read_bps.n, 1);
	ASSERT_INT(b->read_bps.v[0].rate, 600);
	ASSERT_INT(b->write_bps.v[0].rate, 700);
	ASSERT_INT(b->read_iops.v[0].minor, 16);
	ASSERT_INT(b->write_iops.n, 2);
	ASSERT_INT(b->write_iops.v[1].major, 8);
	ASSERT_INT(b->write_iops.v[1].rate, 401);
}

static void test_full_seccomp(void)
{
	const struct cfg_seccomp *s;

	ASSERT_TRUE(full);
	s = &full->linux_.seccomp;
	ASSERT_TRUE(s->present);
	ASSERT_STR(s->default_action, "SCMP_ACT_ERRNO");
	ASSERT_INT(s->default_errno_ret.v, 38);
	ASSERT_INT(s->architectures.n, 3);
	ASSERT_STR(s->architectures.v[2], "SCMP_ARCH_AARCH64");
	ASSERT_INT(s->flags.n, 2);
	ASSERT_INT(s->flag_mask, 2 | 4);
	ASSERT_STR(s->listener_path, "/run/seccomp-agent.sock");
	ASSERT_STR(s->listener_metadata, "opaque");
	ASSERT_INT(s->n_syscalls, 4);
	ASSERT_INT(s->syscalls[0].names.n, 3);
	ASSERT_STR(s->syscalls[0].names.v[1], "write");
	ASSERT_TRUE(!s->syscalls[0].errno_ret.set);
	ASSERT_INT(s->syscalls[1].n_args, 2);
	ASSERT_INT(s->syscalls[1].args[1].index, 1);
	ASSERT_INT(s->syscalls[1].args[1].value, 255);
	ASSERT_INT(s->syscalls[1].args[1].value_two, 8);
	ASSERT_STR(s->syscalls[1].args[1].op, "SCMP_CMP_MASKED_EQ");
	ASSERT_INT(s->syscalls[2].errno_ret.v, 1);
	ASSERT_STR(s->syscalls[3].action, "SCMP_ACT_NOTIFY");
}

static void test_full_linux_extra(void)
{
	const struct cfg_linux *l;

	ASSERT_TRUE(full);
	l = &full->linux_;
	ASSERT_TRUE(l->personality.present);
	ASSERT_STR(l->personality.domain, "LINUX32");
	ASSERT_INT(l->personality.domain_id, 8);
	ASSERT_TRUE(l->intel_rdt.present);
	ASSERT_STR(l->intel_rdt.clos_id, "guaranteed");
	ASSERT_STR(l->intel_rdt.l3_cache_schema, "L3:0=7f0;1=1f");
	ASSERT_STR(l->intel_rdt.mem_bw_schema, "MB:0=20;1=70");
	ASSERT_INT(l->intel_rdt.schemata.n, 2);
	ASSERT_TRUE(l->intel_rdt.enable_cmt.set && l->intel_rdt.enable_cmt.v);
	ASSERT_TRUE(l->intel_rdt.enable_mbm.set && !l->intel_rdt.enable_mbm.v);
	ASSERT_TRUE(l->memory_policy.present);
	ASSERT_STR(l->memory_policy.mode, "MPOL_INTERLEAVE");
	ASSERT_INT(l->memory_policy.mode_id, 3);
	ASSERT_STR(l->memory_policy.nodes, "0-1,3");
	ASSERT_INT(l->memory_policy.flag_mask, (1 << 15) | (1 << 13));
}

static void test_minimal(void)
{
	struct cfg_spec *s;

	ASSERT_PARSES(CONFIG(""));
	s = t_spec;
	ASSERT_TRUE(!s->has_process && !s->has_linux);
	ASSERT_TRUE(!s->root_readonly);
	ASSERT_TRUE(s->hostname == NULL && s->mounts == NULL && s->n_mounts == 0);
	ASSERT_TRUE(cfg_annotation(s, "x") == NULL);
	ASSERT_TRUE(cfg_ns_find(s, CFG_NS_PID) == NULL);
}

static void test_unknown_keys_ignored(void)
{
	ASSERT_PARSES(
		CONFIG(", \"solaris\": {\"x\": 1}, \"newThing\": [true], \"process\": {"
		       "\"args\": [\"sh\"], \"cwd\": \"/\", \"futureField\": {\"a\": [1]}}, "
		       "\"linux\": {\"resources\": {\"cpu\": {\"newKnob\": 3}}, \"x\": null}"));
	ASSERT_PARSES("{\"ociVersion\": \"1.0.0\", \"root\": {\"path\": \"r\", \"extra\": 1}}");
}

static void test_null_is_absent(void)
{
	ASSERT_PARSES(CONFIG(", \"hostname\": null, \"mounts\": null, \"process\": null, "
			     "\"linux\": null"));
	ASSERT_TRUE(!t_spec->has_process && !t_spec->has_linux && !t_spec->hostname);
}

static void test_top_errors(void)
{
	ASSERT_FAILS("{\"root\": {\"path\": \"r\"}}", "ociVersion: required");
	ASSERT_FAILS("{\"ociVersion\": 1, \"root\": {\"path\": \"r\"}}",
		     "ociVersion: expected a string");
	ASSERT_FAILS("{\"ociVersion\": \"\", \"root\": {\"path\": \"r\"}}",
		     "ociVersion: must not be empty");
	ASSERT_FAILS("{\"ociVersion\": \"1.2.0\"}", "root: required");
	ASSERT_FAILS("{\"ociVersion\": \"1.2.0\", \"root\": \"r\"}", "root: expected an object");
	ASSERT_FAILS("{\"ociVersion\": \"1.2.0\", \"root\": {}}", "root.path: required");
	ASSERT_FAILS("{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"\"}}",
		     "root.path: must not be empty");
	ASSERT_FAILS("{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"r\", \"readonly\": 1}}",
		     "root.readonly: expected a boolean");
	ASSERT_FAILS(CONFIG(", \"hostname\": 7"), "hostname: expected a string");
	ASSERT_FAILS(CONFIG(", \"hostname\": "
			    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "\""),
		     "hostname: longer than 64 bytes");
	ASSERT_FAILS(CONFIG(", \"domainname\": []"), "domainname: expected a string");
	ASSERT_FAILS(CONFIG(", \"process\": []"), "process: expected an object");
	ASSERT_FAILS(CONFIG(", \"linux\": 3"), "linux: expected an object");
	ASSERT_FAILS(CONFIG(", \"mounts\": {}"), "mounts: expected an array");
	ASSERT_FAILS(CONFIG(", \"hooks\": []"), "hooks: expected an object");
}

static void test_annotations(void)
{
	ASSERT_PARSES(CONFIG(", \"annotations\": {\"a\": \"1\", \"b\": \"\", \"a\": \"2\"}"));
	ASSERT_INT(t_spec->annotations.n, 3);
	ASSERT_STR(cfg_annotation(t_spec, "a"), "2");
	ASSERT_STR(cfg_annotation(t_spec, "b"), "");
	ASSERT_FAILS(CONFIG(", \"annotations\": {\"a\": 1}"),
		     "annotations[\"a\"]: expected a string");
	ASSERT_FAILS(CONFIG(", \"annotations\": {\"\": \"x\"}"),
		     "annotations: keys must not be empty");
	ASSERT_FAILS(CONFIG(", \"annotations\": [\"a\"]"), "annotations: expected an object");
}

static void test_invalid_json(void)
{
	ASSERT_FAILS("{\"ociVersion\": \"1.2.0\",\n \"root\": x}",
		     "invalid JSON: lexical error: invalid char in json text (line 2, column 10)");
	ASSERT_FAILS("[1]", "invalid JSON: expected an object at the top level");
	ASSERT_FAILS("", "invalid JSON: parse error: premature EOF (line 1, column 1)");
}

static void test_duplicate_keys_last_wins(void)
{
	ASSERT_PARSES(CONFIG(", \"hostname\": \"a\", \"hostname\": \"b\", \"linux\": {"
			     "\"namespaces\": [{\"type\": \"uts\"}]}"));
	ASSERT_STR(t_spec->hostname, "b");
}

static void test_failure_leaves_ret(void)
{
	struct cfg_spec *s = (struct cfg_spec *)0x1;
	struct berr err = {0};
	const char *bad = PROCESS(", \"env\": [\"X\"]");

	ASSERT_INT(cfg_spec_parse(bad, strlen(bad), &s, &err), -EINVAL);
	ASSERT_TRUE(s == (struct cfg_spec *)0x1);
	ASSERT_INT(err.code, EINVAL);
	ASSERT_TRUE(!err.sys);
}

static void test_process_json(void)
{
	const char *ok =
		"{\"args\": [\"ls\", \"-l\"], \"cwd\": \"/tmp\", \"env\": [\"A=1\"], "
		"\"user\": {\"uid\": 5}, \"capabilities\": {\"bounding\": [\"CAP_KILL\"]}}";
	const char *bad = "{\"args\": [], \"cwd\": \"/\"}";
	struct cfg_process p = {0}, untouched = {.terminal = true};
	struct berr err = {0};

	ASSERT_INT(cfg_process_parse(ok, strlen(ok), &p, &err), 0);
	ASSERT_STR(p.args.v[1], "-l");
	ASSERT_STR(p.cwd, "/tmp");
	ASSERT_INT(p.user.uid, 5);
	ASSERT_INT(p.caps.mask_bounding, 1u << 5);
	cfg_process_clear(&p);
	ASSERT_TRUE(p.args.v == NULL && p.cwd == NULL);
	ASSERT_INT(cfg_process_parse(bad, strlen(bad), &untouched, &err), -EINVAL);
	ASSERT_STR(err.msg, "args: must not be empty");
	ASSERT_TRUE(untouched.terminal && untouched.args.v == NULL);
	ASSERT_INT(cfg_process_parse("{", 1, &untouched, &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid JSON: parse error: premature EOF (line 1, column 2)");
}

int main(void)
{
	load_full();
	RUN(test_full_top);
	RUN(test_full_mounts);
	RUN(test_full_process);
	RUN(test_full_process_limits);
	RUN(test_full_hooks);
	RUN(test_full_linux);
	RUN(test_full_resources);
	RUN(test_full_blockio);
	RUN(test_full_seccomp);
	RUN(test_full_linux_extra);
	RUN(test_minimal);
	RUN(test_unknown_keys_ignored);
	RUN(test_null_is_absent);
	RUN(test_top_errors);
	RUN(test_annotations);
	RUN(test_invalid_json);
	RUN(test_duplicate_keys_last_wins);
	RUN(test_failure_leaves_ret);
	RUN(test_process_json);
	cfg_spec_free(full);
	t_done();
	UNIT_DONE();
}
