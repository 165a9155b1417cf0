/* json-path: JSON paths and one-line messages for config errors ("linux.namespaces[2].type:
 * unknown namespace type "foo""); used by every config/ parser. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

const char *cfg_path(char *buf, const char *path, const char *key)
{
	(void)snprintf(buf, CFG_PATH_MAX, "%s%s%s", path, *path ? "." : "", key);
	return buf;
}

const char *cfg_path_idx(char *buf, const char *path, const char *key, size_t i)
{
	if (!key)
		(void)snprintf(buf, CFG_PATH_MAX, "%s[%zu]", path, i);
	else
		(void)snprintf(buf, CFG_PATH_MAX, "%s%s%s[%zu]", path, *path ? "." : "", key, i);
	return buf;
}

const char *cfg_path_map(char *buf, const char *path, const char *key, const char *mkey)
{
	char shown[72];

	cfg_show(shown, sizeof(shown), mkey);
	(void)snprintf(buf, CFG_PATH_MAX, "%s%s%s[\"%s\"]", path, *path ? "." : "", key, shown);
	return buf;
}

const char *cfg_show(char *buf, size_t size, const char *s)
{
	size_t n = 0;

	if (size < 8) {
		buf[0] = '\0';
		return buf;
	}
	for (; s && *s && n < size - 1; s++, n++) {
		unsigned char c = (unsigned char)*s;

		/* one line, whatever the config holds */
		buf[n] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	buf[n] = '\0';
	if (s && *s)
		memcpy(buf + size - 4, "...", 4);
	return buf;
}

PRINTF_FMT(4, 0)
static int verr(struct berr *err, const char *path, const char *key, const char *fmt, va_list ap)
{
	char msg[sizeof(err->msg)];

	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	if (key)
		return berr_set(err, EINVAL, "%s%s%s: %s", path, *path ? "." : "", key, msg);
	return berr_set(err, EINVAL, "%s: %s", path, msg);
}

int cfg_err(struct berr *err, const char *path, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = verr(err, path, NULL, fmt, ap);
	va_end(ap);
	return r;
}

int cfg_errk(struct berr *err, const char *path, const char *key, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = verr(err, path, key, fmt, ap);
	va_end(ap);
	return r;
}

int cfg_nomem(struct berr *err, const char *path)
{
	return berr_set(err, ENOMEM, "%s: out of memory", *path ? path : "config");
}

bool cfg_is_abs(const char *p)
{
	return p && p[0] == '/';
}
