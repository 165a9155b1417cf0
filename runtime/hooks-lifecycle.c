/* hooks-lifecycle: poststart and poststop in the runtime's namespaces, and the saved config. */
#include "hooks-lifecycle.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "hooks.h"

int rt_config_save(int statefd, const char *bundle, struct berr *err)
{
	_cleanup_close_ int dirfd = open(bundle, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	_cleanup_close_ int src = -1, dst = -1;
	struct stat st;
	off_t off = 0;
	ssize_t n;

	if (dirfd >= 0)
		src = openat(dirfd, "config.json", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (src < 0 || fstat(src, &st) < 0)
		return berr_sys(err, "save config.json: open %s/config.json", bundle);
	dst = openat(statefd, RT_CONFIG_COPY, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		     0600);
	if (dst < 0)
		return berr_sys(err, "save config.json into the state dir");
	while (off < st.st_size) {
		n = sendfile(dst, src, NULL, (size_t)(st.st_size - off));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return berr_sys(err, "save config.json into the state dir");
		off += n;
	}
	return 0;
}

int rt_config_load_saved(int statefd, const struct rt_state *st, struct cfg_spec **ret,
			 struct berr *err)
{
	char dir[64];

	if (faccessat(statefd, RT_CONFIG_COPY, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
		return cfg_spec_load(st->bundle, ret, err);
	(void)snprintf(dir, sizeof(dir), "/proc/self/fd/%d", statefd);
	return cfg_spec_load(dir, ret, err);
}

int rt_hooks_poststart(int statefd, const struct rt_state *st, struct berr *err)
{
	struct cfg_spec *spec = NULL;
	int r;

	r = rt_config_load_saved(statefd, st, &spec, err);
	if (r < 0)
		return r;
	r = rt_hooks_run_state(&spec->hooks.poststart, "poststart", st, RT_STATUS_RUNNING, err);
	cfg_spec_free(spec);
	return r;
}

void rt_hooks_poststop(const struct cfg_spec *spec, const struct rt_state *st)
{
	if (spec)
		(void)rt_hooks_run_warn(&spec->hooks.poststop, "poststop", st, RT_STATUS_STOPPED);
}
