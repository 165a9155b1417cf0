/* test-cmd-check: `berth check` prints one "ok"/"no" line an item and exits 0 only when the
 * default isolation can run: a vm default with a missing kernel fails, a container default
 * passes, a broken berth.conf fails, and the options. berth.conf comes from $BERTH_CONFIG. */
#include <string.h>

#include "unit.h"
#include "rt-unit.h"
#include "cmd-unit.h"

#define QEMU "/usr/bin/qemu-system-x86_64"

static char dir[PATH_MAX], conf[PATH_MAX], out[PATH_MAX], kernel[PATH_MAX], initramfs[PATH_MAX];
static char buf[16384];
static struct ut_argv a;

/* Writes berth.conf and runs `berth check`; the output lands in buf. */
static int check(const char *conf_text, struct berr *err)
{
	int r;

	if (ut_write_file(conf, conf_text, 0644) < 0)
		abort();
	memset(err, 0, sizeof(*err));
	UT_ARGV(&a, "check");
	r = ut_cmd(rt_cmd_check, &a, out, err);
	if (ut_read_file(out, buf, sizeof(buf)) < 0)
		abort();
	return r;
}

/* The item line of name (with its indent), without the newline, or "(none)". */
static const char *line(const char *name)
{
	static char l[1024];
	const char *p = buf;
	size_t n = strlen(name);

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, name, n) || p[n] != ':')
			continue;
		(void)snprintf(l, sizeof(l), "%.*s", (int)strcspn(p, "\n"), p);
		return l;
	}
	return "(none)";
}

static void test_vm_default_without_kernel_fails(void)
{
	char text[PATH_MAX + 256], want[2 * PATH_MAX];
	struct berr err;

	ut_path(text, "default_isolation = vm\nkernel = %s/missing/vmlinux\n", dir);
	ASSERT_TRUE(check(text, &err) < 0);
	ASSERT_STR(err.msg, "the default isolation (vm) cannot run on this host");
	ut_path(want,
		"  kernel: no (vm kernel %s/missing/vmlinux: No such file or directory (make "
		"kernel, or kernel= in berth.conf))",
		dir);
	ASSERT_STR(line("  kernel"), want);
	ASSERT_TRUE(strncmp(line("vm"), "vm: no (vm kernel ", 18) == 0);
	ut_path(want, "default isolation: vm (from %s)", conf);
	ASSERT_STR(line("default isolation"), want);
	ut_path(want, "berth.conf: ok (%s)", conf);
	ASSERT_STR(line("berth.conf"), want);
	/* everything is printed all the same, in order */
	ASSERT_TRUE(strstr(buf, "\ncontainer: ") < strstr(buf, "\n  cgroups: "));
	ASSERT_TRUE(strstr(buf, "\n  seccomp: ") < strstr(buf, "\nvm: "));
	ASSERT_TRUE(strstr(buf, "\n  qemu: ") < strstr(buf, "\n  kvm: "));
	ASSERT_TRUE(strstr(buf, "\n  user namespaces: ") != NULL);
	ASSERT_TRUE(strstr(buf, "\n  initramfs: ") != NULL);
}

static void test_container_default_passes(void)
{
	char text[PATH_MAX + 256], want[PATH_MAX + 64];
	struct berr err;
	int r;

	ut_path(text,
		"# the vm files are missing: container does not need them\n"
		"default_isolation = container\nkernel = %s/missing/vmlinux\n",
		dir);
	r = check(text, &err);
	if (strcmp(line("container"), "container: ok")) {
		printf("# skip: containers cannot run here: %s\n", line("container"));
		return;
	}
	ASSERT_INT(r, 0);
	ASSERT_STR(err.msg, "");
	ut_path(want, "default isolation: container (from %s)", conf);
	ASSERT_STR(line("default isolation"), want);
	ASSERT_TRUE(strncmp(line("  cgroups"), "  cgroups: ok (", 15) == 0);
	ASSERT_TRUE(strncmp(line("  seccomp"), "  seccomp: ok (libseccomp ", 26) == 0);
	ASSERT_TRUE(strncmp(line("vm"), "vm: no (", 8) == 0);
	/* no default_isolation: the built-in one */
	ASSERT_INT(check("vm_cpus = 2\n", &err), 0);
	ASSERT_STR(line("default isolation"), "default isolation: container (built-in)");
}

/* With every file present the vm line is ok, and tells the accelerator. */
static void test_vm_with_files_and_tcg(void)
{
	char text[3 * PATH_MAX], want[PATH_MAX + 64];
	struct berr err;

	if (access(QEMU, X_OK) < 0) {
		printf("# skip: no %s\n", QEMU);
		return;
	}
	ut_path(text,
		"default_isolation = vm\nkernel = %s\ninitramfs = %s\nqemu = %s\naccel = tcg\n",
		kernel, initramfs, QEMU);
	ASSERT_INT(check(text, &err), 0);
	ut_path(want, "vm: ok (tcg: accel = tcg in %s)", conf);
	ASSERT_STR(line("vm"), want);
	ASSERT_STR(line("  qemu"), "  qemu: ok (" QEMU ")");
	ut_path(want, "  kernel: ok (%s)", kernel);
	ASSERT_STR(line("  kernel"), want);
	ut_path(want, "  initramfs: ok (%s)", initramfs);
	ASSERT_STR(line("  initramfs"), want);
	/* the kvm line says what the host allows, whatever accel is */
	ASSERT_TRUE(!strcmp(line("  kvm"), "  kvm: ok") ||
		    strstr(line("  kvm"), "; TCG will be used)") != NULL);
}

static void test_program_name_berth_vm(void)
{
	struct berr err;
	int r;

	arg_global.argv0 = "berth-vm";
	r = check("kernel = /nonexistent/vmlinux\n", &err);
	arg_global.argv0 = "berth";
	ASSERT_TRUE(r < 0);
	ASSERT_STR(line("default isolation"), "default isolation: vm (program name berth-vm)");
	ASSERT_STR(err.msg, "the default isolation (vm) cannot run on this host");
}

static void test_broken_conf_fails(void)
{
	char want[PATH_MAX + 64];
	struct berr err;

	ASSERT_TRUE(check("default_isolation = container\nfoo = 1\n", &err) < 0);
	ut_path(want, "%s:2: unknown key \"foo\"", conf);
	ASSERT_STR(err.msg, want);
	ut_path(want, "berth.conf: no (%s:2: unknown key \"foo\")", conf);
	ASSERT_STR(line("berth.conf"), want);
	/* the rest is still checked, with the built-in defaults */
	ASSERT_STR(line("default isolation"), "default isolation: container (built-in)");
	ASSERT_TRUE(strcmp(line("  cgroups"), "(none)") != 0);
}

static void test_options(void)
{
	struct berr err = {0};

	UT_ARGV(&a, "check", "--help");
	ASSERT_INT(ut_cmd(rt_cmd_check, &a, out, &err), 0);
	ASSERT_TRUE(ut_read_file(out, buf, sizeof(buf)) > 0);
	ASSERT_TRUE(strncmp(buf, "usage: berth check\n", 19) == 0);
	UT_ARGV(&a, "check", "-h");
	ASSERT_INT(ut_cmd(rt_cmd_check, &a, out, &err), 0);
	UT_ARGV(&a, "check", "--bogus");
	ASSERT_INT(ut_cmd(rt_cmd_check, &a, out, &err), -EINVAL);
	ASSERT_STR(err.msg, "check: unknown option --bogus");
	UT_ARGV(&a, "check", "extra");
	ASSERT_INT(ut_cmd(rt_cmd_check, &a, out, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "berth check requires exactly 0 arguments");
}

int main(void)
{
	ut_tmpdir(dir);
	ut_path(conf, "%s/berth.conf", dir);
	ut_path(out, "%s/out.txt", dir);
	ut_path(kernel, "%s/vmlinux", dir);
	ut_path(initramfs, "%s/initramfs.cpio", dir);
	if (ut_write_file(kernel, "ELF", 0644) < 0 || ut_write_file(initramfs, "07070", 0644) < 0 ||
	    setenv("BERTH_CONFIG", conf, 1) < 0)
		abort();
	RUN(test_vm_default_without_kernel_fails);
	RUN(test_container_default_passes);
	RUN(test_vm_with_files_and_tcg);
	RUN(test_program_name_berth_vm);
	RUN(test_broken_conf_fails);
	RUN(test_options);
	(void)unsetenv("BERTH_CONFIG");
	ut_rmrf(dir);
	UNIT_DONE();
}
