/* test-identity: the container user from a temp etc dir (home, group memberships,
 * additionalGids, missing files), and the uid/gid switch in a forked child as root. */
#include <errno.h>
#include <grp.h>
#include <string.h>
#include <sys/prctl.h>

#include "../../../runtime/identity.h"
#include "unit.h"
#include "rt-unit.h"

static char etc[PATH_MAX];

static void make_etc(void)
{
	char p[PATH_MAX];

	ut_tmpdir(etc);
	ut_path(p, "%s/passwd", etc);
	(void)ut_write_file(p,
			    "emptyuid:x::0::/empty-uid:/bin/sh\n"
			    "root:x:0:0:root:/root:/bin/sh\n"
			    "# a comment line\n"
			    "short:x:7\n"
			    "user:x:1000:1000:User Name:/home/user:/bin/sh\n"
			    "nohome:x:1001:1001:::/bin/sh\n"
			    "::1002:1002::/should/not/match:\n"
			    "sixfields:x:1003:1003::/six\n",
			    0644);
	ut_path(p, "%s/group", etc);
	(void)ut_write_file(p,
			    "root:x:0:\n"
			    "wheel:x:10:user\n"
			    "audio:x:29:other,user\n"
			    "video:x:44:userx,xuser\n"
			    "dup:x:10:user\n"
			    "threefields:x:50\n"
			    "emptygid:x::user\n"
			    "users:x:100:,user,\n"
			    "nohome:x:1001:nohome\n",
			    0644);
}

static bool has_group(const struct rt_identity *id, gid_t g)
{
	size_t i;

	for (i = 0; i < id->n_groups; i++)
		if (id->groups[i] == g)
			return true;
	return false;
}

static void test_user_with_home_and_groups(void)
{
	struct cfg_user u = {.uid = 1000, .gid = 1000};
	struct rt_identity id;
	struct berr err = {0};

	ASSERT_INT(rt_identity_resolve(&u, etc, &id, &err), 0);
	ASSERT_INT(id.uid, 1000);
	ASSERT_INT(id.gid, 1000);
	ASSERT_STR(id.home, "/home/user");
	/* wheel, audio, users; "dup" repeats gid 10 and is not added twice */
	ASSERT_INT(id.n_groups, 3);
	ASSERT_INT(id.groups[0], 10);
	ASSERT_INT(id.groups[1], 29);
	ASSERT_INT(id.groups[2], 100);
	ASSERT_TRUE(!has_group(&id, 44)); /* "userx" is not "user" */
}

static void test_additional_gids_dedup(void)
{
	uint32_t extra[] = {29, 500, 500, 10, 600};
	struct cfg_user u = {
		.uid = 1000, .gid = 5, .additional_gids = extra, .n_additional_gids = 5};
	struct rt_identity id;
	struct berr err = {0};

	ASSERT_INT(rt_identity_resolve(&u, etc, &id, &err), 0);
	ASSERT_INT(id.gid, 5);
	ASSERT_INT(id.n_groups, 5);
	ASSERT_INT(id.groups[0], 10);
	ASSERT_INT(id.groups[1], 29);
	ASSERT_INT(id.groups[2], 100);
	ASSERT_INT(id.groups[3], 500);
	ASSERT_INT(id.groups[4], 600);
}

static void test_empty_home_is_root(void)
{
	struct cfg_user u = {.uid = 1001, .gid = 1001};
	struct rt_identity id;
	struct berr err = {0};

	ASSERT_INT(rt_identity_resolve(&u, etc, &id, &err), 0);
	ASSERT_STR(id.home, "/");
	ASSERT_INT(id.n_groups, 1);
	ASSERT_INT(id.groups[0], 1001);
}

static void test_root(void)
{
	struct cfg_user u = {.uid = 0, .gid = 0};
	struct rt_identity id;
	struct berr err = {0};

	ASSERT_INT(rt_identity_resolve(&u, etc, &id, &err), 0);
	ASSERT_STR(id.home, "/root"); /* the entry with an empty uid field is not uid 0 */
	ASSERT_INT(id.n_groups, 0);
}

static void test_six_field_line(void)
{
	struct cfg_user u = {.uid = 1003, .gid = 1003};
	struct rt_identity id;
	struct berr err = {0};

	ASSERT_INT(rt_identity_resolve(&u, etc, &id, &err), 0);
	ASSERT_STR(id.home, "/six");
}

static void test_unknown_uid(void)
{
	uint32_t extra[] = {77};
	struct cfg_user u = {
		.uid = 4242, .gid = 4242, .additional_gids = extra, .n_additional_gids = 1};
	struct rt_identity id;
	struct berr err = {0};

	ASSERT_INT(rt_identity_resolve(&u, etc, &id, &err), 0);
	ASSERT_STR(id.home, "/");
	ASSERT_INT(id.n_groups, 1);
	ASSERT_INT(id.groups[0], 77);
}

static void test_missing_files(void)
{
	struct cfg_user u = {.uid = 1000, .gid = 1000};
	struct rt_identity id;
	struct berr err = {0};
	char p[PATH_MAX];

	ASSERT_INT(rt_identity_resolve(&u, "/nonexistent-etc", &id, &err), 0);
	ASSERT_STR(id.home, "/");
	ASSERT_INT(id.n_groups, 0);
	/* passwd without group: the home still comes through */
	ut_path(p, "%s/only-passwd", etc);
	ASSERT_INT(mkdir(p, 0755), 0);
	ut_path(p, "%s/only-passwd/passwd", etc);
	ASSERT_INT(ut_write_file(p, "user:x:1000:1000::/home/u:/bin/sh\n", 0644), 0);
	ut_path(p, "%s/only-passwd", etc);
	ASSERT_INT(rt_identity_resolve(&u, p, &id, &err), 0);
	ASSERT_STR(id.home, "/home/u");
	ASSERT_INT(id.n_groups, 0);
}

static void test_group_cap(void)
{
	static uint32_t extra[RT_MAX_GROUPS + 10];
	struct cfg_user u = {.uid = 4242,
			     .gid = 0,
			     .additional_gids = extra,
			     .n_additional_gids = RT_MAX_GROUPS + 10};
	struct rt_identity id;
	struct berr err = {0};
	size_t i;

	for (i = 0; i < RT_MAX_GROUPS + 10; i++)
		extra[i] = (uint32_t)(2000 + i);
	ASSERT_INT(rt_identity_resolve(&u, etc, &id, &err), 0);
	ASSERT_INT(id.n_groups, RT_MAX_GROUPS);
	ASSERT_INT(id.groups[RT_MAX_GROUPS - 1], 2000 + RT_MAX_GROUPS - 1);
}

static unsigned long long status_hex(const char *key)
{
	char buf[4096], *p;

	if (ut_read_file("/proc/self/status", buf, sizeof(buf)) <= 0)
		return ~0ULL;
	p = strstr(buf, key);
	return p ? strtoull(p + strlen(key), NULL, 16) : ~0ULL;
}

static void apply_child(void *arg)
{
	struct rt_identity id = {.uid = 1000, .gid = 1000, .groups = {10, 29}, .n_groups = 2};
	struct berr err = {0};
	gid_t groups[16];
	uid_t r, e, s;

	(void)arg;
	ASSERT_INT(rt_identity_apply(&id, true, &err), 0);
	ASSERT_INT(getresuid(&r, &e, &s), 0);
	ASSERT_TRUE(r == 1000 && e == 1000 && s == 1000);
	ASSERT_INT(getgid(), 1000);
	ASSERT_INT(getegid(), 1000);
	ASSERT_INT(getgroups(16, groups), 2);
	ASSERT_INT(groups[0], 10);
	ASSERT_INT(groups[1], 29);
	/* KEEPCAPS held the permitted set across the switch and is off again */
	ASSERT_TRUE(status_hex("CapPrm:\t") != 0);
	ASSERT_INT(status_hex("CapEff:\t"), 0);
	ASSERT_INT(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
}

static void test_apply_switches_user(void)
{
	ASSERT_CHILD_OK(apply_child, NULL);
}

static void apply_no_setgroups_child(void *arg)
{
	struct rt_identity id = {.uid = 1000, .gid = 1000, .groups = {10}, .n_groups = 1};
	struct berr err = {0};
	gid_t before[64], after[64];
	int nb, na, i;

	(void)arg;
	nb = getgroups(64, before);
	ASSERT_TRUE(nb >= 0);
	ASSERT_INT(rt_identity_apply(&id, false, &err), 0);
	ASSERT_INT(getuid(), 1000);
	na = getgroups(64, after);
	ASSERT_INT(na, nb);
	for (i = 0; i < na; i++)
		ASSERT_INT(after[i], before[i]);
}

static void test_apply_without_setgroups(void)
{
	ASSERT_CHILD_OK(apply_no_setgroups_child, NULL);
}

static void apply_fail_child(void *arg)
{
	struct rt_identity id = {.uid = 1000, .gid = 1000};
	struct rt_identity back = {.uid = 0, .gid = 0};
	struct berr err = {0};
	char buf[600];

	(void)arg;
	ASSERT_INT(rt_identity_apply(&id, true, &err), 0);
	/* no effective capabilities left: going back to root is refused */
	ASSERT_INT(rt_identity_apply(&back, true, &err), -EPERM);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "setgroups: Operation not permitted");
	ASSERT_INT(rt_identity_apply(&back, false, &err), -EPERM);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "setresgid(0): Operation not permitted");
}

static void test_apply_errors(void)
{
	ASSERT_CHILD_OK(apply_fail_child, NULL);
}

int main(void)
{
	make_etc();
	RUN(test_user_with_home_and_groups);
	RUN(test_additional_gids_dedup);
	RUN(test_empty_home_is_root);
	RUN(test_root);
	RUN(test_six_field_line);
	RUN(test_unknown_uid);
	RUN(test_missing_files);
	RUN(test_group_cap);
	RUN(test_apply_switches_user);
	RUN(test_apply_without_setgroups);
	RUN(test_apply_errors);
	ut_rmrf(etc);
	UNIT_DONE();
}
