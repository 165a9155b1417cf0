/* container-create: everything `create` does on the host, in the order runc does it. */
#include "container-create.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../config/isolation.h"
#include "../kvm-sandbox/vm-create.h"
#include "../config/spec.h"
#include "base/cleanup.h"
#include "base/log.h"
#include "cgroup.h"
#include "container-spawn.h"
#include "cli.h"
#include "console.h"
#include "container-record.h"
#include "container.h"
#include "exec-gate.h"
#include "hooks-lifecycle.h"
#include "hooks.h"
#include "idmap.h"
#include "mount-idmap.h"
#include "namespaces.h"
#include "notify-socket.h"
#include "proc-stat.h"
#include "process-attrs.h"
#include "seccomp.h"
#include "state.h"
#include "sync.h"
#include "undo.h"

static void undo_poststop(void *ctx, long arg)
{
	const struct rt_container *c = ctx;
	struct rt_state st;

	(void)arg;
	rt_container_state(c, &st);
	(void)rt_hooks_run_warn(&c->spec->hooks.poststop, "poststop", &st, RT_STATUS_STOPPED);
}

static int resolve_paths(const struct cfg_spec *s, const struct rt_create_opts *o,
			 struct rt_container *c, struct berr *err)
{
	char tmp[PATH_MAX * 2];

	if (!realpath(o->bundle, c->bundle))
		return berr_sys(err, "--bundle: %s", o->bundle);
	if (s->root_path[0] == '/')
		(void)snprintf(tmp, sizeof(tmp), "%s", s->root_path);
	else
		(void)snprintf(tmp, sizeof(tmp), "%s/%s", c->bundle, s->root_path);
	if (!realpath(tmp, c->rootfs))
		return berr_sys(err, "config.json: root.path: %s", tmp);
	return 0;
}

/* prestart (deprecated) then createRuntime: in the runtime's namespaces, after init's
 * namespaces and mounts exist and before pivot_root (runtime-spec runtime.md). */
static int run_runtime_hooks(const struct rt_container *c, struct berr *err)
{
	struct rt_state st;
	int r;

	rt_container_state(c, &st);
	r = rt_hooks_run_state(&c->spec->hooks.prestart, "prestart", &st, RT_STATUS_CREATING, err);
	if (r == 0)
		r = rt_hooks_run_state(&c->spec->hooks.create_runtime, "createRuntime", &st,
				       RT_STATUS_CREATING, err);
	return r;
}

/* Init loaded a notify filter: hand its fd and the state to the agent (runtime-spec). */
static int pass_seccomp_fd(const struct rt_container *c, struct berr *err)
{
	_cleanup_free_ char *json = NULL;
	_cleanup_close_ int fd = -1;
	struct rt_state st = {0};
	int r;

	r = rt_sync_recv(c->sync_parent, RT_SYNC_SECCOMP, NULL, "create", err);
	if (r < 0)
		return r;
	fd = rt_recv_fd(c->sync_parent, err);
	if (fd < 0)
		return fd;
	rt_container_state(c, &st);
	log_time_rfc3339(st.created, sizeof(st.created));
	json = rt_state_to_json(&st, RT_STATUS_CREATING);
	if (!json)
		return berr_set(err, ENOMEM, "linux.seccomp.listenerPath: state: out of memory");
	r = rt_seccomp_send_listener(&c->spec->linux_.seccomp, json, fd, err);
	if (r == 0)
		r = rt_sync_send(c->sync_parent, RT_SYNC_SECCOMP_DONE, 0, NULL, err);
	return r;
}

/* Without root, a host that does not delegate cgroups to us means no cgroup, as runc
 * --rootless, unless the config asks for limits. */
static bool cgroup_optional(const struct rt_container *c, int r)
{
	return rt_cli_is_rootless() && !c->spec->linux_.resources.present &&
	       (r == -EACCES || r == -EPERM || r == -EROFS);
}

/* Before init exists: the container's cgroup with linux.resources applied, and the cgroup2
 * directory open, so init is born there (v2, and the cgroup2 part of a hybrid host). On v1
 * hierarchies init moves itself as its first step: one thread moving itself needs no global
 * lock, while our write of its pid costs an RCU grace period (5-15 ms). Not from a user
 * namespace (host cgroup files are not writable there) and not rootless, root of a user
 * namespace included (the move into a cgroup someone delegated to us may be optional). */
static int setup_cgroup(struct rt_container *c, struct rt_undo *undo, struct berr *err)
{
	struct berr cg_err = {0};
	int r;

	r = rt_cgroup_setup(c->spec, c->id, arg_global.systemd_cgroup, 0, &c->cg, &cg_err);
	if (r < 0 && cgroup_optional(c, r)) {
		log_debug("no cgroup for rootless container %s: %s", c->id, cg_err.msg);
		return 0;
	}
	if (r < 0) {
		*err = cg_err;
		return r;
	}
	c->has_cg = c->cg.mode != RT_CGROUP_NONE;
	if (!c->has_cg)
		return 0;
	(void)rt_undo_push(undo, rt_cgroup_undo, &c->cg, 0);
	c->cg_fd = rt_cgroup_open_unified(&c->cg);
	c->self_attach = (c->cg.mode == RT_CGROUP_V1 || c->cg.mode == RT_CGROUP_HYBRID) &&
			 !rt_cli_is_rootless() && !c->new_userns &&
			 !rt_container_joins_namespaces(c);
	return 0;
}

/* After clone: init moves in unless it was born there or moves itself; then the cgroup is
 * recorded. */
static int place_init(struct rt_container *c, struct berr *err)
{
	struct berr cg_err = {0};
	bool placed = c->self_attach || (c->born_in_cg && c->cg.mode == RT_CGROUP_V2);
	int r;

	if (!c->has_cg)
		return 0;
	r = placed ? 0 : rt_cgroup_attach(&c->cg, c->pid, &cg_err);
	if (r < 0 && cgroup_optional(c, r)) {
		log_debug("no cgroup for rootless container %s: %s", c->id, cg_err.msg);
		(void)rt_cgroup_destroy(&c->cg, &cg_err);
		c->has_cg = false;
		return 0;
	}
	if (r < 0) {
		*err = cg_err;
		return r;
	}
	return rt_cgroup_save(c->statefd, &c->cg, err);
}

/* The parent's half of the sync protocol (sync.h). */
static int drive_init(struct rt_container *c, const struct rt_create_opts *o,
		      struct rt_created *ret, struct berr *err)
{
	int r;

	if (c->new_userns) {
		r = rt_idmap_write(c->pid, c->spec, err);
		if (r < 0)
			return r;
	}
	r = rt_container_oom_score(c->pid, &c->spec->process, err);
	if (r == 0)
		r = rt_sync_send(c->sync_parent, RT_SYNC_GO, c->pid, NULL, err);
	if (r == 0 && rt_hooks_runtime_wanted(c->spec)) {
		r = rt_sync_recv(c->sync_parent, RT_SYNC_HOOKS, NULL, "create", err);
		if (r == 0)
			r = run_runtime_hooks(c, err);
		if (r == 0)
			r = rt_sync_send(c->sync_parent, RT_SYNC_HOOKS_DONE, c->pid, NULL, err);
	}
	if (r == 0 && rt_seccomp_uses_notify(&c->spec->linux_.seccomp))
		r = pass_seccomp_fd(c, err);
	if (r == 0)
		r = rt_sync_recv(c->sync_parent, RT_SYNC_READY, NULL, "create", err);
	if (r == 0 && o->tty_relay) {
		ret->relay_master = rt_recv_fd(c->console_sock, err);
		r = ret->relay_master < 0 ? ret->relay_master : 0;
	}
	if (r == 0)
		r = rt_container_write_state(c, err);
	if (r == 0 && o->pid_file)
		r = rt_pid_file_write(o->pid_file, c->pid, err);
	return r;
}

/* run: release init and wait until it has exec'd (EOF) or failed (an error message). */
static int start_now(struct rt_container *c, struct berr *err)
{
	struct rt_sync_msg m;
	ssize_t n;
	int r;

	r = rt_sync_send(c->sync_parent, RT_SYNC_START, 0, NULL, err);
	if (r < 0)
		return r;
	do
		n = recv(c->sync_parent, &m, sizeof(m), 0);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof(m) && m.type == RT_SYNC_ERROR) {
		m.err.msg[sizeof(m.err.msg) - 1] = '\0';
		*err = m.err;
		return -(err->code > 0 ? err->code : EIO);
	}
	return 0;
}

static int open_channels(struct rt_container *c, const struct rt_create_opts *o, struct berr *err)
{
	int sp[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return berr_sys(err, "create sync socket");
	c->sync_parent = sp[0];
	c->sync_child = sp[1];
	if (o->tty_relay) {
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0)
			return berr_sys(err, "create terminal socket");
		c->console_sock = sp[0]; /* init sends the master on its copy; we read sp[0] */
		c->relay_peer = sp[1];
	} else if (o->console_socket) {
		c->console_sock = rt_console_connect(o->console_socket, err);
		if (c->console_sock < 0)
			return c->console_sock;
	}
	if (!o->start_now) {
		c->gate_fd = rt_gate_listen(c->statefd, err);
		if (c->gate_fd < 0)
			return c->gate_fd;
	}
	return 0;
}

static void close_channels(struct rt_container *c)
{
	int *fds[] = {&c->sync_parent, &c->sync_child, &c->console_sock,
		      &c->relay_peer,  &c->gate_fd,    &c->cg_fd};
	size_t i;

	for (i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (*fds[i] >= 0)
			(void)close(*fds[i]);
		*fds[i] = -1;
	}
	rt_ns_close(c->ns_fds);
	rt_idmap_mounts_close(&c->idmap_fds, c->spec ? c->spec->n_mounts : 0);
}

static int count_listen_fds(void)
{
	const char *s = secure_getenv("LISTEN_FDS");
	long n;

	if (!s || !*s)
		return 0;
	n = strtol(s, NULL, 10);
	return n > 0 && n < 1024 ? (int)n : 0;
}

static int create_steps(struct rt_container *c, const struct rt_create_opts *o,
			struct rt_created *ret, struct rt_undo *undo, struct berr *err)
{
	_cleanup_close_ int nfd = -1;
	const struct cfg_namespace *user = cfg_ns_find(c->spec, CFG_NS_USER);
	int r;

	c->new_userns = user && !user->path;
	c->n_listen_fds = count_listen_fds();
	c->listen_fds = c->n_listen_fds > 0;
	c->preserve_fds = o->preserve_fds + c->n_listen_fds;
	r = rt_ns_open_paths(c->spec, c->ns_fds, err);
	if (r < 0)
		return r;
	r = open_channels(c, o, err);
	if (r < 0)
		return r;
	/* made on the host, where the sources are and the maps can be written; init inherits
	 * them through clone() and moves them in place */
	r = rt_idmap_mounts_open(c->spec, c->bundle, &c->idmap_fds, err);
	if (r < 0)
		return r;
	/* registered first so it runs last, after the process is gone, as runc's destroy */
	(void)rt_undo_push(undo, undo_poststop, c, 0);
	r = setup_cgroup(c, undo, err);
	if (r < 0)
		return r;
	r = rt_container_spawn(c, err);
	rt_idmap_mounts_close(&c->idmap_fds, c->spec->n_mounts);
	if (r < 0)
		return r;
	(void)rt_undo_push(undo, rt_undo_process, NULL, c->pid);
	/* before init goes on: its cgroup namespace and mounts are made inside this cgroup */
	r = place_init(c, err);
	if (r < 0)
		return r;
	/* only init keeps its end: EOF then tells us init is gone */
	(void)close(c->sync_child);
	c->sync_child = -1;
	if (c->relay_peer >= 0)
		(void)close(c->relay_peer);
	c->relay_peer = -1;
	r = drive_init(c, o, ret, err);
	if (r < 0 || !o->start_now)
		return r;
	/* the notify socket must exist before the process can send to it */
	if (rt_notify_host_socket())
		r = rt_notify_bind(c->statefd, &nfd, err);
	if (r == 0)
		r = start_now(c, err);
	if (r == 0) {
		struct rt_state st;

		rt_container_state(c, &st);
		r = rt_hooks_run_state(&c->spec->hooks.poststart, "poststart", &st,
				       RT_STATUS_RUNNING, err);
	}
	/* with a relayed terminal the wait loop relays READY (blocking here could stall a
	 * container that fills the pty first) */
	if (r == 0 && nfd >= 0 && o->tty_relay) {
		ret->notify_fd = nfd;
		nfd = -1;
	} else if (r == 0 && nfd >= 0) {
		r = rt_notify_relay(nfd, rt_notify_host_socket(), c->pid, err);
		r = r < 0 ? r : 0;
	}
	return r;
}

/* --isolation, the annotation, the program name, then berth.conf (config/isolation.h). */
static int choose_isolation(const struct rt_create_opts *o, const struct cfg_spec *spec,
			    enum cfg_isolation *ret, struct berr *err)
{
	struct cfg_conf conf = {0};
	int r = cfg_conf_load(&conf, err);

	if (r == 0)
		r = cfg_isolation_choose(o->isolation, spec, arg_global.argv0, &conf, ret, err);
	cfg_conf_free(&conf);
	return r;
}

int rt_container_create(const struct rt_create_opts *opts, struct rt_created *ret, struct berr *err)
{
	struct rt_create_opts eff = *opts;
	const struct rt_create_opts *o = &eff;
	struct rt_container c = {.sync_parent = -1,
				 .sync_child = -1,
				 .console_sock = -1,
				 .relay_peer = -1,
				 .gate_fd = -1,
				 .cg_fd = -1,
				 .statefd = -1,
				 .rootfd = -1};
	struct rt_undo undo = {.n = 0};
	struct cfg_spec *spec = NULL;
	_cleanup_free_ char *text = NULL; /* config.json as read: vm mode rewrites it */
	size_t text_len = 0;
	struct rt_undo_dir us;
	enum cfg_isolation iso = CFG_ISOLATION_CONTAINER;
	int r, t;

	for (t = 0; t < CFG_NS_COUNT; t++)
		c.ns_fds[t] = -1;
	ret->relay_master = -1;
	ret->notify_fd = -1;
	r = rt_cli_check_preserved(o->preserve_fds + count_listen_fds(), err);
	if (r == 0)
		r = rt_state_check_id(o->id, err);
	if (r == 0)
		r = cfg_spec_load_text(o->bundle, &spec, &text, &text_len, err);
	if (r == 0)
		r = choose_isolation(o, spec, &iso, err);
	/* run relays a terminal only when the process asks for one */
	if (r == 0)
		eff.tty_relay = opts->tty_relay && spec->process.terminal;
	if (r == 0)
		r = rt_container_check(spec, o->console_socket != NULL, o->tty_relay, err);
	if (r == 0)
		r = resolve_paths(spec, o, &c, err);
	if (r == 0 && iso == CFG_ISOLATION_VM) {
		/* the same bundle in a VM: kvm-sandbox/vm-create.h */
		r = vm_container_create(o, spec, text, text_len, c.bundle, c.rootfs, ret, err);
		cfg_spec_free(spec);
		return r;
	}
	if (r < 0)
		goto out;
	c.spec = spec;
	c.id = o->id;
	c.no_pivot = o->no_pivot;
	c.no_new_keyring = o->no_new_keyring;
	c.rootfd = rt_state_open_root(o->root, true, err);
	if (c.rootfd < 0) {
		r = c.rootfd;
		goto out;
	}
	c.statefd = rt_state_create_dir(c.rootfd, o->id, err);
	if (c.statefd < 0) {
		r = c.statefd;
		goto out;
	}
	us.rootfd = c.rootfd;
	us.id = o->id;
	(void)rt_undo_push(&undo, rt_undo_state_dir, &us, 0);
	r = rt_config_save(c.statefd, c.bundle, err);
	if (r < 0)
		goto out;
	/* NOTIFY_SOCKET: a socket directory bound into the container (runc's pass-through) */
	r = rt_notify_host_socket() ? rt_notify_setup_spec(c.statefd, spec, err) : 0;
	if (r == 0)
		r = create_steps(&c, o, ret, &undo, err);
out:
	if (r < 0) {
		rt_undo_run(&undo);
		if (ret->relay_master >= 0)
			(void)close(ret->relay_master);
		ret->relay_master = -1;
		if (c.statefd >= 0)
			(void)close(c.statefd);
		if (c.rootfd >= 0)
			(void)close(c.rootfd);
	} else {
		rt_undo_forget(&undo);
		ret->pid = c.pid;
		ret->rootfd = c.rootfd;
		ret->statefd = c.statefd;
	}
	close_channels(&c);
	cfg_spec_free(spec);
	return r;
}
