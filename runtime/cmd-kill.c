/* cmd-kill: `berth kill ID [SIGNAL]`: signal a created or running container's init. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "../kvm-sandbox/vm-client.h"
#include "base/cleanup.h"
#include "cli.h"
#include "signal-container.h"
#include "signals.h"
#include "state.h"

int rt_cmd_kill(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, 'a'},
		{0},
	};
	_cleanup_close_ int dirfd = -1;
	struct rt_state st = {0};
	bool all = false;
	int c, sig = SIGTERM, r;

	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "a", opts, NULL)) != -1) {
		if (c != 'a')
			return berr_set(err, EINVAL, "kill: unknown option %s", argv[optind - 1]);
		all = true;
	}
	if (argc - optind < 1 || argc - optind > 2)
		return berr_set(
			err, EINVAL,
			"kill requires 1 or 2 arguments (usage: berth kill [--all] ID [SIGNAL])");
	if (argc - optind == 2) {
		sig = rt_signal_parse(argv[optind + 1], err);
		if (sig < 0)
			return sig;
	}
	dirfd = rt_state_load(arg_global.root, argv[optind], &st, err);
	r = dirfd < 0 ? dirfd : 0;
	if (r == 0 && !strcmp(st.isolation, "vm")) {
		/* through the shim to the agent; a gone shim means a stopped container */
		r = rt_state_status(dirfd, &st) == RT_STATUS_STOPPED
			    ? berr_set(err, ESRCH, "container not running")
			    : vm_client_kill(dirfd, sig, all, err);
	} else {
		if (r == 0)
			r = all ? rt_signal_cgroup(dirfd, st.pid, sig, err) : 0;
		if (r >= 0)
			r = rt_signal_container(&st, sig, all && r == 0, err);
	}
	/* as runc 1.1: --all signals whatever is left and succeeds once init is gone; engines
	 * (containerd's shim, Docker) send it to containers that have already exited */
	if (all && r == -ESRCH) {
		*err = (struct berr){0};
		r = 0;
	}
	/* after SIGKILL, `kill && delete` must see the container stopped: wait for the exit,
	 * which the kernel completes without the container's help */
	if (r == 0 && sig == SIGKILL) /* a VM takes longer to end: its shim waits for QEMU */
		(void)rt_wait_gone(&st, strcmp(st.isolation, "vm") ? 2000 : 10000, err);
	rt_state_clear(&st);
	return r;
}
