/* test-capabilities: the bounding set dropped to a mask and the other sets applied, checked
 * in /proc/self/status of a forked child; the ambient warning and the cap_set_proc error. */
#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/prctl.h>

#include "../../../runtime/base/log.h"
#include "../../../runtime/capabilities.h"
#include "unit.h"
#include "rt-unit.h"

#define BIT(c) (1ULL << (c))

static char dir[PATH_MAX];

static unsigned long long status_hex(const char *key)
{
	char buf[4096], *p;

	if (ut_read_file("/proc/self/status", buf, sizeof(buf)) <= 0)
		return ~0ULL;
	p = strstr(buf, key);
	return p ? strtoull(p + strlen(key), NULL, 16) : ~0ULL;
}

static void drop_bounding_child(void *arg)
{
	struct cfg_caps c = {.mask_bounding = BIT(CAP_KILL) | BIT(CAP_CHOWN) | BIT(CAP_SETUID)};
	unsigned long long before = status_hex("CapBnd:\t");
	struct berr err = {0};

	(void)arg;
	ASSERT_INT(rt_caps_drop_bounding(&c, &err), 0);
	/* only what was there and is in the mask remains */
	ASSERT_INT(status_hex("CapBnd:\t"), before & c.mask_bounding);
	ASSERT_INT(prctl(PR_CAPBSET_READ, CAP_KILL, 0, 0, 0), 1);
	ASSERT_INT(prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0), 0);
	/* the other sets are untouched by a bounding drop */
	ASSERT_TRUE(status_hex("CapEff:\t") & BIT(CAP_SYS_ADMIN));
	/* dropping again is idempotent */
	ASSERT_INT(rt_caps_drop_bounding(&c, &err), 0);
}

static void test_drop_bounding(void)
{
	ASSERT_CHILD_OK(drop_bounding_child, NULL);
}

static void drop_all_child(void *arg)
{
	struct cfg_caps c = {.mask_bounding = 0};
	struct berr err = {0};

	(void)arg;
	ASSERT_INT(rt_caps_drop_bounding(&c, &err), 0);
	ASSERT_INT(status_hex("CapBnd:\t"), 0);
}

static void test_drop_all_bounding(void)
{
	ASSERT_CHILD_OK(drop_all_child, NULL);
}

static void apply_child(void *arg)
{
	struct cfg_caps c = {
		.mask_effective = BIT(CAP_KILL) | BIT(CAP_CHOWN),
		.mask_permitted = BIT(CAP_KILL) | BIT(CAP_CHOWN) | BIT(CAP_NET_BIND_SERVICE),
		.mask_inheritable = BIT(CAP_KILL) | BIT(CAP_NET_BIND_SERVICE),
		.mask_ambient = BIT(CAP_KILL) | BIT(CAP_NET_BIND_SERVICE),
	};
	struct berr err = {0};

	(void)arg;
	ASSERT_INT(rt_caps_apply(&c, &err), 0);
	ASSERT_INT(status_hex("CapEff:\t"), c.mask_effective);
	ASSERT_INT(status_hex("CapPrm:\t"), c.mask_permitted);
	ASSERT_INT(status_hex("CapInh:\t"), c.mask_inheritable);
	ASSERT_INT(status_hex("CapAmb:\t"), c.mask_ambient);
}

static void test_apply_sets(void)
{
	ASSERT_CHILD_OK(apply_child, NULL);
}

static void apply_empty_child(void *arg)
{
	struct cfg_caps c = {0};
	struct berr err = {0};

	(void)arg;
	ASSERT_INT(rt_caps_apply(&c, &err), 0);
	ASSERT_INT(status_hex("CapEff:\t"), 0);
	ASSERT_INT(status_hex("CapPrm:\t"), 0);
	ASSERT_INT(status_hex("CapInh:\t"), 0);
	ASSERT_INT(status_hex("CapAmb:\t"), 0);
}

static void test_apply_empty(void)
{
	ASSERT_CHILD_OK(apply_empty_child, NULL);
}

/* an ambient cap raised before (by whoever ran berth) does not survive an empty ambient set,
 * even when it stays permitted and inheritable */
static void stale_ambient_child(void *arg)
{
	struct cfg_caps keep = {
		.mask_effective = BIT(CAP_KILL) | BIT(CAP_SETPCAP),
		.mask_permitted = BIT(CAP_KILL) | BIT(CAP_SETPCAP),
		.mask_inheritable = BIT(CAP_KILL),
		.mask_ambient = BIT(CAP_KILL),
	};
	struct cfg_caps no_ambient = keep;
	struct berr err = {0};

	(void)arg;
	ASSERT_INT(rt_caps_apply(&keep, &err), 0);
	ASSERT_INT(status_hex("CapAmb:\t"), BIT(CAP_KILL));
	no_ambient.mask_ambient = 0;
	ASSERT_INT(rt_caps_apply(&no_ambient, &err), 0);
	ASSERT_INT(status_hex("CapInh:\t"), BIT(CAP_KILL));
	ASSERT_INT(status_hex("CapAmb:\t"), 0);
}

static void test_stale_ambient_cleared(void)
{
	ASSERT_CHILD_OK(stale_ambient_child, NULL);
}

/* ambient needs permitted + inheritable: the kernel refuses, berth logs (debug: below main())
 * and goes on */
static void ambient_warning_child(void *arg)
{
	struct cfg_caps c = {
		.mask_effective = BIT(CAP_KILL),
		.mask_permitted = BIT(CAP_KILL) | BIT(CAP_NET_RAW),
		.mask_inheritable = BIT(CAP_KILL),
		.mask_ambient = BIT(CAP_KILL) | BIT(CAP_NET_RAW),
	};
	struct berr err = {0};
	char path[PATH_MAX], buf[4096];

	(void)arg;
	ut_path(path, "%s/ambient.log", dir);
	ASSERT_INT(log_init(path, false, true, &err), 0);
	ASSERT_INT(rt_caps_apply(&c, &err), 0);
	log_close();
	ASSERT_INT(status_hex("CapAmb:\t"), BIT(CAP_KILL));
	ASSERT_TRUE(ut_read_file(path, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf, "level=debug msg=\"cannot raise ambient capability 13: Operation "
			     "not permitted; continuing without it\"");
}

static void test_ambient_refused_warns(void)
{
	ASSERT_CHILD_OK(ambient_warning_child, NULL);
}

/* effective must be a subset of permitted */
static void apply_error_child(void *arg)
{
	struct cfg_caps c = {
		.mask_effective = BIT(CAP_KILL) | BIT(CAP_CHOWN),
		.mask_permitted = BIT(CAP_KILL),
	};
	struct berr err = {0};
	char buf[600];

	(void)arg;
	ASSERT_INT(rt_caps_apply(&c, &err), -EPERM);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "set process capabilities: Operation not permitted");
}

static void test_apply_error(void)
{
	ASSERT_CHILD_OK(apply_error_child, NULL);
}

/* permitted cannot grow back once dropped */
static void regain_child(void *arg)
{
	struct cfg_caps small = {.mask_permitted = BIT(CAP_KILL), .mask_effective = BIT(CAP_KILL)};
	struct cfg_caps big = {.mask_permitted = BIT(CAP_KILL) | BIT(CAP_SYS_ADMIN)};
	struct berr err = {0};

	(void)arg;
	ASSERT_INT(rt_caps_apply(&small, &err), 0);
	ASSERT_INT(rt_caps_apply(&big, &err), -EPERM);
	ASSERT_INT(status_hex("CapPrm:\t"), BIT(CAP_KILL));
}

static void test_permitted_cannot_grow(void)
{
	ASSERT_CHILD_OK(regain_child, NULL);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_drop_bounding);
	RUN(test_drop_all_bounding);
	RUN(test_apply_sets);
	RUN(test_apply_empty);
	RUN(test_stale_ambient_cleared);
	RUN(test_ambient_refused_warns);
	RUN(test_apply_error);
	RUN(test_permitted_cannot_grow);
	ut_rmrf(dir);
	UNIT_DONE();
}
