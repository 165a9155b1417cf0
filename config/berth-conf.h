/* berth-conf: the host-wide defaults in berth.conf (/etc/berth/berth.conf, or the file named
 * by $BERTH_CONFIG): "key = value" lines, '#' comments. See berth.conf(5). */
#ifndef BERTH_CFG_BERTH_CONF_H
#define BERTH_CFG_BERTH_CONF_H

#include <stdint.h>

#include "../runtime/base/berr.h"

#define CFG_CONF_DEFAULT_PATH "/etc/berth/berth.conf"

struct cfg_conf {
	char *path;		 /* the file read, or NULL when none was */
	char *default_isolation; /* "container" or "vm"; NULL: not set */
	char *kernel;		 /* guest kernel (vmlinux); NULL: built-in default */
	char *initramfs;	 /* guest initramfs with berth-agent; NULL: built-in default */
	char *qemu;		 /* QEMU binary; NULL: qemu-system-x86_64 from PATH */
	char *accel;		 /* "auto" (default), "kvm" or "tcg" */
	unsigned vm_cpus;	 /* default vCPUs; 0: built-in default (1) */
	uint64_t vm_memory;	 /* default guest RAM in bytes; 0: built-in default */
};

/* Reads $BERTH_CONFIG (an error when set but unreadable) or /etc/berth/berth.conf (absent is
 * fine: all defaults). Errors name the file, line and key: "berth.conf:3: vm_cpus: ...". */
int cfg_conf_load(struct cfg_conf *ret, struct berr *err);
/* Parses text; source names it in errors. */
int cfg_conf_parse(const char *text, const char *source, struct cfg_conf *ret, struct berr *err);
void cfg_conf_free(struct cfg_conf *c);

#endif
