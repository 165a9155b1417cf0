/* parse-caps: process.capabilities, five sets of CAP_* names resolved to bitmasks with libcap;
 * names newer than the running kernel are dropped, as runc does. Called by parse-process.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/capability.h>
#include <unistd.h>

#include "parse.h"
#include "../runtime/base/cleanup.h"

int cfg_last_cap(void)
{
	_cleanup_close_ int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
	char buf[16], *end;
	ssize_t n;
	long v;

	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		if (n > 0) {
			buf[n] = '\0';
			errno = 0;
			v = strtol(buf, &end, 10);
			if (errno == 0 && end != buf && v >= 0 && v < 64)
				return (int)v;
		}
	}
	/* no /proc (the guest agent before it mounts one): libcap probes with PR_CAPBSET_READ */
	return (int)cap_max_bits() - 1;
}

/* libcap also takes "chown" or "0"; the spec and runc take only the CAP_ names. */
static bool cap_shaped(const char *s)
{
	if (s[0] != 'C' || s[1] != 'A' || s[2] != 'P' || s[3] != '_' || !s[4])
		return false;
	for (s += 4; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static int parse_set(yajl_val caps, const char *path, const char *key, int last_cap,
		     struct cfg_strv *v, uint64_t *mask, struct berr *err)
{
	char p[CFG_PATH_MAX];
	cap_value_t c;
	int r;

	r = cfg_get_strv(caps, path, key, v, err);
	if (r < 0)
		return r;
	for (size_t i = 0; i < v->n; i++) {
		if (!cap_shaped(v->v[i]) || cap_from_name(v->v[i], &c) < 0 || c < 0 || c > 63)
			return cfg_err(err, cfg_path_idx(p, path, key, i),
				       "unknown capability \"%s\"", CFG_SHOW(v->v[i]));
		if (c > last_cap)
			continue; /* libcap knows it, this kernel does not */
		*mask |= UINT64_C(1) << c;
	}
	return 0;
}

int cfg_parse_caps(yajl_val o, const char *path, int last_cap, struct cfg_caps *c, struct berr *err)
{
	yajl_val caps = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "capabilities", &caps, err);
	if (r < 0 || !caps)
		return r;
	c->present = true;
	cfg_path(p, path, "capabilities");
	r = parse_set(caps, p, "bounding", last_cap, &c->bounding, &c->mask_bounding, err);
	if (r == 0)
		r = parse_set(caps, p, "effective", last_cap, &c->effective, &c->mask_effective,
			      err);
	if (r == 0)
		r = parse_set(caps, p, "inheritable", last_cap, &c->inheritable,
			      &c->mask_inheritable, err);
	if (r == 0)
		r = parse_set(caps, p, "permitted", last_cap, &c->permitted, &c->mask_permitted,
			      err);
	if (r == 0)
		r = parse_set(caps, p, "ambient", last_cap, &c->ambient, &c->mask_ambient, err);
	return r;
}
