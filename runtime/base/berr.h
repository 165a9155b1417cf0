/* berr: the one error type of berth. Fixed-size and caller-owned (see STYLE.md),
 * filled by a failing function, reported once by main(). */
#ifndef BERTH_BERR_H
#define BERTH_BERR_H

#include <stdbool.h>
#include <stddef.h>

#define PRINTF_FMT(a, b) __attribute__((format(printf, a, b)))

struct berr {
	int code; /* positive errno */
	bool sys; /* append strerror(code) */
	char msg[480];
};

/* All return -code (code >= 1) so callers can `return berr_set(...)`. */
int berr_set(struct berr *err, int code, const char *fmt, ...) PRINTF_FMT(3, 4);
int berr_sys(struct berr *err, const char *fmt, ...) PRINTF_FMT(2, 3);
int berr_sys_code(struct berr *err, int code, const char *fmt, ...) PRINTF_FMT(3, 4);
int berr_prefix(struct berr *err, const char *fmt, ...) PRINTF_FMT(2, 3);
/* Writes "msg[: strerror]" into buf; returns buf. */
const char *berr_str(const struct berr *err, char *buf, size_t len);

#endif
