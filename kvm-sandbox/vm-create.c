/* vm-create: the host side of create in a VM (see the header). */
#include "vm-create.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "../config/berth-conf.h"
#include "../runtime/base/cleanup.h"
#include "../runtime/base/log.h"
#include "../runtime/cgroup.h"
#include "../runtime/cli.h"
#include "../runtime/container-record.h"
#include "../runtime/hooks-lifecycle.h"
#include "../runtime/hooks.h"
#include "../runtime/sync.h"
#include "../runtime/undo.h"
#include "../shim/shim-vm.h"
#include "qemu-argv.h"
#include "vm-accel.h"
#include "vm-client.h"
#include "vm-paths.h"
#include "vm-size.h"
#include "vm-tty.h"

struct vm_plan {
	const struct rt_create_opts *o;
	const struct cfg_spec *spec;
	const char *bundle, *rootfs;
	const char *text; /* config.json as read */
	size_t text_len;
	struct cfg_conf conf;
	struct vm_paths paths;
	enum vm_accel accel;
	struct vm_size size;
	struct vm_guest_config gc;
	int rootfd, statefd;
	char state_dir[PATH_MAX];
	struct rt_cgroup cg;
	bool has_cg;
	bool qemu_self_placed; /* vm_boot.cg: QEMU's process moves itself in */
	pid_t shim;
	int tty_slave, netns_fd;
	bool start_in_create; /* run, and no host hook must see the container before start */
};

/* Everything that can be decided before a side effect. */
static int plan(struct vm_plan *p, struct berr *err)
{
	struct vm_accel_probe probe;
	char why[256] = "";
	int r;

	r = cfg_conf_load(&p->conf, err);
	if (r == 0)
		r = vm_paths_resolve(&p->conf, &p->paths, err);
	if (r < 0)
		return r;
	vm_accel_probe_defaults(&probe, p->paths.qemu);
	r = vm_accel_choose(p->conf.accel, &probe, &p->accel, why, sizeof(why), err);
	if (r < 0)
		return r;
	if (p->accel == VM_ACCEL_TCG && why[0])
		log_warn("KVM is not usable (%s): the VM runs under TCG emulation, which is much "
			 "slower",
			 why);
	p->start_in_create = p->o->start_now && !p->spec->hooks.prestart.n &&
			     !p->spec->hooks.create_runtime.n && !p->spec->hooks.create_container.n;
	r = vm_size_choose(p->spec, &p->conf, &p->size, err);
	if (r == 0)
		r = vm_guest_config_make(p->text, p->text_len, p->spec, p->o->id, &p->gc, err);
	return r;
}

static int open_netns(struct vm_plan *p, struct berr *err)
{
	const struct cfg_namespace *ns = cfg_ns_find(p->spec, CFG_NS_NETWORK);

	p->netns_fd = -1;
	if (!ns || !ns->path)
		return 0;
	p->netns_fd = open(ns->path, O_RDONLY | O_CLOEXEC);
	if (p->netns_fd < 0)
		return berr_sys(err, "linux.namespaces: open %s", ns->path);
	return 0;
}

/* QEMU's cgroup: the container's, with the limits a VM can take from outside (cpu, blkio,
 * hugetlb, ...). Memory, pids and devices are enforced inside the guest, where they mean what
 * the container asked for; the VM's RAM size bounds its memory from outside. Made before
 * QEMU's process exists: unless rootless it places itself (vm_boot.cg), else we move it by pid. */
static int setup_cgroup(struct vm_plan *p, struct rt_undo *undo, struct berr *err)
{
	struct cfg_spec qs = *p->spec;
	struct cfg_resources *res = &qs.linux_.resources;
	struct berr cg_err = {0};
	int r;

	memset(&res->memory, 0, sizeof(res->memory));
	memset(&res->pids_limit, 0, sizeof(res->pids_limit));
	memset(&res->unified, 0, sizeof(res->unified));
	res->devices = NULL;
	res->n_devices = 0;
	r = rt_cgroup_setup(&qs, p->o->id, arg_global.systemd_cgroup, 0, &p->cg, &cg_err);
	if (r < 0 && rt_cli_is_rootless() && (r == -EACCES || r == -EPERM || r == -EROFS)) {
		log_debug("no cgroup for rootless VM %s: %s", p->o->id, cg_err.msg);
		return 0;
	}
	if (r < 0) {
		*err = cg_err;
		return r;
	}
	p->has_cg = p->cg.mode != RT_CGROUP_NONE;
	if (!p->has_cg)
		return 0;
	(void)rt_undo_push(undo, rt_cgroup_undo, &p->cg, 0);
	p->qemu_self_placed = !rt_cli_is_rootless();
	return 0;
}

static int place_qemu(struct vm_plan *p, pid_t qemu, struct berr *err)
{
	struct berr cg_err = {0};
	int r;

	if (p->has_cg && !p->qemu_self_placed) {
		r = rt_cgroup_attach(&p->cg, qemu, &cg_err);
		if (r < 0 && rt_cli_is_rootless() && (r == -EACCES || r == -EPERM || r == -EROFS)) {
			log_debug("no cgroup for rootless VM %s: %s", p->o->id, cg_err.msg);
			(void)rt_cgroup_destroy(&p->cg, &cg_err);
			p->has_cg = false;
		} else if (r < 0) {
			*err = cg_err;
			return r;
		}
	}
	return p->has_cg ? rt_cgroup_save(p->statefd, &p->cg, err) : 0;
}

/* Closes every fd from 3 up except those in keep (-1 entries are ignored). */
static void close_all_but(const int *keep, size_t n)
{
	unsigned int lo = 3;

	for (;;) {
		unsigned int next = ~0U;
		size_t i;

		for (i = 0; i < n; i++)
			if (keep[i] >= (int)lo && (unsigned int)keep[i] < next)
				next = (unsigned int)keep[i];
		if (next > lo)
			(void)close_range(lo, next - 1, 0);
		if (next == ~0U)
			return;
		lo = next + 1;
	}
}

static int start_shim(struct vm_plan *p, int chan[2], int sync[2], char **argv)
{
	struct shim_vm_args a = {
		.id = p->o->id,
		.qemu_argv = argv,
		.chan_fd = chan[0],
		.qemu_chan = chan[1],
		.sync_fd = sync[1],
		.netns_fd = p->netns_fd,
		.detach = !p->o->start_now || !p->o->tty_relay,
		.start = p->start_in_create,
		.terminal = p->spec->process.terminal,
		.tty_fd = p->tty_slave,
		.tty_stdio = p->o->tty_relay,
		.cg = p->qemu_self_placed ? &p->cg : NULL,
		.guest_config = p->gc.json,
		.shares = p->gc.shares,
		.n_shares = p->gc.n_shares,
	};
	pid_t pid;

	(void)snprintf(a.state_dir, sizeof(a.state_dir), "%s", p->state_dir);
	pid = fork();
	if (pid == 0) {
		/* nothing of create's but what the shim uses: above all not the state lock */
		int keep[] = {chan[0], chan[1], sync[1], p->netns_fd, p->tty_slave, log_fd()};

		close_all_but(keep, sizeof(keep) / sizeof(keep[0]));
		shim_vm_main(&a);
	}
	return pid;
}

static int write_state(struct vm_plan *p, struct berr *err)
{
	struct rt_state st;
	int r;

	rt_state_describe(&st, p->o->id, p->bundle, p->rootfs, "vm", p->shim, p->spec);
	r = rt_state_record(p->statefd, &st, "the VM shim", err);
	if (r == 0 && p->o->pid_file)
		r = rt_pid_file_write(p->o->pid_file, p->shim, err);
	return r;
}

/* The hooks of the runtime's namespace run here, on the host, with the VM ready. */
static int host_hooks(struct vm_plan *p, enum rt_status status, bool start, struct berr *err)
{
	const struct cfg_hooks *h = &p->spec->hooks;
	struct rt_state st;
	int r;

	rt_state_describe(&st, p->o->id, p->bundle, p->rootfs, "vm", p->shim, p->spec);
	if (start)
		return rt_hooks_run_state(&h->poststart, "poststart", &st, status, err);
	r = rt_hooks_run_state(&h->prestart, "prestart", &st, status, err);
	if (r == 0)
		r = rt_hooks_run_state(&h->create_runtime, "createRuntime", &st, status, err);
	if (r == 0)
		r = rt_hooks_run_state(&h->create_container, "createContainer", &st, status, err);
	return r;
}

static int marker(struct vm_plan *p, struct berr *err)
{
	int fd = openat(p->statefd, SHIM_VM_CREATED, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);

	if (fd < 0)
		return berr_sys(err, "create %s/%s", p->state_dir, SHIM_VM_CREATED);
	(void)close(fd);
	return 0;
}

static int launch(struct vm_plan *p, struct rt_undo *undo, struct berr *err)
{
	struct vm_launch l = {0};
	char **argv = NULL;
	char log[PATH_MAX + 16], shares[PATH_MAX + 16];
	int chan[2] = {-1, -1}, sync[2] = {-1, -1}, r;
	struct rt_sync_msg m;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, chan) < 0 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sync) < 0) {
		r = berr_sys(err, "socketpair");
		goto out;
	}
	(void)snprintf(log, sizeof(log), "%s/" SHIM_CONSOLE_LOG, p->state_dir);
	(void)snprintf(shares, sizeof(shares), "%s/shares", p->state_dir);
	l = (struct vm_launch){.qemu = p->paths.qemu,
			       .kernel = p->paths.kernel,
			       .initramfs = p->paths.initramfs,
			       .accel = p->accel,
			       .cpus = p->size.cpus,
			       .memory_mib = p->size.memory_mib,
			       .chan_fd = chan[1],
			       .console_log = log,
			       .rootfs = p->rootfs,
			       .passthrough = geteuid() == 0,
			       .shares = p->gc.shares,
			       .n_shares = p->gc.n_shares,
			       .share_dir = shares,
			       .sandbox = true};
	r = vm_qemu_argv(&l, &argv, err);
	if (r < 0)
		goto out;
	r = p->start_in_create ? 0 : marker(p, err);
	if (r == 0)
		r = setup_cgroup(p, undo, err);
	if (r < 0)
		goto out;
	p->shim = start_shim(p, chan, sync, argv);
	if (p->shim < 0) {
		r = berr_sys(err, "fork the VM shim");
		goto out;
	}
	(void)rt_undo_push(undo, rt_undo_process, NULL, p->shim);
	(void)close(sync[1]);
	sync[1] = -1;
	r = rt_sync_recv(sync[0], RT_SYNC_PID, &m, "vm shim", err);
	if (r == 0)
		r = place_qemu(p, m.pid, err);
	if (r == 0)
		r = rt_sync_send(sync[0], RT_SYNC_GO, 0, NULL, err);
	if (r == 0)
		r = rt_sync_recv(sync[0], RT_SYNC_READY, &m, "vm shim", err);
out:
	vm_argv_free(argv);
	for (int i = 0; i < 2; i++) {
		if (chan[i] >= 0)
			(void)close(chan[i]);
		if (sync[i] >= 0)
			(void)close(sync[i]);
	}
	return r;
}

static int create_steps(struct vm_plan *p, struct rt_undo *undo, struct berr *err)
{
	int r = rt_config_save(p->statefd, p->bundle, err);

	if (r == 0 && p->spec->process.terminal && p->o->console_socket) {
		const struct cfg_process *proc = &p->spec->process;

		p->tty_slave =
			vm_tty_open(p->o->console_socket, (unsigned short)proc->console_height.v,
				    (unsigned short)proc->console_width.v, err);
		r = p->tty_slave < 0 ? p->tty_slave : 0;
	}
	if (r == 0)
		r = open_netns(p, err);
	if (r == 0)
		r = launch(p, undo, err);
	if (r == 0)
		r = host_hooks(p, RT_STATUS_CREATED, false, err);
	if (r == 0)
		r = write_state(p, err);
	if (r < 0 || !p->o->start_now)
		return r;
	if (!p->start_in_create)
		r = vm_client_start(p->statefd, err);
	if (r == 0)
		r = host_hooks(p, RT_STATUS_RUNNING, true, err);
	return r;
}

int vm_container_create(const struct rt_create_opts *o, const struct cfg_spec *spec,
			const char *text, size_t text_len, const char *bundle, const char *rootfs,
			struct rt_created *ret, struct berr *err)
{
	struct vm_plan p = {.o = o,
			    .spec = spec,
			    .text = text,
			    .text_len = text_len,
			    .bundle = bundle,
			    .rootfs = rootfs,
			    .rootfd = -1,
			    .statefd = -1,
			    .tty_slave = -1,
			    .netns_fd = -1};
	struct rt_undo undo = {.n = 0};
	struct rt_undo_dir ud;
	int r = plan(&p, err);

	if (r < 0)
		goto out;
	p.rootfd = rt_state_open_root(o->root, true, err);
	if (p.rootfd < 0) {
		r = p.rootfd;
		goto out;
	}
	p.statefd = rt_state_create_dir(p.rootfd, o->id, err);
	if (p.statefd < 0) {
		r = p.statefd;
		goto out;
	}
	(void)snprintf(p.state_dir, sizeof(p.state_dir), "%s/%s", o->root, o->id);
	ud = (struct rt_undo_dir){p.rootfd, o->id};
	(void)rt_undo_push(&undo, rt_undo_state_dir, &ud, 0);
	r = create_steps(&p, &undo, err);
out:
	if (r < 0) {
		rt_undo_run(&undo);
		if (p.statefd >= 0)
			(void)close(p.statefd);
		if (p.rootfd >= 0)
			(void)close(p.rootfd);
	} else {
		rt_undo_forget(&undo);
		ret->pid = p.shim;
		ret->rootfd = p.rootfd;
		ret->statefd = p.statefd;
		ret->relay_master = -1;
		ret->notify_fd = -1;
	}
	if (p.tty_slave >= 0)
		(void)close(p.tty_slave);
	if (p.netns_fd >= 0)
		(void)close(p.netns_fd);
	vm_guest_config_free(&p.gc);
	cfg_conf_free(&p.conf);
	return r;
}
