/* vm-smoke-init: PID 1 of the guest kernel's boot smoke test (tests/integration/vm-kernel.bats).
 * Built -static and packed alone into an initramfs by kvm-sandbox/make-initramfs.sh. Mounts
 * proc, sysfs and devtmpfs, prints one marker line on the console:
 *   BERTH-VM-SMOKE release=<uname -r> cpus=<online CPUs> 9p=<0|1> overlay=<0|1> cgroup2=<0|1>
 * then ends the VM. A failure prints BERTH-VM-SMOKE-ERROR.
 * Ending: reboot(RB_POWER_OFF) only halts the CPUs here (microvm with acpi=off gives the guest no
 * power-off method, so QEMU keeps running); a restart with the kernel's reboot=t (triple fault)
 * and QEMU's -no-reboot makes QEMU exit at once with status 0. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

static void mount_one(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) != 0 && errno != EBUSY)
		printf("BERTH-VM-SMOKE-ERROR mount %s on %s: %s\n", type, dir, strerror(errno));
}

/* 1 when /proc/filesystems lists NAME (the last tab-separated field of a line) */
static int has_fs(const char *name)
{
	char line[128];
	FILE *f = fopen("/proc/filesystems", "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		char *fs = strrchr(line, '\t');

		fs = fs ? fs + 1 : line;
		fs[strcspn(fs, "\n")] = '\0';
		found = strcmp(fs, name) == 0;
	}
	fclose(f);
	return found;
}

int main(void)
{
	struct utsname u;

	mount_one("proc", "/proc", "proc");
	mount_one("sysfs", "/sys", "sysfs");
	mount_one("devtmpfs", "/dev", "devtmpfs");
	if (uname(&u) != 0)
		strcpy(u.release, "?");
	printf("BERTH-VM-SMOKE release=%s cpus=%ld 9p=%d overlay=%d cgroup2=%d\n", u.release,
	       sysconf(_SC_NPROCESSORS_ONLN), has_fs("9p"), has_fs("overlay"), has_fs("cgroup2"));
	fflush(stdout);
	sync();
	reboot(RB_AUTOBOOT);
	printf("BERTH-VM-SMOKE-ERROR reboot: %s\n", strerror(errno));
	return 1;
}
