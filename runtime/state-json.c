/* state-json: state.json and the runtime-spec state document, written with yajl_gen and
 * read back with yajl_tree. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "base/cleanup.h"

#define OCI_VERSION "1.2.0"

static void gen_str(yajl_gen g, const char *s)
{
	(void)yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

static void gen_kv(yajl_gen g, const char *k, const char *v)
{
	gen_str(g, k);
	gen_str(g, v);
}

/* isolation: when set, the annotation berth.isolation says which one the container got
 * (whatever config.json asked for), so `berth state` shows it. */
static void gen_annotations(yajl_gen g, const struct cfg_map *m, const char *isolation)
{
	size_t i;

	gen_str(g, "annotations");
	(void)yajl_gen_map_open(g);
	for (i = 0; i < m->n; i++)
		if (!isolation || strcmp(m->v[i].key, "berth.isolation"))
			gen_kv(g, m->v[i].key, m->v[i].value);
	if (isolation)
		gen_kv(g, "berth.isolation", isolation[0] ? isolation : "container");
	(void)yajl_gen_map_close(g);
}

static char *gen_finish(yajl_gen g)
{
	const unsigned char *buf;
	size_t len;
	char *out = NULL;

	if (yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok)
		out = strndup((const char *)buf, len);
	yajl_gen_free(g);
	return out;
}

char *rt_state_to_json(const struct rt_state *st, enum rt_status status)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (!g)
		return NULL;
	(void)yajl_gen_config(g, yajl_gen_beautify, 1);
	(void)yajl_gen_config(g, yajl_gen_indent_string, "  ");
	(void)yajl_gen_map_open(g);
	gen_kv(g, "ociVersion", OCI_VERSION);
	gen_kv(g, "id", st->id);
	gen_kv(g, "status", rt_status_name(status));
	gen_str(g, "pid");
	(void)yajl_gen_integer(g, status == RT_STATUS_STOPPED ? 0 : st->pid);
	gen_kv(g, "bundle", st->bundle);
	gen_kv(g, "rootfs", st->rootfs);
	gen_kv(g, "created", st->created);
	gen_kv(g, "owner", "");
	gen_annotations(g, &st->annotations, st->isolation);
	(void)yajl_gen_map_close(g);
	return gen_finish(g);
}

static char *state_file_json(const struct rt_state *st)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (!g)
		return NULL;
	(void)yajl_gen_map_open(g);
	gen_kv(g, "id", st->id);
	gen_str(g, "pid");
	(void)yajl_gen_integer(g, st->pid);
	gen_str(g, "start_time");
	(void)yajl_gen_integer(g, (long long)st->start_time);
	gen_kv(g, "bundle", st->bundle);
	gen_kv(g, "rootfs", st->rootfs);
	gen_kv(g, "isolation", st->isolation);
	gen_kv(g, "created", st->created);
	gen_str(g, "owner");
	(void)yajl_gen_integer(g, st->owner);
	gen_annotations(g, &st->annotations, NULL);
	(void)yajl_gen_map_close(g);
	return gen_finish(g);
}

int rt_state_write(int dirfd, const struct rt_state *st, struct berr *err)
{
	_cleanup_free_ char *json = state_file_json(st);
	_cleanup_close_ int fd = -1;
	size_t len;

	if (!json)
		return berr_set(err, ENOMEM, "serialize state of %s", st->id);
	fd = openat(dirfd, "state.json.tmp", O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
		    0600);
	if (fd < 0)
		return berr_sys(err, "write state of %s", st->id);
	len = strlen(json);
	if (write(fd, json, len) != (ssize_t)len)
		return berr_sys(err, "write state of %s", st->id);
	if (renameat(dirfd, "state.json.tmp", dirfd, RT_STATE_FILE) < 0)
		return berr_sys(err, "rename state of %s", st->id);
	return 0;
}

static void copy_str(yajl_val root, const char *key, char *dst, size_t len)
{
	const char *path[] = {key, NULL};
	yajl_val v = yajl_tree_get(root, path, yajl_t_string);

	if (v)
		(void)snprintf(dst, len, "%s", YAJL_GET_STRING(v));
}

static long long get_int(yajl_val root, const char *key)
{
	const char *path[] = {key, NULL};
	yajl_val v = yajl_tree_get(root, path, yajl_t_number);

	return v && YAJL_IS_INTEGER(v) ? YAJL_GET_INTEGER(v) : 0;
}

static int read_annotations(yajl_val root, struct cfg_map *m)
{
	const char *path[] = {"annotations", NULL};
	yajl_val v = yajl_tree_get(root, path, yajl_t_object);
	size_t i;

	if (!v || !YAJL_GET_OBJECT(v)->len)
		return 0;
	m->v = calloc(YAJL_GET_OBJECT(v)->len, sizeof(*m->v));
	if (!m->v)
		return -ENOMEM;
	for (i = 0; i < YAJL_GET_OBJECT(v)->len; i++) {
		yajl_val val = YAJL_GET_OBJECT(v)->values[i];

		m->v[m->n].key = strdup(YAJL_GET_OBJECT(v)->keys[i]);
		m->v[m->n].value = strdup(YAJL_IS_STRING(val) ? YAJL_GET_STRING(val) : "");
		m->n++;
		if (!m->v[m->n - 1].key || !m->v[m->n - 1].value)
			return -ENOMEM;
	}
	return 0;
}

int rt_state_read(int dirfd, struct rt_state *ret, struct berr *err)
{
	_cleanup_close_ int fd = openat(dirfd, RT_STATE_FILE, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char buf[65536], ebuf[128];
	struct rt_state st = {0};
	yajl_val root;
	ssize_t n;
	int r;

	if (fd < 0)
		return berr_sys(err, "read %s", RT_STATE_FILE);
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0)
		return berr_sys(err, "read %s", RT_STATE_FILE);
	buf[n] = '\0';
	root = yajl_tree_parse(buf, ebuf, sizeof(ebuf));
	if (!root)
		return berr_set(err, EIO, "%s: invalid JSON", RT_STATE_FILE);
	copy_str(root, "id", st.id, sizeof(st.id));
	copy_str(root, "bundle", st.bundle, sizeof(st.bundle));
	copy_str(root, "rootfs", st.rootfs, sizeof(st.rootfs));
	copy_str(root, "isolation", st.isolation, sizeof(st.isolation));
	copy_str(root, "created", st.created, sizeof(st.created));
	st.pid = (pid_t)get_int(root, "pid");
	st.start_time = (uint64_t)get_int(root, "start_time");
	st.owner = (uid_t)get_int(root, "owner");
	r = read_annotations(root, &st.annotations);
	yajl_tree_free(root);
	if (r < 0) {
		rt_state_clear(&st);
		return berr_set(err, -r, "read annotations of %s", st.id);
	}
	*ret = st;
	return 0;
}

void rt_state_clear(struct rt_state *st)
{
	size_t i;

	for (i = 0; i < st->annotations.n; i++) {
		free(st->annotations.v[i].key);
		free(st->annotations.v[i].value);
	}
	free(st->annotations.v);
	st->annotations.v = NULL;
	st->annotations.n = 0;
}
