/* Unit tests for kvm-sandbox/vm-accel.c: the vmx/svm flag, /dev/kvm, the QEMU trial and its
 * verdicts (fake QEMU scripts, and the real QEMU under TCG), the cache, and the wants. */
#include "unit.h"
#include "../runtime/rt-unit.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include "../../../kvm-sandbox/vm-accel.h"

#define VMX_CPUINFO "processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: fpu vme vmx sse2\n\n"
#define SVM_CPUINFO "processor\t: 0\nflags\t\t: fpu svm lm\nprocessor\t: 1\n"

static char dir[PATH_MAX], cpu_vmx[PATH_MAX], cpu_svm[PATH_MAX], cpu_none[PATH_MAX];
static char cache_dir[PATH_MAX], cache[PATH_MAX], marker[PATH_MAX], never[PATH_MAX];
static bool have_kvm;

/* A fake QEMU: a shell script named name in dir with body; returns its path in ret. */
static void fake_qemu(char ret[PATH_MAX], const char *name, const char *body)
{
	char text[2048];

	ut_pathn(ret, PATH_MAX, "%s/%s", dir, name);
	(void)snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", body);
	if (ut_write_file(ret, text, 0755) < 0)
		abort();
}

static struct vm_accel_probe probe(const char *cpuinfo, const char *kvm_dev, const char *qemu)
{
	struct vm_accel_probe p = {cpuinfo, kvm_dev, cache, qemu};

	return p;
}

/* Runs an "auto" choice; returns the accelerator, why in why (256 bytes). */
static int choose(const struct vm_accel_probe *p, char *why, struct berr *err)
{
	enum vm_accel a = VM_ACCEL_KVM;
	int r;

	strcpy(why, "(unset)");
	r = vm_accel_choose("auto", p, &a, why, 256, err);
	return r < 0 ? r : (int)a;
}

static void test_names_and_defaults(void)
{
	struct vm_accel_probe p;

	ASSERT_STR(vm_accel_name(VM_ACCEL_KVM), "kvm");
	ASSERT_STR(vm_accel_name(VM_ACCEL_TCG), "tcg");
	vm_accel_probe_defaults(&p, "/usr/bin/qemu-system-x86_64");
	ASSERT_STR(p.cpuinfo, "/proc/cpuinfo");
	ASSERT_STR(p.kvm_dev, "/dev/kvm");
	ASSERT_STR(p.cache, "/run/berth/kvm-usable");
	ASSERT_STR(p.qemu, "/usr/bin/qemu-system-x86_64");
}

static void test_tcg_probes_nothing(void)
{
	struct vm_accel_probe p = probe("/nonexistent/cpuinfo", "/nonexistent/kvm", never);
	enum vm_accel a = VM_ACCEL_KVM;
	struct berr err = {0};
	char why[256] = "x";

	ASSERT_INT(vm_accel_choose("tcg", &p, &a, why, sizeof(why), &err), 0);
	ASSERT_INT(a, VM_ACCEL_TCG);
	ASSERT_STR(why, ""); /* asked for: nothing to warn about */
	ASSERT_TRUE(access(marker, F_OK) < 0);
	ASSERT_INT(vm_accel_choose("tcg", &p, &a, NULL, 0, &err), 0);
}

static void test_unknown_want(void)
{
	struct vm_accel_probe p = probe(cpu_vmx, "/nonexistent/kvm", never);
	enum vm_accel a = VM_ACCEL_KVM;
	struct berr err = {0};

	ASSERT_INT(vm_accel_choose("hvf", &p, &a, NULL, 0, &err), -EINVAL);
	ASSERT_STR(err.msg, "accel: unknown accelerator \"hvf\" (auto, kvm or tcg)");
	ASSERT_INT(vm_accel_choose("KVM", &p, &a, NULL, 0, &err), -EINVAL);
	ASSERT_INT(a, VM_ACCEL_KVM); /* left alone */
}

static void test_cpu_flags(void)
{
	struct vm_accel_probe p = probe(cpu_none, "/nonexistent/kvm", never);
	char why[256], want[PATH_MAX + 64], fake[PATH_MAX];
	struct berr err = {0};

	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ut_path(want, "no vmx or svm flag in %s", cpu_none);
	ASSERT_STR(why, want);
	/* vmx and svm pass the CPU check: the next one (/dev/kvm) says why not */
	p.cpuinfo = cpu_vmx;
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(why, "/nonexistent/kvm: No such file or directory");
	p.cpuinfo = cpu_svm;
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(why, "/nonexistent/kvm: No such file or directory");
	/* only a whole word of a flags line counts */
	ut_path(fake, "%s/cpuinfo-words", dir);
	ASSERT_INT(ut_write_file(fake, "model name\t: vmx svm\nflags\t\t: vmxe svm2 fpu\n", 0644),
		   0);
	p.cpuinfo = fake;
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ut_path(want, "no vmx or svm flag in %s", fake);
	ASSERT_STR(why, want);
	p.cpuinfo = "/nonexistent/cpuinfo";
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(why, "/nonexistent/cpuinfo: No such file or directory");
	ASSERT_TRUE(access(marker, F_OK) < 0);
}

static void test_kvm_dev_not_kvm(void)
{
	struct vm_accel_probe p = probe(cpu_vmx, NULL, never);
	char why[256], dev[PATH_MAX], want[PATH_MAX + 64];
	struct berr err = {0};

	ut_path(dev, "%s/not-kvm", dir);
	ASSERT_INT(ut_write_file(dev, "", 0600), 0);
	p.kvm_dev = dev;
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ut_path(want, "%s: not a KVM device (Inappropriate ioctl for device)", dev);
	if (geteuid() != 0) /* without root the mode bits already refuse it */
		ut_path(want, "%s: Permission denied", dev);
	ASSERT_STR(why, want);
}

/* As nobody, a 0600 device of root's does not open: the reason is the errno text. */
static void unreadable_as_nobody(void *arg)
{
	struct vm_accel_probe p = probe(cpu_vmx, arg, never);
	char why[256], want[PATH_MAX + 64];
	struct berr err = {0};

	ASSERT_INT(setgid(65534), 0);
	ASSERT_INT(setuid(65534), 0);
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ut_path(want, "%s: Permission denied", (const char *)arg);
	ASSERT_STR(why, want);
}

static void test_kvm_dev_unreadable(void)
{
	char dev[PATH_MAX];

	if (geteuid() != 0) {
		printf("# skip: needs root to drop to nobody\n");
		return;
	}
	ut_path(dev, "%s/kvm-0600", dir);
	ASSERT_INT(ut_write_file(dev, "", 0600), 0);
	ASSERT_INT(chmod(dir, 0711), 0);
	ASSERT_CHILD_OK(unreadable_as_nobody, dev);
	ASSERT_INT(chmod(dir, 0700), 0);
}

static void test_want_kvm_when_unusable_is_an_error(void)
{
	struct vm_accel_probe p = probe(cpu_none, "/nonexistent/kvm", never);
	enum vm_accel a = VM_ACCEL_TCG;
	char want[PATH_MAX + 64];
	struct berr err = {0};

	ASSERT_INT(vm_accel_choose("kvm", &p, &a, NULL, 0, &err), -ENODEV);
	ut_path(want, "accel kvm: no vmx or svm flag in %s", cpu_none);
	ASSERT_STR(err.msg, want);
}

/* The tests below pass the CPU and /dev/kvm checks with the real device (root on a host with
 * KVM, even a nested one); QEMU is a fake. */
#define NEED_KVM()                                                                                 \
	do {                                                                                       \
		if (!have_kvm) {                                                                   \
			printf("# skip: /dev/kvm does not open\n");                                \
			return;                                                                    \
		}                                                                                  \
	} while (0)

static void write_cache(const char *qemu, const char *boot_id, const char *verdict)
{
	char text[PATH_MAX + 256];
	struct stat st;

	if (stat(qemu, &st) < 0 || (mkdir(cache_dir, 0700) < 0 && errno != EEXIST))
		abort();
	/* the format vm-accel.c keys its cache with: tag, boot, QEMU path and mtime */
	ut_path(text, "berth-kvm-trial 1\nboot_id %s\nqemu %s %lld.%09ld\n%s\n", boot_id, qemu,
		(long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, verdict);
	if (ut_write_file(cache, text, 0644) < 0)
		abort();
}

static void boot_id(char *buf, size_t len)
{
	if (ut_read_file("/proc/sys/kernel/random/boot_id", buf, len) <= 0)
		abort();
	buf[strcspn(buf, "\n")] = '\0';
}

static void test_cache_hit_runs_no_qemu(void)
{
	struct vm_accel_probe p = probe(cpu_vmx, "/dev/kvm", never);
	char why[256], id[64];
	struct berr err = {0};

	NEED_KVM();
	boot_id(id, sizeof(id));
	write_cache(never, id, "kvm 0 from the cache");
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(why, "from the cache");
	write_cache(never, id, "kvm 1");
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_KVM);
	ASSERT_STR(why, "");
	ASSERT_TRUE(access(marker, F_OK) < 0);
	/* cheap checks are never cached: a cached "kvm 1" does not beat a missing device */
	p.kvm_dev = "/nonexistent/kvm";
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_TRUE(access(marker, F_OK) < 0);
	(void)unlink(cache);
}

static void test_stale_cache_runs_the_trial(void)
{
	char qemu[PATH_MAX], why[256], text[PATH_MAX + 256], id[64];
	struct vm_accel_probe p = probe(cpu_vmx, "/dev/kvm", NULL);
	struct berr err = {0};

	NEED_KVM();
	fake_qemu(qemu, "exit1", "exit 1");
	p.qemu = qemu;
	write_cache(qemu, "00000000-0000-0000-0000-000000000000", "kvm 1"); /* another boot */
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(why, "QEMU fails with -accel kvm (exit status 1)");
	/* rewritten for this boot */
	boot_id(id, sizeof(id));
	ASSERT_TRUE(ut_read_file(cache, text, sizeof(text)) > 0);
	ASSERT_CONTAINS(text, id);
	ASSERT_CONTAINS(text, "\nkvm 0 QEMU fails with -accel kvm (exit status 1)\n");
	(void)unlink(cache);
}

static void test_trial_verdicts(void)
{
	struct vm_accel_probe p = probe(cpu_vmx, "/dev/kvm", NULL);
	char qemu[PATH_MAX], why[256], text[PATH_MAX + 256];
	struct berr err = {0};

	NEED_KVM();
	/* the cache's directory is made when missing */
	(void)unlink(cache);
	ASSERT_INT(rmdir(cache_dir), 0);
	fake_qemu(qemu, "says",
		  "echo 'qemu: -accel kvm: Could not access KVM kernel module' >&2\n"
		  "exit 1");
	p.qemu = qemu;
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(
		why,
		"QEMU fails with -accel kvm: qemu: -accel kvm: Could not access KVM kernel module");
	ASSERT_TRUE(access(cache, F_OK) == 0);
	fake_qemu(qemu, "aborts", "echo 'kvm_buf_set_msrs: Assertion failed.' >&2\nkill -ABRT $$");
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(why, "QEMU aborts with -accel kvm on this host");
	/* 33: the guest wrote to isa-debug-exit, so KVM ran all of it */
	fake_qemu(qemu, "passes", "exit 33");
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_KVM);
	ASSERT_STR(why, "");
	ASSERT_TRUE(ut_read_file(cache, text, sizeof(text)) > 0);
	ASSERT_CONTAINS(text, "\nkvm 1\n");
	(void)unlink(cache);
	/* a trial that cannot run says nothing about the host: not cached */
	p.qemu = "/nonexistent/qemu";
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(why, "KVM trial: run /nonexistent/qemu: No such file or directory");
	ASSERT_TRUE(access(cache, F_OK) < 0);
	/* without a QEMU there is no trial: the device is taken as usable */
	p.qemu = NULL;
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_KVM);
}

static long since_ms(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A QEMU still running after the trial's time is killed, and the host judged unusable: a
 * guest that ran would have ended QEMU at once. */
static void test_hanging_qemu_is_killed(void)
{
	struct vm_accel_probe p = probe(cpu_vmx, "/dev/kvm", NULL);
	char qemu[PATH_MAX], pidfile[PATH_MAX], body[PATH_MAX + 64], why[256], buf[32];
	struct berr err = {0};
	struct timespec t0;
	pid_t pid;
	long ms;

	NEED_KVM();
	ut_path(pidfile, "%s/qemu.pid", dir);
	ut_path(body, "echo $$ > %s\nexec sleep 5", pidfile);
	fake_qemu(qemu, "sleeps", body);
	p.qemu = qemu;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ms = since_ms(&t0);
	ASSERT_STR(why, "QEMU with -accel kvm did not run a test guest in 2 s");
	ASSERT_TRUE(ms >= 1900 && ms < 4000);
	ASSERT_TRUE(ut_read_file(pidfile, buf, sizeof(buf)) > 0);
	pid = (pid_t)atoi(buf);
	ASSERT_TRUE(pid > 0);
	ASSERT_TRUE(kill(pid, 0) < 0 && errno == ESRCH); /* killed and reaped */
	/* what this development host's nested KVM does: QEMU stops the guest and says so */
	ut_path(body, "echo 'KVM internal error. Suberror: 1' >&2\necho 'EAX=0' >&2\nexec sleep 5");
	fake_qemu(qemu, "internal-error", body);
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_TCG);
	ASSERT_STR(why, "QEMU with -accel kvm cannot run guest kernel code on this host (KVM "
			"internal error)");
	(void)unlink(cache);
}

/* The trial guest itself, run by the real QEMU with TCG in place of KVM (a wrapper swaps
 * the two options): it must reach the exit port, or no host would ever pass. */
static void test_trial_guest_runs_under_tcg(void)
{
	struct vm_accel_probe p = probe(cpu_vmx, "/dev/kvm", NULL);
	char qemu[PATH_MAX], why[256];
	struct berr err = {0};

	NEED_KVM();
	if (access("/usr/bin/qemu-system-x86_64", X_OK) < 0) {
		printf("# skip: no /usr/bin/qemu-system-x86_64\n");
		return;
	}
	fake_qemu(qemu, "tcg-wrapper",
		  "for a; do shift\n"
		  "  case $a in kvm) a=tcg ;; host) a=max ;; esac\n"
		  "  set -- \"$@\" \"$a\"\n"
		  "done\n"
		  "exec /usr/bin/qemu-system-x86_64 \"$@\"");
	p.qemu = qemu;
	ASSERT_INT(choose(&p, why, &err), VM_ACCEL_KVM);
	ASSERT_STR(why, "");
	(void)unlink(cache);
}

int main(void)
{
	struct berr err = {0};
	enum vm_accel a;
	struct vm_accel_probe p;
	char body[PATH_MAX + 64];

	ut_tmpdir(dir);
	ut_path(cpu_vmx, "%s/cpuinfo-vmx", dir);
	ut_path(cpu_svm, "%s/cpuinfo-svm", dir);
	ut_path(cpu_none, "%s/cpuinfo-none", dir);
	ut_path(cache_dir, "%s/cache", dir);
	ut_path(cache, "%s/kvm-usable", cache_dir);
	ut_path(marker, "%s/qemu-ran", dir);
	if (ut_write_file(cpu_vmx, VMX_CPUINFO, 0644) < 0 ||
	    ut_write_file(cpu_svm, SVM_CPUINFO, 0644) < 0 ||
	    ut_write_file(cpu_none, "flags\t\t: fpu sse2 hypervisor\n", 0644) < 0)
		abort();
	/* a QEMU that must not run: it leaves a marker the tests look for */
	ut_path(body, "touch %s\nexit 33", marker);
	fake_qemu(never, "never", body);
	/* does the real /dev/kvm pass the device check here? (no trial: qemu NULL) */
	p = probe(cpu_vmx, "/dev/kvm", NULL);
	have_kvm = vm_accel_choose("auto", &p, &a, NULL, 0, &err) == 0 && a == VM_ACCEL_KVM;
	RUN(test_names_and_defaults);
	RUN(test_tcg_probes_nothing);
	RUN(test_unknown_want);
	RUN(test_cpu_flags);
	RUN(test_kvm_dev_not_kvm);
	RUN(test_kvm_dev_unreadable);
	RUN(test_want_kvm_when_unusable_is_an_error);
	RUN(test_cache_hit_runs_no_qemu);
	RUN(test_stale_cache_runs_the_trial);
	RUN(test_trial_verdicts);
	RUN(test_hanging_qemu_is_killed);
	RUN(test_trial_guest_runs_under_tcg);
	ut_rmrf(dir);
	UNIT_DONE();
}
