/* Tests for runtime/mount-options.c: the option table (runc 1.1's), data, propagation and
 * recursive attributes. */
#include <errno.h>
#include <sys/mount.h>

#include "../../../runtime/mount-options.h"
#include "unit.h"

static int parse(struct rt_mount_opts *o, const char **opts, size_t n)
{
	struct cfg_strv v = {.v = (char **)opts, .n = n};
	struct berr err = {0};

	return rt_mount_opts_parse(&v, "mounts[0].options", o, &err);
}

static void test_flags_set_and_clear(void)
{
	const char *opts[] = {"nosuid", "noexec", "nodev", "ro", "rw", "strictatime", "rbind"};
	struct rt_mount_opts o;

	ASSERT_INT(parse(&o, opts, 7), 0);
	/* "rw" after "ro" clears MS_RDONLY again */
	ASSERT_INT(o.flags, MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_STRICTATIME | MS_BIND | MS_REC);
	ASSERT_STR(o.data, "");
	ASSERT_INT(o.n_propagation, 0);
	rt_mount_opts_clear(&o);
}

static void test_unknown_options_become_data_in_order(void)
{
	const char *opts[] = {"mode=755", "nosuid", "size=65536k", "defaults", "newinstance"};
	struct rt_mount_opts o;

	ASSERT_INT(parse(&o, opts, 5), 0);
	ASSERT_INT(o.flags, MS_NOSUID);
	/* runc 1.1 hands "defaults" to the filesystem too */
	ASSERT_STR(o.data, "mode=755,size=65536k,defaults,newinstance");
	rt_mount_opts_clear(&o);
}

static void test_propagation_options_keep_order(void)
{
	const char *opts[] = {"rbind", "rprivate", "unbindable", "shared"};
	struct rt_mount_opts o;

	ASSERT_INT(parse(&o, opts, 4), 0);
	ASSERT_INT(o.n_propagation, 3);
	ASSERT_INT(o.propagation[0], MS_PRIVATE | MS_REC);
	ASSERT_INT(o.propagation[1], MS_UNBINDABLE);
	ASSERT_INT(o.propagation[2], MS_SHARED);
	rt_mount_opts_clear(&o);
}

static void test_too_many_propagation_options(void)
{
	const char *opts[9];
	struct rt_mount_opts o;
	struct cfg_strv v = {.v = (char **)opts, .n = 9};
	struct berr err = {0};
	int i;

	for (i = 0; i < 9; i++)
		opts[i] = "rslave";
	ASSERT_INT(rt_mount_opts_parse(&v, "mounts[4].options", &o, &err), -E2BIG);
	ASSERT_CONTAINS(err.msg, "mounts[4].options[8]");
}

static void test_recursive_attributes(void)
{
	const char *opts[] = {"rbind", "rro", "rnosuid", "rdev", "rnoatime", "rsymfollow"};
	struct rt_mount_opts o;

	ASSERT_INT(parse(&o, opts, 6), 0);
	ASSERT_INT(o.attr_set, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOATIME);
	/* an atime mode also clears the whole atime field */
	ASSERT_INT(o.attr_clr, MOUNT_ATTR_NODEV | MOUNT_ATTR__ATIME | MOUNT_ATTR_NOSYMFOLLOW);
	ASSERT_INT(o.flags, MS_BIND | MS_REC);
	rt_mount_opts_clear(&o);
}

static void test_copyup_extension(void)
{
	const char *opts[] = {"tmpcopyup", "mode=700"};
	struct rt_mount_opts o;

	ASSERT_INT(parse(&o, opts, 2), 0);
	ASSERT_TRUE(o.copyup);
	ASSERT_STR(o.data, "mode=700");
	rt_mount_opts_clear(&o);
}

static void test_no_options(void)
{
	struct rt_mount_opts o;
	struct cfg_strv v = {0};
	struct berr err = {0};

	ASSERT_INT(rt_mount_opts_parse(&v, "m", &o, &err), 0);
	ASSERT_INT(o.flags, 0);
	ASSERT_STR(o.data, "");
	rt_mount_opts_clear(&o);
}

static void test_flag_table_lookup(void)
{
	unsigned long f;
	bool clear;

	ASSERT_TRUE(rt_mount_flag_lookup("nosymfollow", &f, &clear));
	ASSERT_INT(f, MS_NOSYMFOLLOW);
	ASSERT_TRUE(!clear);
	ASSERT_TRUE(rt_mount_flag_lookup("suid", &f, &clear));
	ASSERT_INT(f, MS_NOSUID);
	ASSERT_TRUE(clear);
	ASSERT_TRUE(rt_mount_flag_lookup("acl", &f, &clear));
	ASSERT_INT(f, MS_POSIXACL);
	ASSERT_TRUE(!rt_mount_flag_lookup("defaults", &f, &clear));
	ASSERT_TRUE(!rt_mount_flag_lookup("size=1m", &f, &clear));
}

static void test_propagation_names(void)
{
	unsigned long f = 1;

	ASSERT_INT(rt_propagation_flags(NULL, &f), 0);
	ASSERT_INT(f, 0);
	ASSERT_INT(rt_propagation_flags("", &f), 0);
	ASSERT_INT(rt_propagation_flags("rslave", &f), 0);
	ASSERT_INT(f, MS_SLAVE | MS_REC);
	ASSERT_INT(rt_propagation_flags("runbindable", &f), 0);
	ASSERT_INT(f, MS_UNBINDABLE | MS_REC);
	ASSERT_INT(rt_propagation_flags("private", &f), 0);
	ASSERT_INT(f, MS_PRIVATE);
	ASSERT_INT(rt_propagation_flags("rslaves", &f), -EINVAL);
}

int main(void)
{
	RUN(test_flags_set_and_clear);
	RUN(test_unknown_options_become_data_in_order);
	RUN(test_propagation_options_keep_order);
	RUN(test_too_many_propagation_options);
	RUN(test_recursive_attributes);
	RUN(test_copyup_extension);
	RUN(test_no_options);
	RUN(test_flag_table_lookup);
	RUN(test_propagation_names);
	UNIT_DONE();
}
