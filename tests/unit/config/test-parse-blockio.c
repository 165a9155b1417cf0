/* Tests config/parse-blockio.c: linux.resources.blockIO. */
#include "cfg-test.h"

#define BIO(b) LINUX("\"resources\": {\"blockIO\": {" b "}}")

static void test_blockio(void)
{
	const struct cfg_blockio *b;

	ASSERT_PARSES(BIO("\"weight\": 10, \"throttleReadIOPSDevice\": [{\"major\": 1, "
			  "\"minor\": 2, \"rate\": 18446744073709551615}]"));
	b = &t_spec->linux_.resources.blockio;
	ASSERT_TRUE(b->present);
	ASSERT_INT(b->weight.v, 10);
	ASSERT_TRUE(!b->leaf_weight.set);
	ASSERT_TRUE(b->read_iops.v[0].rate == UINT64_MAX);
	ASSERT_INT(b->read_bps.n, 0);
	ASSERT_PARSES(BIO(""));
	ASSERT_TRUE(t_spec->linux_.resources.blockio.present);
}

static void test_blockio_errors(void)
{
	ASSERT_FAILS(BIO("\"weight\": 65536"),
		     "linux.resources.blockIO.weight: expected an unsigned 16-bit integer");
	ASSERT_FAILS(BIO("\"leafWeight\": -1"),
		     "linux.resources.blockIO.leafWeight: expected an unsigned 16-bit integer");
	ASSERT_FAILS(BIO("\"weightDevice\": [{\"major\": 8, \"minor\": 0}]"),
		     "linux.resources.blockIO.weightDevice[0]: needs weight or leafWeight");
	ASSERT_FAILS(BIO("\"weightDevice\": [{\"minor\": 0, \"weight\": 1}]"),
		     "linux.resources.blockIO.weightDevice[0].major: required");
	ASSERT_FAILS(BIO("\"throttleWriteBpsDevice\": [{\"major\": 8, \"minor\": 0}]"),
		     "linux.resources.blockIO.throttleWriteBpsDevice[0].rate: required");
	ASSERT_FAILS(BIO("\"throttleReadBpsDevice\": [{\"major\": 8, \"rate\": 1}]"),
		     "linux.resources.blockIO.throttleReadBpsDevice[0].minor: required");
	ASSERT_FAILS(BIO("\"throttleWriteIOPSDevice\": [5]"),
		     "linux.resources.blockIO.throttleWriteIOPSDevice[0]: expected an object");
	ASSERT_FAILS(LINUX("\"resources\": {\"blockIO\": []}"),
		     "linux.resources.blockIO: expected an object");
}

int main(void)
{
	RUN(test_blockio);
	RUN(test_blockio_errors);
	t_done();
	UNIT_DONE();
}
