/* cmd-exec: `berth exec`: run a new process in a running container and (unless -d) wait
 * for it, exiting with its status. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../kvm-sandbox/vm-exec.h"
#include "base/cleanup.h"
#include "base/log.h"
#include "cli.h"
#include "console.h"
#include "container-record.h"
#include "exec-opts.h"
#include "exec-process.h"
#include "run-wait.h"
#include "state.h"
#include "sync.h"

static int check_status(const struct rt_exec_opts *o, enum rt_status s, struct berr *err)
{
	if (s == RT_STATUS_STOPPED)
		return berr_set(err, EINVAL, "cannot exec in a stopped container");
	if (s == RT_STATUS_PAUSED && !o->ignore_paused)
		return berr_set(
			err, EINVAL,
			"cannot exec in a paused container (use --ignore-paused to override)");
	if (o->apparmor && access("/sys/kernel/security/apparmor", F_OK) < 0)
		return berr_set(err, ENOTSUP, "--apparmor: AppArmor is not enabled on this host");
	if (o->process_label && access("/sys/fs/selinux/enforce", F_OK) < 0)
		return berr_set(err, ENOTSUP,
				"--process-label: SELinux is not enabled on this host");
	return 0;
}

/* Sets up the terminal plumbing: a console socket, or a pair we relay ourselves. */
static int tty_channels(const struct rt_exec_opts *o, struct rt_exec_req *req, struct berr *err)
{
	int sp[2];

	if (!req->process->terminal) {
		if (o->console_socket)
			return berr_set(err, EINVAL,
					"--console-socket: cannot be used without --tty");
		return 0;
	}
	if (o->console_socket) {
		req->console_sock = rt_console_connect(o->console_socket, err);
		return req->console_sock < 0 ? req->console_sock : 0;
	}
	if (o->detach)
		return berr_set(err, EINVAL, "--console-socket: required with --tty and --detach");
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0)
		return berr_sys(err, "create terminal socket");
	req->console_sock = sp[0];
	req->relay_peer = sp[1];
	return 0;
}

static int exec_in(const struct rt_exec_opts *o, const struct rt_state *st,
		   const struct cfg_process *p, const struct cfg_seccomp *seccomp, int *dirfd,
		   struct berr *err)
{
	struct rt_exec_req req = {.init_pid = st->pid,
				  .process = p,
				  .seccomp = seccomp,
				  .state = st,
				  .console_sock = -1,
				  .relay_peer = -1,
				  .preserve_fds = o->preserve_fds,
				  .keep_fd = *dirfd};
	_cleanup_close_ int master = -1;
	pid_t pid;
	int r;

	r = tty_channels(o, &req, err);
	if (r == 0 && !o->detach)
		r = rt_run_block_signals(err);
	if (r == 0)
		r = rt_exec_spawn(&req, &pid, err);
	if (req.relay_peer >= 0)
		(void)close(req.relay_peer);
	if (r == 0 && req.relay_peer >= 0) {
		master = rt_recv_fd(req.console_sock, err);
		r = master < 0 ? master : 0;
	}
	if (req.console_sock >= 0)
		(void)close(req.console_sock);
	if (r == 0 && o->pid_file)
		r = rt_pid_file_write(o->pid_file, pid, err);
	if (r < 0 || o->detach)
		return r;
	/* do not hold the container's lock while we wait */
	(void)close(*dirfd);
	*dirfd = -1;
	return rt_run_wait(pid, master, err);
}

int rt_cmd_exec(int argc, char **argv, struct berr *err)
{
	_cleanup_close_ int dirfd = -1;
	struct rt_state st = {0};
	struct cfg_spec *spec = NULL;
	struct rt_exec_opts o;
	struct cfg_process p;
	bool from_file = false;
	int r;

	r = rt_exec_opts_parse(argc, argv, &o, err);
	if (r == 0)
		r = rt_cli_check_preserved(o.preserve_fds, err);
	if (r < 0)
		return r;
	dirfd = rt_state_load(arg_global.root, o.id, &st, err);
	r = dirfd < 0 ? dirfd : 0;
	if (r == 0)
		r = check_status(&o, rt_state_status(dirfd, &st), err);
	if (r == 0 && !strcmp(st.isolation, "vm")) {
		/* kvm-sandbox/vm-exec.h; the container's lock is not held while it runs */
		int unlocked = openat(dirfd, ".", O_DIRECTORY | O_RDONLY | O_CLOEXEC);

		(void)close(dirfd);
		dirfd = unlocked;
		r = dirfd < 0 ? berr_sys(err, "open state of %s", o.id) : vm_exec(dirfd, &o, err);
		rt_state_clear(&st);
		return r;
	}
	if (r == 0)
		r = cfg_spec_load(st.bundle, &spec, err);
	if (r == 0)
		r = rt_exec_process_build(&o, &spec->process, &p, &from_file, err);
	if (r == 0) {
		r = exec_in(&o, &st, &p, &spec->linux_.seccomp, &dirfd, err);
		rt_exec_process_free(&p, from_file);
	}
	cfg_spec_free(spec);
	rt_state_clear(&st);
	return r;
}
