/* test-container-spawn: clone of the container init into new namespaces, and through an
 * intermediate that first joins namespaces given by path (init still our child). The init
 * is driven by hand: closing our sync end makes it fail and exit 1. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "../../../runtime/container-spawn.h"
#include "../../../runtime/namespaces.h"
#include "../../../runtime/sync.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

static void init_container(struct rt_container *c, const struct cfg_spec *spec)
{
	int sp[2], t;

	memset(c, 0, sizeof(*c));
	c->spec = spec;
	c->id = "spawn";
	(void)snprintf(c->bundle, sizeof(c->bundle), "%s", dir);
	c->rootfd = c->statefd = c->console_sock = c->relay_peer = c->gate_fd = -1;
	for (t = 0; t < CFG_NS_COUNT; t++)
		c->ns_fds[t] = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		abort();
	c->sync_parent = sp[0];
	c->sync_child = sp[1];
}

static bool same_ns(pid_t a, pid_t b, const char *type)
{
	char pa[64], pb[64];
	struct stat x, y;

	(void)snprintf(pa, sizeof(pa), "/proc/%d/ns/%s", a, type);
	(void)snprintf(pb, sizeof(pb), "/proc/%d/ns/%s", b, type);
	return stat(pa, &x) == 0 && stat(pb, &y) == 0 && x.st_ino == y.st_ino;
}

/* init waits for GO; without it (our end closed) it fails and exits 1 */
static void finish(struct rt_container *c)
{
	(void)close(c->sync_child);
	(void)close(c->sync_parent);
	c->sync_child = c->sync_parent = -1;
}

static void test_new_namespaces(void)
{
	struct cfg_namespace ns[] = {{CFG_NS_UTS, NULL}, {CFG_NS_IPC, NULL}, {CFG_NS_MOUNT, NULL}};
	struct cfg_spec spec = {0};
	struct rt_container c;
	struct berr err = {0};
	int wst;

	spec.linux_.namespaces = ns;
	spec.linux_.n_namespaces = 3;
	init_container(&c, &spec);
	ASSERT_INT(rt_container_spawn(&c, &err), 0);
	ASSERT_TRUE(c.pid > 0);
	ASSERT_TRUE(!same_ns(c.pid, getpid(), "uts"));
	ASSERT_TRUE(!same_ns(c.pid, getpid(), "ipc"));
	ASSERT_TRUE(!same_ns(c.pid, getpid(), "mnt"));
	ASSERT_TRUE(same_ns(c.pid, getpid(), "net"));
	ASSERT_TRUE(same_ns(c.pid, getpid(), "pid"));
	finish(&c);
	wst = ut_wait(c.pid); /* our child */
	ASSERT_TRUE(WIFEXITED(wst));
	ASSERT_INT(WEXITSTATUS(wst), 1);
}

/* init reports its failure on the sync socket before it exits */
static void test_init_failure_reported(void)
{
	struct cfg_namespace ns[] = {{CFG_NS_MOUNT, NULL}};
	struct cfg_spec spec = {0};
	struct rt_container c;
	struct berr err = {0};
	char want[PATH_MAX];

	spec.linux_.namespaces = ns;
	spec.linux_.n_namespaces = 1;
	init_container(&c, &spec);
	ut_path(want, "%s/gone", dir);
	(void)snprintf(c.bundle, sizeof(c.bundle), "%s", want); /* init's chdir fails */
	ASSERT_INT(rt_container_spawn(&c, &err), 0);
	(void)close(c.sync_child);
	ASSERT_INT(rt_sync_recv(c.sync_parent, RT_SYNC_READY, NULL, "create", &err), -ENOENT);
	ut_path(want, "chdir to bundle %s/gone", dir);
	ASSERT_STR(err.msg, want);
	ASSERT_INT(WEXITSTATUS(ut_wait(c.pid)), 1);
	(void)close(c.sync_parent);
}

/* A child sitting in new net and uts namespaces. */
static pid_t ns_holder(void)
{
	int p[2];
	pid_t pid;
	char ch = 'n';

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	(void)fflush(stdout);
	pid = fork();
	if (pid == 0) {
		ch = unshare(CLONE_NEWNET | CLONE_NEWUTS) == 0 ? 'y' : 'n';
		(void)!write(p[1], &ch, 1);
		alarm(30);
		pause();
		_exit(0);
	}
	(void)close(p[1]);
	if (read(p[0], &ch, 1) != 1 || ch != 'y') {
		(void)kill(pid, SIGKILL);
		(void)ut_wait(pid);
		pid = -1;
	}
	(void)close(p[0]);
	return pid;
}

static void test_join_by_path(void)
{
	char net[64];
	struct cfg_namespace ns[] = {{CFG_NS_NETWORK, net}, {CFG_NS_IPC, NULL}};
	struct cfg_spec spec = {0};
	struct rt_container c;
	struct berr err = {0};
	pid_t holder = ns_holder();
	int wst;

	ASSERT_TRUE(holder > 0);
	(void)snprintf(net, sizeof(net), "/proc/%d/ns/net", holder);
	spec.linux_.namespaces = ns;
	spec.linux_.n_namespaces = 2;
	init_container(&c, &spec);
	ASSERT_INT(rt_ns_open_paths(&spec, c.ns_fds, &err), 1);
	ASSERT_INT(rt_container_spawn(&c, &err), 0);
	rt_ns_close(c.ns_fds);
	ASSERT_TRUE(c.pid > 0);
	ASSERT_TRUE(same_ns(c.pid, holder, "net"));
	ASSERT_TRUE(!same_ns(c.pid, holder, "uts"));
	ASSERT_TRUE(!same_ns(c.pid, getpid(), "ipc"));
	finish(&c);
	/* CLONE_PARENT: init is our child, the intermediate is already reaped */
	wst = ut_wait(c.pid);
	ASSERT_TRUE(WIFEXITED(wst));
	ASSERT_INT(WEXITSTATUS(wst), 1);
	ASSERT_INT(waitpid(-1, NULL, WNOHANG), 0); /* only the holder is left, running */
	(void)kill(holder, SIGKILL);
	(void)ut_wait(holder);
	ASSERT_TRUE(ut_no_children());
}

static void test_join_failure(void)
{
	struct cfg_namespace ns[] = {{CFG_NS_NETWORK, (char *)"/dev/null"}};
	struct cfg_spec spec = {0};
	struct rt_container c;
	struct berr err = {0};
	char buf[600];

	spec.linux_.namespaces = ns;
	spec.linux_.n_namespaces = 1;
	init_container(&c, &spec);
	c.pid = 4242;
	ASSERT_INT(rt_ns_open_paths(&spec, c.ns_fds, &err), 1);
	ASSERT_INT(rt_container_spawn(&c, &err), -EINVAL);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "join network namespace (setns): Invalid argument");
	ASSERT_INT(c.pid, 4242);
	rt_ns_close(c.ns_fds);
	finish(&c);
	ASSERT_TRUE(ut_no_children()); /* the intermediate was reaped */
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_new_namespaces);
	RUN(test_init_failure_reported);
	RUN(test_join_by_path);
	RUN(test_join_failure);
	ut_rmrf(dir);
	UNIT_DONE();
}
