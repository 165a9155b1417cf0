/* mountinfo: parse proc(5) mountinfo lines, unescaping the octal escapes the kernel writes for
 * spaces, tabs, newlines and backslashes in paths. Called by the rootfs setup code. */
#include "mountinfo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"

#define MOUNTINFO_MAX (64u << 20) /* a bound on what we read, far above any real table */

/* Undoes the kernel's \ooo escapes in place. */
static void unescape(char *s)
{
	char *w = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*w++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 4;
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}

static char *next_field(char **p)
{
	char *s = *p, *e;

	if (!s)
		return NULL;
	e = strchr(s, ' ');
	if (e) {
		*e = '\0';
		*p = e + 1;
	} else {
		*p = NULL;
	}
	return s;
}

/* One line: id parent major:minor root mount-point mount-opts [optional...] - fstype source
 * super-opts */
static int parse_line(char *line, struct rt_mountinfo *m)
{
	char *p = line, *f[6], *sep;
	int i;

	for (i = 0; i < 6; i++) {
		f[i] = next_field(&p);
		if (!f[i])
			return -EINVAL;
	}
	/* optional fields ("shared:1 master:2") end at a lone "-"; escaped fields hold no spaces */
	if (p && strncmp(p, "- ", 2) == 0) {
		*p = '\0'; /* no optional fields: the "-" becomes an empty string */
		m->optional = p;
		p += 2;
	} else {
		sep = p ? strstr(p, " - ") : NULL;
		if (!sep)
			return -EINVAL;
		*sep = '\0';
		m->optional = p;
		p = sep + 3;
	}
	m->fstype = next_field(&p);
	m->source = next_field(&p);
	m->super_opts = next_field(&p);
	if (!m->fstype || !m->source || !m->super_opts)
		return -EINVAL;
	m->id = atoi(f[0]);
	m->parent = atoi(f[1]);
	m->root = f[3];
	m->mount_point = f[4];
	m->mount_opts = f[5];
	unescape(m->root);
	unescape(m->mount_point);
	unescape(m->source);
	unescape(m->super_opts);
	return 0;
}

int rt_mountinfo_parse(char *text, struct rt_mountinfo_table *ret, struct berr *err)
{
	struct rt_mountinfo *v = NULL, *nv;
	size_t n = 0, cap = 0;
	char *line, *save = NULL;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			nv = reallocarray(v, cap, sizeof(*v));
			if (!nv) {
				free(v);
				return berr_set(err, ENOMEM, "read mountinfo");
			}
			v = nv;
		}
		if (parse_line(line, &v[n]) < 0) {
			free(v);
			return berr_set(err, EINVAL, "mountinfo: malformed line %zu", n + 1);
		}
		n++;
	}
	ret->v = v;
	ret->n = n;
	return 0;
}

int rt_read_proc_file(const char *path, char **ret, struct berr *err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, cap = 0;
	char *nb;
	ssize_t k;

	if (fd < 0)
		return berr_sys(err, "open %s", path);
	for (;;) {
		if (cap - len < 4096) {
			if (cap >= MOUNTINFO_MAX)
				return berr_set(err, EFBIG, "read %s: larger than %u bytes", path,
						MOUNTINFO_MAX);
			cap = cap ? cap * 2 : 16384;
			nb = realloc(buf, cap + 1);
			if (!nb)
				return berr_set(err, ENOMEM, "read %s", path);
			buf = nb;
		}
		k = read(fd, buf + len, cap - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return berr_sys(err, "read %s", path);
		if (k == 0)
			break;
		len += (size_t)k;
	}
	buf[len] = '\0';
	*ret = TAKE_PTR(buf);
	return 0;
}

int rt_mountinfo_read(const char *path, struct rt_mountinfo_table *ret, struct berr *err)
{
	struct rt_mountinfo_table t = {0};
	int r;

	r = rt_read_proc_file(path, &t.buf, err);
	if (r < 0)
		return r;
	r = rt_mountinfo_parse(t.buf, &t, err);
	if (r < 0) {
		free(t.buf);
		return berr_prefix(err, "%s", path);
	}
	*ret = t;
	return 0;
}

void rt_mountinfo_free(struct rt_mountinfo_table *t)
{
	free(t->v);
	free(t->buf);
	t->v = NULL;
	t->buf = NULL;
	t->n = 0;
}

bool rt_opt_list_has(const char *opts, const char *opt)
{
	size_t n = strlen(opt);
	const char *p = opts;

	while (p && *p) {
		if (strncmp(p, opt, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

bool rt_path_has_prefix(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}
