/* seccomp-notify: hands the seccomp notify fd to the agent at linux.seccomp.listenerPath with
 * the runtime-spec "container process state" (rt_seccomp_send_listener). Called on the host by
 * the parent of the container init, which receives the fd from init over the sync socket. */
#include "seccomp.h"
#include "sync.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "base/cleanup.h"

#define LP		"linux.seccomp.listenerPath"
#define JSON_DEPTH	16	    /* state JSON nests 2 deep; anything deeper is not ours */
#define SECCOMP_FD_NAME "seccompFd" /* runtime-spec: the name of the notify fd in "fds" */

static bool has_known_name(const struct cfg_seccomp_syscall *sc)
{
	size_t k;

	for (k = 0; k < sc->names.n; k++)
		if (sc->names.v[k] &&
		    seccomp_syscall_resolve_name(sc->names.v[k]) != __NR_SCMP_ERROR)
			return true;
	return false;
}

bool rt_seccomp_uses_notify(const struct cfg_seccomp *s)
{
	size_t i;

	for (i = 0; s->present && i < s->n_syscalls; i++)
		if (s->syscalls[i].action &&
		    strcmp(s->syscalls[i].action, "SCMP_ACT_NOTIFY") == 0 &&
		    has_known_name(&s->syscalls[i]))
			return true;
	return false;
}

static void gen_str(yajl_gen g, const char *s)
{
	(void)yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

/* Writes the parsed value v back out; numbers keep their text. */
static bool gen_value(yajl_gen g, yajl_val v, int depth)
{
	size_t i;
	bool ok = depth < JSON_DEPTH;

	if (!ok)
		return false;
	if (YAJL_IS_STRING(v)) {
		gen_str(g, v->u.string);
	} else if (YAJL_IS_NUMBER(v)) {
		(void)yajl_gen_number(g, v->u.number.r, strlen(v->u.number.r));
	} else if (YAJL_IS_OBJECT(v)) {
		(void)yajl_gen_map_open(g);
		for (i = 0; ok && i < v->u.object.len; i++) {
			gen_str(g, v->u.object.keys[i]);
			ok = gen_value(g, v->u.object.values[i], depth + 1);
		}
		(void)yajl_gen_map_close(g);
	} else if (YAJL_IS_ARRAY(v)) {
		(void)yajl_gen_array_open(g);
		for (i = 0; ok && i < v->u.array.len; i++)
			ok = gen_value(g, v->u.array.values[i], depth + 1);
		(void)yajl_gen_array_close(g);
	} else if (YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v)) {
		(void)yajl_gen_bool(g, YAJL_IS_TRUE(v));
	} else {
		(void)yajl_gen_null(g);
	}
	return ok;
}

/* {"ociVersion", "fds": ["seccompFd"], "pid", "metadata", "state"}: runtime-spec
 * runtime.md / config-linux.md (seccomp listenerPath); pid and ociVersion come from state. */
static int gen_process_state(yajl_gen g, const struct cfg_seccomp *s, yajl_val state)
{
	const char *pid_path[] = {"pid", NULL}, *ver_path[] = {"ociVersion", NULL};
	yajl_val pid = yajl_tree_get(state, pid_path, yajl_t_number);
	yajl_val ver = yajl_tree_get(state, ver_path, yajl_t_string);

	if (!YAJL_IS_OBJECT(state) || !pid || !YAJL_IS_INTEGER(pid) || !ver)
		return -EINVAL;
	(void)yajl_gen_map_open(g);
	gen_str(g, "ociVersion");
	gen_str(g, ver->u.string);
	gen_str(g, "fds");
	(void)yajl_gen_array_open(g);
	gen_str(g, SECCOMP_FD_NAME);
	(void)yajl_gen_array_close(g);
	gen_str(g, "pid");
	(void)yajl_gen_integer(g, YAJL_GET_INTEGER(pid));
	/* omitted when empty, as runc's specs-go does */
	if (s->listener_metadata && *s->listener_metadata) {
		gen_str(g, "metadata");
		gen_str(g, s->listener_metadata);
	}
	gen_str(g, "state");
	if (!gen_value(g, state, 0))
		return -EINVAL;
	(void)yajl_gen_map_close(g);
	return 0;
}

static int build_message(const struct cfg_seccomp *s, const char *state_json, char **ret,
			 size_t *ret_len, struct berr *err)
{
	yajl_val state = yajl_tree_parse(state_json ? state_json : "", NULL, 0);
	yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *buf;
	size_t len;
	int r = g ? 0 : -ENOMEM;

	if (r == 0 && !state)
		r = -EINVAL;
	if (r == 0)
		r = gen_process_state(g, s, state);
	if (r == 0 && yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok)
		r = -ENOMEM;
	if (r == 0) {
		*ret = strndup((const char *)buf, len);
		r = *ret ? 0 : -ENOMEM;
		*ret_len = len;
	}
	if (g)
		yajl_gen_free(g);
	if (state)
		yajl_tree_free(state);
	if (r == -EINVAL)
		return berr_set(err, EINVAL, LP ": container state is not a state document");
	if (r < 0)
		return berr_set(err, ENOMEM, LP ": build container process state: out of memory");
	return 0;
}

static int connect_listener(const char *path, struct berr *err)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	_cleanup_close_ int fd = -1;

	if (!path || !*path)
		return berr_set(err, EINVAL, LP ": required when SCMP_ACT_NOTIFY is used");
	if (strlen(path) >= sizeof(sa.sun_path))
		return berr_set(err, ENAMETOOLONG, LP ": %s is longer than %zu bytes", path,
				sizeof(sa.sun_path) - 1);
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return berr_sys(err, LP ": socket");
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return berr_sys(err, LP ": connect to %s", path);
	return TAKE_FD(fd);
}

int rt_seccomp_send_listener(const struct cfg_seccomp *s, const char *state_json, int notify_fd,
			     struct berr *err)
{
	_cleanup_free_ char *msg = NULL;
	_cleanup_close_ int sock = -1;
	size_t len = 0;
	int r;

	if (notify_fd < 0)
		return berr_set(err, EBADF, LP ": no seccomp notify fd to send");
	r = build_message(s, state_json, &msg, &len, err);
	if (r < 0)
		return r;
	sock = connect_listener(s->listener_path, err);
	if (sock < 0)
		return sock;
	/* the whole message rides with the fd in one sendmsg() where the socket takes it */
	if (rt_send_fd_msg(sock, notify_fd, msg, len, err) < 0)
		return berr_prefix(err, LP ": send the seccomp fd");
	return 0;
}
