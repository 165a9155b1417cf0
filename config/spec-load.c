/* spec-load: reads <bundle>/config.json (bounded, close-on-exec, regular files only) and parses
 * it; errors read "config.json: <path>: <reason>". Called by create and run. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "../runtime/base/cleanup.h"

/* Reads all of fd, at most CFG_FILE_MAX bytes; *ret is malloc'ed. */
static int read_all(int fd, const char *name, char **ret, size_t *ret_len, struct berr *err)
{
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, cap = 0;
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) < 0)
		return berr_sys(err, "stat %s", name);
	/* a FIFO or a device would block or never end */
	if (!S_ISREG(st.st_mode))
		return berr_set(err, EINVAL, "%s: not a regular file", name);
	for (;;) {
		if (len == cap) {
			char *p;

			/* one byte past the limit tells a file that is too big */
			cap = cap ? cap * 2 : 64 * 1024;
			if (cap > CFG_FILE_MAX + 1)
				cap = CFG_FILE_MAX + 1;
			p = realloc(buf, cap);
			if (!p)
				return berr_set(err, ENOMEM, "read %s: out of memory", name);
			buf = p;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return berr_sys(err, "read %s", name);
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > CFG_FILE_MAX)
			return berr_set(err, EINVAL, "%s: larger than %u MiB", name,
					CFG_FILE_MAX >> 20);
	}
	*ret = TAKE_PTR(buf);
	*ret_len = len;
	return 0;
}

int cfg_spec_load(const char *bundle, struct cfg_spec **ret, struct berr *err)
{
	return cfg_spec_load_text(bundle, ret, NULL, NULL, err);
}

int cfg_spec_load_text(const char *bundle, struct cfg_spec **ret, char **ret_text, size_t *ret_len,
		       struct berr *err)
{
	_cleanup_free_ char *text = NULL;
	_cleanup_close_ int fd = -1;
	char path[PATH_MAX];
	size_t len = 0;
	int r;

	if (!bundle || !*bundle)
		bundle = ".";
	if (snprintf(path, sizeof(path), "%s/config.json", bundle) >= (int)sizeof(path))
		return berr_set(err, ENAMETOOLONG, "bundle path too long: %s", bundle);
	/* O_NONBLOCK: opening a FIFO must not hang; it is refused once open */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return berr_sys(err, "open %s", path);
	r = read_all(fd, path, &text, &len, err);
	if (r < 0)
		return r;
	r = cfg_spec_parse(text, len, ret, err);
	if (r < 0)
		return berr_prefix(err, "config.json");
	if (ret_text) {
		*ret_text = TAKE_PTR(text);
		*ret_len = len;
	}
	return 0;
}
