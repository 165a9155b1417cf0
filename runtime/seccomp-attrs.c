/* seccomp-attrs: the filter-wide part of linux.seccomp on a new libseccomp context: attributes,
 * architectures and flags (rt_seccomp_set_attrs). Called by seccomp-filter.c. */
#include "seccomp.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"

#define SC "linux.seccomp"

/* libseccomp >= 2.6 carries SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV as a filter attribute */
#if SCMP_VER_MAJOR > 2 || (SCMP_VER_MAJOR == 2 && SCMP_VER_MINOR >= 6)
#define HAVE_WAITKILL 1
#endif

static const char *show(const char *s)
{
	return s ? s : "(null)";
}

/* "SCMP_ARCH_X86_64" -> libseccomp's "x86_64"; 0 when libseccomp does not know it */
static uint32_t arch_token(const char *name)
{
	static const char prefix[] = "SCMP_ARCH_";
	char buf[32];
	size_t i;

	if (!name || strncmp(name, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	name += sizeof(prefix) - 1;
	if (!*name || strlen(name) >= sizeof(buf))
		return 0;
	for (i = 0; name[i]; i++)
		buf[i] = (char)tolower((unsigned char)name[i]);
	buf[i] = '\0';
	return seccomp_arch_resolve_name(buf);
}

static int add_arches(scmp_filter_ctx ctx, const struct cfg_seccomp *s, struct berr *err)
{
	const struct scmp_version *v = seccomp_version();
	uint32_t token;
	size_t i;
	int r;

	for (i = 0; i < s->architectures.n; i++) {
		const char *name = s->architectures.v[i];

		token = arch_token(name);
		if (!token)
			return berr_set(err, EINVAL,
					SC ".architectures[%zu]: \"%.64s\" unknown to libseccomp "
					   "%u.%u.%u",
					i, show(name), v->major, v->minor, v->micro);
		/* the native architecture is already in the filter */
		r = seccomp_arch_add(ctx, token);
		if (r < 0 && r != -EEXIST)
			return berr_sys_code(err, -r, SC ".architectures[%zu]: add %s", i, name);
	}
	return 0;
}

static int set_wait_killable(scmp_filter_ctx ctx, bool notify, const char *path, struct berr *err)
{
	/* the kernel takes the flag only with a listener (EINVAL otherwise) */
	if (!notify) {
		log_debug("seccomp: %s: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV only applies to "
			  "SCMP_ACT_NOTIFY; ignored",
			  path);
		return 0;
	}
#ifdef HAVE_WAITKILL
	int r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_WAITKILL, 1);

	if (r < 0)
		return berr_sys_code(
			err, -r, "%s: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (needs Linux 5.19)",
			path);
	return 0;
#else
	(void)ctx;
	return berr_set(err, EOPNOTSUPP,
			"%s: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV needs libseccomp 2.6 or later "
			"(berth is built with %d.%d.%d)",
			path, SCMP_VER_MAJOR, SCMP_VER_MINOR, SCMP_VER_MICRO);
#endif
}

static int set_flags(scmp_filter_ctx ctx, const struct cfg_seccomp *s, struct berr *err)
{
	char path[48];
	size_t i;
	int r;

	for (i = 0; i < s->flags.n; i++) {
		const char *f = show(s->flags.v[i]);

		(void)snprintf(path, sizeof(path), SC ".flags[%zu]", i);
		if (strcmp(f, "SECCOMP_FILTER_FLAG_TSYNC") == 0) {
			/* the init is single-threaded, and execve ends any other thread */
			log_debug("seccomp: %s: %s ignored, as runc does", path, f);
			continue;
		}
		if (strcmp(f, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV") == 0) {
			r = set_wait_killable(ctx, rt_seccomp_uses_notify(s), path, err);
			if (r < 0)
				return r;
			continue;
		}
		if (strcmp(f, "SECCOMP_FILTER_FLAG_LOG") == 0)
			r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, 1);
		else if (strcmp(f, "SECCOMP_FILTER_FLAG_SPEC_ALLOW") == 0)
			r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_SSB, 1);
		else
			return berr_set(err, EINVAL, "%s: unknown flag \"%.64s\"", path, f);
		if (r < 0)
			return berr_sys_code(err, -r, "%s: set %s", path, f);
	}
	return 0;
}

int rt_seccomp_set_attrs(scmp_filter_ctx ctx, const struct cfg_seccomp *s, struct berr *err)
{
	int r;

	/* no_new_privs follows process.noNewPrivileges alone; libseccomp would set it on load */
	r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (r < 0)
		return berr_sys_code(err, -r, SC ": clear the filter's no_new_privs attribute");
	/* report the kernel's errno from seccomp_load(), not libseccomp's ECANCELED */
	r = seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1);
	if (r < 0)
		log_debug("seccomp: raw return codes unavailable: %s", strerror(-r));
	/* a binary tree of syscalls for long profiles (libseccomp <= 2.5.4 misbehaves on an
	 * empty one, hence the threshold, as in runc) */
	if (s->n_syscalls > 32) {
		r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
		if (r < 0)
			log_debug("seccomp: binary tree optimization unavailable: %s",
				  strerror(-r));
	}
	r = add_arches(ctx, s, err);
	return r < 0 ? r : set_flags(ctx, s, err);
}
