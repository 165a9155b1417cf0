/* test-cgroup-state: cgroup.json written atomically and read back exactly; a state dir
 * without one, bad JSON, unknown controllers and paths with ".." refused. */
#include <errno.h>

#include "unit.h"
#include "rt-unit.h"
#include "cg-unit.h"

static char dir[PATH_MAX];

static int dirfd_of(const char *sub)
{
	char p[PATH_MAX];

	ut_path(p, "%s/%s", dir, sub);
	(void)mkdir(p, 0700);
	return open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static void test_round_trip(void)
{
	_cleanup_free_ struct rt_cgroup *a = calloc(1, sizeof(*a));
	_cleanup_free_ struct rt_cgroup *b = calloc(1, sizeof(*b));
	struct berr err = {0};
	int fd = dirfd_of("rt");

	a->mode = RT_CGROUP_HYBRID;
	strcpy(a->path[RT_CG_MEMORY], "/sys/fs/cgroup/memory/process_api/x/c1");
	strcpy(a->path[RT_CG_SYSTEMD], "/sys/fs/cgroup/systemd/c1");
	strcpy(a->path[RT_CG_UNIFIED], "/sys/fs/cgroup/unified/c \"quoted\"");
	a->created[RT_CG_MEMORY] = 2;
	a->created[RT_CG_UNIFIED] = 1;
	ASSERT_INT(rt_cgroup_save(fd, a, &err), 0);
	ASSERT_INT(faccessat(fd, RT_CGROUP_FILE ".tmp", F_OK, 0), -1);
	ASSERT_INT(rt_cgroup_load(fd, b, &err), 0);
	ASSERT_INT(memcmp(a, b, sizeof(*a)), 0);
	a->mode = RT_CGROUP_V2;
	memset(a->path, 0, sizeof(a->path));
	memset(a->created, 0, sizeof(a->created));
	strcpy(a->path[RT_CG_UNIFIED], "/sys/fs/cgroup/c1");
	ASSERT_INT(rt_cgroup_save(fd, a, &err), 0);
	ASSERT_INT(rt_cgroup_load(fd, b, &err), 0);
	ASSERT_INT(memcmp(a, b, sizeof(*a)), 0);
	(void)close(fd);
}

static void test_missing_and_bad(void)
{
	_cleanup_free_ struct rt_cgroup *b = calloc(1, sizeof(*b));
	struct berr err = {0};
	int fd = dirfd_of("bad");
	char p[PATH_MAX];

	b->mode = RT_CGROUP_V1;
	ASSERT_INT(rt_cgroup_load(fd, b, &err), -ENOENT);
	ASSERT_STR(err.msg, "the container has no cgroup");
	ASSERT_INT(b->mode, RT_CGROUP_V1); /* left alone */
	ut_path(p, "%s/bad/%s", dir, RT_CGROUP_FILE);
	ASSERT_INT(ut_write_file(p, "{nope", 0600), 0);
	ASSERT_INT(rt_cgroup_load(fd, b, &err), -EINVAL);
	ASSERT_STR(err.msg, "read cgroup.json: invalid JSON");
	ASSERT_INT(ut_write_file(p, "{\"mode\": \"v9\", \"paths\": {}}", 0600), 0);
	ASSERT_INT(rt_cgroup_load(fd, b, &err), -EINVAL);
	ASSERT_STR(err.msg, "read cgroup.json: no mode or paths");
	ASSERT_INT(ut_write_file(p, "{\"mode\": \"v1\", \"paths\": {\"memory\": \"/a/../etc\"}}",
				 0600),
		   0);
	ASSERT_INT(rt_cgroup_load(fd, b, &err), -EINVAL);
	ASSERT_STR(err.msg, "cgroup.json: bad path for \"memory\"");
	ASSERT_INT(ut_write_file(p, "{\"mode\": \"v1\", \"paths\": {\"bogus\": \"/a\"}}", 0600), 0);
	ASSERT_INT(rt_cgroup_load(fd, b, &err), -EINVAL);
	ASSERT_INT(ut_write_file(p, "{\"mode\": \"v1\", \"paths\": {\"pids\": \"rel\"}}", 0600), 0);
	ASSERT_INT(rt_cgroup_load(fd, b, &err), -EINVAL);
	ASSERT_INT(b->mode, RT_CGROUP_V1);
	(void)close(fd);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_round_trip);
	RUN(test_missing_and_bad);
	ut_rmrf(dir);
	UNIT_DONE();
}
