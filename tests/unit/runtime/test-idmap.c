/* test-idmap: uid_map/gid_map text, its bounds, and the write into a real user namespace of a
 * forked child. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>

#include "../../../runtime/idmap.h"
#include "unit.h"
#include "rt-unit.h"

static void test_format(void)
{
	struct cfg_id_map m[] = {{0, 1000, 1}, {1, 100000, 65536}};
	char buf[128];

	ASSERT_INT(rt_idmap_format(m, 2, buf, sizeof(buf)), 24);
	ASSERT_STR(buf, "0 1000 1\n1 100000 65536\n");
	ASSERT_INT(rt_idmap_format(m, 1, buf, sizeof(buf)), 9);
	ASSERT_STR(buf, "0 1000 1\n");
}

static void test_format_max_values(void)
{
	struct cfg_id_map m[] = {{4294967295U, 4294967295U, 4294967295U}};
	char buf[64];

	ASSERT_INT(rt_idmap_format(m, 1, buf, sizeof(buf)), 33);
	ASSERT_STR(buf, "4294967295 4294967295 4294967295\n");
}

static void test_format_empty(void)
{
	char buf[8] = "junk";

	ASSERT_INT(rt_idmap_format(NULL, 0, buf, sizeof(buf)), 0);
	ASSERT_STR(buf, "");
}

static void test_format_bounds(void)
{
	struct cfg_id_map m[] = {{0, 1000, 1}, {1, 2000, 10}};
	char buf[32];

	/* "0 1000 1\n1 2000 10\n" is 19 bytes and needs 20 with the NUL */
	ASSERT_INT(rt_idmap_format(m, 2, buf, 20), 19);
	ASSERT_INT(rt_idmap_format(m, 2, buf, 19), -ENOSPC);
	ASSERT_INT(rt_idmap_format(m, 2, buf, 5), -ENOSPC);
	ASSERT_INT(rt_idmap_format(m, 1, buf, 0), -ENOSPC);
}

/* A child in a new user namespace, waiting on a pipe until we are done with it. */
static pid_t userns_child(int *ret_release)
{
	int ready[2], release[2];
	pid_t pid;
	char c;

	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(release, O_CLOEXEC) < 0)
		return -1;
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)close(ready[0]);
		(void)close(release[1]);
		c = unshare(CLONE_NEWUSER) == 0 ? 'y' : 'n';
		(void)!write(ready[1], &c, 1);
		(void)!read(release[0], &c, 1);
		_exit(0);
	}
	(void)close(ready[1]);
	(void)close(release[0]);
	if (read(ready[0], &c, 1) != 1 || c != 'y') {
		(void)kill(pid, SIGKILL);
		(void)ut_wait(pid);
		pid = -1;
	}
	(void)close(ready[0]);
	*ret_release = release[1];
	return pid;
}

static void release_child(pid_t pid, int release)
{
	(void)close(release);
	(void)ut_wait(pid);
}

static void test_write_maps(void)
{
	struct cfg_id_map uids[] = {{0, 1000, 1}, {1, 200000, 100}};
	struct cfg_id_map gids[] = {{0, 2000, 5}};
	struct cfg_spec spec;
	struct berr err = {0};
	char path[64], buf[256];
	unsigned a, b, c, d, e, f;
	int release;
	pid_t pid = userns_child(&release);

	ASSERT_TRUE(pid > 0);
	memset(&spec, 0, sizeof(spec));
	spec.linux_.uid_mappings = uids;
	spec.linux_.n_uid_mappings = 2;
	spec.linux_.gid_mappings = gids;
	spec.linux_.n_gid_mappings = 1;
	ASSERT_INT(rt_idmap_write(pid, &spec, &err), 0);
	(void)snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	ASSERT_TRUE(ut_read_file(path, buf, sizeof(buf)) > 0);
	ASSERT_INT(sscanf(buf, "%u %u %u %u %u %u", &a, &b, &c, &d, &e, &f), 6);
	ASSERT_TRUE(a == 0 && b == 1000 && c == 1 && d == 1 && e == 200000 && f == 100);
	(void)snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	ASSERT_TRUE(ut_read_file(path, buf, sizeof(buf)) > 0);
	ASSERT_INT(sscanf(buf, "%u %u %u", &a, &b, &c), 3);
	ASSERT_TRUE(a == 0 && b == 2000 && c == 5);
	/* a map is written once: the second write is refused by the kernel */
	ASSERT_INT(rt_idmap_write(pid, &spec, &err), -EPERM);
	(void)snprintf(buf, sizeof(buf), "write /proc/%d/uid_map", pid);
	ASSERT_STR(err.msg, buf);
	ASSERT_TRUE(err.sys);
	release_child(pid, release);
}

static void test_write_nothing_without_mappings(void)
{
	struct cfg_spec spec;
	struct berr err = {0};
	char path[64], buf[256];
	int release;
	pid_t pid = userns_child(&release);

	ASSERT_TRUE(pid > 0);
	memset(&spec, 0, sizeof(spec));
	ASSERT_INT(rt_idmap_write(pid, &spec, &err), 0);
	(void)snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	ASSERT_INT(ut_read_file(path, buf, sizeof(buf)), 0);
	release_child(pid, release);
}

static void test_write_errors(void)
{
	struct cfg_id_map uids[] = {{0, 1000, 1}};
	struct cfg_id_map many[400];
	struct cfg_spec spec;
	struct berr err = {0};
	char want[600], got[600];
	size_t i;
	pid_t gone;

	memset(&spec, 0, sizeof(spec));
	for (i = 0; i < 400; i++)
		many[i] = (struct cfg_id_map){4000000000U, 4000000000U, 1};
	spec.linux_.gid_mappings = many;
	spec.linux_.n_gid_mappings = 400;
	ASSERT_INT(rt_idmap_write(getpid(), &spec, &err), -E2BIG);
	ASSERT_STR(err.msg, "linux.gidMappings: too many mappings");

	/* a process that is gone */
	(void)fflush(stdout);
	gone = fork();
	if (gone == 0)
		_exit(0);
	(void)ut_wait(gone);
	spec.linux_.uid_mappings = uids;
	spec.linux_.n_uid_mappings = 1;
	ASSERT_INT(rt_idmap_write(gone, &spec, &err), -ENOENT);
	(void)snprintf(want, sizeof(want), "open /proc/%d/uid_map: No such file or directory",
		       gone);
	ASSERT_STR(berr_str(&err, got, sizeof(got)), want);
}

int main(void)
{
	RUN(test_format);
	RUN(test_format_max_values);
	RUN(test_format_empty);
	RUN(test_format_bounds);
	RUN(test_write_maps);
	RUN(test_write_nothing_without_mappings);
	RUN(test_write_errors);
	UNIT_DONE();
}
