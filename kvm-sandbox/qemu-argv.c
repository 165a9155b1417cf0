/* qemu-argv: builds QEMU's command line (see the header). */
#include "qemu-argv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 96

struct argv_b {
	char **v;
	int n;
	bool oom;
};

static void add(struct argv_b *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct argv_b *b, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	if (b->oom || b->n >= MAX_ARGS - 1) {
		b->oom = true;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)
		b->oom = true;
	else
		b->v[b->n++] = s;
}

/* QEMU option values escape a comma by doubling it. */
static char *qesc(const char *s)
{
	size_t n = strlen(s), i, j = 0;
	char *o = malloc(2 * n + 1);

	if (!o)
		return NULL;
	for (i = 0; i < n; i++) {
		o[j++] = s[i];
		if (s[i] == ',')
			o[j++] = ',';
	}
	o[j] = '\0';
	return o;
}

static void add_9p(struct argv_b *b, const char *tag, const char *path, bool ro, bool passthrough)
{
	char *p = qesc(path);

	if (!p) {
		b->oom = true;
		return;
	}
	add(b, "-fsdev");
	add(b, "local,id=%s,path=%s,security_model=%s%s", tag, p,
	    passthrough ? "passthrough" : "none", ro ? ",readonly=on" : "");
	add(b, "-device");
	add(b, "virtio-9p-device,fsdev=%s,mount_tag=%s", tag, tag);
	free(p);
}

int vm_qemu_argv(const struct vm_launch *l, char ***ret, struct berr *err)
{
	struct argv_b b = {.v = calloc(MAX_ARGS, sizeof(char *))};
	char *log = l->console_log ? qesc(l->console_log) : NULL;
	size_t i;

	if (!b.v || (l->console_log && !log)) {
		free(b.v);
		free(log);
		return berr_set(err, ENOMEM, "QEMU command line: out of memory");
	}
	add(&b, "%s", l->qemu);
	add(&b, "-M");
	add(&b, "microvm,acpi=off");
	add(&b, "-accel");
	if (l->accel == VM_ACCEL_KVM) {
		add(&b, "kvm");
		add(&b, "-cpu");
		add(&b, "host");
	} else {
		add(&b, "tcg,thread=multi");
		add(&b, "-cpu");
		add(&b, "max");
	}
	add(&b, "-m");
	add(&b, "%llu", (unsigned long long)l->memory_mib);
	add(&b, "-smp");
	add(&b, "%u", l->cpus);
	add(&b, "-nodefaults");
	add(&b, "-no-user-config");
	add(&b, "-display");
	add(&b, "none");
	add(&b, "-no-reboot");
	if (l->sandbox) {
		add(&b, "-sandbox");
		add(&b, "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
	}
	add(&b, "-chardev");
	if (log)
		add(&b, "file,id=con,path=%s", log);
	else
		add(&b, "null,id=con");
	add(&b, "-serial");
	add(&b, "chardev:con");
	add(&b, "-kernel");
	add(&b, "%s", l->kernel);
	add(&b, "-initrd");
	add(&b, "%s", l->initramfs);
	add(&b, "-append");
	add(&b, "console=ttyS0 reboot=t panic=-1 quiet loglevel=3 nokaslr");
	add(&b, "-device");
	add(&b, "virtio-serial-device,max_ports=2");
	add(&b, "-chardev");
	add(&b, "socket,id=agent,fd=%d", l->chan_fd);
	add(&b, "-device");
	add(&b, "virtserialport,chardev=agent,name=berth.agent");
	add_9p(&b, "rootfs", l->rootfs, l->rootfs_readonly, l->passthrough);
	for (i = 0; i < l->n_shares; i++) {
		char dir[PATH_MAX + 32];

		if (l->shares[i].is_file)
			(void)snprintf(dir, sizeof(dir), "%s/%s", l->share_dir, l->shares[i].tag);
		else
			(void)snprintf(dir, sizeof(dir), "%s", l->shares[i].host);
		add_9p(&b, l->shares[i].tag, dir, false, l->passthrough);
	}
	free(log);
	if (b.oom) {
		vm_argv_free(b.v);
		return berr_set(err, ENOMEM, "QEMU command line: too long or out of memory");
	}
	*ret = b.v;
	return 0;
}

void vm_argv_free(char **argv)
{
	char **p;

	for (p = argv; p && *p; p++)
		free(*p);
	free(argv);
}
