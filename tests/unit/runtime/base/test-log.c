/* test-log: JSON escaping, the JSON and text line formats in --log, debug filtering, and the
 * one fatal report (log_report). */
#include <errno.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "../../../../runtime/base/log.h"
#include "unit.h"
#include "../rt-unit.h"

static char dir[PATH_MAX];

static void test_escape_plain(void)
{
	char buf[64];

	ASSERT_INT(log_json_escape(buf, sizeof(buf), "hello"), 7);
	ASSERT_STR(buf, "\"hello\"");
	ASSERT_INT(log_json_escape(buf, sizeof(buf), ""), 2);
	ASSERT_STR(buf, "\"\"");
}

static void test_escape_specials(void)
{
	char buf[128];

	(void)log_json_escape(buf, sizeof(buf), "a\"b\\c\nd\te");
	ASSERT_STR(buf, "\"a\\\"b\\\\c\\nd\\te\"");
	(void)log_json_escape(buf, sizeof(buf), "\x01x\x1f\r");
	ASSERT_STR(buf, "\"\\u0001x\\u001f\\u000d\"");
}

static void test_escape_keeps_utf8(void)
{
	char buf[64];

	(void)log_json_escape(buf, sizeof(buf), "caf\xc3\xa9 \xe2\x9c\x93");
	ASSERT_STR(buf, "\"caf\xc3\xa9 \xe2\x9c\x93\"");
}

static void test_escape_tiny_buffer(void)
{
	char buf[3] = {'x', 'x', 'x'};

	ASSERT_INT(log_json_escape(buf, 2, "abc"), 0);
	ASSERT_INT(log_json_escape(buf, 3, "abc"), 2);
	ASSERT_STR(buf, "\"\"");
}

/* truncation keeps a closed string literal that fits the buffer */
static void test_escape_truncates_to_valid_literal(void)
{
	char buf[20], src[100];
	size_t n;

	memset(src, '"', sizeof(src) - 1);
	src[sizeof(src) - 1] = '\0';
	n = log_json_escape(buf, sizeof(buf), src);
	ASSERT_TRUE(n < sizeof(buf));
	ASSERT_INT(strlen(buf), n);
	ASSERT_TRUE(buf[0] == '"' && buf[n - 1] == '"');
	ASSERT_TRUE(buf[n - 2] == '"' && buf[n - 3] == '\\'); /* no escape cut in half */
}

/* Reads the log file into buf; returns its length. */
static ssize_t read_log(const char *path, char *buf, size_t len)
{
	return ut_read_file(path, buf, len);
}

static const char *tree_str(yajl_val root, const char *key)
{
	const char *path[] = {key, NULL};
	yajl_val v = yajl_tree_get(root, path, yajl_t_string);

	return v ? YAJL_GET_STRING(v) : NULL;
}

static void test_json_line_format(void)
{
	char path[PATH_MAX], buf[4096], ebuf[128];
	struct berr err = {0};
	yajl_val root;
	const char *when;

	ut_path(path, "%s/json.log", dir);
	ASSERT_INT(log_init(path, true, false, &err), 0);
	ASSERT_TRUE(log_fd() >= 0);
	ASSERT_TRUE(log_is_json());
	ASSERT_TRUE(!log_debug_enabled());
	log_info("hello \"%s\"\n", "world");
	log_close();
	ASSERT_INT(log_fd(), -1);
	ASSERT_TRUE(read_log(path, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strncmp(buf,
			    "{\"level\":\"info\",\"msg\":\"hello \\\"world\\\"\\n\",\"time\":\"",
			    50) == 0);
	ASSERT_INT(buf[strlen(buf) - 1], '\n');
	ASSERT_TRUE(strchr(buf, '\n') == buf + strlen(buf) - 1); /* one line */
	root = yajl_tree_parse(buf, ebuf, sizeof(ebuf));
	ASSERT_TRUE(root != NULL);
	ASSERT_STR(tree_str(root, "level"), "info");
	ASSERT_STR(tree_str(root, "msg"), "hello \"world\"\n");
	when = tree_str(root, "time");
	/* RFC 3339 with nanoseconds in UTC, as runc's logrus: 2024-01-02T03:04:05.123456789Z */
	if (!when || strlen(when) != 30 || when[4] != '-' || when[10] != 'T' || when[19] != '.' ||
	    when[29] != 'Z') {
		yajl_tree_free(root);
		ASSERT_STR(when, "YYYY-MM-DDTHH:MM:SS.NNNNNNNNNZ");
	}
	yajl_tree_free(root);
}

static void test_levels_and_debug_filter(void)
{
	char path[PATH_MAX], buf[4096];
	struct berr err = {0};

	ut_path(path, "%s/levels.log", dir);
	ASSERT_INT(log_init(path, true, false, &err), 0);
	log_debug("hidden");
	log_warn("w");
	log_error("e");
	log_close();
	ASSERT_TRUE(read_log(path, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(!strstr(buf, "hidden"));
	ASSERT_CONTAINS(buf, "{\"level\":\"warning\",\"msg\":\"w\"");
	ASSERT_CONTAINS(buf, "{\"level\":\"error\",\"msg\":\"e\"");

	ASSERT_INT(log_init(path, true, true, &err), 0);
	ASSERT_TRUE(log_debug_enabled());
	log_debug("shown %d", 42);
	log_close();
	ASSERT_TRUE(read_log(path, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf, "{\"level\":\"debug\",\"msg\":\"shown 42\"");
}

static void test_text_format(void)
{
	char path[PATH_MAX], buf[4096];
	struct berr err = {0};
	char *lvl;

	ut_path(path, "%s/text.log", dir);
	ASSERT_INT(log_init(path, false, false, &err), 0);
	ASSERT_TRUE(!log_is_json());
	log_warn("disk \"full\"");
	log_close();
	ASSERT_TRUE(read_log(path, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strncmp(buf, "time=\"", 6) == 0);
	lvl = strstr(buf, "\" level=");
	ASSERT_TRUE(lvl != NULL);
	ASSERT_INT(lvl - buf, 36); /* time="<30 chars>" */
	ASSERT_STR(lvl, "\" level=warning msg=\"disk \\\"full\\\"\"\n");
}

static void test_log_appends(void)
{
	char path[PATH_MAX], buf[4096];
	struct berr err = {0};

	ut_path(path, "%s/append.log", dir);
	ASSERT_INT(ut_write_file(path, "first\n", 0644), 0);
	ASSERT_INT(log_init(path, true, false, &err), 0);
	log_info("second");
	log_close();
	ASSERT_TRUE(read_log(path, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strncmp(buf, "first\n{\"level\":\"info\",\"msg\":\"second\"", 36) == 0);
}

static void test_log_keeps_errno(void)
{
	char path[PATH_MAX];
	struct berr err = {0};

	ut_path(path, "%s/errno.log", dir);
	ASSERT_INT(log_init(path, true, true, &err), 0);
	errno = ENOTDIR;
	log_debug("x");
	ASSERT_INT(errno, ENOTDIR);
	log_close();
}

static void test_long_message_stays_valid_json(void)
{
	char path[PATH_MAX], buf[8192], ebuf[128], msg[1500];
	struct berr err = {0};
	yajl_val root;

	memset(msg, '"', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	ut_path(path, "%s/long.log", dir);
	ASSERT_INT(log_init(path, true, false, &err), 0);
	log_error("%s", msg);
	log_close();
	ASSERT_TRUE(read_log(path, buf, sizeof(buf)) > 0);
	ASSERT_INT(buf[strlen(buf) - 1], '\n');
	root = yajl_tree_parse(buf, ebuf, sizeof(ebuf));
	ASSERT_TRUE(root != NULL);
	ASSERT_STR(tree_str(root, "level"), "error");
	yajl_tree_free(root);
}

static void test_init_error(void)
{
	struct berr err = {0};
	char buf[600];

	ASSERT_INT(log_init("/nonexistent-dir/x.log", true, false, &err), -ENOENT);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "open log file /nonexistent-dir/x.log: No such file or directory");
	ASSERT_INT(log_fd(), -1);
}

static void test_stderr_without_log_file(void)
{
	char path[PATH_MAX], buf[4096];
	struct berr err = {0};
	int saved;

	ut_path(path, "%s/stderr.txt", dir);
	ASSERT_INT(log_init(NULL, false, false, &err), 0);
	ASSERT_INT(log_fd(), -1);
	saved = ut_capture_begin(STDERR_FILENO, path);
	log_warn("to stderr");
	ut_capture_end(STDERR_FILENO, saved);
	ASSERT_TRUE(read_log(path, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf, " level=warning msg=\"to stderr\"\n");
}

static void test_report_goes_to_stderr_and_log(void)
{
	char logp[PATH_MAX], errp[PATH_MAX], buf[4096];
	struct berr err = {0}, failure = {0};
	int saved;

	ut_path(logp, "%s/report.log", dir);
	ut_path(errp, "%s/report.err", dir);
	ASSERT_INT(log_init(logp, true, false, &err), 0);
	errno = ENOENT;
	(void)berr_sys(&failure, "container does not exist: %s", "c1");
	saved = ut_capture_begin(STDERR_FILENO, errp);
	log_report(&failure);
	ut_capture_end(STDERR_FILENO, saved);
	log_close();
	ASSERT_TRUE(read_log(errp, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "berth: container does not exist: c1: No such file or directory\n");
	ASSERT_TRUE(read_log(logp, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strncmp(buf,
			    "{\"level\":\"error\",\"msg\":\"container does not exist: c1: No such "
			    "file or directory\",\"time\":",
			    84) == 0);
}

static void test_report_without_log_only_stderr(void)
{
	char errp[PATH_MAX], buf[4096];
	struct berr err = {0}, failure = {0};
	int saved;

	ut_path(errp, "%s/report2.err", dir);
	ASSERT_INT(log_init(NULL, true, false, &err), 0);
	(void)berr_set(&failure, EINVAL, "bad");
	saved = ut_capture_begin(STDERR_FILENO, errp);
	log_report(&failure);
	ut_capture_end(STDERR_FILENO, saved);
	ASSERT_TRUE(read_log(errp, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "berth: bad\n"); /* once: no JSON copy on stderr */
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_escape_plain);
	RUN(test_escape_specials);
	RUN(test_escape_keeps_utf8);
	RUN(test_escape_tiny_buffer);
	RUN(test_escape_truncates_to_valid_literal);
	RUN(test_json_line_format);
	RUN(test_levels_and_debug_filter);
	RUN(test_text_format);
	RUN(test_log_appends);
	RUN(test_log_keeps_errno);
	RUN(test_long_message_stays_valid_json);
	RUN(test_init_error);
	RUN(test_stderr_without_log_file);
	RUN(test_report_goes_to_stderr_and_log);
	RUN(test_report_without_log_only_stderr);
	log_close();
	ut_rmrf(dir);
	UNIT_DONE();
}
