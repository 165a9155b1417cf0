/* test-berr: the fixed-size error: fill, errno capture, prefixing and formatting. */
#include <errno.h>
#include <string.h>

#include "../../../../runtime/base/berr.h"
#include "unit.h"

static void test_set_fills_and_returns_minus_code(void)
{
	struct berr err = {0};

	ASSERT_INT(berr_set(&err, ENOENT, "open %s", "x"), -ENOENT);
	ASSERT_INT(err.code, ENOENT);
	ASSERT_TRUE(!err.sys);
	ASSERT_STR(err.msg, "open x");
}

static void test_set_nonpositive_code_becomes_eio(void)
{
	struct berr err = {0};

	ASSERT_INT(berr_set(&err, 0, "zero"), -EIO);
	ASSERT_INT(err.code, EIO);
	ASSERT_INT(berr_set(&err, -3, "negative"), -EIO);
	ASSERT_INT(err.code, EIO);
}

static void test_sys_takes_errno(void)
{
	struct berr err = {0};
	char buf[600];

	errno = EACCES;
	ASSERT_INT(berr_sys(&err, "open %s", "/etc/shadow"), -EACCES);
	ASSERT_INT(err.code, EACCES);
	ASSERT_TRUE(err.sys);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "open /etc/shadow: Permission denied");
}

static void test_sys_with_zero_errno_is_eio(void)
{
	struct berr err = {0};

	errno = 0;
	ASSERT_INT(berr_sys(&err, "x"), -EIO);
	ASSERT_INT(err.code, EIO);
}

static void test_sys_code_accepts_negative(void)
{
	struct berr err = {0};
	char buf[600];

	ASSERT_INT(berr_sys_code(&err, -ENOSPC, "write %d", 3), -ENOSPC);
	ASSERT_INT(err.code, ENOSPC);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "write 3: No space left on device");
	ASSERT_INT(berr_sys_code(&err, EPERM, "mount"), -EPERM);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "mount: Operation not permitted");
}

static void test_prefix_prepends_and_keeps_code(void)
{
	struct berr err = {0};
	char buf[600];

	errno = ENOENT;
	(void)berr_sys(&err, "open %s", "config.json");
	ASSERT_INT(berr_prefix(&err, "bundle %s", "/b"), -ENOENT);
	ASSERT_INT(berr_prefix(&err, "create"), -ENOENT);
	ASSERT_STR(err.msg, "create: bundle /b: open config.json");
	ASSERT_TRUE(err.sys);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "create: bundle /b: open config.json: No such file or directory");
}

static void test_prefix_on_empty_error_is_eio(void)
{
	struct berr err = {0};

	ASSERT_INT(berr_prefix(&err, "ctx"), -EIO);
	ASSERT_INT(err.code, EIO);
	ASSERT_STR(err.msg, "ctx: ");
}

static void test_long_message_is_truncated(void)
{
	struct berr err = {0};
	char big[1000];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	(void)berr_set(&err, EINVAL, "%s", big);
	ASSERT_INT(strlen(err.msg), sizeof(err.msg) - 1);
}

static void test_prefix_of_full_message_keeps_head(void)
{
	struct berr err = {0};
	char big[600];

	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	(void)berr_set(&err, E2BIG, "%s", big);
	ASSERT_INT(berr_prefix(&err, "context"), -E2BIG);
	ASSERT_INT(strlen(err.msg), sizeof(err.msg) - 1);
	ASSERT_TRUE(strncmp(err.msg, "context: bbbb", 13) == 0);
	ASSERT_TRUE(err.msg[sizeof(err.msg) - 2] == 'b');
}

static void test_prefix_with_long_prefix(void)
{
	struct berr err = {0};
	char big[600];

	memset(big, 'p', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	(void)berr_set(&err, EIO, "cause");
	(void)berr_prefix(&err, "%s", big);
	ASSERT_INT(strlen(err.msg), sizeof(err.msg) - 1);
	ASSERT_TRUE(err.msg[0] == 'p' && err.msg[sizeof(err.msg) - 2] == 'p');
}

static void test_str_respects_buffer_size(void)
{
	struct berr err = {0};
	char buf[8];

	errno = ENOENT;
	(void)berr_sys(&err, "open something");
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "open so");
	(void)berr_set(&err, EINVAL, "plain");
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "plain");
}

int main(void)
{
	RUN(test_set_fills_and_returns_minus_code);
	RUN(test_set_nonpositive_code_becomes_eio);
	RUN(test_sys_takes_errno);
	RUN(test_sys_with_zero_errno_is_eio);
	RUN(test_sys_code_accepts_negative);
	RUN(test_prefix_prepends_and_keeps_code);
	RUN(test_prefix_on_empty_error_is_eio);
	RUN(test_long_message_is_truncated);
	RUN(test_prefix_of_full_message_keeps_head);
	RUN(test_prefix_with_long_prefix);
	RUN(test_str_respects_buffer_size);
	UNIT_DONE();
}
