/* proto-frame: the wire format of the host <-> agent channel (PROTOCOL.md "Transport"): frames
 * of a 4-byte big-endian payload length, a 4-byte big-endian stream id, then the payload.
 * Stream 0 carries JSON control messages; other streams carry stdio, an empty payload meaning
 * end of file. Also used between berth commands and the VM's monitor on <state>/vm.sock, where
 * fds travel alongside (SCM_RIGHTS). Writes are queued and flushed without blocking, so neither
 * peer can stall the other. */
#ifndef BERTH_PROTO_FRAME_H
#define BERTH_PROTO_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../runtime/base/berr.h"

#define PROTO_VERSION	 1
#define PROTO_HEADER	 8
#define PROTO_MAX_FRAME	 (1u << 20) /* payload bytes */
#define PROTO_MAX_JSON	 (64u << 10)
#define PROTO_MAX_FDS	 4
#define PROTO_HIGH_WATER (4u << 20) /* queued bytes above which a peer stops reading sources */

struct proto_chan {
	int fd;
	bool is_socket; /* recvmsg: collects fds passed with the bytes */
	char *in;
	size_t in_len, in_cap, in_off;
	char *out;
	size_t out_len, out_cap, out_off;
	int fds[PROTO_MAX_FDS]; /* received, not yet taken (proto_chan_take_fd) */
	int n_fds;
};

void proto_chan_init(struct proto_chan *c, int fd, bool is_socket);
/* Frees the buffers and closes received fds (not c->fd). */
void proto_chan_free(struct proto_chan *c);
/* Queues one frame; -EMSGSIZE above PROTO_MAX_FRAME. */
int proto_chan_queue(struct proto_chan *c, uint32_t stream, const void *data, size_t len,
		     struct berr *err);
/* Writes what is queued without blocking; returns 1 while bytes remain, 0 when empty. */
int proto_chan_flush(struct proto_chan *c, struct berr *err);
/* Writes everything queued, waiting for the fd as long as needed (for simple clients). */
int proto_chan_flush_all(struct proto_chan *c, struct berr *err);
size_t proto_chan_queued(const struct proto_chan *c);
/* Reads what is available (one read); returns the bytes read, 0 at end of file. */
int proto_chan_fill(struct proto_chan *c, struct berr *err);
/* The next whole frame in the input: 1 with *ret_* set (valid until the next fill or next),
 * 0 when more bytes are needed, -EPROTO for an oversized frame. */
int proto_chan_next(struct proto_chan *c, uint32_t *ret_stream, const char **ret_data,
		    size_t *ret_len, struct berr *err);
/* Takes the oldest fd received, or -1. */
int proto_chan_take_fd(struct proto_chan *c);
/* Sends one frame with fds attached (blocking; the queue must be empty). */
int proto_chan_send_fds(struct proto_chan *c, uint32_t stream, const void *data, size_t len,
			const int *fds, int n_fds, struct berr *err);

/* Writes all of p to fd (a pipe or pty of a stream), waiting out EAGAIN; -errno on failure. */
int proto_write_all(int fd, const void *p, size_t len);

#endif
