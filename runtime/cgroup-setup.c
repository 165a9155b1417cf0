/* cgroup-setup: rt_cgroup_setup() (create: path, checks, directories, limits, devices, then
 * the process moves in; a failure undoes what was made) and rt_cgroup_update() (update). */
#include "cgroup-impl.h"
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "mountinfo.h"

/* Anything but device rules: those alone a rootless container can do without (as runc). */
static bool has_limits(const struct cfg_resources *r)
{
	return r->memory.present || r->cpu.present || r->pids_limit.set || r->blockio.present ||
	       r->n_hugepage_limits || r->network.present || r->n_rdma || r->unified.n;
}

static void remove_created(const struct rt_cgroup *cg)
{
	struct berr ignored;
	int c;

	for (c = 0; c < RT_CG_NCTRL; c++)
		if (cg->path[c][0] && !rt_cg_path_dup(cg, c) && cg->created[c])
			(void)rt_cg_remove_path(cg->path[c], cg->created[c], &ignored);
}

static int apply(const struct rt_cgroup *cg, const struct cfg_spec *spec, struct berr *err)
{
	_cleanup_free_ struct rt_cg_dev_rule *rules = NULL;
	const struct cfg_resources *res = &spec->linux_.resources;
	size_t n = 0;
	int r;

	r = rt_cg_dev_rules(spec, &rules, &n, err);
	if (r < 0)
		return r;
	if (cg->mode == RT_CGROUP_V2) {
		r = rt_cg_v2_apply(cg->path[RT_CG_UNIFIED], res, false, err);
		return r < 0 ? r : rt_cg_v2_devices(cg->path[RT_CG_UNIFIED], rules, n, err);
	}
	r = rt_cg_v1_apply(cg, res, false, err);
	return r < 0 ? r : rt_cg_v1_devices(cg->path[RT_CG_DEVICES], rules, n, err);
}

/* Two containers in one cgroup would see each other's limits, and deleting one would kill the
 * other: a cgroup that already has processes is refused (as runc 1.2 does). */
static int check_unused(const struct rt_cgroup *cg, struct berr *err)
{
	const char *dir = rt_cg_procs_dir(cg);
	pid_t *pids = NULL;
	struct berr e2;
	size_t n = 0;

	if (!dir || access(dir, F_OK) < 0 || rt_cgroup_pids(cg, &pids, &n, &e2) < 0)
		return 0;
	free(pids);
	if (n > 0)
		return berr_set(err, EBUSY,
				"linux.cgroupsPath: cgroup %s already has processes (another "
				"container's?)",
				dir);
	return 0;
}

static int create_dirs(struct rt_cgroup *cg, const struct rt_cg_mounts *m,
		       const struct cfg_resources *res, struct berr *err)
{
	int r;

	r = cg->mode == RT_CGROUP_V2 ? rt_cg_v2_create(cg, m, err) : rt_cg_v1_create(cg, m, err);
	/* rootless without a delegated cgroup: run without one when nothing needs it */
	if ((r == -EACCES || r == -EPERM || r == -EROFS) && rt_cli_is_rootless() &&
	    !has_limits(res)) {
		log_debug("no cgroup (%s); continuing without one", err->msg);
		memset(cg, 0, sizeof(*cg));
		return 1;
	}
	return r;
}

int rt_cg_setup_at(const char *root, const char *proc_cgroup_path, const struct cfg_spec *spec,
		   const struct rt_cg_where *w, pid_t pid, struct rt_cgroup *ret, struct berr *err)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	_cleanup_free_ struct rt_cgroup *cg = calloc(1, sizeof(*cg));
	const struct cfg_resources *res = &spec->linux_.resources;
	_cleanup_free_ char *own = NULL;
	char inner[PATH_MAX];
	int r;

	if (!m || !cg)
		return berr_set(err, ENOMEM, "cgroup setup: out of memory");
	r = rt_cg_inner_path(w, inner, sizeof(inner), err);
	if (r == 0)
		r = rt_cg_mounts_detect(root, m, err);
	if (r == 0 && m->mode == RT_CGROUP_NONE)
		r = berr_set(err, ENOENT, "cgroups: no cgroup filesystem mounted at %s", root);
	if (r == 0)
		r = rt_cg_check_resources(res, m->mode, err);
	if (r == 0)
		r = rt_read_proc_file(proc_cgroup_path, &own, err);
	if (r == 0)
		r = rt_cg_paths(m, own, inner, cg, err);
	if (r == 0)
		r = check_unused(cg, err);
	if (r == 0)
		r = create_dirs(cg, m, res, err);
	if (r < 0)
		return r;
	if (r == 1) { /* no cgroup at all */
		memset(ret, 0, sizeof(*ret));
		return 0;
	}
	r = apply(cg, spec, err);
	if (r < 0) {
		remove_created(cg);
		return r;
	}
	if (pid > 0) {
		r = rt_cg_attach(cg, pid, err);
		if (r < 0) {
			struct berr ignored;

			(void)rt_cgroup_destroy(cg, &ignored); /* pid may be in some of them */
			return r;
		}
	}
	memcpy(ret, cg, sizeof(*ret));
	return 0;
}

int rt_cgroup_setup(const struct cfg_spec *spec, const char *id, bool systemd, pid_t pid,
		    struct rt_cgroup *ret, struct berr *err)
{
	struct rt_cg_where w = {
		.cgroups_path = spec->linux_.cgroups_path,
		.id = id,
		.systemd = systemd,
		.systemd_running = access("/run/systemd/system", F_OK) == 0,
	};

	if (systemd && w.systemd_running)
		log_warn("--systemd-cgroup: berth creates the scope's cgroup directly; systemd "
			 "does not track it");
	return rt_cg_setup_at(RT_CG_ROOT, "/proc/self/cgroup", spec, &w, pid, ret, err);
}

int rt_cgroup_update(const struct rt_cgroup *cg, const struct cfg_resources *res, struct berr *err)
{
	int r;

	if (cg->mode == RT_CGROUP_NONE)
		return berr_set(err, ENOTSUP, "update: the container has no cgroup");
	r = rt_cg_check_resources(res, cg->mode, err);
	if (r < 0)
		return r;
	if (cg->mode == RT_CGROUP_V2)
		return rt_cg_v2_apply(cg->path[RT_CG_UNIFIED], res, true, err);
	return rt_cg_v1_apply(cg, res, true, err);
}
