/* cgroup-path: where a container's cgroup goes, as runc 1.1 computes it: linux.cgroupsPath
 * absolute (from each hierarchy's root), relative (to our own cgroup; on v2 to its parent),
 * empty (<own cgroup>/<id>), or with --systemd-cgroup "slice:prefix:name" expanded the way
 * systemd names units. Called by cgroup-setup.c. */
#include "cgroup-impl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mountinfo.h"

/* Cleans like runc's utils.CleanPath: "." and empty components go, ".." pops one, and a
 * relative path cannot climb above its base ("../a" is "a"). */
static int clean_path(const char *in, char *out, size_t len)
{
	size_t n = 0, k;
	const char *p = in;

	if (len < 2)
		return -ENAMETOOLONG;
	out[0] = '\0';
	while (*p) {
		while (*p == '/')
			p++;
		k = strcspn(p, "/");
		if (k == 0 || (k == 1 && p[0] == '.')) {
			p += k;
			continue;
		}
		if (k == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* the '/' before the popped component */
			out[n] = '\0';
			p += k;
			continue;
		}
		if (n + k + 2 > len)
			return -ENAMETOOLONG;
		if (n > 0)
			out[n++] = '/';
		memcpy(out + n, p, k);
		n += k;
		out[n] = '\0';
		p += k;
	}
	if (in[0] == '/') {
		if (n + 2 > len)
			return -ENAMETOOLONG;
		memmove(out + 1, out, n + 1);
		out[0] = '/';
	}
	return 0;
}

static bool is_systemd_form(const char *p)
{
	const char *a = strchr(p, ':'), *b = a ? strchr(a + 1, ':') : NULL;

	return b && !strchr(b + 1, ':') && !strchr(p, '/');
}

/* "a-b.slice" -> "/a.slice/a-b.slice" (systemd.slice(5)); "-.slice" is the root. */
static int expand_slice(const char *slice, char *out, size_t len, struct berr *err)
{
	size_t n = strlen(slice), i, used = 0;
	const size_t sfx = strlen(".slice");
	int k;

	out[0] = '\0';
	if (n <= sfx || strcmp(slice + n - sfx, ".slice") || strchr(slice, '/'))
		return berr_set(err, EINVAL, "linux.cgroupsPath: invalid slice name \"%s\"", slice);
	if (!strcmp(slice, "-.slice"))
		return 0;
	n -= sfx;
	if (slice[0] == '-' || slice[n - 1] == '-' || strstr(slice, "--"))
		return berr_set(err, EINVAL, "linux.cgroupsPath: invalid slice name \"%s\"", slice);
	for (i = 0; i <= n; i++) {
		if (i < n && slice[i] != '-')
			continue;
		k = snprintf(out + used, len - used, "/%.*s.slice", (int)i, slice);
		if (k < 0 || (size_t)k >= len - used)
			return berr_set(err, ENAMETOOLONG, "linux.cgroupsPath: too long");
		used += (size_t)k;
	}
	return 0;
}

static int systemd_path(const char *p, const char *id, char *ret, size_t len, struct berr *err)
{
	char slice[256] = "system.slice", prefix[256] = "runc", name[256], exp[1024];
	const char *a, *b;
	int n;

	(void)snprintf(name, sizeof(name), "%s", id);
	if (p) {
		a = strchr(p, ':');
		b = a ? strchr(a + 1, ':') : NULL;
		if (!b || strchr(b + 1, ':') || !b[1] || strchr(p, '/'))
			return berr_set(err, EINVAL,
					"linux.cgroupsPath: expected \"slice:prefix:name\" with "
					"--systemd-cgroup, got \"%s\"",
					p);
		if (a > p)
			(void)snprintf(slice, sizeof(slice), "%.*s", (int)(a - p), p);
		(void)snprintf(prefix, sizeof(prefix), "%.*s", (int)(b - a - 1), a + 1);
		(void)snprintf(name, sizeof(name), "%s", b + 1);
	}
	if (expand_slice(slice, exp, sizeof(exp), err) < 0)
		return -err->code;
	n = strlen(name) > 6 && !strcmp(name + strlen(name) - 6, ".slice")
		    ? snprintf(ret, len, "%s/%s", exp, name)
	    : prefix[0] ? snprintf(ret, len, "%s/%s-%s.scope", exp, prefix, name)
			: snprintf(ret, len, "%s/%s.scope", exp, name);
	if (n < 0 || (size_t)n >= len)
		return berr_set(err, ENAMETOOLONG, "linux.cgroupsPath: too long");
	return 0;
}

int rt_cg_inner_path(const struct rt_cg_where *w, char *ret, size_t len, struct berr *err)
{
	const char *p = w->cgroups_path && *w->cgroups_path ? w->cgroups_path : NULL;

	if (w->systemd) {
		if (!w->systemd_running)
			return berr_set(err, ENOTSUP,
					"--systemd-cgroup: systemd is not running on this host (no "
					"/run/systemd/system)");
		return systemd_path(p, w->id, ret, len, err);
	}
	if (p && is_systemd_form(p))
		return berr_set(err, EINVAL,
				"linux.cgroupsPath: \"%s\" is systemd's slice:prefix:name form; it "
				"needs --systemd-cgroup",
				p);
	if (clean_path(p ? p : w->id, ret, len) < 0)
		return berr_set(err, ENAMETOOLONG, "linux.cgroupsPath: too long");
	if (!ret[0] || !strcmp(ret, "/"))
		return berr_set(err, EINVAL,
				"linux.cgroupsPath: \"%s\" names the hierarchy's root or our own "
				"cgroup; it must name one below",
				p ? p : w->id);
	return 0;
}

/* /proc/self/cgroup: "N:ctrl,ctrl:/path" per hierarchy, "0::/path" for v2. */
static void parse_own(char *text, const char *own[RT_CG_NCTRL])
{
	char *line, *save = NULL, *ctrls, *path, *tok, *s2;
	int c;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		ctrls = strchr(line, ':');
		path = ctrls ? strchr(ctrls + 1, ':') : NULL;
		if (!path)
			continue;
		*ctrls++ = '\0';
		*path++ = '\0';
		if (!*ctrls) {
			own[RT_CG_UNIFIED] = path;
			continue;
		}
		s2 = NULL;
		for (tok = strtok_r(ctrls, ",", &s2); tok; tok = strtok_r(NULL, ",", &s2)) {
			c = rt_cg_ctrl_from_name(tok);
			if (c >= 0)
				own[c] = path;
		}
	}
}

/* The hierarchy-relative own path as seen under the mount (whose root may not be "/"). */
static const char *under_mount(const char *own, const char *mroot)
{
	if (!own || !own[0])
		return "/";
	if (!strcmp(mroot, "/"))
		return own;
	if (!rt_path_has_prefix(own, mroot))
		return "/"; /* outside what the mount shows (a cgroup namespace): its root */
	return own[strlen(mroot)] ? own + strlen(mroot) : "/";
}

static int one_path(const struct rt_cg_mounts *m, int c, const char *own, bool parent,
		    const char *inner, char *ret, struct berr *err)
{
	char base[PATH_MAX], rel[PATH_MAX];
	char *slash;

	if (inner[0] == '/') {
		if (rt_cg_join(ret, PATH_MAX, m->mnt[c], inner) < 0)
			return berr_set(err, ENAMETOOLONG, "linux.cgroupsPath: too long");
		return 0;
	}
	(void)snprintf(rel, sizeof(rel), "%s", under_mount(own, m->root[c]));
	/* v2 (runc): our own cgroup likely has processes, so the container goes beside it */
	if (parent && (slash = strrchr(rel, '/')) != NULL)
		slash[slash == rel ? 1 : 0] = '\0';
	if (rt_cg_join(base, sizeof(base), m->mnt[c], rel) < 0 ||
	    rt_cg_join(ret, PATH_MAX, base, inner) < 0)
		return berr_set(err, ENAMETOOLONG, "linux.cgroupsPath: too long");
	return 0;
}

int rt_cg_paths(const struct rt_cg_mounts *m, char *proc_cgroup, const char *inner,
		struct rt_cgroup *ret, struct berr *err)
{
	const char *own[RT_CG_NCTRL] = {0};
	int c, r;

	parse_own(proc_cgroup, own);
	memset(ret, 0, sizeof(*ret));
	ret->mode = m->mode;
	for (c = 0; c < RT_CG_NCTRL; c++) {
		if (!m->mnt[c][0] || (m->mode == RT_CGROUP_V2 && c != RT_CG_UNIFIED))
			continue;
		r = one_path(m, c, own[c], m->mode == RT_CGROUP_V2, inner, ret->path[c], err);
		if (r < 0)
			return r;
	}
	return 0;
}
