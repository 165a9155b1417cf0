/* Unit tests for config/berth-conf.c: every key, comments, quotes and blanks, size suffixes,
 * each error with its source:line, and loading through $BERTH_CONFIG. */
#include "unit.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../../config/berth-conf.h"

static char dir[PATH_MAX];
static struct cfg_conf t_conf;
static struct berr t_err;

/* Parses text as "berth.conf"; returns the status and keeps the result or the error. */
static int parse(const char *text)
{
	cfg_conf_free(&t_conf);
	memset(&t_err, 0, sizeof(t_err));
	return cfg_conf_parse(text, "berth.conf", &t_conf, &t_err);
}

/* The error message of a text that must not parse, or "(parsed)". */
static const char *fails(const char *text)
{
	return parse(text) < 0 ? t_err.msg : "(parsed)";
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "we");

	if (!f || fwrite(text, 1, len, f) != len) {
		perror(path);
		abort();
	}
	fclose(f);
}

/* a string literal, with any NUL bytes inside it */
#define WRITE(path, lit) write_file((path), (lit), sizeof(lit) - 1)

static void remove_dir(void)
{
	static const char *const names[] = {"a.conf", "big.conf", "nul.conf"};
	char path[PATH_MAX + 16];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		(void)snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		(void)unlink(path);
	}
	(void)rmdir(dir);
}

static void test_every_key(void)
{
	ASSERT_INT(parse("# berth.conf\n"
			 "\n"
			 "default_isolation = vm\n"
			 "  kernel=/opt/berth/vmlinux  \n"
			 "\tinitramfs\t=\t\"/opt/berth/init ramfs.cpio\"\n"
			 "   # indented comment\n"
			 "qemu = /usr/bin/qemu-system-x86_64\r\n"
			 "accel = tcg\n"
			 "vm_cpus = 4\n"
			 "vm_memory = 512M"),
		   0);
	ASSERT_STR(t_conf.default_isolation, "vm");
	ASSERT_STR(t_conf.kernel, "/opt/berth/vmlinux");
	ASSERT_STR(t_conf.initramfs, "/opt/berth/init ramfs.cpio");
	ASSERT_STR(t_conf.qemu, "/usr/bin/qemu-system-x86_64");
	ASSERT_STR(t_conf.accel, "tcg");
	ASSERT_INT(t_conf.vm_cpus, 4);
	ASSERT_INT(t_conf.vm_memory, 512ULL << 20);
	ASSERT_TRUE(t_conf.path == NULL); /* parse names no file */
}

static void test_empty_is_all_defaults(void)
{
	ASSERT_INT(parse(""), 0);
	ASSERT_TRUE(!t_conf.default_isolation && !t_conf.kernel && !t_conf.initramfs);
	ASSERT_TRUE(!t_conf.qemu && !t_conf.accel && !t_conf.path);
	ASSERT_INT(t_conf.vm_cpus, 0);
	ASSERT_INT(t_conf.vm_memory, 0);
	ASSERT_INT(parse("# only a comment\n\n   \n"), 0);
	ASSERT_TRUE(!t_conf.kernel);
}

static void test_choices(void)
{
	ASSERT_INT(parse("default_isolation = container\naccel = \"auto\""), 0);
	ASSERT_STR(t_conf.default_isolation, "container");
	ASSERT_STR(t_conf.accel, "auto");
	ASSERT_INT(parse("accel = kvm"), 0);
	ASSERT_STR(t_conf.accel, "kvm");
}

static uint64_t size_of(const char *v)
{
	char text[128];

	(void)snprintf(text, sizeof(text), "vm_memory = %s\n", v);
	return parse(text) == 0 ? t_conf.vm_memory : 0;
}

static void test_size_suffixes(void)
{
	ASSERT_INT(size_of("32M"), 32ULL << 20);
	ASSERT_INT(size_of("64m"), 64ULL << 20);
	ASSERT_INT(size_of("2G"), 2ULL << 30);
	ASSERT_INT(size_of("3g"), 3ULL << 30);
	ASSERT_INT(size_of("32768k"), 32ULL << 20);
	ASSERT_INT(size_of("65536K"), 64ULL << 20);
	ASSERT_INT(size_of("33554432"), 32ULL << 20); /* bytes without a suffix */
	ASSERT_INT(size_of("\"1G\""), 1ULL << 30);
}

static void test_size_errors(void)
{
	ASSERT_STR(fails("vm_memory = 16M"),
		   "berth.conf:1: vm_memory: \"16M\" is less than the minimum, 32M");
	ASSERT_STR(fails("vm_memory = 33554431"),
		   "berth.conf:1: vm_memory: \"33554431\" is less than the minimum, 32M");
	ASSERT_STR(fails("vm_memory = 0"),
		   "berth.conf:1: vm_memory: \"0\" is less than the minimum, 32M");
	ASSERT_STR(fails("vm_memory = 1.5G"),
		   "berth.conf:1: vm_memory: \"1.5G\" is not a size (bytes, or a number with k, "
		   "M or G)");
	ASSERT_STR(fails("vm_memory = 1T"), "berth.conf:1: vm_memory: \"1T\" is not a size "
					    "(bytes, or a number with k, M or G)");
	ASSERT_STR(fails("vm_memory = G"), "berth.conf:1: vm_memory: \"G\" is not a size "
					   "(bytes, or a number with k, M or G)");
	ASSERT_STR(fails("vm_memory = -1G"), "berth.conf:1: vm_memory: \"-1G\" is not a size "
					     "(bytes, or a number with k, M or G)");
	ASSERT_STR(fails("vm_memory = 1 G"), "berth.conf:1: vm_memory: \"1 G\" is not a size "
					     "(bytes, or a number with k, M or G)");
	ASSERT_STR(fails("vm_memory = 99999999999999999999"),
		   "berth.conf:1: vm_memory: \"99999999999999999999\" is too large");
	ASSERT_STR(fails("vm_memory = 17179869184G"),
		   "berth.conf:1: vm_memory: \"17179869184G\" is too large");
}

static void test_cpus(void)
{
	ASSERT_INT(parse("vm_cpus = 1"), 0);
	ASSERT_INT(t_conf.vm_cpus, 1);
	ASSERT_INT(parse("vm_cpus = 255"), 0);
	ASSERT_INT(t_conf.vm_cpus, 255);
	ASSERT_STR(fails("vm_cpus = 0"), "berth.conf:1: vm_cpus: \"0\" is not a number from 1 "
					 "to 255");
	ASSERT_STR(fails("vm_cpus = 256"), "berth.conf:1: vm_cpus: \"256\" is not a number from "
					   "1 to 255");
	ASSERT_STR(fails("vm_cpus = -1"), "berth.conf:1: vm_cpus: \"-1\" is not a number from 1 "
					  "to 255");
	ASSERT_STR(fails("vm_cpus = 0x10"), "berth.conf:1: vm_cpus: \"0x10\" is not a number "
					    "from 1 to 255");
	ASSERT_STR(fails("vm_cpus = two"), "berth.conf:1: vm_cpus: \"two\" is not a number from "
					   "1 to 255");
	ASSERT_STR(fails("vm_cpus = 4294967297"), "berth.conf:1: vm_cpus: \"4294967297\" is not "
						  "a number from 1 to 255");
}

static void test_line_errors(void)
{
	ASSERT_STR(fails("kernel = /k\n\nfoo = 1\n"), "berth.conf:3: unknown key \"foo\"");
	ASSERT_STR(fails("Kernel = /k"), "berth.conf:1: unknown key \"Kernel\"");
	ASSERT_STR(fails("kernel = /a\nkernel = /b"),
		   "berth.conf:2: duplicate key \"kernel\" (first set on line 1)");
	ASSERT_STR(fails("# x\nkernel /a"), "berth.conf:2: expected \"key = value\"");
	ASSERT_STR(fails(" = /a"), "berth.conf:1: unknown key \"\"");
	ASSERT_STR(fails("kernel ="), "berth.conf:1: kernel: empty value");
	ASSERT_STR(fails("kernel = \"\""), "berth.conf:1: kernel: empty value");
	ASSERT_STR(fails("kernel = \"/a"), "berth.conf:1: kernel: missing closing quote");
	ASSERT_STR(fails("kernel = \""), "berth.conf:1: kernel: missing closing quote");
	ASSERT_STR(fails("kernel = \"/a\"b\""),
		   "berth.conf:1: kernel: a quoted value holds no '\"'");
	/* a comment only at the start of a line: "# x" here is part of the value */
	ASSERT_STR(fails("vm_cpus = 2 # two"),
		   "berth.conf:1: vm_cpus: \"2 # two\" is not a number from 1 to 255");
}

static void test_value_errors(void)
{
	ASSERT_STR(fails("kernel = vmlinux"),
		   "berth.conf:1: kernel: \"vmlinux\" is not an absolute path");
	ASSERT_STR(fails("initramfs = ./i.cpio"),
		   "berth.conf:1: initramfs: \"./i.cpio\" is not an absolute path");
	ASSERT_STR(fails("qemu = qemu-system-x86_64"),
		   "berth.conf:1: qemu: \"qemu-system-x86_64\" is not an absolute path");
	ASSERT_STR(fails("default_isolation = kata"),
		   "berth.conf:1: default_isolation: unknown isolation \"kata\" (container or vm)");
	ASSERT_STR(fails("default_isolation = VM"),
		   "berth.conf:1: default_isolation: unknown isolation \"VM\" (container or vm)");
	ASSERT_STR(fails("accel = hvf"),
		   "berth.conf:1: accel: unknown accelerator \"hvf\" (auto, kvm or tcg)");
	ASSERT_INT(t_err.code, EINVAL);
}

static void test_failure_leaves_ret_alone(void)
{
	struct cfg_conf c = {.vm_cpus = 7};
	struct berr err = {0};

	/* the first lines allocate: they are freed, and c is untouched */
	ASSERT_INT(
		cfg_conf_parse("kernel = /k\naccel = kvm\nvm_cpus = 9\nbad\n", "x.conf", &c, &err),
		-EINVAL);
	ASSERT_STR(err.msg, "x.conf:4: expected \"key = value\"");
	ASSERT_INT(c.vm_cpus, 7);
	ASSERT_TRUE(c.kernel == NULL && c.accel == NULL);
}

static void test_load_from_env(void)
{
	char path[PATH_MAX + 16], want[PATH_MAX + 128];
	struct cfg_conf c = {0};
	struct berr err = {0};

	(void)snprintf(path, sizeof(path), "%s/a.conf", dir);
	WRITE(path, "default_isolation = vm\nvm_cpus = 2\n");
	ASSERT_INT(setenv("BERTH_CONFIG", path, 1), 0);
	ASSERT_INT(cfg_conf_load(&c, &err), 0);
	ASSERT_STR(c.path, path);
	ASSERT_STR(c.default_isolation, "vm");
	ASSERT_INT(c.vm_cpus, 2);
	cfg_conf_free(&c);
	ASSERT_TRUE(c.path == NULL && c.default_isolation == NULL); /* free clears */
	cfg_conf_free(&c);					    /* and may be repeated */
	/* errors name the file and the line */
	WRITE(path, "vm_cpus = 2\nvm_cpus = 3\n");
	ASSERT_INT(cfg_conf_load(&c, &err), -EINVAL);
	(void)snprintf(want, sizeof(want), "%s:2: duplicate key \"vm_cpus\" (first set on line 1)",
		       path);
	ASSERT_STR(err.msg, want);
	ASSERT_INT(unsetenv("BERTH_CONFIG"), 0);
}

static void test_load_missing_env_file_is_an_error(void)
{
	char path[PATH_MAX + 16], want[PATH_MAX + 128], msg[1024];
	struct cfg_conf c = {.vm_cpus = 3};
	struct berr err = {0};

	(void)snprintf(path, sizeof(path), "%s/nope.conf", dir);
	ASSERT_INT(setenv("BERTH_CONFIG", path, 1), 0);
	ASSERT_INT(cfg_conf_load(&c, &err), -ENOENT);
	(void)snprintf(want, sizeof(want), "$BERTH_CONFIG %s: No such file or directory", path);
	ASSERT_STR(berr_str(&err, msg, sizeof(msg)), want);
	ASSERT_INT(c.vm_cpus, 3);
	ASSERT_INT(unsetenv("BERTH_CONFIG"), 0);
}

static void test_load_refuses_odd_files(void)
{
	char path[PATH_MAX + 16], want[PATH_MAX + 128];
	struct cfg_conf c = {0};
	struct berr err = {0};
	static char big[70 * 1024];

	ASSERT_INT(setenv("BERTH_CONFIG", dir, 1), 0);
	ASSERT_INT(cfg_conf_load(&c, &err), -EINVAL);
	(void)snprintf(want, sizeof(want), "$BERTH_CONFIG %s: not a regular file", dir);
	ASSERT_STR(err.msg, want);
	(void)snprintf(path, sizeof(path), "%s/big.conf", dir);
	memset(big, '#', sizeof(big));
	write_file(path, big, sizeof(big));
	ASSERT_INT(setenv("BERTH_CONFIG", path, 1), 0);
	ASSERT_INT(cfg_conf_load(&c, &err), -EFBIG);
	(void)snprintf(want, sizeof(want), "%s: larger than 64 KiB", path);
	ASSERT_STR(err.msg, want);
	(void)snprintf(path, sizeof(path), "%s/nul.conf", dir);
	WRITE(path, "vm_cpus = 2\n\0kernel = /x\n");
	ASSERT_INT(setenv("BERTH_CONFIG", path, 1), 0);
	ASSERT_INT(cfg_conf_load(&c, &err), -EINVAL);
	(void)snprintf(want, sizeof(want), "%s: not a text file (holds a NUL byte)", path);
	ASSERT_STR(err.msg, want);
	ASSERT_INT(unsetenv("BERTH_CONFIG"), 0);
}

/* Without $BERTH_CONFIG (or with it empty) the default file is read; when it does not exist
 * that is all defaults. A test cannot make /etc/berth without side effects: this one runs
 * only where the file is absent. */
static void test_load_missing_default_is_fine(void)
{
	struct cfg_conf c = {0};
	struct berr err = {0};

	if (access(CFG_CONF_DEFAULT_PATH, F_OK) == 0 || errno != ENOENT) {
		printf("# skip: %s exists\n", CFG_CONF_DEFAULT_PATH);
		return;
	}
	ASSERT_INT(unsetenv("BERTH_CONFIG"), 0);
	ASSERT_INT(cfg_conf_load(&c, &err), 0);
	ASSERT_TRUE(c.path == NULL && c.default_isolation == NULL && c.kernel == NULL);
	ASSERT_STR(err.msg, ""); /* success leaves err alone */
	ASSERT_INT(setenv("BERTH_CONFIG", "", 1), 0);
	ASSERT_INT(cfg_conf_load(&c, &err), 0);
	ASSERT_TRUE(c.path == NULL);
	ASSERT_INT(unsetenv("BERTH_CONFIG"), 0);
}

int main(void)
{
	(void)snprintf(dir, sizeof(dir), "/tmp/berth-unit-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_every_key);
	RUN(test_empty_is_all_defaults);
	RUN(test_choices);
	RUN(test_size_suffixes);
	RUN(test_size_errors);
	RUN(test_cpus);
	RUN(test_line_errors);
	RUN(test_value_errors);
	RUN(test_failure_leaves_ret_alone);
	RUN(test_load_from_env);
	RUN(test_load_missing_env_file_is_an_error);
	RUN(test_load_refuses_odd_files);
	RUN(test_load_missing_default_is_fine);
	cfg_conf_free(&t_conf);
	remove_dir();
	UNIT_DONE();
}
