/* seccomp-filter: builds the libseccomp filter of linux.seccomp (rt_seccomp_prepare): default
 * action, the filter-wide attributes (seccomp-attrs.c), then one rule per syscall name. Called by
 * the container init and by exec. */
#include "seccomp.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/log.h"

#define SC	 "linux.seccomp"
#define RET_MAX	 0xffffu /* SECCOMP_RET_DATA: the errno (or the tracer's message) is 16 bits */
#define ARGS_MAX 6	 /* argument registers of a syscall */

struct action {
	const char *name;
	uint32_t act;
	bool takes_errno;
};

/* SCMP_ACT_KILL is SECCOMP_RET_KILL_THREAD, in the kernel as in runc */
static const struct action actions[] = {
	{"SCMP_ACT_KILL", SCMP_ACT_KILL_THREAD, false},
	{"SCMP_ACT_KILL_THREAD", SCMP_ACT_KILL_THREAD, false},
	{"SCMP_ACT_KILL_PROCESS", SCMP_ACT_KILL_PROCESS, false},
	{"SCMP_ACT_TRAP", SCMP_ACT_TRAP, false},
	{"SCMP_ACT_ERRNO", SCMP_ACT_ERRNO(0), true},
	{"SCMP_ACT_TRACE", SCMP_ACT_TRACE(0), true},
	{"SCMP_ACT_ALLOW", SCMP_ACT_ALLOW, false},
	{"SCMP_ACT_LOG", SCMP_ACT_LOG, false},
	{"SCMP_ACT_NOTIFY", SCMP_ACT_NOTIFY, false},
};

static const struct {
	const char *name;
	enum scmp_compare op;
} ops[] = {
	{"SCMP_CMP_NE", SCMP_CMP_NE},
	{"SCMP_CMP_LT", SCMP_CMP_LT},
	{"SCMP_CMP_LE", SCMP_CMP_LE},
	{"SCMP_CMP_EQ", SCMP_CMP_EQ},
	{"SCMP_CMP_GE", SCMP_CMP_GE},
	{"SCMP_CMP_GT", SCMP_CMP_GT},
	{"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
};

static const char *show(const char *s)
{
	return s ? s : "(null)";
}

/* The action named at <path>.<akey> with the errno at <path>.<ekey>; errno defaults to EPERM
 * (runtime-spec config-linux.md, defaultErrnoRet and errnoRet). */
static int resolve_action(const char *name, const struct cfg_opt_u64 *errno_ret, const char *path,
			  const char *akey, const char *ekey, uint32_t *ret, struct berr *err)
{
	const struct action *a = NULL;
	uint64_t e = errno_ret->set ? errno_ret->v : EPERM;
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(actions); i++)
		if (strcmp(actions[i].name, name) == 0)
			a = &actions[i];
	if (!a)
		return berr_set(err, EINVAL, "%s.%s: unknown action \"%.64s\"", path, akey,
				show(name));
	if (!a->takes_errno) {
		if (errno_ret->set)
			return berr_set(err, EINVAL,
					"%s.%s: only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE",
					path, ekey);
		*ret = a->act;
		return 0;
	}
	/* SCMP_ACT_ERRNO(x) keeps the low 16 bits: a larger value would silently change */
	if (e > RET_MAX)
		return berr_set(err, ERANGE, "%s.%s: %llu is above %u", path, ekey,
				(unsigned long long)e, RET_MAX);
	*ret = a->act | (uint32_t)e;
	return 0;
}

static bool op_from_name(const char *name, enum scmp_compare *ret)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(ops); i++)
		if (strcmp(ops[i].name, name) == 0) {
			*ret = ops[i].op;
			return true;
		}
	return false;
}

/* Fills conds from the rule's args. *ret_split says two conditions test the same argument:
 * libseccomp cannot AND those, so each becomes a rule of its own (ORed), as runc does. */
static int resolve_args(const struct cfg_seccomp_syscall *sc, const char *path,
			struct scmp_arg_cmp *conds, bool *ret_split, struct berr *err)
{
	unsigned int seen = 0;
	bool split = false;
	size_t j;

	for (j = 0; j < sc->n_args; j++) {
		const struct cfg_seccomp_arg *a = &sc->args[j];
		enum scmp_compare op;

		if (!op_from_name(a->op, &op))
			return berr_set(err, EINVAL, "%s.args[%zu].op: unknown operator \"%.64s\"",
					path, j, show(a->op));
		if (a->index >= ARGS_MAX)
			return berr_set(err, EINVAL, "%s.args[%zu].index: must be between 0 and 5",
					path, j);
		split = split || (seen & (1u << a->index));
		seen |= 1u << a->index;
		/* for SCMP_CMP_MASKED_EQ value is the mask and valueTwo the value */
		conds[j] = (struct scmp_arg_cmp){
			.arg = a->index,
			.op = op,
			.datum_a = a->value,
			.datum_b = a->value_two,
		};
	}
	*ret_split = split;
	return 0;
}

static int add_rule(scmp_filter_ctx ctx, uint32_t act, int nr, const struct scmp_arg_cmp *conds,
		    size_t n, bool split)
{
	size_t j;
	int r;

	if (!split)
		return seccomp_rule_add_array(ctx, act, nr, (unsigned int)n, conds);
	for (j = 0; j < n; j++) {
		r = seccomp_rule_add_array(ctx, act, nr, 1, &conds[j]);
		if (r < 0)
			return r;
	}
	return 0;
}

static int add_syscall(scmp_filter_ctx ctx, const struct cfg_seccomp_syscall *sc, size_t i,
		       uint32_t def, struct berr *err)
{
	_cleanup_free_ struct scmp_arg_cmp *conds = NULL;
	char path[64];
	bool split = false;
	uint32_t act;
	size_t k;
	int r, nr;

	(void)snprintf(path, sizeof(path), SC ".syscalls[%zu]", i);
	r = resolve_action(sc->action, &sc->errno_ret, path, "action", "errnoRet", &act, err);
	if (r < 0)
		return r;
	if (act == SCMP_ACT_NOTIFY && seccomp_api_get() < 5)
		return berr_set(err, EOPNOTSUPP,
				"%s.action: SCMP_ACT_NOTIFY needs Linux 5.0 and libseccomp 2.5 or "
				"later (libseccomp API level %u)",
				path, seccomp_api_get());
	if (sc->n_args) {
		conds = calloc(sc->n_args, sizeof(*conds));
		if (!conds)
			return berr_set(err, ENOMEM, "%s.args: out of memory", path);
		r = resolve_args(sc, path, conds, &split, err);
		if (r < 0)
			return r;
	}
	/* libseccomp refuses a rule that repeats the default action; it would change nothing */
	if (act == def) {
		log_debug("seccomp: %s has the default action; skipped", path);
		return 0;
	}
	for (k = 0; k < sc->names.n; k++) {
		const char *name = sc->names.v[k];

		nr = name ? seccomp_syscall_resolve_name(name) : __NR_SCMP_ERROR;
		if (nr == __NR_SCMP_ERROR) {
			/* profiles list syscalls newer than this libseccomp (runc and crun skip
			 * them too); the default action covers them */
			log_debug("seccomp: %s.names[%zu]: syscall \"%s\" unknown to libseccomp; "
				  "skipped",
				  path, k, show(name));
			continue;
		}
		r = add_rule(ctx, act, nr, conds, sc->n_args, split);
		if (r < 0)
			return berr_sys_code(err, -r, "%s.names[%zu]: add rule for \"%s\"", path, k,
					     name);
	}
	return 0;
}

int rt_seccomp_prepare(const struct cfg_seccomp *s, scmp_filter_ctx *ret, struct berr *err)
{
	_cleanup_seccomp_ scmp_filter_ctx ctx = NULL;
	uint32_t def;
	size_t i;
	int r;

	if (!s->present) {
		*ret = NULL;
		return 0;
	}
	r = resolve_action(s->default_action, &s->default_errno_ret, SC, "defaultAction",
			   "defaultErrnoRet", &def, err);
	if (r < 0)
		return r;
	/* the runtime's own syscalls after the load would wait for a listener with no fd yet */
	if (def == SCMP_ACT_NOTIFY)
		return berr_set(err, EINVAL,
				SC ".defaultAction: SCMP_ACT_NOTIFY cannot be the default action");
	ctx = seccomp_init(def);
	if (!ctx)
		return berr_set(err, EINVAL, SC ".defaultAction: libseccomp refuses %s",
				s->default_action);
	/* architectures first: rules are added to the architectures the filter has */
	r = rt_seccomp_set_attrs(ctx, s, err);
	for (i = 0; r == 0 && i < s->n_syscalls; i++)
		r = add_syscall(ctx, &s->syscalls[i], i, def, err);
	if (r < 0)
		return r;
	*ret = TAKE_PTR(ctx);
	return 0;
}
