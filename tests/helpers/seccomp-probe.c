/* seccomp-probe: test helper that runs a host command under a bundle's linux.seccomp, through
 * the same calls as the container init: prepare, no_new_privs when process.noNewPrivileges,
 * load, and with a notify rule the fd and a made-up state to linux.seccomp.listenerPath.
 * usage: seccomp-probe BUNDLE PROGRAM [ARG...] */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "../../runtime/base/cleanup.h"
#include "../../runtime/seccomp.h"
#include "../../runtime/state.h"

static int fail(const struct berr *err)
{
	char buf[600];

	fprintf(stderr, "seccomp-probe: %s\n", berr_str(err, buf, sizeof(buf)));
	return 1;
}

/* hands the listener fd over as the parent of init would, with this process as the pid */
static int send_listener(const struct cfg_seccomp *s, const char *bundle, int fd, struct berr *err)
{
	struct rt_state st = {.pid = getpid()};
	_cleanup_free_ char *json = NULL;

	(void)snprintf(st.id, sizeof(st.id), "seccomp-probe");
	(void)snprintf(st.bundle, sizeof(st.bundle), "%s", bundle);
	(void)snprintf(st.created, sizeof(st.created), "1970-01-01T00:00:00Z");
	json = rt_state_to_json(&st, RT_STATUS_CREATING);
	if (!json)
		return berr_set(err, ENOMEM, "state JSON: out of memory");
	return rt_seccomp_send_listener(s, json, fd, err);
}

int main(int argc, char **argv)
{
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	struct cfg_spec *spec = NULL;
	struct berr err = {0};
	int fd = -1;

	if (argc < 3) {
		fprintf(stderr, "usage: seccomp-probe BUNDLE PROGRAM [ARG...]\n");
		return 2;
	}
	if (cfg_spec_load(argv[1], &spec, &err) < 0 ||
	    rt_seccomp_prepare(&spec->linux_.seccomp, &ctx, &err) < 0)
		return fail(&err);
	if (spec->process.no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		perror("seccomp-probe: prctl");
		return 1;
	}
	if (rt_seccomp_load(ctx, &fd, &err) < 0)
		return fail(&err);
	if (fd >= 0 && send_listener(&spec->linux_.seccomp, argv[1], fd, &err) < 0)
		return fail(&err);
	if (fd >= 0)
		(void)close(fd);
	execv(argv[2], argv + 2);
	perror("seccomp-probe: exec");
	return 127;
}
