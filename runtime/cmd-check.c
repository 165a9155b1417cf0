/* cmd-check: `berth check`: whether this host can run each isolation mode, one line an item
 * ("<item>: ok (detail)" / "<item>: no (reason)"); exits 0 only when the default mode can run. */
#include <errno.h>
#include <getopt.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../config/berth-conf.h"
#include "../config/isolation.h"
#include "../kvm-sandbox/vm-accel.h"
#include "../kvm-sandbox/vm-paths.h"
#include "base/cleanup.h"
#include "cgroup-impl.h" /* rt_cg_mounts_detect: the mode cgroup-setup.c will find */
#include "cli.h"

struct item {
	bool ok;
	char detail[600];
};

static void set(struct item *it, bool ok, const char *fmt, ...) PRINTF_FMT(3, 4);
static void set(struct item *it, bool ok, const char *fmt, ...)
{
	va_list ap;

	it->ok = ok;
	va_start(ap, fmt);
	(void)vsnprintf(it->detail, sizeof(it->detail), fmt, ap);
	va_end(ap);
}

static void set_err(struct item *it, const struct berr *e)
{
	it->ok = false;
	(void)berr_str(e, it->detail, sizeof(it->detail));
}

static void print_item(const char *indent, const char *name, const struct item *it)
{
	(void)printf("%s%s: %s", indent, name, it->ok ? "ok" : "no");
	if (it->detail[0])
		(void)printf(" (%s)", it->detail);
	(void)printf("\n");
}

static void check_cgroups(struct item *it)
{
	_cleanup_free_ struct rt_cg_mounts *m = calloc(1, sizeof(*m));
	struct berr e = {0};

	if (!m)
		set(it, false, "out of memory");
	else if (rt_cg_mounts_detect(RT_CG_ROOT, m, &e) < 0)
		set_err(it, &e);
	else if (m->mode == RT_CGROUP_V2)
		set(it, true, "v2: cgroup2 at %s", m->mnt[RT_CG_UNIFIED]);
	else if (m->mode == RT_CGROUP_HYBRID)
		set(it, true, "hybrid: v1 controllers, cgroup2 at %s", m->mnt[RT_CG_UNIFIED]);
	else if (m->mode == RT_CGROUP_V1)
		set(it, true, "v1");
	else
		set(it, false, "no cgroup filesystem mounted at %s", RT_CG_ROOT);
}

/* The sysctl, then a real unshare(CLONE_NEWUSER) in a child (AppArmor or a seccomp policy can
 * refuse it where the sysctl allows it). */
static void check_userns(struct item *it)
{
	_cleanup_fclose_ FILE *f = fopen("/proc/sys/user/max_user_namespaces", "re");
	long max = -1;
	pid_t pid, w;
	int st = 0;

	if (!f || fscanf(f, "%ld", &max) != 1 || max <= 0) {
		set(it, false, "user.max_user_namespaces is %ld", max);
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(unshare(CLONE_NEWUSER) < 0 ? (errno & 0x7f) : 0); /* errno as the status */
	while ((w = pid < 0 ? -1 : waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (w < 0)
		set(it, false, "%s: %s", pid < 0 ? "fork" : "waitpid", strerror(errno));
	else if (!WIFEXITED(st) || WEXITSTATUS(st))
		set(it, false, "unshare(CLONE_NEWUSER): %s",
		    WIFEXITED(st) ? strerror(WEXITSTATUS(st)) : "child killed");
	else
		set(it, true, "%s", "");
}

/* libseccomp's own test: installing a NULL filter fails with EFAULT only where the kernel
 * has filter mode (and EINVAL where it does not). */
static void check_seccomp(struct item *it)
{
	const struct scmp_version *v = seccomp_version();

	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0)
		set(it, false, "kernel without seccomp: %s", strerror(errno));
	else if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL, 0, 0) == 0 || errno != EFAULT)
		set(it, false, "kernel without seccomp filters");
	else if (!v)
		set(it, false, "libseccomp reports no version");
	else
		set(it, true, "libseccomp %u.%u.%u", v->major, v->minor, v->micro);
}

struct report {
	struct item conf, container, cgroups, userns, seccomp;
	struct item vm, qemu, kernel, initramfs, kvm;
	enum cfg_isolation iso;
	char iso_from[PATH_MAX + 64];
};

static void check_container(struct report *rp)
{
	bool rootless = rt_cli_is_rootless();

	check_cgroups(&rp->cgroups);
	check_userns(&rp->userns);
	check_seccomp(&rp->seccomp);
	/* seccomp and user namespaces are needed only by configs that ask for them, except
	 * that without root nothing runs without a user namespace */
	if (!rp->cgroups.ok)
		set(&rp->container, false, "no usable cgroups");
	else if (rootless && !rp->userns.ok)
		set(&rp->container, false, "not root, and user namespaces are not available");
	else
		set(&rp->container, true, "%s", "");
}

/* The kvm line tells what the host allows; the vm line what berth.conf's accel makes of it. */
static void check_accel(const struct cfg_conf *conf, const char *qemu, struct report *rp)
{
	struct vm_accel_probe p;
	enum vm_accel a, host;
	char why[256] = "";
	struct berr e = {0};

	vm_accel_probe_defaults(&p, qemu);
	if (vm_accel_choose("auto", &p, &host, why, sizeof(why), &e) < 0) {
		set_err(&rp->kvm, &e);
		return;
	}
	if (host == VM_ACCEL_KVM)
		set(&rp->kvm, true, "%s", qemu ? "" : "QEMU trial not run: no QEMU");
	else
		set(&rp->kvm, false, "%s; TCG will be used", why);
	if (!rp->vm.ok)
		return;
	a = host;
	if (conf->accel && strcmp(conf->accel, "auto")) {
		if (vm_accel_choose(conf->accel, &p, &a, why, sizeof(why), &e) < 0) {
			set_err(&rp->vm, &e);
			return;
		}
		if (a == VM_ACCEL_TCG)
			(void)snprintf(why, sizeof(why), "accel = tcg in %s",
				       conf->path ? conf->path : "berth.conf");
	}
	if (a == VM_ACCEL_KVM)
		set(&rp->vm, true, "kvm");
	else
		set(&rp->vm, true, "tcg: %s", why);
}

static void check_file(const struct cfg_conf *conf, enum vm_path_kind kind, struct item *it)
{
	char path[PATH_MAX];
	struct berr e = {0};

	if (vm_paths_resolve_one(conf, kind, path, &e) < 0)
		set_err(it, &e);
	else
		set(it, true, "%s", path);
}

static void check_vm(const struct cfg_conf *conf, struct report *rp)
{
	_cleanup_free_ struct vm_paths *paths = calloc(1, sizeof(*paths));
	struct berr e = {0};

	check_file(conf, VM_PATH_QEMU, &rp->qemu);
	check_file(conf, VM_PATH_KERNEL, &rp->kernel);
	check_file(conf, VM_PATH_INITRAMFS, &rp->initramfs);
	/* the first missing file, worded as VM start-up would say it */
	if (!paths)
		set(&rp->vm, false, "out of memory");
	else if (vm_paths_resolve(conf, paths, &e) < 0)
		set_err(&rp->vm, &e);
	else
		set(&rp->vm, true, "%s", "");
	check_accel(conf, rp->qemu.ok ? rp->qemu.detail : NULL, rp);
}

static void check_default(const struct cfg_conf *conf, struct report *rp)
{
	struct berr e = {0};

	if (cfg_isolation_choose(NULL, NULL, arg_global.argv0, conf, &rp->iso, &e) < 0) {
		rp->iso = CFG_ISOLATION_CONTAINER;
		(void)berr_str(&e, rp->iso_from, sizeof(rp->iso_from));
	} else if (arg_global.argv0 && !strcmp(arg_global.argv0, "berth-vm")) {
		(void)snprintf(rp->iso_from, sizeof(rp->iso_from), "program name berth-vm");
	} else if (conf->default_isolation) {
		(void)snprintf(rp->iso_from, sizeof(rp->iso_from), "from %s", conf->path);
	} else {
		(void)snprintf(rp->iso_from, sizeof(rp->iso_from), "built-in");
	}
}

static void print_report(const struct report *rp)
{
	print_item("", "berth.conf", &rp->conf);
	print_item("", "container", &rp->container);
	print_item("  ", "cgroups", &rp->cgroups);
	print_item("  ", "user namespaces", &rp->userns);
	print_item("  ", "seccomp", &rp->seccomp);
	print_item("", "vm", &rp->vm);
	print_item("  ", "qemu", &rp->qemu);
	print_item("  ", "kernel", &rp->kernel);
	print_item("  ", "initramfs", &rp->initramfs);
	print_item("  ", "kvm", &rp->kvm);
	(void)printf("default isolation: %s (%s)\n", cfg_isolation_name(rp->iso), rp->iso_from);
	(void)fflush(stdout);
}

static int parse_args(int argc, char **argv, bool *ret_help, struct berr *err)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c != 'h')
			return berr_set(err, EINVAL, "check: unknown option %s", argv[optind - 1]);
		*ret_help = true;
	}
	return *ret_help ? 0 : rt_cli_want_args(argc, optind, 0, "berth check", err);
}

int rt_cmd_check(int argc, char **argv, struct berr *err)
{
	_cleanup_free_ struct report *rp = calloc(1, sizeof(*rp));
	struct cfg_conf conf = {0};
	struct berr conf_err = {0};
	bool help = false, can_run;
	int r;

	r = parse_args(argc, argv, &help, err);
	if (r < 0 || help) {
		if (help)
			(void)printf("usage: berth check\n\nReports whether this host can run "
				     "containers and VMs, and exits 0 when the default isolation "
				     "can run (see berth-check(8)).\n");
		return r;
	}
	if (!rp)
		return berr_set(err, ENOMEM, "check: out of memory");
	/* a broken berth.conf fails every create: say so, and check the rest with defaults */
	r = cfg_conf_load(&conf, &conf_err);
	if (r < 0)
		set_err(&rp->conf, &conf_err);
	else if (conf.path)
		set(&rp->conf, true, "%s", conf.path);
	else
		set(&rp->conf, true, "none at %s: built-in defaults", CFG_CONF_DEFAULT_PATH);
	check_container(rp);
	check_vm(&conf, rp);
	check_default(&conf, rp);
	print_report(rp);
	cfg_conf_free(&conf);
	if (r < 0) {
		*err = conf_err;
		return r;
	}
	can_run = rp->iso == CFG_ISOLATION_VM ? rp->vm.ok : rp->container.ok;
	if (!can_run)
		return berr_set(err, ENOTSUP, "the default isolation (%s) cannot run on this host",
				cfg_isolation_name(rp->iso));
	return 0;
}
