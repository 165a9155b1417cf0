/* agent-procs: the processes the host started, reaped by PID 1, each end reported as an exit
 * event after its output was passed on. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "agent.h"

struct agent_proc *agent_proc_add(struct agent *a, pid_t pid, uint32_t ref)
{
	struct agent_proc *p;

	if (a->n_procs == AGENT_MAX_PROCS)
		return NULL;
	p = &a->procs[a->n_procs++];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->ref = ref;
	return p;
}

/* Passes on what the process's streams still hold (it is gone; children it left behind may
 * keep a stream open, so only what is there now). */
static void drain(struct agent *a, struct agent_proc *p)
{
	int i;

	for (i = 0; i < p->n_streams; i++) {
		struct agent_stream *s = agent_stream_find(a, p->streams[i]);
		struct pollfd pf;

		while (s && s->out) {
			pf.fd = s->fd;
			pf.events = POLLIN;
			if (poll(&pf, 1, 20) <= 0 || !agent_stream_pump(a, s))
				break;
			s = agent_stream_find(a, p->streams[i]);
		}
	}
}

static void report(struct agent *a, struct agent_proc *p, int st)
{
	struct proto_json j;

	drain(a, p);
	pj_begin(&j);
	pj_str(&j, "event", "exit");
	pj_int(&j, "exec", p->ref);
	if (WIFSIGNALED(st))
		pj_int(&j, "signal", WTERMSIG(st));
	else
		pj_int(&j, "code", WEXITSTATUS(st));
	agent_send(a, &j);
	*p = a->procs[--a->n_procs];
}

void agent_reap(struct agent *a)
{
	pid_t pid;
	int st, i;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (i = 0; i < a->n_procs; i++) {
			if (a->procs[i].pid != pid)
				continue;
			if (a->procs[i].ref == 0)
				a->init_pid = 0;
			report(a, &a->procs[i], st);
			break;
		}
	}
}
