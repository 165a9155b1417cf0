/* shim-impl: what the files of the VM shim share (shim-vm.c boots, shim-loop.c serves,
 * shim-clients.c answers berth commands, shim-streams.c moves stdio). */
#ifndef BERTH_SHIM_IMPL_H
#define BERTH_SHIM_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <termios.h>
#include <yajl/yajl_tree.h>

#include "../kvm-sandbox/proto-frame.h"
#include "../kvm-sandbox/vm-backend.h"
#include "../kvm-sandbox/proto-json.h"
#include "shim-vm.h"

#define SHIM_MAX_STREAMS 64
#define SHIM_MAX_CLIENTS 32
#define SHIM_MAX_PENDING 32
#define SHIM_MAX_EXECS	 32

/* One stdio stream: bytes read from in_fd go to the guest, the guest's go to out_fd. */
struct shim_stream {
	uint32_t id;
	int in_fd, out_fd; /* -1 when that direction is absent or ended */
	bool owned;	   /* the fds are ours to close (an exec's), not fds 0-2 */
	bool tty;
};

struct shim_client {
	int fd; /* -1: free slot */
	struct proto_chan chan;
	uint32_t exec; /* the exec it waits for, or 0 */
};

/* what to do with the agent's reply: nothing (NONE: not even awaited), pass it to the client
 * (FORWARD), and also drop the created mark (START) or, on failure, the exec (EXEC) */
enum shim_req { SHIM_REQ_NONE, SHIM_REQ_FORWARD, SHIM_REQ_START, SHIM_REQ_EXEC };

struct shim_pending {
	long long seq; /* 0: free */
	int client_fd;
	enum shim_req kind;
	uint32_t exec;
};

struct shim_exec {
	uint32_t ref; /* 0: free */
	int client_fd;
	uint32_t streams[3];
	int n_streams;
	bool tty;
};

struct shim {
	struct shim_vm_args *a;
	const struct vm_backend *backend;
	struct proto_chan agent;
	pid_t qemu;
	int qemu_status;
	bool qemu_gone;
	int sigfd, listen_fd;
	struct shim_stream streams[SHIM_MAX_STREAMS];
	int n_streams;
	struct shim_client clients[SHIM_MAX_CLIENTS];
	struct shim_pending pending[SHIM_MAX_PENDING];
	struct shim_exec execs[SHIM_MAX_EXECS];
	long long seq;
	uint32_t next_stream, next_exec;
	bool exited; /* the container's exit event came */
	int exit_code, exit_signal;
	bool raw_set; /* tty_stdio: the caller's terminal is raw until we exit */
	struct termios saved;
};

/* shim-streams.c */
int shim_stream_add(struct shim *s, uint32_t id, int in_fd, int out_fd, bool owned, bool tty,
		    struct berr *err);
struct shim_stream *shim_stream_find(struct shim *s, uint32_t id);
void shim_stream_drop(struct shim *s, uint32_t id);
/* Guest bytes for stream id (len 0: its end of file). */
void shim_stream_output(struct shim *s, uint32_t id, const char *data, size_t len);
/* Reads the host side of st and queues it for the guest (end of file: an empty frame). */
void shim_stream_pump(struct shim *s, struct shim_stream *st);
/* The terminal's size now, sent to the agent as a resize of stream id. */
void shim_send_size(struct shim *s, int tty_fd, uint32_t stream);

/* shim-clients.c */
void shim_client_accept(struct shim *s);
/* Input on a client connection; false when it closed. */
bool shim_client_input(struct shim *s, struct shim_client *c);
/* The agent's reply to a forwarded request. */
void shim_client_reply(struct shim *s, struct shim_pending *p, yajl_val msg, const char *raw,
		       size_t len);
/* An exec ended: tells its client, drops its streams. */
void shim_exec_exited(struct shim *s, uint32_t ref, const char *raw, size_t len);
struct shim_client *shim_client_find(struct shim *s, int fd);
void shim_client_close(struct shim *s, struct shim_client *c);

/* shim-vm.c / shim-loop.c */
long long shim_send(struct shim *s, struct proto_json *j, enum shim_req kind, int client_fd,
		    uint32_t exec, struct berr *err);
/* Handles one frame from the agent; replies to our own boot requests go to *ret_reply. */
void shim_agent_frame(struct shim *s, uint32_t stream, const char *data, size_t len);
/* Serves until the container ended and the VM is gone; returns the exit status to give. */
void shim_loop(struct shim *s);

#endif
