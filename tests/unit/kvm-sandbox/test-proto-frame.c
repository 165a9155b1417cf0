/* Unit tests for kvm-sandbox/proto-frame.c: frames round-trip byte-exact over a socketpair,
 * split reads reassemble, an oversized length is refused, fds travel with a frame. */
#include "unit.h"
#include "../runtime/rt-unit.h"

#include <sys/socket.h>

#include "../../../kvm-sandbox/proto-frame.h"

static int sp[2];

static void test_round_trip(void)
{
	struct proto_chan a, b;
	struct berr err = {0};
	const char *data;
	uint32_t stream;
	size_t len;

	proto_chan_init(&a, sp[0], true);
	proto_chan_init(&b, sp[1], true);
	ASSERT_INT(proto_chan_queue(&a, 0, "{\"op\":\"hello\"}", 14, &err), 0);
	ASSERT_INT(proto_chan_queue(&a, 7, "abc", 3, &err), 0);
	ASSERT_INT(proto_chan_queue(&a, 7, NULL, 0, &err), 0); /* end of file */
	ASSERT_INT((int)proto_chan_queued(&a), 3 * PROTO_HEADER + 17);
	ASSERT_INT(proto_chan_flush_all(&a, &err), 0);
	ASSERT_INT(proto_chan_fill(&b, &err), 3 * PROTO_HEADER + 17);
	ASSERT_INT(proto_chan_next(&b, &stream, &data, &len, &err), 1);
	ASSERT_TRUE(stream == 0 && len == 14 && !memcmp(data, "{\"op\":\"hello\"}", 14));
	ASSERT_INT(proto_chan_next(&b, &stream, &data, &len, &err), 1);
	ASSERT_TRUE(stream == 7 && len == 3 && !memcmp(data, "abc", 3));
	ASSERT_INT(proto_chan_next(&b, &stream, &data, &len, &err), 1);
	ASSERT_TRUE(stream == 7 && len == 0);
	ASSERT_INT(proto_chan_next(&b, &stream, &data, &len, &err), 0);
	proto_chan_free(&a);
	proto_chan_free(&b);
}

static void test_split_and_oversized(void)
{
	/* a header alone, then the rest: no frame until it is whole */
	const unsigned char head[8] = {0, 0, 0, 2, 0, 0, 0, 5};
	const unsigned char huge[8] = {0x7f, 0, 0, 0, 0, 0, 0, 1};
	struct proto_chan b;
	struct berr err = {0};
	const char *data;
	uint32_t stream;
	size_t len;

	proto_chan_init(&b, sp[1], true);
	ASSERT_INT((int)write(sp[0], head, 8), 8);
	ASSERT_INT(proto_chan_fill(&b, &err), 8);
	ASSERT_INT(proto_chan_next(&b, &stream, &data, &len, &err), 0);
	ASSERT_INT((int)write(sp[0], "hi", 2), 2);
	ASSERT_INT(proto_chan_fill(&b, &err), 2);
	ASSERT_INT(proto_chan_next(&b, &stream, &data, &len, &err), 1);
	ASSERT_TRUE(stream == 5 && len == 2 && !memcmp(data, "hi", 2));
	ASSERT_INT((int)write(sp[0], huge, 8), 8);
	ASSERT_INT(proto_chan_fill(&b, &err), 8);
	ASSERT_INT(proto_chan_next(&b, &stream, &data, &len, &err), -EPROTO);
	ASSERT_TRUE(strstr(err.msg, "too large") != NULL);
	proto_chan_free(&b);
}

static void test_fds(void)
{
	struct proto_chan a, b;
	struct berr err = {0};
	int fds[2] = {STDIN_FILENO, STDOUT_FILENO}, got;
	const char *data;
	uint32_t stream;
	size_t len;

	proto_chan_init(&a, sp[0], true);
	proto_chan_init(&b, sp[1], true);
	ASSERT_INT(proto_chan_send_fds(&a, 0, "{}", 2, fds, 2, &err), 0);
	ASSERT_INT(proto_chan_fill(&b, &err), PROTO_HEADER + 2);
	ASSERT_INT(proto_chan_next(&b, &stream, &data, &len, &err), 1);
	ASSERT_INT(b.n_fds, 2);
	got = proto_chan_take_fd(&b);
	ASSERT_TRUE(got > 2);
	(void)close(got);
	proto_chan_free(&b); /* closes the other one */
	proto_chan_free(&a);
}

int main(void)
{
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0)
		return 1;
	RUN(test_round_trip);
	RUN(test_split_and_oversized);
	RUN(test_fds);
	UNIT_DONE();
}
