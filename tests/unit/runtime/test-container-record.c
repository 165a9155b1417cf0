/* Unit tests for runtime/container-record.c: the state document, state.json, the pid file and
 * oom_score_adj of a (forked, stand-in) container process. */
#include "unit.h"

#include "rt-unit.h"

#include <signal.h>

#include "../../../runtime/container-record.h"

static char dir[PATH_MAX];

static void test_pid_file_is_written_whole(void)
{
	char path[PATH_MAX + 16], buf[32], tmp[PATH_MAX + 32];
	struct berr err = {0};

	ut_path(path, "%s/pid", dir);
	ASSERT_INT(rt_pid_file_write(path, 4242, &err), 0);
	ASSERT_TRUE(ut_read_file(path, buf, sizeof(buf)) > 0);
	ASSERT_STR(buf, "4242");
	ut_path(tmp, "%s.tmp", path);
	ASSERT_TRUE(access(tmp, F_OK) < 0);
	ASSERT_INT(rt_pid_file_write("/nonexistent/dir/pid", 1, &err), -ENOENT);
	ASSERT_CONTAINS(err.msg, "--pid-file: create /nonexistent/dir/pid.tmp");
}

static void test_state_and_oom_score_of_a_live_process(void)
{
	struct cfg_spec spec;
	struct rt_container c;
	struct rt_state st = {0};
	struct berr err = {0};
	char path[64], buf[32];
	pid_t pid;

	memset(&spec, 0, sizeof(spec));
	memset(&c, 0, sizeof(c));
	spec.process.oom_score_adj.set = true;
	spec.process.oom_score_adj.v = 321;
	c.spec = &spec;
	c.id = "rec1";
	(void)snprintf(c.bundle, sizeof(c.bundle), "%s", dir);
	(void)snprintf(c.rootfs, sizeof(c.rootfs), "%.200s/rootfs", dir);
	c.statefd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	c.pid = pid;
	ASSERT_INT(rt_container_oom_score(pid, &spec.process, &err), 0);
	(void)snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	ASSERT_TRUE(ut_read_file(path, buf, sizeof(buf)) > 0);
	ASSERT_INT(atoi(buf), 321);
	ASSERT_INT(rt_container_write_state(&c, &err), 0);
	ASSERT_INT(rt_state_read(c.statefd, &st, &err), 0);
	ASSERT_STR(st.id, "rec1");
	ASSERT_INT(st.pid, pid);
	ASSERT_STR(st.isolation, "container");
	ASSERT_INT(rt_state_status(c.statefd, &st), RT_STATUS_RUNNING);
	rt_state_clear(&st);
	(void)kill(pid, SIGKILL);
	(void)waitpid(pid, NULL, 0);
	(void)close(c.statefd);
}

static void test_state_document_of_a_container(void)
{
	struct cfg_spec spec;
	struct rt_container c;
	struct rt_state st;

	memset(&spec, 0, sizeof(spec));
	memset(&c, 0, sizeof(c));
	c.spec = &spec;
	c.id = "doc1";
	c.pid = 77;
	rt_container_state(&c, &st);
	ASSERT_STR(st.id, "doc1");
	ASSERT_INT(st.pid, 77);
	ASSERT_INT(st.owner, getuid());
}

/* vm mode records its shim the same way, as isolation vm; a pid that is gone is an error */
static void test_record_vm_and_gone_pid(void)
{
	struct cfg_spec spec;
	struct rt_state st, back = {0};
	struct berr err = {0};
	int fd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);

	memset(&spec, 0, sizeof(spec));
	rt_state_describe(&st, "vm1", dir, "/r", "vm", getpid(), &spec);
	ASSERT_INT(rt_state_record(fd, &st, "the VM shim", &err), 0);
	ASSERT_INT(rt_state_read(fd, &back, &err), 0);
	ASSERT_STR(back.isolation, "vm");
	ASSERT_STR(back.rootfs, "/r");
	ASSERT_TRUE(back.start_time > 0 && back.created[0]);
	rt_state_clear(&back);
	rt_state_describe(&st, "vm2", dir, "/r", "vm", 999999999, &spec);
	ASSERT_TRUE(rt_state_record(fd, &st, "the VM shim", &err) < 0);
	ASSERT_CONTAINS(err.msg, "read start time of the VM shim 999999999");
	(void)close(fd);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_pid_file_is_written_whole);
	RUN(test_state_and_oom_score_of_a_live_process);
	RUN(test_state_document_of_a_container);
	RUN(test_record_vm_and_gone_pid);
	ut_rmrf(dir);
	UNIT_DONE();
}
