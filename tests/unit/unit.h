/* unit: a tiny TAP test harness for the C unit tests. Each TEST prints "ok N - name" or
 * "not ok N - name"; assertions print file, line and both values. */
#ifndef BERTH_UNIT_H
#define BERTH_UNIT_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int unit_n;
static int unit_failed_total;
static bool unit_failed;

#define FAIL_(...)                                                                                 \
	do {                                                                                       \
		printf("# %s:%d: ", __FILE__, __LINE__);                                           \
		printf(__VA_ARGS__);                                                               \
		printf("\n");                                                                      \
		unit_failed = true;                                                                \
		return;                                                                            \
	} while (0)

#define ASSERT_TRUE(c)                                                                             \
	do {                                                                                       \
		if (!(c))                                                                          \
			FAIL_("expected true: %s", #c);                                            \
	} while (0)
#define ASSERT_INT(a, b)                                                                           \
	do {                                                                                       \
		long long _a = (long long)(a), _b = (long long)(b);                                \
		if (_a != _b)                                                                      \
			FAIL_("%s == %lld, expected %s == %lld", #a, _a, #b, _b);                  \
	} while (0)
#define ASSERT_STR(a, b)                                                                           \
	do {                                                                                       \
		const char *_a = (a), *_b = (b);                                                   \
		if (!_a || !_b || strcmp(_a, _b) != 0)                                             \
			FAIL_("%s == \"%s\", expected \"%s\"", #a, _a ? _a : "(null)",             \
			      _b ? _b : "(null)");                                                 \
	} while (0)
#define ASSERT_CONTAINS(hay, needle)                                                               \
	do {                                                                                       \
		const char *_h = (hay), *_n = (needle);                                            \
		if (!_h || !strstr(_h, _n))                                                        \
			FAIL_("%s == \"%s\", expected to contain \"%s\"", #hay,                    \
			      _h ? _h : "(null)", _n);                                             \
	} while (0)

#define RUN(fn)                                                                                    \
	do {                                                                                       \
		unit_failed = false;                                                               \
		fn();                                                                              \
		unit_n++;                                                                          \
		printf("%s %d - %s\n", unit_failed ? "not ok" : "ok", unit_n, #fn);                \
		if (unit_failed)                                                                   \
			unit_failed_total++;                                                       \
	} while (0)

#define UNIT_DONE()                                                                                \
	do {                                                                                       \
		printf("1..%d\n", unit_n);                                                         \
		return unit_failed_total ? 1 : 0;                                                  \
	} while (0)

#endif
