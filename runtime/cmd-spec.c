/* cmd-spec: `berth spec`: write a starter config.json into the bundle, the same defaults
 * runc writes (--rootless: a user namespace mapping the caller, no network ns, /sys bound). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cli.h"

/* One template for both variants: the %s slots take the parts that differ (struct variant). */
static const char spec_fmt[] =
	"{\n"
	"	\"ociVersion\": \"1.2.0\",\n"
	"	\"process\": {\n"
	"		\"terminal\": true,\n"
	"		\"user\": {\n"
	"			\"uid\": 0,\n"
	"			\"gid\": 0\n"
	"		},\n"
	"		\"args\": [\n"
	"			\"sh\"\n"
	"		],\n"
	"		\"env\": [\n"
	"			"
	"\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\n"
	"			\"TERM=xterm\"\n"
	"		],\n"
	"		\"cwd\": \"/\",\n"
	"		\"capabilities\": {\n"
	"			\"bounding\": [\n"
	"				\"CAP_AUDIT_WRITE\",\n"
	"				\"CAP_KILL\",\n"
	"				\"CAP_NET_BIND_SERVICE\"\n"
	"			],\n"
	"			\"effective\": [\n"
	"				\"CAP_AUDIT_WRITE\",\n"
	"				\"CAP_KILL\",\n"
	"				\"CAP_NET_BIND_SERVICE\"\n"
	"			],\n"
	"			\"permitted\": [\n"
	"				\"CAP_AUDIT_WRITE\",\n"
	"				\"CAP_KILL\",\n"
	"				\"CAP_NET_BIND_SERVICE\"\n"
	"			],\n"
	"			\"ambient\": [\n"
	"				\"CAP_AUDIT_WRITE\",\n"
	"				\"CAP_KILL\",\n"
	"				\"CAP_NET_BIND_SERVICE\"\n"
	"			]\n"
	"		},\n"
	"		\"rlimits\": [\n"
	"			{\n"
	"				\"type\": \"RLIMIT_NOFILE\",\n"
	"				\"hard\": 1024,\n"
	"				\"soft\": 1024\n"
	"			}\n"
	"		],\n"
	"		\"noNewPrivileges\": true\n"
	"	},\n"
	"	\"root\": {\n"
	"		\"path\": \"rootfs\",\n"
	"		\"readonly\": true\n"
	"	},\n"
	"	\"hostname\": \"berth\",\n"
	"	\"mounts\": [\n"
	"		{\n"
	"			\"destination\": \"/proc\",\n"
	"			\"type\": \"proc\",\n"
	"			\"source\": \"proc\"\n"
	"		},\n"
	"		{\n"
	"			\"destination\": \"/dev\",\n"
	"			\"type\": \"tmpfs\",\n"
	"			\"source\": \"tmpfs\",\n"
	"			\"options\": [\n"
	"				\"nosuid\",\n"
	"				\"strictatime\",\n"
	"				\"mode=755\",\n"
	"				\"size=65536k\"\n"
	"			]\n"
	"		},\n"
	"		{\n"
	"			\"destination\": \"/dev/pts\",\n"
	"			\"type\": \"devpts\",\n"
	"			\"source\": \"devpts\",\n"
	"			\"options\": [\n"
	"				\"nosuid\",\n"
	"				\"noexec\",\n"
	"				\"newinstance\",\n"
	"				\"ptmxmode=0666\",\n"
	"				\"mode=0620\"%s\n"
	"			]\n"
	"		},\n"
	"		{\n"
	"			\"destination\": \"/dev/shm\",\n"
	"			\"type\": \"tmpfs\",\n"
	"			\"source\": \"shm\",\n"
	"			\"options\": [\n"
	"				\"nosuid\",\n"
	"				\"noexec\",\n"
	"				\"nodev\",\n"
	"				\"mode=1777\",\n"
	"				\"size=65536k\"\n"
	"			]\n"
	"		},\n"
	"		{\n"
	"			\"destination\": \"/dev/mqueue\",\n"
	"			\"type\": \"mqueue\",\n"
	"			\"source\": \"mqueue\",\n"
	"			\"options\": [\n"
	"				\"nosuid\",\n"
	"				\"noexec\",\n"
	"				\"nodev\"\n"
	"			]\n"
	"		},\n"
	"		{\n"
	"			\"destination\": \"/sys\",\n"
	"%s"
	"			\"options\": [\n"
	"%s"
	"				\"nosuid\",\n"
	"				\"noexec\",\n"
	"				\"nodev\",\n"
	"				\"ro\"\n"
	"			]\n"
	"		},\n"
	"		{\n"
	"			\"destination\": \"/sys/fs/cgroup\",\n"
	"			\"type\": \"cgroup\",\n"
	"			\"source\": \"cgroup\",\n"
	"			\"options\": [\n"
	"				\"nosuid\",\n"
	"				\"noexec\",\n"
	"				\"nodev\",\n"
	"				\"relatime\",\n"
	"				\"ro\"\n"
	"			]\n"
	"		}\n"
	"	],\n"
	"	\"linux\": {\n"
	"%s"
	"		\"namespaces\": [\n"
	"			{\n"
	"				\"type\": \"pid\"\n"
	"			},\n"
	"%s"
	"			{\n"
	"				\"type\": \"ipc\"\n"
	"			},\n"
	"			{\n"
	"				\"type\": \"uts\"\n"
	"			},\n"
	"			{\n"
	"				\"type\": \"mount\"\n"
	"%s"
	"			}\n"
	"		],\n"
	"		\"maskedPaths\": [\n"
	"			\"/proc/acpi\",\n"
	"			\"/proc/asound\",\n"
	"			\"/proc/kcore\",\n"
	"			\"/proc/keys\",\n"
	"			\"/proc/latency_stats\",\n"
	"			\"/proc/timer_list\",\n"
	"			\"/proc/timer_stats\",\n"
	"			\"/proc/sched_debug\",\n"
	"			\"/sys/firmware\",\n"
	"			\"/proc/scsi\"\n"
	"		],\n"
	"		\"readonlyPaths\": [\n"
	"			\"/proc/bus\",\n"
	"			\"/proc/fs\",\n"
	"			\"/proc/irq\",\n"
	"			\"/proc/sys\",\n"
	"			\"/proc/sysrq-trigger\"\n"
	"		]\n"
	"	}\n"
	"}\n";

struct variant {
	const char *devpts_gid, *sysfs, *sys_rbind, *linux_head, *net_ns, *user_ns;
};

static const struct variant default_variant = {
	.devpts_gid = ",\n\t\t\t\t\"gid=5\"",
	.sysfs = "\t\t\t\"type\": \"sysfs\",\n\t\t\t\"source\": \"sysfs\",\n",
	.sys_rbind = "",
	.linux_head = "\t\t\"resources\": {\n\t\t\t\"devices\": [\n\t\t\t\t{\n"
		      "\t\t\t\t\t\"allow\": false,\n\t\t\t\t\t\"access\": \"rwm\"\n"
		      "\t\t\t\t}\n\t\t\t]\n\t\t},\n",
	.net_ns = "\t\t\t{\n\t\t\t\t\"type\": \"network\"\n\t\t\t},\n",
	.user_ns = "",
};

static const char rootless_maps_fmt[] =
	"\t\t\"uidMappings\": [\n\t\t\t{\n\t\t\t\t\"containerID\": 0,\n"
	"\t\t\t\t\"hostID\": %u,\n\t\t\t\t\"size\": 1\n\t\t\t}\n\t\t],\n"
	"\t\t\"gidMappings\": [\n\t\t\t{\n\t\t\t\t\"containerID\": 0,\n"
	"\t\t\t\t\"hostID\": %u,\n\t\t\t\t\"size\": 1\n\t\t\t}\n\t\t],\n";

static int render(bool rootless, char *buf, size_t len)
{
	struct variant v = default_variant;
	char maps[sizeof(rootless_maps_fmt) + 32];

	if (rootless) {
		(void)snprintf(maps, sizeof(maps), rootless_maps_fmt, getuid(), getgid());
		v.devpts_gid = "";
		v.sysfs = "\t\t\t\"type\": \"none\",\n\t\t\t\"source\": \"/sys\",\n";
		v.sys_rbind = "\t\t\t\t\"rbind\",\n";
		v.linux_head = maps;
		v.net_ns = "";
		v.user_ns = "\t\t\t},\n\t\t\t{\n\t\t\t\t\"type\": \"user\"\n";
	}
	return snprintf(buf, len, spec_fmt, v.devpts_gid, v.sysfs, v.sys_rbind, v.linux_head,
			v.net_ns, v.user_ns);
}

int rt_cmd_spec(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {
		{"bundle", required_argument, NULL, 'b'},
		{"rootless", no_argument, NULL, 'r'},
		{0},
	};
	_cleanup_close_ int dirfd = -1, fd = -1;
	const char *bundle = ".";
	char buf[sizeof(spec_fmt) + 1024];
	bool rootless = false;
	int c, n;

	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "b:", opts, NULL)) != -1) {
		if (c == 'b')
			bundle = optarg;
		else if (c == 'r')
			rootless = true;
		else
			return berr_set(err, EINVAL, "spec: unknown option %s", argv[optind - 1]);
	}
	n = rt_cli_want_args(argc, optind, 0, "berth spec [--bundle DIR] [--rootless]", err);
	if (n < 0)
		return n;
	dirfd = open(bundle, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (dirfd < 0)
		return berr_sys(err, "--bundle: %s", bundle);
	fd = openat(dirfd, "config.json", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    0666);
	if (fd < 0 && errno == EEXIST)
		return berr_set(err, EEXIST, "%s/config.json exists; remove it first", bundle);
	if (fd < 0)
		return berr_sys(err, "create %s/config.json", bundle);
	n = render(rootless, buf, sizeof(buf));
	if (n < 0 || (size_t)n >= sizeof(buf) || write(fd, buf, (size_t)n) != n) {
		(void)unlinkat(dirfd, "config.json", 0);
		return berr_sys(err, "write %s/config.json", bundle);
	}
	return 0;
}
