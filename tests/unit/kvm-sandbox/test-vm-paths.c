/* Unit tests for kvm-sandbox/vm-paths.c: paths from berth.conf, the defaults under
 * BERTH_VM_DIR, QEMU from PATH, and the one-line errors with their hints. */
#include "unit.h"
#include "../runtime/rt-unit.h"

#include <sys/stat.h>

#include "../../../kvm-sandbox/vm-paths.h"

static char dir[PATH_MAX], kernel[PATH_MAX], initramfs[PATH_MAX], qemu[PATH_MAX], bindir[PATH_MAX];
static struct vm_paths paths;

static void test_from_conf(void)
{
	struct cfg_conf c = {.kernel = kernel, .initramfs = initramfs, .qemu = qemu};
	struct berr err = {0};

	memset(&paths, 0, sizeof(paths));
	ASSERT_INT(vm_paths_resolve(&c, &paths, &err), 0);
	ASSERT_STR(paths.kernel, kernel);
	ASSERT_STR(paths.initramfs, initramfs);
	ASSERT_STR(paths.qemu, qemu);
	ASSERT_STR(err.msg, "");
}

static void test_conf_files_missing(void)
{
	char missing[PATH_MAX], want[2 * PATH_MAX];
	struct cfg_conf c = {.kernel = missing, .initramfs = initramfs, .qemu = qemu};
	struct berr err = {0};

	ut_path(missing, "%s/no-vmlinux", dir);
	strcpy(paths.kernel, "(kept)");
	ASSERT_INT(vm_paths_resolve(&c, &paths, &err), -ENOENT);
	ut_path(want,
		"vm kernel %s: No such file or directory (make kernel, or kernel= in berth.conf)",
		missing);
	ASSERT_STR(err.msg, want);
	ASSERT_STR(paths.kernel, "(kept)"); /* failure leaves ret alone */
	c.kernel = kernel;
	c.initramfs = dir; /* a directory */
	ASSERT_INT(vm_paths_resolve(&c, &paths, &err), -EISDIR);
	ut_path(want, "vm initramfs %s: Is a directory (make vm, or initramfs= in berth.conf)",
		dir);
	ASSERT_STR(err.msg, want);
	c.initramfs = initramfs;
	c.qemu = kernel; /* not executable */
	ASSERT_INT(vm_paths_resolve(&c, &paths, &err), -EACCES);
	ut_path(want,
		"QEMU %s: Permission denied (apt-get install qemu-system-x86, or qemu= in "
		"berth.conf)",
		kernel);
	ASSERT_STR(err.msg, want);
	c.qemu = (char *)"/dev/null"; /* not a regular file */
	ASSERT_INT(vm_paths_resolve(&c, &paths, &err), -EINVAL);
	ASSERT_STR(err.msg, "QEMU /dev/null: not a regular file (apt-get install qemu-system-x86, "
			    "or qemu= in berth.conf)");
}

/* Without kernel= and initramfs=, the built-in defaults under BERTH_VM_DIR are checked. */
static void test_defaults(void)
{
	struct cfg_conf c = {.initramfs = initramfs, .qemu = qemu};
	char want[PATH_MAX + 128], path[PATH_MAX];
	struct berr err = {0};
	int r;

	r = vm_paths_resolve_one(&c, VM_PATH_KERNEL, path, &err);
	if (r == 0) {
		ASSERT_STR(path, BERTH_VM_DIR "/vmlinux"); /* installed here */
	} else {
		ut_path(want, "vm kernel %s/vmlinux: ", BERTH_VM_DIR);
		ASSERT_TRUE(strncmp(err.msg, want, strlen(want)) == 0);
		ASSERT_CONTAINS(err.msg, "(make kernel, or kernel= in berth.conf)");
	}
	c.kernel = kernel;
	c.initramfs = NULL;
	r = vm_paths_resolve_one(&c, VM_PATH_INITRAMFS, path, &err);
	if (r == 0) {
		ASSERT_STR(path, BERTH_VM_DIR "/initramfs.cpio");
	} else {
		ut_path(want, "vm initramfs %s/initramfs.cpio: ", BERTH_VM_DIR);
		ASSERT_TRUE(strncmp(err.msg, want, strlen(want)) == 0);
	}
	/* a NULL conf is all defaults */
	r = vm_paths_resolve(NULL, &paths, &err);
	ASSERT_TRUE(r == 0 || strncmp(err.msg, "vm kernel ", 10) == 0);
}

static void test_resolve_one(void)
{
	struct cfg_conf c = {.kernel = kernel, .initramfs = initramfs, .qemu = qemu};
	char path[PATH_MAX];
	struct berr err = {0};

	ASSERT_INT(vm_paths_resolve_one(&c, VM_PATH_KERNEL, path, &err), 0);
	ASSERT_STR(path, kernel);
	ASSERT_INT(vm_paths_resolve_one(&c, VM_PATH_INITRAMFS, path, &err), 0);
	ASSERT_STR(path, initramfs);
	ASSERT_INT(vm_paths_resolve_one(&c, VM_PATH_QEMU, path, &err), 0);
	ASSERT_STR(path, qemu);
}

static void test_qemu_from_path(void)
{
	char env[3 * PATH_MAX], want[PATH_MAX + 64], plain[PATH_MAX];
	struct cfg_conf c = {.kernel = kernel, .initramfs = initramfs};
	struct berr err = {0};

	/* relative entries and a non-executable file of that name are passed over */
	ut_path(plain, "%s/plain", dir);
	ASSERT_INT(mkdir(plain, 0755), 0);
	ut_path(want, "%s/qemu-system-x86_64", plain);
	ASSERT_INT(ut_write_file(want, "#!/bin/sh\n", 0644), 0);
	ut_path(env, "relative/bin::%s:%s:/nonexistent", plain, bindir);
	ASSERT_INT(setenv("PATH", env, 1), 0);
	ASSERT_INT(vm_paths_resolve(&c, &paths, &err), 0);
	ut_path(want, "%s/qemu-system-x86_64", bindir);
	ASSERT_STR(paths.qemu, want);
	/* not found */
	ut_path(env, "%s:/nonexistent", plain);
	ASSERT_INT(setenv("PATH", env, 1), 0);
	ASSERT_INT(vm_paths_resolve(&c, &paths, &err), -ENOENT);
	ASSERT_STR(err.msg, "QEMU qemu-system-x86_64: not found in PATH (apt-get install "
			    "qemu-system-x86, or qemu= in berth.conf)");
	/* without PATH: /usr/local/bin:/usr/bin:/bin */
	ASSERT_INT(unsetenv("PATH"), 0);
	if (vm_paths_resolve(&c, &paths, &err) == 0)
		ASSERT_TRUE(!strcmp(paths.qemu, "/usr/local/bin/qemu-system-x86_64") ||
			    !strcmp(paths.qemu, "/usr/bin/qemu-system-x86_64") ||
			    !strcmp(paths.qemu, "/bin/qemu-system-x86_64"));
	else
		ASSERT_CONTAINS(err.msg, "not found in PATH");
}

int main(void)
{
	const char *path = getenv("PATH");
	char saved[8192];

	(void)snprintf(saved, sizeof(saved), "%s", path ? path : "/usr/bin:/bin");
	ut_tmpdir(dir);
	ut_path(kernel, "%s/vmlinux", dir);
	ut_path(initramfs, "%s/initramfs.cpio", dir);
	ut_path(bindir, "%s/bin", dir);
	ut_path(qemu, "%s/qemu-system-x86_64", bindir);
	if (mkdir(bindir, 0755) < 0 || ut_write_file(kernel, "ELF", 0644) < 0 ||
	    ut_write_file(initramfs, "070701", 0644) < 0 ||
	    ut_write_file(qemu, "#!/bin/sh\nexit 0\n", 0755) < 0)
		abort();
	RUN(test_from_conf);
	RUN(test_conf_files_missing);
	RUN(test_defaults);
	RUN(test_resolve_one);
	RUN(test_qemu_from_path);
	(void)setenv("PATH", saved, 1);
	ut_rmrf(dir);
	UNIT_DONE();
}
