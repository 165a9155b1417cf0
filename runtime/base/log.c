/* log: text or JSON lines to --log (else stderr), shaped like runc's logrus output so
 * conmon and containerd can parse them. */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int sink_fd = -1; /* the one global besides CLI options (STYLE.md) */
static bool sink_json;
static bool sink_debug;

static const char *const level_names[] = {"debug", "info", "warning", "error"};

int log_init(const char *path, bool json, bool debug, struct berr *err)
{
	sink_json = json;
	sink_debug = debug;
	if (!path || !*path)
		return 0;
	sink_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (sink_fd < 0)
		return berr_sys(err, "open log file %s", path);
	return 0;
}

void log_close(void)
{
	if (sink_fd >= 0)
		(void)close(sink_fd);
	sink_fd = -1;
}

int log_fd(void)
{
	return sink_fd;
}

bool log_is_json(void)
{
	return sink_json;
}

bool log_debug_enabled(void)
{
	return sink_debug;
}

size_t log_json_escape(char *buf, size_t len, const char *s)
{
	size_t n = 0;

	if (len < 3)
		return 0;
	buf[n++] = '"';
	for (; *s && n + 8 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf[n++] = '\\';
			buf[n++] = (char)c;
		} else if (c == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else if (c == '\t') {
			buf[n++] = '\\';
			buf[n++] = 't';
		} else if (c < 0x20) {
			n += (size_t)snprintf(buf + n, len - n, "\\u%04x", c);
		} else {
			buf[n++] = (char)c;
		}
	}
	buf[n++] = '"';
	buf[n] = '\0';
	return n;
}

void log_time_rfc3339(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	(void)gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	(void)snprintf(buf + n, len - n, ".%09ldZ", ts.tv_nsec);
}

static void write_line(enum log_level lvl, const char *msg)
{
	char line[2048], esc[1600], when[64];
	int fd = sink_fd >= 0 ? sink_fd : STDERR_FILENO;
	int n;

	log_time_rfc3339(when, sizeof(when));
	(void)log_json_escape(esc, sizeof(esc), msg);
	if (sink_json)
		n = snprintf(line, sizeof(line), "{\"level\":\"%s\",\"msg\":%s,\"time\":\"%s\"}\n",
			     level_names[lvl], esc, when);
	else
		n = snprintf(line, sizeof(line), "time=\"%s\" level=%s msg=%s\n", when,
			     level_names[lvl], esc);
	if (n > 0 && (size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (n > 0)
		(void)!write(fd, line,
			     (size_t)n); /* best effort: a log write failure is not fatal */
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	char msg[1024];
	int e = errno;
	va_list ap;

	if (lvl == LOG_LVL_DEBUG && !sink_debug)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	write_line(lvl, msg);
	errno = e;
}

void log_report(const struct berr *err)
{
	char msg[1024];

	(void)berr_str(err, msg, sizeof(msg));
	if (sink_fd >= 0)
		write_line(LOG_LVL_ERROR, msg);
	(void)fprintf(stderr, "berth: %s\n", msg);
}
