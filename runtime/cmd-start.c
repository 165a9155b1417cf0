/* cmd-start: `berth start`: release a created container's process through the exec gate. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "../kvm-sandbox/vm-client.h"
#include "base/cleanup.h"
#include "cli.h"
#include "exec-gate.h"
#include "hooks-lifecycle.h"
#include "notify-socket.h"
#include "state.h"

int rt_cmd_start(int argc, char **argv, struct berr *err)
{
	_cleanup_close_ int dirfd = -1, nfd = -1;
	struct rt_state st = {0};
	enum rt_status status;
	int r;

	r = rt_cli_want_args(argc, 1, 1, "berth start ID", err);
	if (r < 0)
		return r;
	dirfd = rt_state_load(arg_global.root, argv[1], &st, err);
	if (dirfd < 0)
		return dirfd;
	status = rt_state_status(dirfd, &st);
	if (status == RT_STATUS_STOPPED)
		r = berr_set(err, EINVAL, "cannot start a container that has stopped");
	else if (status != RT_STATUS_CREATED)
		r = berr_set(err, EINVAL, "cannot start an already running container");
	else if (rt_notify_host_socket())
		r = rt_notify_bind(dirfd, &nfd, err);
	if (r == 0 && status == RT_STATUS_CREATED && !strcmp(st.isolation, "vm"))
		r = vm_client_start(dirfd, err); /* the shim drops the created mark */
	else if (r == 0 && status == RT_STATUS_CREATED)
		r = rt_gate_open(dirfd, err);
	/* the gate is used once: without it the state reads running (or stopped) */
	if (status == RT_STATUS_CREATED && strcmp(st.isolation, "vm"))
		(void)unlinkat(dirfd, RT_EXEC_SOCK, 0);
	if (r == 0) {
		r = rt_hooks_poststart(dirfd, &st, err);
		if (r < 0) /* a failed poststart stops the container, as in runc */
			(void)kill(st.pid, SIGKILL);
	}
	/* like runc, start returns once the container said READY (or exited) */
	if (r == 0 && nfd >= 0) {
		r = rt_notify_relay(nfd, rt_notify_host_socket(), st.pid, err);
		r = r < 0 ? r : 0;
	}
	rt_state_clear(&st);
	return r;
}
