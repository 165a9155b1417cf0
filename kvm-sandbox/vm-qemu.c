/* vm-qemu: the QEMU microvm backend (vm-backend.h). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "../runtime/container-spawn.h"
#include "vm-backend.h"

/* QEMU's process: in its cgroup, waits at the gate, then becomes QEMU; dies with its parent. */
__attribute__((noreturn)) static void child(const struct vm_boot *b, int gate, bool born_in_cg)
{
	struct berr err = {0};
	sigset_t none;
	char c;
	int log, null;

	(void)prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (b->cg && rt_cgroup_attach_self(b->cg, born_in_cg, &err) < 0) {
		log = b->log ? open(b->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
		if (log >= 0)
			(void)dprintf(log, "%s\n", err.msg);
		_exit(127);
	}
	if (read(gate, &c, 1) != 1)
		_exit(127);
	if (b->netns_fd >= 0 && setns(b->netns_fd, CLONE_NEWNET) < 0)
		_exit(127);
	log = b->log ? open(b->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
	null = open("/dev/null", O_RDWR);
	(void)dup2(null, STDIN_FILENO);
	(void)dup2(null, STDOUT_FILENO);
	(void)dup2(log >= 0 ? log : null, STDERR_FILENO);
	(void)fcntl(b->guest_chan, F_SETFD, 0);
	(void)sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	execv(b->argv[0], b->argv);
	(void)dprintf(STDERR_FILENO, "exec %s: %s\n", b->argv[0], strerror(errno));
	_exit(127);
}

static pid_t qemu_spawn(const struct vm_boot *b, int gate, struct berr *err)
{
	int fd = b->cg ? rt_cgroup_open_unified(b->cg) : -1;
	pid_t pid = fd >= 0 ? rt_clone_into_cgroup(0, fd) : -1;
	bool born = pid >= 0;

	if (pid < 0)
		pid = fork();
	if (fd >= 0)
		(void)close(fd);
	if (pid < 0)
		return berr_sys(err, "fork QEMU");
	if (pid == 0)
		child(b, gate, born);
	return pid;
}

static void qemu_stop(pid_t pid)
{
	if (pid > 0)
		(void)kill(pid, SIGKILL);
}

const struct vm_backend vm_backend_qemu = {
	.name = "qemu",
	.spawn = qemu_spawn,
	.stop = qemu_stop,
};
