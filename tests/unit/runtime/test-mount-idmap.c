/* test-mount-idmap: the user namespace made for an id-mapped mount carries its maps, a detached
 * id-mapped clone shows a file owned by containerID as hostID, and the per-mount fd array. */
#include <errno.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "../../../runtime/mount-idmap.h"
#include "mntns.h"
#include "rt-unit.h"

static const struct cfg_id_map uids[] = {{0, 1000, 1}, {1, 200000, 100}};
static const struct cfg_id_map gids[] = {{0, 2000, 5}};

/* uid_map of the namespace behind fd, read by a child that joins it. */
static void read_map_in(int nsfd, const char *file, char *buf, size_t len)
{
	int p[2];
	pid_t pid;
	ssize_t n;
	char path[64];

	buf[0] = '\0';
	if (pipe2(p, O_CLOEXEC) < 0)
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		(void)snprintf(path, sizeof(path), "/proc/self/%s", file);
		if (setns(nsfd, CLONE_NEWUSER) == 0 && (n = ut_read_file(path, buf, len)) > 0)
			(void)!write(p[1], buf, (size_t)n);
		_exit(0);
	}
	(void)close(p[1]);
	n = pid > 0 ? read(p[0], buf, len - 1) : -1;
	buf[n > 0 ? n : 0] = '\0';
	(void)close(p[0]);
	if (pid > 0)
		(void)ut_wait(pid);
}

static void test_userns_fd_carries_maps(void)
{
	struct berr err = {0};
	char buf[256];
	unsigned a, b, c, d, e, f;
	int fd = rt_idmap_userns_fd(uids, 2, gids, 1, &err);

	ASSERT_TRUE(fd >= 0);
	if (fd < 0)
		return;
	ASSERT_TRUE((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
	/* the maker is gone: the fd alone keeps the namespace */
	read_map_in(fd, "uid_map", buf, sizeof(buf));
	ASSERT_INT(sscanf(buf, "%u %u %u %u %u %u", &a, &b, &c, &d, &e, &f), 6);
	ASSERT_TRUE(a == 0 && b == 1000 && c == 1 && d == 1 && e == 200000 && f == 100);
	read_map_in(fd, "gid_map", buf, sizeof(buf));
	ASSERT_INT(sscanf(buf, "%u %u %u", &a, &b, &c), 3);
	ASSERT_TRUE(a == 0 && b == 2000 && c == 5);
	(void)close(fd);
}

static void test_userns_fd_bad_map(void)
{
	/* overlapping ranges: the kernel refuses the write */
	struct cfg_id_map bad[] = {{0, 1000, 10}, {5, 3000, 10}};
	struct berr err = {0};

	ASSERT_INT(rt_idmap_userns_fd(bad, 2, gids, 1, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "uid_map");
}

static char tree[PATH_MAX];

/* In a private mount ns: the clone of tree, mapped 0->1000, moved onto tree/mnt. */
static void idmapped_clone(void)
{
	struct cfg_id_map map[] = {{0, 1000, 1}};
	struct berr err = {0};
	char src[PATH_MAX + 8], dst[PATH_MAX + 8], p[PATH_MAX * 2];
	struct stat st;
	int fd;

	(void)snprintf(src, sizeof(src), "%s/src", tree);
	(void)snprintf(dst, sizeof(dst), "%s/mnt", tree);
	fd = rt_idmap_mount_fd(AT_FDCWD, src, true, map, 1, map, 1, &err);
	ASSERT_TRUE(fd >= 0);
	if (fd < 0)
		return;
	ASSERT_INT(move_mount(fd, "", AT_FDCWD, dst, MOVE_MOUNT_F_EMPTY_PATH), 0);
	(void)close(fd);
	(void)snprintf(p, sizeof(p), "%s/root-file", dst);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_INT(st.st_uid, 1000);
	ASSERT_INT(st.st_gid, 1000);
	(void)snprintf(p, sizeof(p), "%s/root-file", src);
	ASSERT_INT(stat(p, &st), 0);
	ASSERT_INT(st.st_uid, 0);
	/* a source that is not there */
	ASSERT_INT(rt_idmap_mount_fd(AT_FDCWD, "/nonexistent/berth", false, map, 1, map, 1, &err),
		   -ENOENT);
	ASSERT_STR(err.msg, "open_tree /nonexistent/berth");
}

static void test_mount_fd_maps_owner(void)
{
	if (!temp_dir(tree)) {
		FAIL_("mkdtemp: %s", strerror(errno));
		return;
	}
	make_at(tree, "src/", NULL);
	make_at(tree, "mnt/", NULL);
	make_at(tree, "src/root-file", "x");
	RUN_IN_MNTNS_THEN_RM(idmapped_clone, tree);
}

static void test_mounts_open(void)
{
	struct cfg_id_map map[] = {{0, 1000, 1}};
	const char *rbind[] = {"rbind"};
	struct cfg_mount mounts[3] = {
		{.destination = (char *)"/proc", .type = (char *)"proc"},
		{.destination = (char *)"/a",
		 .source = (char *)"/tmp",
		 .options = {(char **)rbind, 1},
		 .uid_mappings = map,
		 .n_uid_mappings = 1,
		 .gid_mappings = map,
		 .n_gid_mappings = 1},
		{.destination = (char *)"/b", .type = (char *)"tmpfs"},
	};
	struct cfg_spec s;
	struct berr err = {0};
	char dir[PATH_MAX];
	int *fds = NULL;

	/* a tree of our own: an rbind of /tmp would take in whatever others mounted there */
	if (!temp_dir(dir)) {
		FAIL_("mkdtemp: %s", strerror(errno));
		return;
	}
	mounts[1].source = dir;
	memset(&s, 0, sizeof(s));
	s.mounts = mounts;
	s.n_mounts = 1;
	/* nothing id-mapped: no array */
	ASSERT_INT(rt_idmap_mounts_open(&s, "/", &fds, &err), 0);
	ASSERT_TRUE(fds == NULL);
	s.n_mounts = 3;
	ASSERT_INT(rt_idmap_mounts_open(&s, "/", &fds, &err), 0);
	ASSERT_TRUE(fds != NULL);
	if (fds) {
		ASSERT_INT(fds[0], -1);
		ASSERT_TRUE(fds[1] >= 0);
		ASSERT_INT(fds[2], -1);
	}
	rt_idmap_mounts_close(&fds, 3);
	ASSERT_TRUE(fds == NULL);
	/* a tmpfs with mappings: refused, nothing returned */
	mounts[2].uid_mappings = mounts[2].gid_mappings = map;
	mounts[2].n_uid_mappings = mounts[2].n_gid_mappings = 1;
	ASSERT_INT(rt_idmap_mounts_open(&s, "/", &fds, &err), -EINVAL);
	ASSERT_STR(err.msg, "mounts[2]: uidMappings need a bind mount");
	ASSERT_TRUE(fds == NULL);
	/* one map only (config/ refuses it first; checked again here) */
	mounts[2].type = NULL;
	mounts[2].source = dir;
	mounts[2].options = (struct cfg_strv){(char **)rbind, 1};
	mounts[2].n_gid_mappings = 0;
	ASSERT_INT(rt_idmap_mounts_open(&s, "/", &fds, &err), -EINVAL);
	ASSERT_STR(err.msg, "mounts[2]: uidMappings and gidMappings must both be set");
	/* a missing source names the mount */
	mounts[2].n_gid_mappings = 1;
	mounts[2].source = (char *)"missing-berth-src";
	ASSERT_INT(rt_idmap_mounts_open(&s, "/", &fds, &err), -ENOENT);
	ASSERT_STR(err.msg, "mounts[2] /b: open_tree missing-berth-src");
	ASSERT_TRUE(fds == NULL);
	(void)rmdir(dir);
}

int main(void)
{
	if (geteuid() != 0) {
		printf("1..0 # SKIP needs root\n");
		return 0;
	}
	RUN(test_userns_fd_carries_maps);
	RUN(test_userns_fd_bad_map);
	RUN(test_mount_fd_maps_owner);
	RUN(test_mounts_open);
	UNIT_DONE();
}
