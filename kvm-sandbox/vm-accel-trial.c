/* vm-accel-trial: does KVM really work here? QEMU with -accel kvm runs a 1 KiB guest that does
 * what a Linux guest kernel does first and what nested PVM hosts cannot run (XRSTOR, INT3 at
 * ring 0), then ends QEMU through isa-debug-exit. Called by vm-accel.c, which caches the verdict.
 */
#include "vm-accel-trial.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../runtime/base/cleanup.h"
#include "../runtime/base/log.h"

#define TRIAL_MS   2000 /* QEMU starts and runs the guest in ~20 ms; 100x that before a verdict */
#define TRIAL_EXIT 33	/* isa-debug-exit: QEMU exits with (0x10 << 1) | 1 */

/* The trial guest: an ELF with a PVH entry note, loaded at 1 MiB and entered in 32-bit
 * protected mode at ring 0, paging off. File layout: */
#define G_BASE	0x100000u
#define G_CODE	0x88u  /* after the ELF header, two program headers and the note */
#define G_IDTR	0xe0u  /* limit and base of the IDT */
#define G_IDT	0xe8u  /* 4 gates: only #BP (3) is used */
#define G_XSAVE 0x140u /* a zeroed XSAVE area (64-byte aligned): XRSTOR loads the init state */
#define G_SIZE	0x380u

struct emit {
	unsigned char *p;
	size_t n;
};

static void emit(struct emit *e, const unsigned char *b, size_t len)
{
	memcpy(e->p + e->n, b, len);
	e->n += len;
}

static void emit32(struct emit *e, uint32_t v)
{
	unsigned char b[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};

	emit(e, b, sizeof(b));
}

#define EMIT(e, ...)                                                                               \
	emit((e), (const unsigned char[]){__VA_ARGS__}, sizeof((unsigned char[]){__VA_ARGS__}))

/* The guest's code. If QEMU exits with TRIAL_EXIT, KVM ran all of it. */
static uint32_t trial_code(struct emit *e)
{
	size_t jnc;
	uint32_t handler;

	EMIT(e, 0xb8, 1, 0, 0, 0);     /* mov $1, %eax */
	EMIT(e, 0x0f, 0xa2);	       /* cpuid */
	EMIT(e, 0x0f, 0xba, 0xe1, 26); /* bt $26, %ecx: XSAVE? */
	EMIT(e, 0x73, 0);	       /* jnc over the XSAVE part (patched below) */
	jnc = e->n;
	EMIT(e, 0x0f, 0x20, 0xe0);   /* mov %cr4, %eax */
	EMIT(e, 0x0d, 0, 0, 4, 0);   /* or $0x40000, %eax: CR4.OSXSAVE */
	EMIT(e, 0x0f, 0x22, 0xe0);   /* mov %eax, %cr4 */
	EMIT(e, 0x31, 0xc9);	     /* xor %ecx, %ecx */
	EMIT(e, 0xb8, 3, 0, 0, 0);   /* mov $3, %eax: XCR0 = x87 | SSE */
	EMIT(e, 0x31, 0xd2);	     /* xor %edx, %edx */
	EMIT(e, 0x0f, 0x01, 0xd1);   /* xsetbv */
	EMIT(e, 0xbf);		     /* mov $xsave_area, %edi */
	emit32(e, G_BASE + G_XSAVE); /* */
	EMIT(e, 0x0f, 0xae, 0x2f);   /* xrstor (%edi) */
	e->p[jnc - 1] = (unsigned char)(e->n - jnc);
	EMIT(e, 0x66, 0x8c, 0xc8); /* mov %cs, %ax: PVH leaves the selector unspecified */
	EMIT(e, 0x66, 0xa3);	   /* mov %ax, <selector of gate 3> */
	emit32(e, G_BASE + G_IDT + 3 * 8 + 2);
	EMIT(e, 0x0f, 0x01, 0x1d);    /* lidt <idtr> */
	emit32(e, G_BASE + G_IDTR);   /* */
	EMIT(e, 0xcc);		      /* int3 */
	EMIT(e, 0x66, 0xba, 0xf4, 0); /* mov $0xf4, %dx: isa-debug-exit */
	EMIT(e, 0xb8, 0x10, 0, 0, 0); /* mov $0x10, %eax */
	EMIT(e, 0xef);		      /* out %eax, (%dx) */
	EMIT(e, 0xf4, 0xeb, 0xfd);    /* 1: hlt; jmp 1b */
	handler = G_BASE + G_CODE + (uint32_t)e->n;
	EMIT(e, 0xcf); /* the #BP handler: iret */
	return handler;
}

/* Fills img (G_SIZE bytes) with the trial guest. */
static void trial_image(unsigned char *img)
{
	Elf32_Ehdr eh = {.e_ident = {ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS32, ELFDATA2LSB,
				     EV_CURRENT},
			 .e_type = ET_EXEC,
			 .e_machine = EM_386,
			 .e_version = EV_CURRENT,
			 .e_entry = G_BASE + G_CODE,
			 .e_phoff = sizeof(Elf32_Ehdr),
			 .e_ehsize = sizeof(Elf32_Ehdr),
			 .e_phentsize = sizeof(Elf32_Phdr),
			 .e_phnum = 2};
	size_t note = sizeof(eh) + 2 * sizeof(Elf32_Phdr);
	Elf32_Phdr ph[2] = {{PT_LOAD, 0, G_BASE, G_BASE, G_SIZE, G_SIZE, PF_R | PF_W | PF_X, 4},
			    {PT_NOTE, note, 0, 0, 20, 20, PF_R, 4}};
	/* XEN_ELFNOTE_PHYS32_ENTRY (18): QEMU's PVH loader jumps there */
	Elf32_Nhdr nh = {.n_namesz = 4, .n_descsz = 4, .n_type = 18};
	uint32_t entry = G_BASE + G_CODE, handler, idt_base = G_BASE + G_IDT;
	uint16_t idt_limit = 4 * 8 - 1;
	struct emit e = {img + G_CODE, 0};
	unsigned char *gate = img + G_IDT + 3 * 8;

	memset(img, 0, G_SIZE);
	memcpy(img, &eh, sizeof(eh));
	memcpy(img + sizeof(eh), ph, sizeof(ph));
	memcpy(img + note, &nh, sizeof(nh));
	memcpy(img + note + sizeof(nh), "Xen", 4);
	memcpy(img + note + sizeof(nh) + 4, &entry, 4);
	handler = trial_code(&e);
	memcpy(img + G_IDTR, &idt_limit, 2);
	memcpy(img + G_IDTR + 2, &idt_base, 4);
	/* a 32-bit interrupt gate, present, DPL 0; the selector is filled in by the code */
	gate[0] = handler & 0xff;
	gate[1] = (handler >> 8) & 0xff;
	gate[5] = 0x8e;
	gate[6] = (handler >> 16) & 0xff;
	gate[7] = handler >> 24;
}

/* Moves fd to 10 or above, close-on-exec, so posix_spawn's dup2 onto 2 or 3 always copies. */
static int high_fd(int fd)
{
	int h = fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, 10);

	if (fd >= 0)
		(void)close(fd);
	return h;
}

static int spawn_qemu(const char *qemu, int image_fd, int err_fd, pid_t *ret)
{
	const char *const argv[] = {qemu,
				    "-M",
				    "microvm,acpi=off",
				    "-accel",
				    "kvm",
				    "-cpu",
				    "host",
				    "-m",
				    "32",
				    "-smp",
				    "1",
				    "-nodefaults",
				    "-no-user-config",
				    "-display",
				    "none",
				    "-monitor",
				    "none",
				    "-serial",
				    "none",
				    "-no-reboot",
				    "-device",
				    "isa-debug-exit,iobase=0xf4,iosize=4",
				    "-kernel",
				    "/proc/self/fd/3",
				    NULL};
	posix_spawn_file_actions_t fa;
	extern char **environ;
	int r;

	if (posix_spawn_file_actions_init(&fa))
		return -ENOMEM;
	r = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (!r)
		r = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (!r)
		r = posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	if (!r)
		r = posix_spawn_file_actions_adddup2(&fa, image_fd, 3);
	if (!r)
		r = posix_spawn(ret, qemu, &fa, NULL, (char *const *)argv, environ);
	(void)posix_spawn_file_actions_destroy(&fa);
	return -r;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;

	(void)clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Waits up to TRIAL_MS for pid, then kills it; returns its wait status, or -1 when it had to
 * be killed. */
static int wait_trial(pid_t pid)
{
	const struct timespec tick = {0, 5 * 1000 * 1000};
	struct timespec t0;
	int st;
	pid_t w;

	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((w = waitpid(pid, &st, WNOHANG)) == 0 && elapsed_ms(&t0) < TRIAL_MS)
		(void)nanosleep(&tick, NULL);
	if (w == pid)
		return st;
	if (w < 0) /* not our child any more (SIGCHLD ignored?): never kill a reused pid */
		return -1;
	(void)kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return -1;
}

/* The first line QEMU wrote on stderr (it has exited: the pipe holds all it wrote). */
static void first_line(int fd, char *buf, size_t len)
{
	ssize_t n;

	(void)fcntl(fd, F_SETFL, O_NONBLOCK);
	n = read(fd, buf, len - 1);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
}

int vm_accel_trial(const char *qemu, char *reason, size_t len)
{
	_cleanup_close_ int img = high_fd(memfd_create("berth-kvm-trial", MFD_CLOEXEC));
	_cleanup_close_ int rd = -1, wr = -1;
	unsigned char image[G_SIZE];
	char said[512];
	int p[2], r, st;
	pid_t pid;

	trial_image(image);
	if (img < 0 || write(img, image, sizeof(image)) != (ssize_t)sizeof(image) ||
	    pipe2(p, O_CLOEXEC) < 0) {
		r = -errno;
		(void)snprintf(reason, len, "KVM trial: %s", strerror(errno));
		return r;
	}
	rd = p[0];
	wr = high_fd(p[1]);
	r = wr < 0 ? -EMFILE : spawn_qemu(qemu, img, wr, &pid);
	if (r < 0) {
		(void)snprintf(reason, len, "KVM trial: run %s: %s", qemu, strerror(-r));
		return r;
	}
	(void)close(TAKE_FD(wr));
	st = wait_trial(pid);
	first_line(rd, said, sizeof(said));
	log_debug("KVM trial: QEMU status %d, stderr: %s", st, said);
	if (st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == TRIAL_EXIT)
		return 1;
	if (st >= 0 && WIFSIGNALED(st))
		(void)snprintf(reason, len, "QEMU aborts with -accel kvm on this host");
	else if (st >= 0 && said[0])
		(void)snprintf(reason, len, "QEMU fails with -accel kvm: %.160s", said);
	else if (st >= 0)
		(void)snprintf(reason, len, "QEMU fails with -accel kvm (exit status %d)",
			       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	else if (strstr(said, "KVM internal error"))
		(void)snprintf(reason, len,
			       "QEMU with -accel kvm cannot run guest kernel code on "
			       "this host (KVM internal error)");
	else
		(void)snprintf(reason, len, "QEMU with -accel kvm did not run a test guest in %d s",
			       TRIAL_MS / 1000);
	return 0;
}
