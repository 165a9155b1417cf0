/* test-cgroup-devices: the rule list as runc 1.1.5 builds it (checked against its
 * devices.list on this host): deny all, the spec's rules, runc's defaults unless linux.devices
 * overrides one by path; and the v1 lines written to devices.allow / devices.deny. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

#define RWM (RT_CG_ACC_READ | RT_CG_ACC_WRITE | RT_CG_ACC_MKNOD)

static char dir[PATH_MAX];

static bool has_rule(const struct rt_cg_dev_rule *v, size_t n, bool allow, char type, int64_t major,
		     int64_t minor, unsigned access)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].allow == allow && v[i].type == type && v[i].major == major &&
		    v[i].minor == minor && v[i].access == access)
			return true;
	return false;
}

static void test_defaults(void)
{
	struct cfg_spec *s = cg_spec("\"resources\": {\"devices\": [{\"allow\": false, "
				     "\"access\": \"rwm\"}]}");
	_cleanup_free_ struct rt_cg_dev_rule *v = NULL;
	struct berr err = {0};
	size_t n = 0;

	ASSERT_TRUE(s);
	ASSERT_INT(rt_cg_dev_rules(s, &v, &n, &err), 0);
	cfg_spec_free(s);
	ASSERT_INT(n, 1 + 1 + 11);
	/* ours first: deny everything; then the spec's (also a deny-all here) */
	ASSERT_TRUE(!v[0].allow && v[0].type == 'a' && v[0].access == RWM);
	ASSERT_TRUE(!v[1].allow && v[1].type == 'a' && v[1].major == -1);
	ASSERT_TRUE(has_rule(v, n, true, 'c', -1, -1, RT_CG_ACC_MKNOD));
	ASSERT_TRUE(has_rule(v, n, true, 'b', -1, -1, RT_CG_ACC_MKNOD));
	ASSERT_TRUE(has_rule(v, n, true, 'c', 1, 3, RWM));
	ASSERT_TRUE(has_rule(v, n, true, 'c', 1, 5, RWM));
	ASSERT_TRUE(has_rule(v, n, true, 'c', 136, -1, RWM));
	ASSERT_TRUE(has_rule(v, n, true, 'c', 5, 2, RWM));
	ASSERT_TRUE(has_rule(v, n, true, 'c', 10, 200, RWM));
}

static void test_spec_rules_and_override(void)
{
	struct cfg_spec *s = cg_spec(
		"\"devices\": [{\"path\": \"/dev/zero\", \"type\": \"c\", \"major\": 1, "
		"\"minor\": 5}], \"resources\": {\"devices\": [{\"allow\": true, \"type\": \"b\", "
		"\"major\": 8, \"access\": \"r\"}, {\"allow\": false, \"type\": \"c\", "
		"\"major\": 1, \"minor\": 5, \"access\": \"w\"}]}");
	_cleanup_free_ struct rt_cg_dev_rule *v = NULL;
	struct berr err = {0};
	size_t n = 0;

	ASSERT_TRUE(s);
	ASSERT_INT(rt_cg_dev_rules(s, &v, &n, &err), 0);
	cfg_spec_free(s);
	ASSERT_INT(n, 1 + 2 + 10);
	ASSERT_TRUE(v[1].allow && v[1].type == 'b' && v[1].major == 8 && v[1].minor == -1 &&
		    v[1].access == RT_CG_ACC_READ);
	ASSERT_TRUE(!v[2].allow && v[2].major == 1 && v[2].minor == 5 &&
		    v[2].access == RT_CG_ACC_WRITE);
	/* /dev/zero is in linux.devices: runc drops its default allow, so the deny holds */
	ASSERT_TRUE(!has_rule(v, n, true, 'c', 1, 5, RWM));
	ASSERT_TRUE(has_rule(v, n, true, 'c', 1, 3, RWM));
}

static void test_v1_lines(void)
{
	struct rt_cg_dev_rule r[] = {{false, 'a', -1, -1, RWM},
				     {true, 'c', 1, -1, RT_CG_ACC_READ},
				     {false, 'b', 8, 16, RT_CG_ACC_WRITE | RT_CG_ACC_MKNOD}};
	struct berr err = {0};
	char d[PATH_MAX];

	ut_path(d, "%s/devices/c1", dir);
	cg_put(dir, "devices/c1/devices.allow", "");
	cg_put(dir, "devices/c1/devices.deny", "");
	ASSERT_INT(rt_cg_v1_devices(d, r, 1, &err), 0);
	ASSERT_STR(cg_get(dir, "devices/c1/devices.deny"), "a");
	ASSERT_INT(rt_cg_v1_devices(d, r, 2, &err), 0);
	ASSERT_STR(cg_get(dir, "devices/c1/devices.allow"), "c 1:* r");
	ASSERT_INT(rt_cg_v1_devices(d, r, 3, &err), 0);
	ASSERT_STR(cg_get(dir, "devices/c1/devices.deny"), "b 8:16 wm");
	ut_path(d, "%s/devices/none", dir);
	ASSERT_INT(rt_cg_v1_devices(d, r, 3, &err), -ENOENT);
	ASSERT_STR(err.msg, "linux.resources.devices: rule \"a\": write devices.deny");
	ASSERT_INT(rt_cg_v1_devices("", r, 3, &err), -ENOTSUP);
	ASSERT_CONTAINS(err.msg, "no devices cgroup controller");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_defaults);
	RUN(test_spec_rules_and_override);
	RUN(test_v1_lines);
	ut_rmrf(dir);
	UNIT_DONE();
}
