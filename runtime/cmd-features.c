/* cmd-features: `berth features`: the runtime-spec features.md document, listing only
 * what this build really implements (apparmor, selinux and intelRdt are refused with a clear
 * error). */
#include <stdio.h>
#include <string.h>
#include <sys/capability.h>

#include "base/cleanup.h"
#include "cli.h"

static const char *const namespaces[] = {"cgroup", "ipc",  "mount", "network",
					 "pid",	   "time", "user",  "uts"};

/* the options runtime/mount-options.c knows */
static const char *const mount_options[] = {
	"async",	 "atime",      "bind",	     "defaults",   "dev",
	"diratime",	 "dirsync",    "exec",	     "iversion",   "lazytime",
	"loud",		 "mand",       "noatime",    "nodev",	   "nodiratime",
	"noexec",	 "noiversion", "nolazytime", "nomand",	   "norelatime",
	"nostrictatime", "nosuid",     "private",    "rbind",	   "relatime",
	"remount",	 "ro",	       "rprivate",   "rshared",	   "rslave",
	"runbindable",	 "rw",	       "shared",     "silent",	   "slave",
	"strictatime",	 "suid",       "sync",	     "unbindable",
};

static const char *const hooks[] = {"prestart",	      "createRuntime", "createContainer",
				    "startContainer", "poststart",     "poststop"};
static const char *const seccomp_actions[] = {
	"SCMP_ACT_ALLOW",	 "SCMP_ACT_ERRNO",	 "SCMP_ACT_KILL",
	"SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG",
	"SCMP_ACT_NOTIFY",	 "SCMP_ACT_TRACE",	 "SCMP_ACT_TRAP",
};
static const char *const seccomp_operators[] = {
	"SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT",	    "SCMP_CMP_LE",
	"SCMP_CMP_LT", "SCMP_CMP_NE", "SCMP_CMP_MASKED_EQ",
};
/* what libseccomp 2.5 knows (seccomp-attrs.c refuses the rest with a clear error) */
static const char *const seccomp_archs[] = {
	"SCMP_ARCH_AARCH64",   "SCMP_ARCH_ARM",	     "SCMP_ARCH_MIPS",	   "SCMP_ARCH_MIPS64",
	"SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL",   "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32",
	"SCMP_ARCH_PARISC",    "SCMP_ARCH_PARISC64", "SCMP_ARCH_PPC",	   "SCMP_ARCH_PPC64",
	"SCMP_ARCH_PPC64LE",   "SCMP_ARCH_RISCV64",  "SCMP_ARCH_S390",	   "SCMP_ARCH_S390X",
	"SCMP_ARCH_X32",       "SCMP_ARCH_X86",	     "SCMP_ARCH_X86_64",
};
static const char *const seccomp_known_flags[] = {
	"SECCOMP_FILTER_FLAG_TSYNC",
	"SECCOMP_FILTER_FLAG_SPEC_ALLOW",
	"SECCOMP_FILTER_FLAG_LOG",
	"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
};
/* TSYNC is accepted and ignored, as runc (one thread); WAIT_KILLABLE_RECV needs a newer
 * libseccomp than Debian 12's */
static const char *const seccomp_supported_flags[] = {
	"SECCOMP_FILTER_FLAG_TSYNC",
	"SECCOMP_FILTER_FLAG_SPEC_ALLOW",
	"SECCOMP_FILTER_FLAG_LOG",
};

static void print_list(const char *key, const char *const *v, size_t n, const char *indent,
		       int last)
{
	size_t i;

	(void)printf("%s\"%s\": [", indent, key);
	for (i = 0; i < n; i++)
		(void)printf("%s\"%s\"", i ? ", " : "", v[i]);
	(void)printf("]%s\n", last ? "" : ",");
}

static void print_caps(void)
{
	int cap, first = 1;

	(void)printf("    \"capabilities\": [");
	for (cap = 0; cap <= CAP_LAST_CAP; cap++) {
		char *name = cap_to_name(cap);

		if (!name)
			continue;
		(void)printf("%s\"", first ? "" : ", ");
		for (char *p = name; *p; p++)
			(void)putchar(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		(void)printf("\"");
		(void)cap_free(name);
		first = 0;
	}
	(void)printf("],\n");
}

int rt_cmd_features(int argc, char **argv, struct berr *err)
{
	(void)argc;
	(void)argv;
	(void)err;
	(void)printf("{\n  \"ociVersionMin\": \"1.0.0\",\n  \"ociVersionMax\": \"1.2.0\",\n");
	print_list("hooks", hooks, sizeof(hooks) / sizeof(hooks[0]), "  ", 0);
	print_list("mountOptions", mount_options, sizeof(mount_options) / sizeof(mount_options[0]),
		   "  ", 0);
	(void)printf("  \"linux\": {\n");
	print_list("namespaces", namespaces, sizeof(namespaces) / sizeof(namespaces[0]), "    ", 0);
	print_caps();
	(void)printf("    \"cgroup\": {\"v1\": true, \"v2\": true, \"systemd\": false, "
		     "\"systemdUser\": false, \"rdma\": true},\n");
	(void)printf("    \"seccomp\": {\n      \"enabled\": true,\n");
	print_list("actions", seccomp_actions, ARRAY_SIZE(seccomp_actions), "      ", 0);
	print_list("operators", seccomp_operators, ARRAY_SIZE(seccomp_operators), "      ", 0);
	print_list("archs", seccomp_archs, ARRAY_SIZE(seccomp_archs), "      ", 0);
	print_list("knownFlags", seccomp_known_flags, ARRAY_SIZE(seccomp_known_flags), "      ", 0);
	print_list("supportedFlags", seccomp_supported_flags, ARRAY_SIZE(seccomp_supported_flags),
		   "      ", 1);
	(void)printf("    },\n");
	(void)printf("    \"apparmor\": {\"enabled\": false},\n");
	(void)printf("    \"selinux\": {\"enabled\": false},\n");
	(void)printf("    \"intelRdt\": {\"enabled\": false},\n");
	(void)printf("    \"mountExtensions\": {\"idmap\": {\"enabled\": true}}\n  },\n");
	/* the isolation modes, and the config.json annotations berth reads (berth(8)) */
	(void)printf("  \"annotations\": {\n    \"io.github.berth.version\": \"%s\",\n"
		     "    \"io.github.berth.isolation\": \"container,vm\",\n"
		     "    \"io.github.berth.annotations\": "
		     "\"berth.isolation,berth.vm.cpus,berth.vm.memory\"\n  }\n}\n",
		     BERTH_VERSION);
	return 0;
}
