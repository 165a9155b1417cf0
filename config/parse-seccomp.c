/* parse-seccomp: linux.seccomp. Actions, architectures, operators and flags are checked against
 * the spec's lists; syscall names are left to libseccomp at load time. Called by parse-linux.c. */
#include <string.h>

#include "parse.h"

#define NOTIFY "SCMP_ACT_NOTIFY"

static bool takes_errno(const char *action)
{
	return strcmp(action, "SCMP_ACT_ERRNO") == 0 || strcmp(action, "SCMP_ACT_TRACE") == 0;
}

static int parse_action(yajl_val o, const char *path, const char *key, char **ret, struct berr *err)
{
	int r = cfg_need_str(o, path, key, ret, err);

	if (r == 0 && !cfg_seccomp_action_known(*ret))
		r = cfg_errk(err, path, key, "unknown action \"%s\"", CFG_SHOW(*ret));
	return r;
}

/* config-linux.md: an errno for an action that has none MUST be an error */
static int parse_errno(yajl_val o, const char *path, const char *key, const char *action,
		       struct cfg_opt_u64 *ret, struct berr *err)
{
	int r = cfg_get_uint(o, path, key, CFG_U32, ret, err);

	if (r == 0 && ret->set && !takes_errno(action))
		r = cfg_errk(err, path, key, "only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE");
	return r;
}

static int parse_arg(yajl_val o, const char *path, struct cfg_seccomp_arg *a, struct berr *err)
{
	struct cfg_opt_u64 two = {0};
	uint64_t index;
	int r;

	r = cfg_need_uint(o, path, "index", CFG_U32, &index, err);
	if (r < 0)
		return r;
	if (index > 5) /* a syscall has six argument registers */
		return cfg_errk(err, path, "index", "must be between 0 and 5");
	a->index = (uint32_t)index;
	r = cfg_need_uint(o, path, "value", CFG_U64, &a->value, err);
	if (r == 0)
		r = cfg_get_uint(o, path, "valueTwo", CFG_U64, &two, err);
	a->value_two = two.v;
	if (r == 0)
		r = cfg_need_str(o, path, "op", &a->op, err);
	if (r == 0 && !cfg_seccomp_op_known(a->op))
		r = cfg_errk(err, path, "op", "unknown operator \"%s\"", CFG_SHOW(a->op));
	return r;
}

static int parse_args(yajl_val o, const char *path, struct cfg_seccomp_syscall *sc,
		      struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, "args", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*sc->args), (void **)&sc->args, &sc->n_args, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, path, "args", err);
		if (r == 0)
			r = parse_arg(arr->u.array.values[i], p, &sc->args[i], err);
	}
	return r;
}

static int parse_syscall(yajl_val o, const char *path, struct cfg_seccomp_syscall *sc,
			 struct berr *err)
{
	int r;

	r = cfg_get_strv(o, path, "names", &sc->names, err);
	if (r < 0)
		return r;
	if (!sc->names.v)
		return cfg_errk(err, path, "names", "required");
	if (sc->names.n == 0)
		return cfg_errk(err, path, "names", "must not be empty");
	r = parse_action(o, path, "action", &sc->action, err);
	if (r == 0)
		r = parse_errno(o, path, "errnoRet", sc->action, &sc->errno_ret, err);
	if (r == 0)
		r = parse_args(o, path, sc, err);
	if (r < 0 || strcmp(sc->action, NOTIFY) != 0)
		return r;
	/* the runtime itself writes after the filter is in (sync pipe, then exec): a notified
	 * write would wait for a listener that has not got the fd yet */
	for (size_t i = 0; i < sc->names.n; i++)
		if (strcmp(sc->names.v[i], "write") == 0)
			return cfg_errk(err, path, "action",
					NOTIFY " cannot be used for \"write\"");
	return 0;
}

static int parse_syscalls(yajl_val o, const char *path, struct cfg_seccomp *s, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, "syscalls", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*s->syscalls), (void **)&s->syscalls, &s->n_syscalls,
			    err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, path, "syscalls", err);
		if (r == 0)
			r = parse_syscall(arr->u.array.values[i], p, &s->syscalls[i], err);
	}
	return r;
}

static int parse_names(yajl_val o, const char *path, struct cfg_seccomp *s, struct berr *err)
{
	char p[CFG_PATH_MAX];
	int r, f;

	r = cfg_get_strv(o, path, "architectures", &s->architectures, err);
	for (size_t i = 0; r == 0 && i < s->architectures.n; i++)
		if (!cfg_seccomp_arch_known(s->architectures.v[i]))
			r = cfg_err(err, cfg_path_idx(p, path, "architectures", i),
				    "unknown architecture \"%s\"", CFG_SHOW(s->architectures.v[i]));
	if (r == 0)
		r = cfg_get_strv(o, path, "flags", &s->flags, err);
	for (size_t i = 0; r == 0 && i < s->flags.n; i++) {
		f = cfg_seccomp_flag_from_name(s->flags.v[i]);
		if (f < 0)
			return cfg_err(err, cfg_path_idx(p, path, "flags", i),
				       "unknown flag \"%s\"", CFG_SHOW(s->flags.v[i]));
		s->flag_mask |= (unsigned int)f;
	}
	return r;
}

static bool uses_notify(const struct cfg_seccomp *s)
{
	for (size_t i = 0; i < s->n_syscalls; i++)
		if (strcmp(s->syscalls[i].action, NOTIFY) == 0)
			return true;
	return false;
}

int cfg_parse_seccomp(yajl_val o, const char *path, struct cfg_seccomp *s, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "seccomp", &obj, err);
	if (r < 0 || !obj)
		return r;
	s->present = true;
	cfg_path(p, path, "seccomp");
	r = parse_action(obj, p, "defaultAction", &s->default_action, err);
	if (r == 0 && strcmp(s->default_action, NOTIFY) == 0)
		r = cfg_errk(err, p, "defaultAction", NOTIFY " cannot be the default action");
	if (r == 0)
		r = parse_errno(obj, p, "defaultErrnoRet", s->default_action, &s->default_errno_ret,
				err);
	if (r == 0)
		r = parse_names(obj, p, s, err);
	if (r == 0)
		r = cfg_get_str(obj, p, "listenerPath", &s->listener_path, err);
	if (r == 0)
		r = cfg_get_str(obj, p, "listenerMetadata", &s->listener_metadata, err);
	if (r == 0 && s->listener_metadata && !s->listener_path)
		r = cfg_errk(err, p, "listenerMetadata", "requires listenerPath");
	if (r == 0)
		r = parse_syscalls(obj, p, s, err);
	/* the notify fd goes to the agent at listenerPath; without one nobody would answer */
	if (r == 0 && uses_notify(s) && (!s->listener_path || !*s->listener_path))
		r = cfg_errk(err, p, "listenerPath", "required when " NOTIFY " is used");
	return r;
}
