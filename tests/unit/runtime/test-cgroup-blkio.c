/* test-cgroup-blkio: blockIO on v1 (blkio.weight, or the bfq files when that is missing, as
 * runc; throttles; leaf weights warned away without CFQ) and v2 (io.weight converted,
 * io.bfq.weight raw, io.max lines with 0 spelled "max"). */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];
static struct cfg_spec *keep;

static const struct cfg_blockio *bio(const char *json)
{
	const struct cfg_resources *r = cg_res(json, &keep);

	return r ? &r->blockio : NULL;
}

static void test_v1_plain(void)
{
	const struct cfg_blockio *b;
	struct berr err = {0};
	char d[PATH_MAX];

	ut_path(d, "%s/v1a", dir);
	cg_put(dir, "v1a/blkio.weight", "");
	cg_put(dir, "v1a/blkio.weight_device", "");
	cg_put(dir, "v1a/blkio.leaf_weight", "");
	cg_put(dir, "v1a/blkio.throttle.read_bps_device", "");
	cg_put(dir, "v1a/blkio.throttle.write_iops_device", "");
	b = bio("\"blockIO\": {\"weight\": 300, \"leafWeight\": 200, \"weightDevice\": "
		"[{\"major\": "
		"8, \"minor\": 0, \"weight\": 400}], \"throttleReadBpsDevice\": [{\"major\": 8, "
		"\"minor\": 0, \"rate\": 1048576}], \"throttleWriteIOPSDevice\": [{\"major\": 8, "
		"\"minor\": 16, \"rate\": 100}]}");
	ASSERT_TRUE(b);
	ASSERT_INT(rt_cg_v1_blkio(d, b, &err), 0);
	ASSERT_STR(cg_get(dir, "v1a/blkio.weight"), "300");
	ASSERT_STR(cg_get(dir, "v1a/blkio.leaf_weight"), "200");
	ASSERT_STR(cg_get(dir, "v1a/blkio.weight_device"), "8:0 400");
	ASSERT_STR(cg_get(dir, "v1a/blkio.throttle.read_bps_device"), "8:0 1048576");
	ASSERT_STR(cg_get(dir, "v1a/blkio.throttle.write_iops_device"), "8:16 100");
	ASSERT_INT(rt_cg_v1_blkio("", b, &err), -ENOTSUP);
}

static void test_v1_bfq(void)
{
	const struct cfg_blockio *b;
	struct berr err = {0};
	char d[PATH_MAX];

	ut_path(d, "%s/v1b", dir);
	cg_put(dir, "v1b/blkio.bfq.weight", "");
	cg_put(dir, "v1b/blkio.bfq.weight_device", "");
	/* no blkio.leaf_weight (no CFQ): warned, not fatal */
	b = bio("\"blockIO\": {\"weight\": 300, \"leafWeight\": 200, \"weightDevice\": "
		"[{\"major\": "
		"8, \"minor\": 0, \"weight\": 400, \"leafWeight\": 10}]}");
	ASSERT_INT(rt_cg_v1_blkio(d, b, &err), 0);
	ASSERT_STR(cg_get(dir, "v1b/blkio.bfq.weight"), "300");
	ASSERT_STR(cg_get(dir, "v1b/blkio.bfq.weight_device"), "8:0 400");
	b = bio("\"blockIO\": {\"throttleWriteBpsDevice\": [{\"major\": 8, \"minor\": 0, "
		"\"rate\": 1}]}");
	ASSERT_INT(rt_cg_v1_blkio(d, b, &err), -ENOENT);
	ASSERT_STR(err.msg, "linux.resources.blockIO.throttleWriteBpsDevice[0]: write "
			    "blkio.throttle.write_bps_device");
}

static void test_v2(void)
{
	const struct cfg_blockio *b;
	struct berr err = {0};
	char d[PATH_MAX];

	ut_path(d, "%s/v2a", dir);
	cg_put(dir, "v2a/io.weight", "default 100\n");
	cg_put(dir, "v2a/io.max", "");
	b = bio("\"blockIO\": {\"weight\": 500, \"leafWeight\": 300}");
	ASSERT_INT(rt_cg_v2_io(d, b, &err), 0);
	ASSERT_STR(cg_get(dir, "v2a/io.weight"), "4950");
	b = bio("\"blockIO\": {\"weightDevice\": [{\"major\": 8, \"minor\": 0, \"weight\": "
		"1000}]}");
	ASSERT_INT(rt_cg_v2_io(d, b, &err), 0);
	ASSERT_STR(cg_get(dir, "v2a/io.weight"), "8:0 10000");
	b = bio("\"blockIO\": {\"throttleReadIOPSDevice\": [{\"major\": 259, \"minor\": 0, "
		"\"rate\": 500}]}");
	ASSERT_INT(rt_cg_v2_io(d, b, &err), 0);
	ASSERT_STR(cg_get(dir, "v2a/io.max"), "259:0 riops=500");
	b = bio("\"blockIO\": {\"throttleWriteBpsDevice\": [{\"major\": 8, \"minor\": 0, "
		"\"rate\": 0}]}");
	ASSERT_INT(rt_cg_v2_io(d, b, &err), 0);
	ASSERT_STR(cg_get(dir, "v2a/io.max"), "8:0 wbps=max");
	/* with bfq the raw blkio weight */
	ut_path(d, "%s/v2b", dir);
	cg_put(dir, "v2b/io.bfq.weight", "");
	b = bio("\"blockIO\": {\"weight\": 500}");
	ASSERT_INT(rt_cg_v2_io(d, b, &err), 0);
	ASSERT_STR(cg_get(dir, "v2b/io.bfq.weight"), "500");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_v1_plain);
	RUN(test_v1_bfq);
	RUN(test_v2);
	cfg_spec_free(keep);
	ut_rmrf(dir);
	UNIT_DONE();
}
