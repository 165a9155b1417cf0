/* vm-paths: where the guest kernel, the initramfs and QEMU are (berth.conf, else the built-in
 * defaults under BERTH_VM_DIR and QEMU from PATH), each checked before a VM is started. Called
 * by the VM backend and `berth check`. */
#include "vm-paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../runtime/base/cleanup.h"

#ifndef BERTH_VM_DIR
#error "BERTH_VM_DIR must be set by the Makefile (the install prefix's lib/berth)"
#endif

#define QEMU_NAME     "qemu-system-x86_64"
#define QEMU_HINT     "(apt-get install qemu-system-x86, or qemu= in berth.conf)"
#define FALLBACK_PATH "/usr/local/bin:/usr/bin:/bin"

/* 0 when path is a regular file we may read (or execute); else -errno, with EACCES for a
 * directory or device so the message says what is wrong. */
static int check_file(const char *path, bool exec)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	/* access() checks the real ids: berth is not setuid, so they are ours */
	if (access(path, exec ? X_OK : R_OK) < 0)
		return -errno;
	return 0;
}

static const char *reason(int r)
{
	return r == -EINVAL ? "not a regular file" : strerror(-r);
}

/* A configured path, or the default under BERTH_VM_DIR. */
static int resolve_file(const char *conf_path, const char *name, const char *what, const char *hint,
			char *ret, struct berr *err)
{
	char path[PATH_MAX];
	int r;

	if (conf_path)
		r = snprintf(path, sizeof(path), "%s", conf_path);
	else
		r = snprintf(path, sizeof(path), "%s/%s", BERTH_VM_DIR, name);
	if (r < 0 || (size_t)r >= sizeof(path))
		return berr_set(err, ENAMETOOLONG, "%s %.200s...: path too long", what, path);
	r = check_file(path, false);
	if (r < 0)
		return berr_set(err, -r, "%s %s: %s %s", what, path, reason(r), hint);
	memcpy(ret, path, strlen(path) + 1);
	return 0;
}

/* The first executable QEMU_NAME in $PATH; relative entries are skipped, the path must be
 * absolute. */
static int find_in_path(char *ret, struct berr *err)
{
	const char *env = secure_getenv("PATH");
	_cleanup_free_ char *list = strdup(env && env[0] ? env : FALLBACK_PATH);
	char path[PATH_MAX], *dir, *save = NULL;
	int n;

	if (!list)
		return berr_set(err, ENOMEM, "QEMU %s: out of memory", QEMU_NAME);
	for (dir = strtok_r(list, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		if (dir[0] != '/')
			continue;
		n = snprintf(path, sizeof(path), "%s/%s", dir, QEMU_NAME);
		if (n < 0 || (size_t)n >= sizeof(path) || check_file(path, true) < 0)
			continue;
		memcpy(ret, path, (size_t)n + 1);
		return 0;
	}
	return berr_set(err, ENOENT, "QEMU %s: not found in PATH %s", QEMU_NAME, QEMU_HINT);
}

static int resolve_qemu(const char *conf_qemu, char *ret, struct berr *err)
{
	int r;

	if (!conf_qemu)
		return find_in_path(ret, err);
	if (strlen(conf_qemu) >= PATH_MAX)
		return berr_set(err, ENAMETOOLONG, "QEMU %.200s...: path too long", conf_qemu);
	r = check_file(conf_qemu, true);
	if (r < 0)
		return berr_set(err, -r, "QEMU %s: %s %s", conf_qemu, reason(r), QEMU_HINT);
	memcpy(ret, conf_qemu, strlen(conf_qemu) + 1);
	return 0;
}

int vm_paths_resolve_one(const struct cfg_conf *conf, enum vm_path_kind which, char *ret,
			 struct berr *err)
{
	switch (which) {
	case VM_PATH_KERNEL:
		return resolve_file(conf ? conf->kernel : NULL, "vmlinux", "vm kernel",
				    "(make kernel, or kernel= in berth.conf)", ret, err);
	case VM_PATH_INITRAMFS:
		return resolve_file(conf ? conf->initramfs : NULL, "initramfs.cpio", "vm initramfs",
				    "(make vm, or initramfs= in berth.conf)", ret, err);
	case VM_PATH_QEMU:
		return resolve_qemu(conf ? conf->qemu : NULL, ret, err);
	}
	return berr_set(err, EINVAL, "vm path %d: no such file kind", (int)which);
}

int vm_paths_resolve(const struct cfg_conf *conf, struct vm_paths *ret, struct berr *err)
{
	_cleanup_free_ struct vm_paths *p = calloc(1, sizeof(*p));
	int r;

	if (!p)
		return berr_set(err, ENOMEM, "vm paths: out of memory");
	r = vm_paths_resolve_one(conf, VM_PATH_KERNEL, p->kernel, err);
	if (r == 0)
		r = vm_paths_resolve_one(conf, VM_PATH_INITRAMFS, p->initramfs, err);
	if (r == 0)
		r = vm_paths_resolve_one(conf, VM_PATH_QEMU, p->qemu, err);
	if (r == 0)
		memcpy(ret, p, sizeof(*ret));
	return r;
}
