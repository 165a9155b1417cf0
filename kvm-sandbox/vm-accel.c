/* vm-accel: KVM or TCG for QEMU. KVM needs vmx/svm, a /dev/kvm that opens, and a trial QEMU
 * run (vm-accel-trial.c) whose verdict is cached until reboot or a new QEMU. Called by the VM
 * backend and `berth check`. */
#include "vm-accel.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../runtime/base/cleanup.h"
#include "vm-accel-trial.h"

#define BOOT_ID_PATH "/proc/sys/kernel/random/boot_id"
#define CACHE_TAG    "berth-kvm-trial " VM_ACCEL_TRIAL_VERSION

/* What the cached verdict depends on: this boot, and this QEMU binary. */
static bool cache_key(const char *qemu, char *key, size_t len)
{
	char boot_id[64] = "";
	_cleanup_close_ int fd = open(BOOT_ID_PATH, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t n;

	n = fd < 0 ? -1 : read(fd, boot_id, sizeof(boot_id) - 1);
	if (n <= 0 || stat(qemu, &st) < 0)
		return false;
	boot_id[n] = '\0';
	boot_id[strcspn(boot_id, "\n")] = '\0';
	n = snprintf(key, len, "%s\nboot_id %s\nqemu %s %lld.%09ld\n", CACHE_TAG, boot_id, qemu,
		     (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	return n > 0 && (size_t)n < len;
}

/* 1 or 0 (with reason) from a cache file made for key; -1 when there is none that fits. */
static int cache_read(const char *path, const char *key, char *reason, size_t len)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char buf[PATH_MAX + 1024];
	size_t klen = strlen(key);
	ssize_t n;
	char *v;

	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (strncmp(buf, key, klen))
		return -1;
	v = buf + klen;
	v[strcspn(v, "\n")] = '\0';
	if (!strcmp(v, "kvm 1"))
		return 1;
	if (strncmp(v, "kvm 0 ", 6) || !v[6])
		return -1;
	(void)snprintf(reason, len, "%s", v + 6);
	return 0;
}

/* Best effort: a cache that cannot be written only means the trial runs again next time. */
static void cache_write(const char *path, const char *key, int usable, const char *reason)
{
	char tmp[PATH_MAX], dir[PATH_MAX], *slash;
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *text = NULL;
	int n;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir) ||
	    snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid()) >= (int)sizeof(tmp))
		return;
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		(void)mkdir(dir, 0700); /* as the state root (runtime/state.c) makes it */
	}
	n = asprintf(&text, "%skvm %d%s%s\n", key, usable, usable ? "" : " ", usable ? "" : reason);
	if (n < 0) {
		text = NULL;
		return;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (write(fd, text, (size_t)n) != n || rename(tmp, path) < 0)
		(void)unlink(tmp);
}

static bool has_virt_flag(const char *cpuinfo, char *reason, size_t len)
{
	_cleanup_fclose_ FILE *f = fopen(cpuinfo, "re");
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;

	if (!f) {
		(void)snprintf(reason, len, "%s: %s", cpuinfo, strerror(errno));
		return false;
	}
	while (getline(&line, &cap, f) > 0) {
		char *save = NULL, *w;

		if (strncmp(line, "flags", 5))
			continue;
		for (w = strtok_r(line, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
			if (!strcmp(w, "vmx") || !strcmp(w, "svm"))
				return true;
	}
	(void)snprintf(reason, len, "no vmx or svm flag in %s", cpuinfo);
	return false;
}

static bool kvm_dev_ok(const char *dev, char *reason, size_t len)
{
	_cleanup_close_ int fd = open(dev, O_RDWR | O_CLOEXEC | O_NOCTTY);
	int v;

	if (fd < 0) {
		(void)snprintf(reason, len, "%s: %s", dev, strerror(errno));
		return false;
	}
	v = ioctl(fd, KVM_GET_API_VERSION, 0);
	if (v == KVM_API_VERSION)
		return true;
	if (v < 0)
		(void)snprintf(reason, len, "%s: not a KVM device (%s)", dev, strerror(errno));
	else
		(void)snprintf(reason, len, "%s: KVM API version %d, not %d", dev, v,
			       KVM_API_VERSION);
	return false;
}

/* True when KVM is usable; reason says why not. */
static bool kvm_usable(const struct vm_accel_probe *p, char *reason, size_t len)
{
	char key[PATH_MAX + 256];
	bool keyed;
	int r;

	if (!has_virt_flag(p->cpuinfo, reason, len) || !kvm_dev_ok(p->kvm_dev, reason, len))
		return false;
	if (!p->qemu)
		return true;
	keyed = p->cache && cache_key(p->qemu, key, sizeof(key));
	r = keyed ? cache_read(p->cache, key, reason, len) : -1;
	if (r >= 0)
		return r == 1;
	r = vm_accel_trial(p->qemu, reason, len);
	/* a trial that could not run says nothing about this host: not cached */
	if (keyed && r >= 0)
		cache_write(p->cache, key, r, reason);
	return r == 1;
}

void vm_accel_probe_defaults(struct vm_accel_probe *p, const char *qemu)
{
	p->cpuinfo = "/proc/cpuinfo";
	p->kvm_dev = "/dev/kvm";
	p->cache = "/run/berth/kvm-usable";
	p->qemu = qemu;
}

int vm_accel_choose(const char *want, const struct vm_accel_probe *p, enum vm_accel *ret, char *why,
		    size_t why_len, struct berr *err)
{
	char reason[256] = "";
	bool kvm;

	if (want && strcmp(want, "auto") && strcmp(want, "kvm") && strcmp(want, "tcg"))
		return berr_set(err, EINVAL,
				"accel: unknown accelerator \"%.200s\" (auto, kvm or tcg)", want);
	/* TCG asked for is no fallback: why stays empty, nothing to warn about */
	kvm = !(want && !strcmp(want, "tcg")) && kvm_usable(p, reason, sizeof(reason));
	if (!kvm && want && !strcmp(want, "kvm"))
		return berr_set(err, ENODEV, "accel kvm: %s", reason);
	if (why && why_len)
		(void)snprintf(why, why_len, "%s", kvm ? "" : reason);
	*ret = kvm ? VM_ACCEL_KVM : VM_ACCEL_TCG;
	return 0;
}

const char *vm_accel_name(enum vm_accel a)
{
	return a == VM_ACCEL_KVM ? "kvm" : "tcg";
}
