/* cli: helpers shared by the subcommands' option parsing. */
#include "cli.h"

#include "base/log.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rt_global_opts arg_global = {
	.root = "/run/berth",
	.log_format = "text",
	.argv0 = "berth",
};

int rt_cli_want_args(int argc, int optind_, int n, const char *usage, struct berr *err)
{
	if (argc - optind_ != n)
		return berr_set(err, EINVAL, "%s requires exactly %d argument%s (usage: %s)", usage,
				n, n == 1 ? "" : "s", usage);
	return 0;
}

int rt_cli_parse_uint(const char *opt, const char *s, int *ret, struct berr *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 1 << 20)
		return berr_set(err, EINVAL, "%s: invalid value \"%s\": expected a number", opt, s);
	*ret = (int)v;
	return 0;
}

int rt_cli_check_systemd(struct berr *err)
{
	if (!arg_global.systemd_cgroup)
		return 0;
	if (access("/run/systemd/system", F_OK) < 0)
		return berr_set(err, ENOTSUP,
				"--systemd-cgroup: systemd is not running on this host; use the "
				"cgroupfs driver");
	return 0;
}

int rt_cli_check_preserved(int n, struct berr *err)
{
	int fd;

	/* a claimed fd that is not open would be taken by one of ours and leak into the
	 * container (the CVE-2024-21626 class): refuse before we open anything */
	for (fd = 3; fd < 3 + n; fd++)
		if (fd == log_fd() || fcntl(fd, F_GETFD) < 0)
			return berr_set(err, EBADF, "--preserve-fds: fd %d is not open", fd);
	return 0;
}

bool rt_cli_is_rootless(void)
{
	const char *user = secure_getenv("USER");
	char buf[128] = "";
	unsigned long inside, outside, count;
	FILE *f;

	if (geteuid() != 0)
		return true;
	/* root of a user namespace that is not the initial one (rootless podman runs us so) is
	 * rootless too, unless the user is root, as runc decides */
	f = fopen("/proc/self/uid_map", "re");
	if (!f)
		return false;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	(void)fclose(f);
	if (sscanf(buf, "%lu %lu %lu", &inside, &outside, &count) == 3 && inside == 0 &&
	    outside == 0 && count == 4294967295UL)
		return false;
	return !user || strcmp(user, "root") != 0;
}
