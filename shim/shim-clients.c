/* shim-clients: berth commands on <state>/vm.sock (start, kill, exec, resize), forwarded to
 * the agent; an exec's stdio arrives as fds with its request and is relayed from here. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../runtime/base/log.h"
#include "shim-impl.h"

struct shim_client *shim_client_find(struct shim *s, int fd)
{
	int i;

	for (i = 0; fd >= 0 && i < SHIM_MAX_CLIENTS; i++)
		if (s->clients[i].fd == fd)
			return &s->clients[i];
	return NULL;
}

void shim_client_accept(struct shim *s)
{
	int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	int i;

	if (fd < 0)
		return;
	for (i = 0; i < SHIM_MAX_CLIENTS; i++) {
		if (s->clients[i].fd < 0) {
			s->clients[i].fd = fd;
			s->clients[i].exec = 0;
			proto_chan_init(&s->clients[i].chan, fd, true);
			return;
		}
	}
	(void)close(fd); /* full: the command sees its connection close */
}

void shim_client_close(struct shim *s, struct shim_client *c)
{
	int i;

	for (i = 0; i < SHIM_MAX_PENDING; i++)
		if (s->pending[i].seq && s->pending[i].client_fd == c->fd)
			s->pending[i].client_fd = -1;
	for (i = 0; i < SHIM_MAX_EXECS; i++)
		if (s->execs[i].ref && s->execs[i].client_fd == c->fd)
			s->execs[i].client_fd = -1; /* detached: it runs on */
	(void)close(c->fd);
	proto_chan_free(&c->chan);
	c->fd = -1;
}

static void reply_err(struct shim_client *c, const struct berr *e)
{
	struct proto_json j;
	struct berr ignored;

	pj_begin(&j);
	pj_bool(&j, "ok", false);
	pj_str(&j, "error", e->msg);
	pj_int(&j, "errno", e->code);
	if (pj_end(&j, &ignored) == 0)
		(void)proto_chan_queue(&c->chan, 0, j.s, j.len, &ignored);
	pj_free(&j);
}

static struct shim_exec *new_exec(struct shim *s)
{
	int i;

	for (i = 0; i < SHIM_MAX_EXECS; i++)
		if (!s->execs[i].ref)
			return &s->execs[i];
	return NULL;
}

static void drop_exec(struct shim *s, struct shim_exec *e)
{
	int i;

	for (i = 0; i < e->n_streams; i++)
		shim_stream_drop(s, e->streams[i]);
	memset(e, 0, sizeof(*e));
}

/* exec: fds are [stdin, stdout, stderr], or with a terminal [in, out] of one tty. */
static int req_exec(struct shim *s, struct shim_client *c, yajl_val msg, struct berr *err)
{
	bool tty = proto_bool(msg, "terminal");
	char *process = proto_member_json(msg, "process");
	int want = tty ? 2 : 3, i, r;
	struct shim_exec *e = new_exec(s);
	struct proto_json j;
	int fds[3];

	if (!process)
		return berr_set(err, EINVAL, "exec: process is required");
	if (!e || c->chan.n_fds != want) {
		free(process);
		return berr_set(err, EINVAL, "exec: want %d fds and a free slot", want);
	}
	for (i = 0; i < want; i++)
		fds[i] = proto_chan_take_fd(&c->chan);
	e->ref = ++s->next_exec;
	e->client_fd = c->fd;
	e->tty = tty;
	e->n_streams = tty ? 1 : 3;
	for (i = 0; i < e->n_streams; i++)
		e->streams[i] = s->next_stream++;
	if (tty) {
		r = shim_stream_add(s, e->streams[0], fds[0], fds[1], true, true, err);
	} else {
		r = shim_stream_add(s, e->streams[0], fds[0], -1, true, false, err);
		if (r == 0)
			r = shim_stream_add(s, e->streams[1], -1, fds[1], true, false, err);
		if (r == 0)
			r = shim_stream_add(s, e->streams[2], -1, fds[2], true, false, err);
	}
	c->exec = e->ref;
	pj_begin(&j);
	pj_str(&j, "op", "exec");
	pj_int(&j, "exec", e->ref);
	pj_raw(&j, "spec", process);
	pj_bool(&j, "terminal", tty);
	free(process);
	if (r == 0) {
		char ids[64];

		if (tty)
			(void)snprintf(ids, sizeof(ids), "[%u]", e->streams[0]);
		else
			(void)snprintf(ids, sizeof(ids), "[%u,%u,%u]", e->streams[0], e->streams[1],
				       e->streams[2]);
		pj_raw(&j, "stdio", ids);
		r = (int)shim_send(s, &j, SHIM_REQ_EXEC, c->fd, e->ref, err);
	} else {
		pj_free(&j);
	}
	if (r < 0)
		drop_exec(s, e);
	return r < 0 ? r : 0;
}

static int forward(struct shim *s, struct shim_client *c, yajl_val msg, struct berr *err)
{
	const char *op = proto_str(msg, "op");
	struct proto_json j;
	long long v = 0;
	int i;

	pj_begin(&j);
	pj_str(&j, "op", op);
	if (!strcmp(op, "start")) {
		return (int)shim_send(s, &j, SHIM_REQ_START, c->fd, 0, err) < 0 ? -EIO : 0;
	} else if (!strcmp(op, "kill")) {
		(void)proto_int(msg, "signal", &v);
		pj_int(&j, "signal", v);
		pj_bool(&j, "all", proto_bool(msg, "all"));
		if (proto_bool(msg, "exec")) { /* the exec of this connection: no reply */
			pj_int(&j, "exec", c->exec);
			return (int)shim_send(s, &j, SHIM_REQ_NONE, -1, 0, err) < 0 ? -EIO : 0;
		}
		return (int)shim_send(s, &j, SHIM_REQ_FORWARD, c->fd, 0, err) < 0 ? -EIO : 0;
	} else if (!strcmp(op, "update")) {
		char *opts = proto_member_json(msg, "options"),
		     *res = proto_member_json(msg, "resources");

		pj_raw(&j, "options", opts ? opts : "[]");
		if (res)
			pj_raw(&j, "resources", res);
		free(opts);
		free(res);
		return (int)shim_send(s, &j, SHIM_REQ_FORWARD, c->fd, 0, err) < 0 ? -EIO : 0;
	} else if (!strcmp(op, "resize")) {
		for (i = 0; i < SHIM_MAX_EXECS; i++)
			if (s->execs[i].ref && s->execs[i].ref == c->exec && s->execs[i].tty)
				break;
		if (i == SHIM_MAX_EXECS) {
			pj_free(&j);
			return berr_set(err, ENOENT, "resize: no terminal exec on this connection");
		}
		pj_int(&j, "stream", s->execs[i].streams[0]);
		(void)proto_int(msg, "rows", &v);
		pj_int(&j, "rows", v);
		(void)proto_int(msg, "cols", &v);
		pj_int(&j, "cols", v);
		return (int)shim_send(s, &j, SHIM_REQ_NONE, -1, 0, err) < 0 ? -EIO : 0;
	}
	pj_free(&j);
	return berr_set(err, ENOSYS, "op: unknown operation \"%s\"", op);
}

static void on_request(struct shim *s, struct shim_client *c, const char *data, size_t len)
{
	struct berr err = {0};
	yajl_val msg = NULL;
	const char *op;
	int r = proto_parse(data, len, &msg, &err);

	if (r == 0 && !(op = proto_str(msg, "op")))
		r = berr_set(&err, EINVAL, "op: missing");
	else if (r == 0 && s->exited)
		r = berr_set(&err, ESRCH, "container not running");
	else if (r == 0 && !strcmp(op, "exec"))
		r = req_exec(s, c, msg, &err);
	else if (r == 0)
		r = forward(s, c, msg, &err);
	if (r < 0)
		reply_err(c, &err);
	yajl_tree_free(msg);
}

bool shim_client_input(struct shim *s, struct shim_client *c)
{
	struct berr err;
	const char *data;
	uint32_t stream;
	size_t len;
	int r = proto_chan_fill(&c->chan, &err);

	if (r == -EAGAIN)
		return true;
	if (r <= 0)
		return false;
	while ((r = proto_chan_next(&c->chan, &stream, &data, &len, &err)) == 1)
		if (stream == 0)
			on_request(s, c, data, len);
	return r == 0;
}

void shim_client_reply(struct shim *s, struct shim_pending *p, yajl_val msg, const char *raw,
		       size_t len)
{
	struct shim_client *c = shim_client_find(s, p->client_fd);
	struct berr ignored;
	int i;

	char path[PATH_MAX + 16];

	if (p->kind == SHIM_REQ_START)
		log_debug("vm: started");
	if (p->kind == SHIM_REQ_START && proto_bool(msg, "ok")) {
		(void)snprintf(path, sizeof(path), "%s/" SHIM_VM_CREATED, s->a->state_dir);
		(void)unlink(path);
	}
	if (p->kind == SHIM_REQ_EXEC && !proto_bool(msg, "ok"))
		for (i = 0; i < SHIM_MAX_EXECS; i++)
			if (s->execs[i].ref && s->execs[i].ref == p->exec)
				drop_exec(s, &s->execs[i]);
	if (c)
		(void)proto_chan_queue(&c->chan, 0, raw, len, &ignored);
}

void shim_exec_exited(struct shim *s, uint32_t ref, const char *raw, size_t len)
{
	struct berr ignored;
	int i;

	for (i = 0; i < SHIM_MAX_EXECS; i++) {
		struct shim_client *c;

		if (s->execs[i].ref != ref)
			continue;
		c = shim_client_find(s, s->execs[i].client_fd);
		if (c)
			(void)proto_chan_queue(&c->chan, 0, raw, len, &ignored);
		drop_exec(s, &s->execs[i]);
		return;
	}
}
