/* agent: berth-agent, PID 1 of the guest (kvm-sandbox/README.md). It mounts what the guest
 * needs, answers the host over the berth.agent port (PROTOCOL.md) and builds the container
 * by running this same binary as the berth CLI inside the guest: the container-setup library
 * of the host path, with --isolation container. */
#ifndef BERTH_AGENT_H
#define BERTH_AGENT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <yajl/yajl_tree.h>

#include "../proto-frame.h"
#include "../proto-json.h"

#define AGENT_RUN	  "/run/agent"
#define AGENT_STATE	  "/run/berth" /* --root of the guest's berth */
#define AGENT_MAX_STREAMS 64
#define AGENT_MAX_PROCS	  32

/* One stdio stream: fd is read (guest -> host) when out, written when in; a tty is both. */
struct agent_stream {
	uint32_t id;
	int fd;
	bool out, in;
};

/* A process the host started: the container's init or an exec. */
struct agent_proc {
	pid_t pid;    /* the berth exec child, or the container's init */
	uint32_t ref; /* exec: the host's exec id; 0: the container */
	uint32_t streams[3];
	int n_streams;
};

struct agent {
	struct proto_chan chan;
	int sigfd;
	struct agent_stream streams[AGENT_MAX_STREAMS];
	int n_streams;
	struct agent_proc procs[AGENT_MAX_PROCS];
	int n_procs;
	char id[256];	  /* the container (one per VM for now) */
	pid_t init_pid;	  /* its init, once created */
	unsigned n_execs; /* for exec file names */
	bool shutting_down;
};

/* agent-boot.c: mounts /proc, /sys, /dev, /run, cgroup2; opens the berth.agent port. */
int agent_boot(int *ret_port, struct berr *err);
/* agent-cli.c: runs this binary as the berth CLI with stdio (-1: /dev/null); returns its pid. */
pid_t agent_cli_spawn(const char *const argv[], const int stdio[3], struct berr *err);
/* Waits for a CLI run; on a non-zero exit err gets the error it logged in log_path (JSON). */
int agent_cli_wait(pid_t pid, const char *log_path, const char *what, struct berr *err);
/* agent-loop.c: serves the host until it says shutdown. */
int agent_loop(struct agent *a, struct berr *err);
/* agent-ops.c: one control request; replies (and events) are queued on a->chan. */
void agent_op(struct agent *a, yajl_val msg);
/* agent-stdio.c: stream table. */
int agent_stream_add(struct agent *a, uint32_t id, int fd, bool out, bool in, struct berr *err);
struct agent_stream *agent_stream_find(struct agent *a, uint32_t id);
void agent_stream_close(struct agent *a, uint32_t id);
/* Data from the host for stream id (len 0: end of file). */
void agent_stream_input(struct agent *a, uint32_t id, const char *data, size_t len);
/* Reads what stream s has and queues it for the host; false at end of file (s closed). */
bool agent_stream_pump(struct agent *a, struct agent_stream *s);
/* agent-procs.c: reaps children; sends exit events. */
void agent_reap(struct agent *a);
struct agent_proc *agent_proc_add(struct agent *a, pid_t pid, uint32_t ref);
/* A queued event or reply; errors only logged to the console (the channel is the host). */
void agent_send(struct agent *a, struct proto_json *j);
void agent_reply_err(struct agent *a, long long seq, const struct berr *err);
void agent_reply_ok(struct agent *a, long long seq, const char *extra_key, long long extra);

#endif
