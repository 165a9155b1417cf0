/* Tests config/spec-load.c: reading <bundle>/config.json (errors, limits, the "config.json: "
 * prefix) and the real-world configs under tests/data written by runc, containerd and podman. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfg-test.h"

static struct cfg_spec *load(const char *bundle, struct berr *err)
{
	struct cfg_spec *s = NULL;

	memset(err, 0, sizeof(*err));
	if (cfg_spec_load(bundle, &s, err) < 0)
		return NULL;
	return s;
}

static char tmp[64];

static void write_config(const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/config.json", tmp);
	f = fopen(path, "we");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void rm_config(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/config.json", tmp);
	unlink(path);
}

static void test_load_ok(void)
{
	struct berr err;
	struct cfg_spec *s;

	write_config(PROCESS(""));
	s = load(tmp, &err);
	ASSERT_TRUE(s);
	ASSERT_STR(s->process.args.v[0], "sh");
	cfg_spec_free(s);
}

/* the text handed back is exactly the file that was parsed */
static void test_load_text(void)
{
	struct berr err = {0};
	struct cfg_spec *s = NULL;
	char *text = NULL;
	size_t len = 0;

	write_config(PROCESS(""));
	ASSERT_INT(cfg_spec_load_text(tmp, &s, &text, &len, &err), 0);
	ASSERT_TRUE(s && text);
	ASSERT_INT((int)len, (int)strlen(PROCESS("")));
	ASSERT_TRUE(!memcmp(text, PROCESS(""), len));
	free(text);
	cfg_spec_free(s);
}

static void test_load_prefix(void)
{
	struct berr err;

	write_config(PROCESS(", \"args\": []"));
	ASSERT_TRUE(!load(tmp, &err));
	ASSERT_INT(err.code, EINVAL);
	ASSERT_STR(err.msg, "config.json: process.args: must not be empty");
	write_config("{\"ociVersion\": ");
	ASSERT_TRUE(!load(tmp, &err));
	ASSERT_STR(err.msg, "config.json: invalid JSON: parse error: premature EOF "
			    "(line 1, column 16)");
}

static void test_load_missing(void)
{
	char want[128];
	struct berr err;

	rm_config();
	ASSERT_TRUE(!load(tmp, &err));
	snprintf(want, sizeof(want), "open %s/config.json", tmp);
	ASSERT_STR(err.msg, want);
	ASSERT_INT(err.code, ENOENT);
	ASSERT_TRUE(err.sys);
}

static void test_load_not_regular(void)
{
	char path[128], want[160];
	struct berr err;

	rm_config();
	snprintf(path, sizeof(path), "%s/config.json", tmp);
	ASSERT_INT(mkfifo(path, 0600), 0);
	ASSERT_TRUE(!load(tmp, &err)); /* and does not hang */
	snprintf(want, sizeof(want), "%s: not a regular file", path);
	ASSERT_STR(err.msg, want);
	rm_config();
}

static void test_load_too_big(void)
{
	char path[128], want[160];
	struct berr err;
	int fd;

	rm_config();
	snprintf(path, sizeof(path), "%s/config.json", tmp);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	ASSERT_TRUE(fd >= 0);
	ASSERT_INT(ftruncate(fd, CFG_FILE_MAX + 1), 0);
	close(fd);
	ASSERT_TRUE(!load(tmp, &err));
	snprintf(want, sizeof(want), "%s: larger than 16 MiB", path);
	ASSERT_STR(err.msg, want);
	ASSERT_INT(err.code, EINVAL);
	rm_config();
}

static void test_runc_spec(void)
{
	struct berr err;
	struct cfg_spec *s = load("tests/data/runc-spec", &err);

	if (!s)
		FAIL_("%s", err.msg);
	ASSERT_STR(s->oci_version, "1.0.2-dev");
	ASSERT_STR(s->root_path, "rootfs");
	ASSERT_TRUE(s->root_readonly);
	ASSERT_STR(s->hostname, "runc");
	ASSERT_TRUE(s->process.terminal);
	ASSERT_STR(s->process.args.v[0], "sh");
	ASSERT_INT(s->process.caps.mask_ambient, (1ull << 29) | (1ull << 5) | (1ull << 10));
	ASSERT_INT(s->process.rlimits[0].resource, 7);
	ASSERT_INT(s->n_mounts, 7);
	ASSERT_STR(s->mounts[6].destination, "/sys/fs/cgroup");
	ASSERT_INT(s->linux_.n_namespaces, 5);
	ASSERT_TRUE(cfg_ns_find(s, CFG_NS_USER) == NULL);
	ASSERT_INT(s->linux_.masked_paths.n, 10);
	ASSERT_TRUE(!s->linux_.resources.devices[0].allow);
	cfg_spec_free(s);
}

static void test_runc_spec_rootless(void)
{
	struct berr err;
	struct cfg_spec *s = load("tests/data/runc-spec-rootless", &err);

	if (!s)
		FAIL_("%s", err.msg);
	ASSERT_TRUE(cfg_ns_find(s, CFG_NS_USER) != NULL);
	ASSERT_TRUE(cfg_ns_find(s, CFG_NS_NETWORK) == NULL);
	ASSERT_INT(s->linux_.n_uid_mappings, 1);
	ASSERT_INT(s->linux_.gid_mappings[0].size, 1);
	ASSERT_STR(s->mounts[5].type, "none");
	ASSERT_STR(s->mounts[5].options.v[0], "rbind");
	cfg_spec_free(s);
}

static void test_containerd(void)
{
	struct berr err;
	struct cfg_spec *s = load("tests/data/containerd-ctr-run", &err);

	if (!s)
		FAIL_("%s", err.msg);
	ASSERT_STR(s->process.args.v[1], "1000");
	ASSERT_STR(s->root_path, "/tmp/bbroot");
	ASSERT_STR(s->linux_.cgroups_path, "/default/berth-test");
	ASSERT_INT(s->linux_.resources.n_devices, 10);
	ASSERT_TRUE(s->linux_.resources.devices[8].major.set);
	ASSERT_TRUE(!s->linux_.resources.devices[8].minor.set);	     /* c 136:* rwm */
	ASSERT_INT(s->process.caps.mask_bounding & (1ull << 21), 0); /* no CAP_SYS_ADMIN */
	ASSERT_TRUE(s->process.no_new_privileges);
	cfg_spec_free(s);
}

static void test_containerd_seccomp(void)
{
	struct berr err;
	struct cfg_spec *s = load("tests/data/containerd-ctr-seccomp", &err);

	if (!s)
		FAIL_("%s", err.msg);
	ASSERT_TRUE(s->process.terminal);
	ASSERT_TRUE(s->process.caps.mask_bounding & (1ull << 21)); /* --cap-add CAP_SYS_ADMIN */
	ASSERT_INT(s->linux_.resources.memory.limit.v, 67108864);
	ASSERT_INT(s->linux_.resources.cpu.quota.v, 50000);
	ASSERT_STR(s->linux_.seccomp.default_action, "SCMP_ACT_ERRNO");
	ASSERT_INT(s->linux_.seccomp.architectures.n, 3);
	ASSERT_INT(s->linux_.seccomp.n_syscalls, 10);
	ASSERT_INT(s->linux_.seccomp.syscalls[5].args[0].value, 4294967295u);
	ASSERT_STR(cfg_annotation(s, "io.example.note"), "hello");
	ASSERT_STR(s->mounts[s->n_mounts - 1].destination, "/mnt");
	cfg_spec_free(s);
}

static void test_podman(void)
{
	struct berr err;
	struct cfg_spec *s = load("tests/data/podman-create", &err);

	if (!s)
		FAIL_("%s", err.msg);
	ASSERT_STR(s->hostname, "bbox");
	ASSERT_INT(s->process.user.umask.v, 022);
	ASSERT_STR(s->process.env.v[1], "FOO=bar");
	ASSERT_INT(s->process.n_rlimits, 2);
	ASSERT_INT(s->process.rlimits[1].hard, 32768);
	ASSERT_STR(cfg_annotation(s, "io.container.manager"), "libpod");
	ASSERT_STR(s->linux_.sysctl.v[0].key, "net.ipv4.ping_group_range");
	ASSERT_INT(s->linux_.resources.memory.swap.v, 134217728);
	ASSERT_INT(s->linux_.resources.pids_limit.v, 100);
	ASSERT_INT(s->linux_.seccomp.default_errno_ret.v, 38);
	ASSERT_INT(s->linux_.seccomp.syscalls[0].errno_ret.v, 1);
	ASSERT_INT(s->linux_.seccomp.syscalls[1].names.n, 374);
	ASSERT_STR(s->mounts[9].destination, "/sys/fs/cgroup");
	ASSERT_STR(s->mounts[5].options.v[1], "rprivate");
	cfg_spec_free(s);
}

int main(void)
{
	snprintf(tmp, sizeof(tmp), "/tmp/berth-test-load.XXXXXX");
	if (!mkdtemp(tmp))
		return 2;
	RUN(test_load_ok);
	RUN(test_load_text);
	RUN(test_load_prefix);
	RUN(test_load_missing);
	RUN(test_load_not_regular);
	RUN(test_load_too_big);
	RUN(test_runc_spec);
	RUN(test_runc_spec_rootless);
	RUN(test_containerd);
	RUN(test_containerd_seccomp);
	RUN(test_podman);
	rm_config();
	rmdir(tmp);
	t_done();
	UNIT_DONE();
}
