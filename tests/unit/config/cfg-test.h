/* cfg-test: shared by the config/ unit tests: a minimal valid config to build cases from, and
 * parse helpers that keep the spec or the error message. Tests run from the repository root. */
#ifndef BERTH_CFG_TEST_H
#define BERTH_CFG_TEST_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../../config/parse.h"
#include "unit.h"

/* the smallest config that parses; EXTRA adds top-level members after it */
#define CONFIG(extra) "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"}" extra "}"
/* ... with a process whose members are PROC */
#define PROCESS(proc) CONFIG(", \"process\": {\"args\": [\"sh\"], \"cwd\": \"/\"" proc "}")
/* ... with a linux object whose members are LNX */
#define LINUX(lnx) CONFIG(", \"linux\": {" lnx "}")

/* the last parse: its result, status and error */
static struct cfg_spec *t_spec __attribute__((unused));
static struct berr t_err __attribute__((unused));
static int t_r __attribute__((unused));

static inline struct cfg_spec *t_parse_opts(const char *json, int last_cap)
{
	struct cfg_parse_opts o = {.last_cap = last_cap};

	cfg_spec_free(t_spec);
	t_spec = NULL;
	memset(&t_err, 0, sizeof(t_err));
	t_r = cfg_spec_parse_opts(json, strlen(json), &o, &t_spec, &t_err);
	return t_r == 0 ? t_spec : NULL;
}

/* Parses json; returns the spec (owned by t_spec, freed by the next parse) or NULL. */
static inline struct cfg_spec *t_parse(const char *json)
{
	return t_parse_opts(json, -1);
}

/* Parses json expecting failure; returns the message, or "(parsed)" when it parsed. */
static inline const char *t_fail(const char *json)
{
	if (t_parse(json))
		return "(parsed)";
	return t_r == -EINVAL ? t_err.msg : "(not EINVAL)";
}

#define ASSERT_PARSES(json)                                                                        \
	do {                                                                                       \
		if (!t_parse(json))                                                                \
			FAIL_("parse failed (%d): %s", t_r, t_err.msg);                            \
	} while (0)

#define ASSERT_FAILS(json, msg) ASSERT_STR(t_fail(json), msg)

/* Reads a file into a NUL-terminated buffer the caller frees. */
static inline char *t_read_file(const char *path, size_t *ret_len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
			*ret_len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

static inline void t_done(void)
{
	cfg_spec_free(t_spec);
	t_spec = NULL;
}

#endif
