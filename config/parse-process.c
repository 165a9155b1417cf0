/* parse-process: the "process" object of config.json, and process.json of `exec --process`:
 * user, args, env, cwd, console, rlimits and the small settings; capabilities and scheduling
 * have their own files. Called by spec-parse.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "../runtime/base/cleanup.h"

int cfg_check_env(const struct cfg_strv *env, const char *path, const char *key, struct berr *err)
{
	char p[CFG_PATH_MAX];

	for (size_t i = 0; i < env->n; i++) {
		const char *eq = strchr(env->v[i], '=');

		if (!eq || eq == env->v[i])
			return cfg_err(err, cfg_path_idx(p, path, key, i),
				       "expected KEY=value, got \"%s\"", CFG_SHOW(env->v[i]));
	}
	return 0;
}

static int parse_gids(yajl_val user, const char *path, struct cfg_user *u, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	uint64_t gid;
	int r;

	r = cfg_get_array(user, path, "additionalGids", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*u->additional_gids), (void **)&u->additional_gids,
			    &u->n_additional_gids, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_val_uint(arr->u.array.values[i], cfg_path_idx(p, path, "additionalGids", i),
				 CFG_U32, &gid, err);
		if (r == 0)
			u->additional_gids[i] = (uint32_t)gid;
	}
	return r;
}

/* uid and gid default to 0 when missing, as runc reads them. */
static int parse_user(yajl_val o, const char *path, struct cfg_user *u, struct berr *err)
{
	struct cfg_opt_u64 id = {0};
	yajl_val user = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "user", &user, err);
	if (r < 0 || !user)
		return r;
	cfg_path(p, path, "user");
	r = cfg_get_uint(user, p, "uid", CFG_U32, &id, err);
	if (r < 0)
		return r;
	u->uid = (uint32_t)id.v;
	id.v = 0;
	r = cfg_get_uint(user, p, "gid", CFG_U32, &id, err);
	if (r < 0)
		return r;
	u->gid = (uint32_t)id.v;
	r = cfg_get_uint(user, p, "umask", CFG_U32, &u->umask, err);
	if (r < 0)
		return r;
	if (u->umask.set && u->umask.v > 0777)
		return cfg_errk(err, p, "umask", "must be at most 0777");
	r = parse_gids(user, p, u, err);
	if (r < 0)
		return r;
	return cfg_get_str(user, p, "username", &u->username, err);
}

static int parse_console(yajl_val o, const char *path, struct cfg_process *proc, struct berr *err)
{
	yajl_val cs = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "consoleSize", &cs, err);
	if (r < 0 || !cs)
		return r;
	cfg_path(p, path, "consoleSize");
	r = cfg_need_uint(cs, p, "height", CFG_U16, &proc->console_height.v, err);
	if (r < 0)
		return r;
	proc->console_height.set = true;
	r = cfg_need_uint(cs, p, "width", CFG_U16, &proc->console_width.v, err);
	if (r < 0)
		return r;
	proc->console_width.set = true;
	return 0;
}

static int parse_rlimit(yajl_val o, const char *path, struct cfg_rlimit *rl, struct berr *err)
{
	int r;

	r = cfg_need_str(o, path, "type", &rl->type, err);
	if (r < 0)
		return r;
	rl->resource = cfg_rlimit_from_name(rl->type);
	if (rl->resource < 0)
		return cfg_errk(err, path, "type", "unknown rlimit \"%s\"", CFG_SHOW(rl->type));
	r = cfg_need_uint(o, path, "soft", CFG_U64, &rl->soft, err);
	if (r < 0)
		return r;
	/* soft > hard is the kernel's to refuse (EINVAL); the spec does not forbid it */
	return cfg_need_uint(o, path, "hard", CFG_U64, &rl->hard, err);
}

/* A type given twice is an error (config.md, POSIX platform user). */
static int parse_rlimits(yajl_val o, const char *path, struct cfg_process *proc, struct berr *err)
{
	yajl_val arr = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_array(o, path, "rlimits", &arr, err);
	if (r < 0 || !arr)
		return r;
	r = cfg_alloc_array(arr, path, sizeof(*proc->rlimits), (void **)&proc->rlimits,
			    &proc->n_rlimits, err);
	for (size_t i = 0; r == 0 && i < arr->u.array.len; i++) {
		r = cfg_array_object(arr, i, p, path, "rlimits", err);
		if (r == 0)
			r = parse_rlimit(arr->u.array.values[i], p, &proc->rlimits[i], err);
		for (size_t j = 0; r == 0 && j < i; j++)
			if (proc->rlimits[j].resource == proc->rlimits[i].resource)
				r = cfg_err(err, p, "duplicate rlimit \"%s\"",
					    proc->rlimits[i].type);
	}
	return r;
}

static int parse_args(yajl_val o, const char *path, struct cfg_process *proc, struct berr *err)
{
	int r;

	r = cfg_get_strv(o, path, "args", &proc->args, err);
	if (r < 0)
		return r;
	if (!proc->args.v)
		return cfg_errk(err, path, "args", "required");
	if (proc->args.n == 0)
		return cfg_errk(err, path, "args", "must not be empty");
	if (!*proc->args.v[0])
		return cfg_errk(err, path, "args[0]", "must not be empty");
	r = cfg_get_strv(o, path, "env", &proc->env, err);
	if (r < 0)
		return r;
	r = cfg_check_env(&proc->env, path, "env", err);
	if (r < 0)
		return r;
	r = cfg_need_str(o, path, "cwd", &proc->cwd, err);
	if (r < 0)
		return r;
	if (!cfg_is_abs(proc->cwd))
		return cfg_errk(err, path, "cwd", "must be an absolute path");
	return cfg_get_str(o, path, "commandLine", &proc->command_line, err);
}

static int parse_security(yajl_val o, const char *path, struct cfg_process *proc, struct berr *err)
{
	int r;

	r = cfg_get_flag(o, path, "noNewPrivileges", &proc->no_new_privileges, err);
	if (r == 0)
		r = cfg_get_str(o, path, "apparmorProfile", &proc->apparmor_profile, err);
	if (r == 0)
		r = cfg_get_str(o, path, "selinuxLabel", &proc->selinux_label, err);
	if (r == 0)
		r = cfg_get_int(o, path, "oomScoreAdj", CFG_I32, &proc->oom_score_adj, err);
	if (r < 0)
		return r;
	if (proc->oom_score_adj.set &&
	    (proc->oom_score_adj.v < -1000 || proc->oom_score_adj.v > 1000))
		return cfg_errk(err, path, "oomScoreAdj", "must be between -1000 and 1000");
	return 0;
}

int cfg_parse_process(yajl_val o, const char *path, const struct cfg_parse_opts *opts,
		      struct cfg_process *p, struct berr *err)
{
	int r;

	r = cfg_get_flag(o, path, "terminal", &p->terminal, err);
	if (r == 0)
		r = parse_console(o, path, p, err);
	if (r == 0)
		r = parse_user(o, path, &p->user, err);
	if (r == 0)
		r = parse_args(o, path, p, err);
	if (r == 0)
		r = cfg_parse_caps(o, path, opts->last_cap, &p->caps, err);
	if (r == 0)
		r = parse_rlimits(o, path, p, err);
	if (r == 0)
		r = parse_security(o, path, p, err);
	if (r == 0)
		r = cfg_parse_io_priority(o, path, &p->io_priority, err);
	if (r == 0)
		r = cfg_parse_scheduler(o, path, &p->scheduler, err);
	if (r == 0)
		r = cfg_parse_cpu_affinity(o, path, &p->exec_cpu_affinity, err);
	return r;
}
