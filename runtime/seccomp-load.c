/* seccomp-load: loads a prepared filter into the calling process and hands back the notify
 * listener fd (rt_seccomp_load). Called by the container init, last before execve. */
#include "seccomp.h"

#include <errno.h>
#include <sys/prctl.h>

int rt_seccomp_load(scmp_filter_ctx ctx, int *ret_notify_fd, struct berr *err)
{
	int r, fd;

	if (!ctx) {
		*ret_notify_fd = -1;
		return 0;
	}
	r = seccomp_load(ctx);
	if (r == -EACCES && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
		/* seccomp(2): without no_new_privs the caller needs CAP_SYS_ADMIN */
		return berr_sys_code(err, EACCES,
				     "linux.seccomp: load filter without process.noNewPrivileges "
				     "nor CAP_SYS_ADMIN");
	if (r < 0)
		return berr_sys_code(err, -r, "linux.seccomp: load filter");
	/* libseccomp asked for a listener (SECCOMP_FILTER_FLAG_NEW_LISTENER) when a rule notifies;
	 * the kernel made it close-on-exec */
	fd = seccomp_notify_fd(ctx);
	*ret_notify_fd = fd >= 0 ? fd : -1;
	return 0;
}
