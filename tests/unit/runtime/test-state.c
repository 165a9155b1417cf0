/* test-state: container ids, the state root and per-container directory (create, lock,
 * remove) in a temp dir, and the status derived from the live process and the exec gate. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>

#include "../../../runtime/proc-stat.h"
#include "../../../runtime/state.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

static void test_check_id(void)
{
	struct berr err = {0};
	char long_id[202];

	ASSERT_INT(rt_state_check_id("abc", &err), 0);
	ASSERT_INT(rt_state_check_id("A-b_c.d+e9", &err), 0);
	ASSERT_INT(rt_state_check_id("...", &err), 0);
	ASSERT_INT(err.code, 0);
	ASSERT_INT(rt_state_check_id("", &err), -EINVAL);
	ASSERT_STR(err.msg, "container id cannot be empty");
	ASSERT_INT(rt_state_check_id(NULL, &err), -EINVAL);
	ASSERT_STR(err.msg, "container id cannot be empty");
	ASSERT_INT(rt_state_check_id(".", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid container id format: .");
	ASSERT_INT(rt_state_check_id("..", &err), -EINVAL);
	ASSERT_INT(rt_state_check_id("a/b", &err), -EINVAL);
	ASSERT_STR(err.msg, "invalid container id format: a/b");
	ASSERT_INT(rt_state_check_id("a b", &err), -EINVAL);
	ASSERT_INT(rt_state_check_id("a:b", &err), -EINVAL);
	ASSERT_INT(rt_state_check_id("caf\xc3\xa9", &err), -EINVAL);
	memset(long_id, 'x', sizeof(long_id) - 1);
	long_id[sizeof(long_id) - 1] = '\0';
	ASSERT_INT(rt_state_check_id(long_id, &err), -EINVAL);
	long_id[200] = '\0';
	ASSERT_INT(rt_state_check_id(long_id, &err), 0);
}

static void test_open_root_creates_parents(void)
{
	char root[PATH_MAX], parent[PATH_MAX];
	struct berr err = {0};
	struct stat st;
	int fd;

	ut_path(root, "%s/deep/er/root", dir);
	ut_path(parent, "%s/deep", dir);
	fd = rt_state_open_root(root, true, &err);
	ASSERT_TRUE(fd >= 0);
	ASSERT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	(void)close(fd);
	ASSERT_INT(stat(root, &st), 0);
	ASSERT_INT(st.st_mode & 07777, 0700);
	ASSERT_INT(stat(parent, &st), 0);
	ASSERT_INT(st.st_mode & 07777, 0711);
	/* an existing root opens as is */
	fd = rt_state_open_root(root, true, &err);
	ASSERT_TRUE(fd >= 0);
	(void)close(fd);
}

static void test_open_root_missing(void)
{
	char root[PATH_MAX], buf[PATH_MAX];
	struct berr err = {0};

	ut_path(root, "%s/missing-root", dir);
	ASSERT_INT(rt_state_open_root(root, false, &err), -ENOENT);
	ut_path(buf, "open state root %s", root);
	ASSERT_STR(err.msg, buf);
	ASSERT_TRUE(access(root, F_OK) < 0);
}

static void test_open_root_under_a_file(void)
{
	char file[PATH_MAX], root[PATH_MAX], want[PATH_MAX], got[PATH_MAX];
	struct berr err = {0};

	ut_path(file, "%s/plainfile", dir);
	ASSERT_INT(ut_write_file(file, "x", 0644), 0);
	ut_path(root, "%s/sub/root", file);
	ASSERT_INT(rt_state_open_root(root, true, &err), -ENOTDIR);
	ut_path(want, "open state root %s: Not a directory", root);
	ASSERT_STR(berr_str(&err, got, sizeof(got)), want);
}

static void test_create_lock_remove(void)
{
	char root[PATH_MAX], path[PATH_MAX];
	struct berr err = {0};
	int rootfd, fd, other, fd2;
	struct stat st;

	ut_path(root, "%s/root1", dir);
	rootfd = rt_state_open_root(root, true, &err);
	ASSERT_TRUE(rootfd >= 0);
	fd = rt_state_create_dir(rootfd, "c1", &err);
	ASSERT_TRUE(fd >= 0);
	ut_path(path, "%s/c1", root);
	ASSERT_INT(stat(path, &st), 0);
	ASSERT_TRUE(S_ISDIR(st.st_mode));
	/* the lock is held: another open file cannot take it */
	other = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_TRUE(other >= 0);
	ASSERT_INT(flock(other, LOCK_EX | LOCK_NB), -1);
	ASSERT_INT(errno, EWOULDBLOCK);
	/* a second create of the same id */
	ASSERT_INT(rt_state_create_dir(rootfd, "c1", &err), -EEXIST);
	ASSERT_STR(err.msg, "container with id exists: c1");
	(void)close(fd);
	ASSERT_INT(flock(other, LOCK_EX | LOCK_NB), 0);
	ASSERT_INT(flock(other, LOCK_UN), 0);
	/* rt_state_lock takes it again */
	fd2 = rt_state_lock(rootfd, "c1", &err);
	ASSERT_TRUE(fd2 >= 0);
	ASSERT_INT(flock(other, LOCK_EX | LOCK_NB), -1);
	(void)close(fd2);
	(void)close(other);
	/* remove takes the files too */
	ut_path(path, "%s/c1/state.json", root);
	ASSERT_INT(ut_write_file(path, "{}", 0600), 0);
	ut_path(path, "%s/c1/exec.sock", root);
	ASSERT_INT(ut_write_file(path, "", 0600), 0);
	/* and a VM's shares/<tag>/<file>, and a symlink that must not be followed */
	ut_path(path, "%s/c1/shares", root);
	ASSERT_INT(mkdir(path, 0700), 0);
	ut_path(path, "%s/c1/shares/m0", root);
	ASSERT_INT(mkdir(path, 0700), 0);
	ut_path(path, "%s/c1/shares/m0/hosts", root);
	ASSERT_INT(ut_write_file(path, "", 0600), 0);
	ut_path(path, "%s/c1/shares/out", root);
	ASSERT_INT(symlink(dir, path), 0);
	ASSERT_INT(rt_state_remove(rootfd, "c1", &err), 0);
	ASSERT_INT(access(dir, F_OK), 0);
	ut_path(path, "%s/c1", root);
	ASSERT_TRUE(access(path, F_OK) < 0 && errno == ENOENT);
	/* removing what is gone is fine */
	ASSERT_INT(rt_state_remove(rootfd, "c1", &err), 0);
	(void)close(rootfd);
}

static void test_lock_missing(void)
{
	char root[PATH_MAX];
	struct berr err = {0};
	int rootfd;

	ut_path(root, "%s/root2", dir);
	rootfd = rt_state_open_root(root, true, &err);
	ASSERT_TRUE(rootfd >= 0);
	ASSERT_INT(rt_state_lock(rootfd, "nope", &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: nope");
	ASSERT_TRUE(!err.sys);
	(void)close(rootfd);
}

/* A lock waiter must not get a directory that a delete removed while it waited. */
static void test_lock_after_concurrent_delete(void)
{
	char root[PATH_MAX];
	struct berr err = {0};
	int rootfd, fd, p[2];
	pid_t pid;
	char c;

	ut_path(root, "%s/root3", dir);
	rootfd = rt_state_open_root(root, true, &err);
	ASSERT_TRUE(rootfd >= 0);
	fd = rt_state_create_dir(rootfd, "racy", &err);
	ASSERT_TRUE(fd >= 0);
	ASSERT_INT(pipe2(p, O_CLOEXEC), 0);
	(void)fflush(stdout);
	pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		struct berr cerr = {0};
		int r;

		(void)close(
			fd); /* our copy of the lock holder's fd would not matter, but be tidy */
		(void)!write(p[1], "x", 1);
		r = rt_state_lock(rootfd, "racy", &cerr);
		_exit(r == -ENOENT && !strcmp(cerr.msg, "container does not exist: racy") ? 0 : 1);
	}
	(void)close(p[1]);
	ASSERT_INT(read(p[0], &c, 1), 1);
	(void)close(p[0]);
	usleep(100000); /* let the child block in flock() */
	/* delete while holding the lock: the directory goes, then the lock is released */
	ASSERT_INT(rt_state_remove(rootfd, "racy", &err), 0);
	(void)close(fd);
	ASSERT_INT(ut_wait(pid), 0);
	(void)close(rootfd);
}

static void test_load(void)
{
	char root[PATH_MAX + 16];
	struct rt_state st = {0}, got = {0};
	struct berr err = {0};
	int rootfd, fd;

	ut_path(root, "%s/load-root", dir);
	rootfd = rt_state_open_root(root, true, &err);
	ASSERT_TRUE(rootfd >= 0);
	ASSERT_INT(rt_state_load(root, "none", &got, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: none");
	ASSERT_INT(rt_state_load("/nonexistent/root", "x", &got, &err), -ENOENT);
	ASSERT_STR(err.msg, "container does not exist: x");
	fd = rt_state_create_dir(rootfd, "l1", &err);
	ASSERT_TRUE(fd >= 0);
	(void)snprintf(st.id, sizeof(st.id), "l1");
	st.pid = 99;
	ASSERT_INT(rt_state_write(fd, &st, &err), 0);
	(void)close(fd);
	fd = rt_state_load(root, "l1", &got, &err);
	ASSERT_TRUE(fd >= 0);
	ASSERT_STR(got.id, "l1");
	ASSERT_INT(got.pid, 99);
	rt_state_clear(&got);
	(void)close(fd);
	(void)close(rootfd);
}

static void test_status_names(void)
{
	ASSERT_STR(rt_status_name(RT_STATUS_CREATING), "creating");
	ASSERT_STR(rt_status_name(RT_STATUS_CREATED), "created");
	ASSERT_STR(rt_status_name(RT_STATUS_RUNNING), "running");
	ASSERT_STR(rt_status_name(RT_STATUS_PAUSED), "paused");
	ASSERT_STR(rt_status_name(RT_STATUS_STOPPED), "stopped");
}

static void test_status_derivation(void)
{
	char root[PATH_MAX], gate[PATH_MAX];
	struct rt_state st = {0};
	struct berr err = {0};
	int rootfd, fd;
	pid_t pid;

	ut_path(root, "%s/root4", dir);
	rootfd = rt_state_open_root(root, true, &err);
	ASSERT_TRUE(rootfd >= 0);
	fd = rt_state_create_dir(rootfd, "s", &err);
	ASSERT_TRUE(fd >= 0);
	/* no pid yet: creating */
	ASSERT_INT(rt_state_status(fd, &st), RT_STATUS_CREATING);

	(void)fflush(stdout);
	pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		pause();
		_exit(0);
	}
	st.pid = pid;
	ASSERT_INT(rt_proc_stat(pid, &st.start_time, NULL), 0);
	ASSERT_INT(rt_state_status(fd, &st), RT_STATUS_RUNNING);
	/* the exec gate exists: created */
	ut_path(gate, "%s/s/%s", root, RT_EXEC_SOCK);
	ASSERT_INT(ut_write_file(gate, "", 0600), 0);
	ASSERT_INT(rt_state_status(fd, &st), RT_STATUS_CREATED);
	ASSERT_INT(unlink(gate), 0);
	/* the pid is someone else now: stopped */
	st.start_time++;
	ASSERT_INT(rt_state_status(fd, &st), RT_STATUS_STOPPED);
	st.start_time--;
	(void)kill(pid, SIGKILL);
	/* dead but not reaped (a zombie) */
	for (int i = 0; i < 500 && rt_state_status(fd, &st) != RT_STATUS_STOPPED; i++)
		usleep(2000);
	ASSERT_INT(rt_state_status(fd, &st), RT_STATUS_STOPPED);
	(void)ut_wait(pid);
	/* reaped: stopped, even with the gate file still there */
	ASSERT_INT(ut_write_file(gate, "", 0600), 0);
	ASSERT_INT(rt_state_status(fd, &st), RT_STATUS_STOPPED);
	(void)close(fd);
	ASSERT_INT(rt_state_remove(rootfd, "s", &err), 0);
	(void)close(rootfd);
}

int main(void)
{
	(void)umask(022); /* the modes checked below are before the umask */
	ut_tmpdir(dir);
	RUN(test_check_id);
	RUN(test_open_root_creates_parents);
	RUN(test_open_root_missing);
	RUN(test_open_root_under_a_file);
	RUN(test_create_lock_remove);
	RUN(test_lock_missing);
	RUN(test_lock_after_concurrent_delete);
	RUN(test_load);
	RUN(test_status_names);
	RUN(test_status_derivation);
	ut_rmrf(dir);
	UNIT_DONE();
}
