/* spec-free: releases a parsed spec or process, half-parsed ones included (every count is set
 * with its allocation). Called by the parsers on failure and by whoever owns a spec. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"

void cfg_strv_free(struct cfg_strv *v)
{
	for (size_t i = 0; v->v && i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = 0;
}

void cfg_map_free(struct cfg_map *m)
{
	for (size_t i = 0; m->v && i < m->n; i++) {
		free(m->v[i].key);
		free(m->v[i].value);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

static void caps_free(struct cfg_caps *c)
{
	cfg_strv_free(&c->bounding);
	cfg_strv_free(&c->effective);
	cfg_strv_free(&c->inheritable);
	cfg_strv_free(&c->permitted);
	cfg_strv_free(&c->ambient);
}

void cfg_process_clear(struct cfg_process *p)
{
	if (!p)
		return;
	free(p->user.additional_gids);
	free(p->user.username);
	cfg_strv_free(&p->args);
	free(p->command_line);
	cfg_strv_free(&p->env);
	free(p->cwd);
	caps_free(&p->caps);
	for (size_t i = 0; p->rlimits && i < p->n_rlimits; i++)
		free(p->rlimits[i].type);
	free(p->rlimits);
	free(p->apparmor_profile);
	free(p->selinux_label);
	free(p->io_priority.class_name);
	free(p->scheduler.policy);
	cfg_strv_free(&p->scheduler.flags);
	free(p->exec_cpu_affinity.initial);
	free(p->exec_cpu_affinity.final);
	memset(p, 0, sizeof(*p));
}

static void hook_list_free(struct cfg_hook_list *l)
{
	for (size_t i = 0; l->v && i < l->n; i++) {
		free(l->v[i].path);
		cfg_strv_free(&l->v[i].args);
		cfg_strv_free(&l->v[i].env);
	}
	free(l->v);
}

static void hooks_free(struct cfg_hooks *h)
{
	hook_list_free(&h->prestart);
	hook_list_free(&h->create_runtime);
	hook_list_free(&h->create_container);
	hook_list_free(&h->start_container);
	hook_list_free(&h->poststart);
	hook_list_free(&h->poststop);
}

static void mounts_free(struct cfg_mount *m, size_t n)
{
	for (size_t i = 0; m && i < n; i++) {
		free(m[i].destination);
		free(m[i].type);
		free(m[i].source);
		cfg_strv_free(&m[i].options);
		free(m[i].uid_mappings);
		free(m[i].gid_mappings);
	}
	free(m);
}

static void resources_free(struct cfg_resources *r)
{
	for (size_t i = 0; r->devices && i < r->n_devices; i++)
		free(r->devices[i].access);
	free(r->devices);
	free(r->cpu.cpus);
	free(r->cpu.mems);
	free(r->blockio.weight_device);
	free(r->blockio.read_bps.v);
	free(r->blockio.write_bps.v);
	free(r->blockio.read_iops.v);
	free(r->blockio.write_iops.v);
	for (size_t i = 0; r->hugepage_limits && i < r->n_hugepage_limits; i++)
		free(r->hugepage_limits[i].page_size);
	free(r->hugepage_limits);
	for (size_t i = 0; r->network.priorities && i < r->network.n_priorities; i++)
		free(r->network.priorities[i].name);
	free(r->network.priorities);
	for (size_t i = 0; r->rdma && i < r->n_rdma; i++)
		free(r->rdma[i].device);
	free(r->rdma);
	cfg_map_free(&r->unified);
}

static void seccomp_free(struct cfg_seccomp *s)
{
	free(s->default_action);
	cfg_strv_free(&s->architectures);
	cfg_strv_free(&s->flags);
	free(s->listener_path);
	free(s->listener_metadata);
	for (size_t i = 0; s->syscalls && i < s->n_syscalls; i++) {
		struct cfg_seccomp_syscall *sc = &s->syscalls[i];

		cfg_strv_free(&sc->names);
		free(sc->action);
		for (size_t j = 0; sc->args && j < sc->n_args; j++)
			free(sc->args[j].op);
		free(sc->args);
	}
	free(s->syscalls);
}

static void linux_free(struct cfg_linux *l)
{
	for (size_t i = 0; l->namespaces && i < l->n_namespaces; i++)
		free(l->namespaces[i].path);
	free(l->namespaces);
	free(l->uid_mappings);
	free(l->gid_mappings);
	for (size_t i = 0; l->time_offsets && i < l->n_time_offsets; i++)
		free(l->time_offsets[i].clock);
	free(l->time_offsets);
	for (size_t i = 0; l->devices && i < l->n_devices; i++)
		free(l->devices[i].path);
	free(l->devices);
	free(l->cgroups_path);
	resources_free(&l->resources);
	free(l->rootfs_propagation);
	cfg_strv_free(&l->masked_paths);
	cfg_strv_free(&l->readonly_paths);
	free(l->mount_label);
	seccomp_free(&l->seccomp);
	cfg_map_free(&l->sysctl);
	free(l->personality.domain);
	cfg_strv_free(&l->personality.flags);
	free(l->intel_rdt.clos_id);
	free(l->intel_rdt.l3_cache_schema);
	free(l->intel_rdt.mem_bw_schema);
	cfg_strv_free(&l->intel_rdt.schemata);
	free(l->memory_policy.mode);
	free(l->memory_policy.nodes);
	cfg_strv_free(&l->memory_policy.flags);
}

void cfg_spec_free(struct cfg_spec *spec)
{
	if (!spec)
		return;
	free(spec->oci_version);
	free(spec->root_path);
	cfg_process_clear(&spec->process);
	free(spec->hostname);
	free(spec->domainname);
	mounts_free(spec->mounts, spec->n_mounts);
	hooks_free(&spec->hooks);
	cfg_map_free(&spec->annotations);
	linux_free(&spec->linux_);
	free(spec);
}
