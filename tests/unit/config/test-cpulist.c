/* Tests config/cpulist.c: the CPU / node list syntax and the masks it sets. */
#include "cfg-test.h"

static void test_valid(void)
{
	uint64_t m[2] = {0};

	ASSERT_INT(cfg_cpulist_parse("0-3,7", m, 128), 0);
	ASSERT_INT(m[0], 0x8f);
	memset(m, 0, sizeof(m));
	ASSERT_INT(cfg_cpulist_parse(" 1 , 64 - 65 ,127", m, 128), 0);
	ASSERT_INT(m[0], 0x2);
	ASSERT_TRUE(m[1] == (UINT64_C(3) | (UINT64_C(1) << 63)));
	ASSERT_INT(cfg_cpulist_parse("", m, 128), 0);
	ASSERT_INT(cfg_cpulist_parse("   ", m, 128), 0);
	ASSERT_INT(cfg_cpulist_parse("5-5", NULL, 8), 0);
	ASSERT_INT(cfg_cpulist_parse("8191", NULL, CFG_CPU_MAX), 0);
}

static void test_invalid(void)
{
	static const char *const bad[] = {"a",	   "1-",  "-1",	 "1,",	",1", "1,,2", "3-1",
					  "1-2-3", "1 2", "0x1", "1.5", "+1", "1;2"};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (cfg_cpulist_parse(bad[i], NULL, 64) != -EINVAL)
			FAIL_("\"%s\" should be invalid", bad[i]);
	ASSERT_INT(cfg_cpulist_parse(NULL, NULL, 64), -EINVAL);
}

static void test_range(void)
{
	uint64_t m = 0x5;

	ASSERT_INT(cfg_cpulist_parse("64", &m, 64), -ERANGE);
	ASSERT_INT(cfg_cpulist_parse("0-64", &m, 64), -ERANGE);
	ASSERT_INT(cfg_cpulist_parse("1,99999999999999999999999", &m, 64), -ERANGE);
	ASSERT_INT(cfg_cpulist_parse("1,x", &m, 64), -EINVAL);
	ASSERT_INT(m, 0x5); /* a bad list leaves the mask alone */
}

int main(void)
{
	RUN(test_valid);
	RUN(test_invalid);
	RUN(test_range);
	UNIT_DONE();
}
