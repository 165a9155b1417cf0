/* log: the one logger. main() sets the sink from --log, --log-format and --debug;
 * below main() only debug messages are written (STYLE.md). */
#ifndef BERTH_LOG_H
#define BERTH_LOG_H

#include <stdbool.h>

#include "berr.h"

enum log_level { LOG_LVL_DEBUG, LOG_LVL_INFO, LOG_LVL_WARN, LOG_LVL_ERROR };

/* Opens the sink: path NULL means stderr; json selects runc's JSON line format. */
int log_init(const char *path, bool json, bool debug, struct berr *err);
void log_close(void);
/* Returns the sink fd (or -1 for stderr) so a child can keep it across clone. */
int log_fd(void);
bool log_is_json(void);
bool log_debug_enabled(void);
void log_msg(enum log_level lvl, const char *fmt, ...) PRINTF_FMT(2, 3);
/* Reports a fatal error once: "berth: <msg>" on stderr, and as an error line in --log. */
void log_report(const struct berr *err);
/* Formats the current time as RFC 3339 in UTC with nanoseconds, as runc's logs and state. */
void log_time_rfc3339(char *buf, size_t len);
/* Writes s as a JSON string literal (with quotes) to buf; returns the length used. */
size_t log_json_escape(char *buf, size_t len, const char *s);

#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)

#endif
