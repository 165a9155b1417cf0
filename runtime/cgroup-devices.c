/* cgroup-devices: the device rules of a container as runc 1.1 builds them (deny everything,
 * then linux.resources.devices in order, then runc's default allowed devices, minus those a
 * linux.devices entry with the same path overrides), and their v1 form written to
 * devices.deny / devices.allow. The v2 form is cgroup-bpf.c. Called by cgroup-setup.c. */
#include "cgroup-impl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"

#define RWM (RT_CG_ACC_READ | RT_CG_ACC_WRITE | RT_CG_ACC_MKNOD)

struct default_dev {
	const char *path; /* NULL: not a node, never overridden */
	char type;
	int64_t major, minor;
	unsigned access;
};

/* runc's AllowedDevices (libcontainer/specconv), as `devices.list` shows them under runc 1.1 */
static const struct default_dev defaults[] = {
	{NULL, 'c', -1, -1, RT_CG_ACC_MKNOD}, /* mknod of any node; opening it is checked */
	{NULL, 'b', -1, -1, RT_CG_ACC_MKNOD},
	{"/dev/null", 'c', 1, 3, RWM},
	{"/dev/random", 'c', 1, 8, RWM},
	{"/dev/full", 'c', 1, 7, RWM},
	{"/dev/tty", 'c', 5, 0, RWM},
	{"/dev/zero", 'c', 1, 5, RWM},
	{"/dev/urandom", 'c', 1, 9, RWM},
	{NULL, 'c', 136, -1, RWM}, /* /dev/pts/N */
	{NULL, 'c', 5, 2, RWM},	   /* /dev/ptmx */
	{NULL, 'c', 10, 200, RWM}, /* /dev/net/tun */
};

static unsigned access_bits(const char *a)
{
	unsigned bits = 0;

	if (!a || !*a)
		return RWM;
	for (; *a; a++)
		bits |= *a == 'r' ? RT_CG_ACC_READ : *a == 'w' ? RT_CG_ACC_WRITE : RT_CG_ACC_MKNOD;
	return bits;
}

static bool overridden(const struct cfg_spec *spec, const char *path)
{
	size_t i;

	if (!path)
		return false;
	for (i = 0; i < spec->linux_.n_devices; i++)
		if (spec->linux_.devices[i].path && !strcmp(spec->linux_.devices[i].path, path))
			return true;
	return false;
}

int rt_cg_dev_rules(const struct cfg_spec *spec, struct rt_cg_dev_rule **ret, size_t *ret_n,
		    struct berr *err)
{
	const struct cfg_resources *res = &spec->linux_.resources;
	struct rt_cg_dev_rule *v;
	size_t n = 0, i;

	v = calloc(1 + res->n_devices + ARRAY_SIZE(defaults), sizeof(*v));
	if (!v)
		return berr_set(err, ENOMEM, "linux.resources.devices: out of memory");
	v[n++] = (struct rt_cg_dev_rule){false, 'a', -1, -1, RWM};
	for (i = 0; i < res->n_devices; i++) {
		const struct cfg_dev_cgroup *d = &res->devices[i];

		v[n++] = (struct rt_cg_dev_rule){
			.allow = d->allow,
			.type = d->type ? d->type : 'a',
			.major = d->major.set && d->major.v >= 0 ? d->major.v : -1,
			.minor = d->minor.set && d->minor.v >= 0 ? d->minor.v : -1,
			.access = access_bits(d->access),
		};
	}
	for (i = 0; i < ARRAY_SIZE(defaults); i++) {
		if (overridden(spec, defaults[i].path))
			continue;
		v[n++] = (struct rt_cg_dev_rule){true, defaults[i].type, defaults[i].major,
						 defaults[i].minor, defaults[i].access};
	}
	*ret = v;
	*ret_n = n;
	return 0;
}

static void rule_text(const struct rt_cg_dev_rule *r, char *buf, size_t len)
{
	char maj[24] = "*", min[24] = "*", acc[4];
	size_t k = 0;

	if (r->type == 'a') {
		/* the kernel reads "a" as every device with every access, whatever follows */
		(void)snprintf(buf, len, "a");
		return;
	}
	if (r->major >= 0)
		(void)snprintf(maj, sizeof(maj), "%" PRId64, r->major);
	if (r->minor >= 0)
		(void)snprintf(min, sizeof(min), "%" PRId64, r->minor);
	if (r->access & RT_CG_ACC_READ)
		acc[k++] = 'r';
	if (r->access & RT_CG_ACC_WRITE)
		acc[k++] = 'w';
	if (r->access & RT_CG_ACC_MKNOD)
		acc[k++] = 'm';
	acc[k] = '\0';
	(void)snprintf(buf, len, "%c %s:%s %s", r->type, maj, min, acc);
}

int rt_cg_v1_devices(const char *dir, const struct rt_cg_dev_rule *rules, size_t n,
		     struct berr *err)
{
	char line[80], what[128];
	size_t i;
	int r;

	if (!dir[0])
		return berr_set(err, ENOTSUP,
				"linux.resources.devices: no devices cgroup controller on this "
				"host; refusing to run without device confinement");
	for (i = 0; i < n; i++) {
		rule_text(&rules[i], line, sizeof(line));
		(void)snprintf(what, sizeof(what), "linux.resources.devices: rule \"%s\"", line);
		r = rt_cg_write(dir, rules[i].allow ? "devices.allow" : "devices.deny", line, what,
				err);
		if (r < 0)
			return r;
	}
	return 0;
}
