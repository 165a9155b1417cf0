/* container-record: what create writes down about a container: its state document,
 * state.json, the --pid-file (atomically, as runc) and the process's oom_score_adj. */
#include "container-record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "proc-stat.h"

void rt_state_describe(struct rt_state *st, const char *id, const char *bundle, const char *rootfs,
		       const char *isolation, pid_t pid, const struct cfg_spec *spec)
{
	memset(st, 0, sizeof(*st));
	(void)snprintf(st->id, sizeof(st->id), "%s", id);
	(void)snprintf(st->bundle, sizeof(st->bundle), "%s", bundle);
	(void)snprintf(st->rootfs, sizeof(st->rootfs), "%s", rootfs);
	(void)snprintf(st->isolation, sizeof(st->isolation), "%s", isolation);
	st->pid = pid;
	st->owner = getuid();
	st->annotations = spec->annotations; /* borrowed: never cleared */
}

int rt_state_record(int statefd, struct rt_state *st, const char *what, struct berr *err)
{
	int r = rt_proc_stat(st->pid, &st->start_time, NULL);

	if (r < 0)
		return berr_sys_code(err, r, "read start time of %s %d", what, st->pid);
	log_time_rfc3339(st->created, sizeof(st->created));
	return rt_state_write(statefd, st, err);
}

void rt_container_state(const struct rt_container *c, struct rt_state *st)
{
	rt_state_describe(st, c->id, c->bundle, c->rootfs, "container", c->pid, c->spec);
}

int rt_container_write_state(const struct rt_container *c, struct berr *err)
{
	struct rt_state st;

	rt_container_state(c, &st);
	return rt_state_record(c->statefd, &st, "container init", err);
}

int rt_pid_file_write(const char *path, pid_t pid, struct berr *err)
{
	char tmp[PATH_MAX + 16], buf[32];
	_cleanup_close_ int fd = -1;
	int n;

	(void)snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return berr_sys(err, "--pid-file: create %s", tmp);
	n = snprintf(buf, sizeof(buf), "%d", pid);
	if (write(fd, buf, (size_t)n) != n || rename(tmp, path) < 0) {
		int r = berr_sys(err, "--pid-file: write %s", path);

		(void)unlink(tmp);
		return r;
	}
	return 0;
}

int rt_container_oom_score(pid_t pid, const struct cfg_process *p, struct berr *err)
{
	char path[64], buf[32];
	_cleanup_close_ int fd = -1;
	int n;

	if (!p->oom_score_adj.set)
		return 0;
	(void)snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	n = snprintf(buf, sizeof(buf), "%lld", (long long)p->oom_score_adj.v);
	if (fd < 0 || write(fd, buf, (size_t)n) != n)
		return berr_sys(err, "process.oomScoreAdj: write %s", path);
	return 0;
}
