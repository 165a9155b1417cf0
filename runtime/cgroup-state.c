/* cgroup-state: the container's cgroup recorded in its state directory as cgroup.json
 * ({"mode":"v1","paths":{"memory":"/sys/fs/cgroup/memory/c1",...},"created":{...}}), written
 * by create, read by every command that acts on the cgroup. */
#include "cgroup-impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "base/cleanup.h"

#define STATE_MAX (1u << 20)

static const char *const mode_names[] = {"none", "v1", "hybrid", "v2"};

static const char *key_of(int c)
{
	return c == RT_CG_UNIFIED ? "unified" : rt_cg_ctrl_name(c);
}

static void gen_str(yajl_gen g, const char *s)
{
	(void)yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

static void gen_body(yajl_gen g, const struct rt_cgroup *cg)
{
	int c;

	(void)yajl_gen_map_open(g);
	gen_str(g, "mode");
	gen_str(g, mode_names[cg->mode]);
	gen_str(g, "paths");
	(void)yajl_gen_map_open(g);
	for (c = 0; c < RT_CG_NCTRL; c++) {
		if (!cg->path[c][0])
			continue;
		gen_str(g, key_of(c));
		gen_str(g, cg->path[c]);
	}
	(void)yajl_gen_map_close(g);
	gen_str(g, "created");
	(void)yajl_gen_map_open(g);
	for (c = 0; c < RT_CG_NCTRL; c++) {
		if (!cg->path[c][0] || !cg->created[c])
			continue;
		gen_str(g, key_of(c));
		(void)yajl_gen_integer(g, cg->created[c]);
	}
	(void)yajl_gen_map_close(g);
	(void)yajl_gen_map_close(g);
}

static int write_all(int fd, const unsigned char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int rt_cgroup_save(int statefd, const struct rt_cgroup *cg, struct berr *err)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	_cleanup_close_ int fd = -1;
	const unsigned char *buf;
	size_t len;
	int r;

	if (!g)
		return berr_set(err, ENOMEM, "write %s", RT_CGROUP_FILE);
	gen_body(g, cg);
	if (yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok) {
		yajl_gen_free(g);
		return berr_set(err, EIO, "write %s: cannot encode", RT_CGROUP_FILE);
	}
	fd = openat(statefd, RT_CGROUP_FILE ".tmp",
		    O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	r = fd < 0 ? -errno : write_all(fd, buf, len);
	yajl_gen_free(g);
	/* no fsync, as state.json: state lives on a tmpfs (/run) and dies with a reboot anyway */
	if (r == 0 && renameat(statefd, RT_CGROUP_FILE ".tmp", statefd, RT_CGROUP_FILE) < 0)
		r = -errno;
	if (r < 0) {
		(void)unlinkat(statefd, RT_CGROUP_FILE ".tmp", 0);
		return berr_sys_code(err, -r, "write %s", RT_CGROUP_FILE);
	}
	return 0;
}

static int read_file(int statefd, char **ret, struct berr *err)
{
	_cleanup_close_ int fd = openat(statefd, RT_CGROUP_FILE, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	_cleanup_free_ char *buf = NULL;
	size_t len = 0;
	ssize_t n;

	if (fd < 0) {
		if (errno == ENOENT)
			return berr_set(err, ENOENT, "the container has no cgroup");
		return berr_sys(err, "read %s", RT_CGROUP_FILE);
	}
	buf = malloc(STATE_MAX + 1);
	if (!buf)
		return berr_set(err, ENOMEM, "read %s", RT_CGROUP_FILE);
	while (len < STATE_MAX) {
		n = read(fd, buf + len, STATE_MAX - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return berr_sys(err, "read %s", RT_CGROUP_FILE);
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*ret = TAKE_PTR(buf);
	return 0;
}

/* absolute, without ".." components: the file is ours, but destroy rmdirs what it names */
static bool path_ok(const char *p)
{
	size_t n = strlen(p);

	return p[0] == '/' && n < PATH_MAX && !strstr(p, "/../") &&
	       !(n >= 3 && !strcmp(p + n - 3, "/.."));
}

static int load_paths(yajl_val paths, yajl_val created, struct rt_cgroup *cg, struct berr *err)
{
	size_t i;
	int c;

	for (i = 0; i < paths->u.object.len; i++) {
		const char *k = paths->u.object.keys[i];
		const char *v = YAJL_IS_STRING(paths->u.object.values[i])
					? paths->u.object.values[i]->u.string
					: "";

		c = !strcmp(k, "unified") ? RT_CG_UNIFIED : rt_cg_ctrl_from_name(k);
		if (c < 0 || !path_ok(v))
			return berr_set(err, EINVAL, "%s: bad path for \"%s\"", RT_CGROUP_FILE, k);
		strcpy(cg->path[c], v);
	}
	for (i = 0; created && i < created->u.object.len; i++) {
		const char *k = created->u.object.keys[i];
		yajl_val v = created->u.object.values[i];

		c = !strcmp(k, "unified") ? RT_CG_UNIFIED : rt_cg_ctrl_from_name(k);
		if (c >= 0 && YAJL_IS_INTEGER(v) && YAJL_GET_INTEGER(v) >= 0 &&
		    YAJL_GET_INTEGER(v) < 256)
			cg->created[c] = (unsigned char)YAJL_GET_INTEGER(v);
	}
	return 0;
}

int rt_cgroup_load(int statefd, struct rt_cgroup *ret, struct berr *err)
{
	const char *mode_path[] = {"mode", NULL};
	const char *paths_path[] = {"paths", NULL};
	const char *created_path[] = {"created", NULL};
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	_cleanup_free_ char *text = NULL;
	yajl_val doc, mode, paths, created;
	size_t i;
	int r;

	if (!cg)
		return berr_set(err, ENOMEM, "read %s", RT_CGROUP_FILE);
	r = read_file(statefd, &text, err);
	if (r < 0)
		return r;
	doc = yajl_tree_parse(text, NULL, 0);
	if (!doc)
		return berr_set(err, EINVAL, "read %s: invalid JSON", RT_CGROUP_FILE);
	mode = yajl_tree_get(doc, mode_path, yajl_t_string);
	paths = yajl_tree_get(doc, paths_path, yajl_t_object);
	created = yajl_tree_get(doc, created_path, yajl_t_object);
	r = -EINVAL;
	for (i = 0; mode && i < ARRAY_SIZE(mode_names); i++)
		if (!strcmp(mode->u.string, mode_names[i])) {
			cg->mode = (enum rt_cgroup_mode)i;
			r = 0;
		}
	if (r < 0 || !paths)
		r = berr_set(err, EINVAL, "read %s: no mode or paths", RT_CGROUP_FILE);
	else
		r = load_paths(paths, created, cg, err);
	yajl_tree_free(doc);
	if (r == 0)
		memcpy(ret, cg, sizeof(*ret));
	return r;
}
