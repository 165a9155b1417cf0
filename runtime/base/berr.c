/* berr: fill, prefix and format the fixed-size error; used by every layer. */
#include "berr.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int fill(struct berr *err, int code, bool sys, const char *fmt, va_list ap)
{
	if (code <= 0)
		code = EIO;
	err->code = code;
	err->sys = sys;
	(void)vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -code;
}

int berr_set(struct berr *err, int code, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fill(err, code, false, fmt, ap);
	va_end(ap);
	return r;
}

int berr_sys(struct berr *err, const char *fmt, ...)
{
	int code = errno;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fill(err, code, true, fmt, ap);
	va_end(ap);
	return r;
}

int berr_sys_code(struct berr *err, int code, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (code < 0)
		code = -code;
	va_start(ap, fmt);
	r = fill(err, code, true, fmt, ap);
	va_end(ap);
	return r;
}

int berr_prefix(struct berr *err, const char *fmt, ...)
{
	char pre[sizeof(err->msg)];
	char joined[2 * sizeof(err->msg) + 2];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	(void)snprintf(joined, sizeof(joined), "%s: %s", pre, err->msg);
	/* keep the head: the context and the start of the cause matter most */
	memcpy(err->msg, joined, sizeof(err->msg) - 1);
	err->msg[sizeof(err->msg) - 1] = '\0';
	if (err->code <= 0)
		err->code = EIO;
	return -err->code;
}

const char *berr_str(const struct berr *err, char *buf, size_t len)
{
	if (err->sys)
		(void)snprintf(buf, len, "%s: %s", err->msg, strerror(err->code));
	else
		(void)snprintf(buf, len, "%s", err->msg);
	return buf;
}
