/* cmd-features: `berth features`: the runtime-spec features.md document, listing only
 * what this build really implements (hooks, cgroups, seccomp arrive with issue 4). */
#include <stdio.h>
#include <string.h>
#include <sys/capability.h>

#include "cli.h"

static const char *const namespaces[] = {"cgroup", "ipc",  "mount", "network",
					 "pid",	   "time", "user",  "uts"};

/* TODO(issue 3): take this from the mount option table once it exports its names */
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
	(void)printf("  \"hooks\": [],\n");
	print_list("mountOptions", mount_options, sizeof(mount_options) / sizeof(mount_options[0]),
		   "  ", 0);
	(void)printf("  \"linux\": {\n");
	print_list("namespaces", namespaces, sizeof(namespaces) / sizeof(namespaces[0]), "    ", 0);
	print_caps();
	(void)printf("    \"cgroup\": {\"v1\": false, \"v2\": false, \"systemd\": false, "
		     "\"systemdUser\": false, \"rdma\": false},\n");
	(void)printf("    \"seccomp\": {\"enabled\": false},\n");
	(void)printf("    \"apparmor\": {\"enabled\": false},\n");
	(void)printf("    \"selinux\": {\"enabled\": false},\n");
	(void)printf("    \"intelRdt\": {\"enabled\": false},\n");
	(void)printf("    \"mountExtensions\": {\"idmap\": {\"enabled\": false}}\n  },\n");
	(void)printf("  \"annotations\": {\n    \"io.github.berth.version\": \"%s\",\n"
		     "    \"io.github.berth.isolation\": \"container\"\n  }\n}\n",
		     BERTH_VERSION);
	return 0;
}
