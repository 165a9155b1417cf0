/* parse-sched: how the process is scheduled: process.ioPriority, process.scheduler
 * (sched_setattr(2)) and process.execCPUAffinity. Called by parse-process.c. */
#include <errno.h>

#include "parse.h"

int cfg_parse_io_priority(yajl_val o, const char *path, struct cfg_io_priority *io,
			  struct berr *err)
{
	struct cfg_opt_i64 prio = {0};
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "ioPriority", &obj, err);
	if (r < 0 || !obj)
		return r;
	io->present = true;
	cfg_path(p, path, "ioPriority");
	r = cfg_need_str(obj, p, "class", &io->class_name, err);
	if (r < 0)
		return r;
	io->class_id = cfg_ioprio_class_from_name(io->class_name);
	if (io->class_id < 0)
		return cfg_errk(err, p, "class", "unknown class \"%s\"", CFG_SHOW(io->class_name));
	r = cfg_get_int(obj, p, "priority", CFG_I32, &prio, err);
	if (r < 0)
		return r;
	/* ioprio_set(2): eight levels within a class */
	if (prio.v < 0 || prio.v > 7)
		return cfg_errk(err, p, "priority", "must be between 0 and 7");
	io->priority = prio.v;
	return 0;
}

static int sched_flags(yajl_val obj, const char *path, struct cfg_scheduler *s, struct berr *err)
{
	char p[CFG_PATH_MAX];
	int r, f;

	r = cfg_get_strv(obj, path, "flags", &s->flags, err);
	for (size_t i = 0; r == 0 && i < s->flags.n; i++) {
		f = cfg_sched_flag_from_name(s->flags.v[i]);
		if (f < 0)
			return cfg_err(err, cfg_path_idx(p, path, "flags", i),
				       "unknown flag \"%s\"", CFG_SHOW(s->flags.v[i]));
		s->flag_mask |= (unsigned int)f;
	}
	return r;
}

static int sched_numbers(yajl_val obj, const char *path, struct cfg_scheduler *s, struct berr *err)
{
	struct cfg_opt_i64 nice = {0}, prio = {0};
	struct cfg_opt_u64 rt = {0}, dl = {0}, period = {0};
	int r;

	r = cfg_get_int(obj, path, "nice", CFG_I32, &nice, err);
	if (r == 0)
		r = cfg_get_int(obj, path, "priority", CFG_I32, &prio, err);
	if (r == 0)
		r = cfg_get_uint(obj, path, "runtime", CFG_U64, &rt, err);
	if (r == 0)
		r = cfg_get_uint(obj, path, "deadline", CFG_U64, &dl, err);
	if (r == 0)
		r = cfg_get_uint(obj, path, "period", CFG_U64, &period, err);
	if (r < 0)
		return r;
	s->nice = (int32_t)nice.v;
	s->priority = (int32_t)prio.v;
	s->runtime = rt.v;
	s->deadline = dl.v;
	s->period = period.v;
	return 0;
}

/* What sched_setattr(2) would refuse with EINVAL, said before anything is created. */
static int sched_check(const char *path, const struct cfg_scheduler *s, struct berr *err)
{
	bool rt = s->policy_id == 1 || s->policy_id == 2; /* SCHED_FIFO, SCHED_RR */

	if (s->nice < -20 || s->nice > 19)
		return cfg_errk(err, path, "nice", "must be between -20 and 19");
	if (rt && (s->priority < 1 || s->priority > 99))
		return cfg_errk(err, path, "priority", "must be between 1 and 99 for %s",
				s->policy);
	if (!rt && s->priority != 0)
		return cfg_errk(err, path, "priority", "only valid with SCHED_FIFO or SCHED_RR");
	if (s->policy_id != 6 && (s->runtime || s->deadline || s->period))
		return cfg_errk(err, path,
				s->runtime    ? "runtime"
				: s->deadline ? "deadline"
					      : "period",
				"only valid with SCHED_DEADLINE");
	return 0;
}

int cfg_parse_scheduler(yajl_val o, const char *path, struct cfg_scheduler *s, struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "scheduler", &obj, err);
	if (r < 0 || !obj)
		return r;
	s->present = true;
	cfg_path(p, path, "scheduler");
	r = cfg_need_str(obj, p, "policy", &s->policy, err);
	if (r < 0)
		return r;
	s->policy_id = cfg_sched_policy_from_name(s->policy);
	if (s->policy_id < 0)
		return cfg_errk(err, p, "policy", "unknown policy \"%s\"", CFG_SHOW(s->policy));
	r = sched_numbers(obj, p, s, err);
	if (r == 0)
		r = sched_flags(obj, p, s, err);
	if (r == 0)
		r = sched_check(p, s, err);
	return r;
}

static int cpu_list(yajl_val obj, const char *path, const char *key, char **ret, struct berr *err)
{
	int r;

	r = cfg_get_str(obj, path, key, ret, err);
	if (r < 0 || !*ret)
		return r;
	r = cfg_cpulist_parse(*ret, NULL, CFG_CPU_MAX);
	if (r == -ERANGE)
		return cfg_errk(err, path, key, "CPU number too large (the limit is %d)",
				CFG_CPU_MAX - 1);
	if (r < 0)
		return cfg_errk(err, path, key, "invalid CPU list \"%s\"", CFG_SHOW(*ret));
	return 0;
}

int cfg_parse_cpu_affinity(yajl_val o, const char *path, struct cfg_exec_cpu_affinity *a,
			   struct berr *err)
{
	yajl_val obj = NULL;
	char p[CFG_PATH_MAX];
	int r;

	r = cfg_get_object(o, path, "execCPUAffinity", &obj, err);
	if (r < 0 || !obj)
		return r;
	cfg_path(p, path, "execCPUAffinity");
	r = cpu_list(obj, p, "initial", &a->initial, err);
	if (r == 0)
		r = cpu_list(obj, p, "final", &a->final, err);
	return r;
}
