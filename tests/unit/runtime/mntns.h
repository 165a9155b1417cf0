/* mntns: helpers for unit tests of the rootfs code: temporary trees, and running a test body in
 * a child with its own private mount namespace (so its mounts vanish with it). Needs root. */
#ifndef BERTH_TEST_MNTNS_H
#define BERTH_TEST_MNTNS_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

/* Runs fn in a forked child after unshare(CLONE_NEWNS) and making every mount private; true
 * when the child's assertions passed. */
static inline bool in_mntns(void (*fn)(void))
{
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) < 0 ||
		    mount("", "/", NULL, MS_PRIVATE | MS_REC, NULL) < 0) {
			printf("# private mount namespace: %s\n", strerror(errno));
			fflush(stdout);
			_exit(2);
		}
		unit_failed = false;
		fn();
		fflush(stdout);
		_exit(unit_failed ? 1 : 0);
	}
	if (waitpid(pid, &st, 0) < 0)
		return false;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Runs body with in_mntns(), removes the temp tree dir, then fails the test if body did. */
#define RUN_IN_MNTNS_THEN_RM(body, dir)                                                            \
	do {                                                                                       \
		bool ok_ = in_mntns(body);                                                         \
		rm_tree(dir);                                                                      \
		if (!ok_)                                                                          \
			FAIL_("%s failed in its mount namespace", #body);                          \
	} while (0)

static inline int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p) < 0 && errno != ENOENT ? -1 : 0;
}

/* Removes a tree made by a test (mounts in it died with the child that made them). */
static inline void rm_tree(const char *dir)
{
	(void)nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Makes a fresh temp directory into buf (PATH_MAX). */
static inline const char *temp_dir(char *buf)
{
	strcpy(buf, "/tmp/berth-unit-XXXXXX");
	return mkdtemp(buf);
}

/* Creates dir/rel (a directory when rel ends in '/', else a file with text). */
static inline void make_at(const char *dir, const char *rel, const char *text)
{
	char p[PATH_MAX * 2];
	size_t n;
	int fd;

	if ((size_t)snprintf(p, sizeof(p), "%s/%s", dir, rel) >= sizeof(p))
		return;
	n = strlen(p);
	if (p[n - 1] == '/') {
		p[n - 1] = '\0';
		(void)mkdir(p, 0755);
		return;
	}
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (text && write(fd, text, strlen(text)) < 0)
			perror("write");
		close(fd);
	}
}

/* Symlink dir/rel -> target. */
static inline void link_at(const char *dir, const char *rel, const char *target)
{
	char p[PATH_MAX * 2];

	if ((size_t)snprintf(p, sizeof(p), "%s/%s", dir, rel) >= sizeof(p) ||
	    symlink(target, p) < 0)
		perror("symlink");
}

/* The mountinfo line of mount point mp ("" when there is none), last one wins. */
static inline const char *mountinfo_line(const char *mp, char *buf, size_t len)
{
	char line[4096], pat[PATH_MAX * 4];
	FILE *f = fopen("/proc/self/mountinfo", "re");

	buf[0] = '\0';
	if (!f)
		return buf;
	if ((size_t)snprintf(pat, sizeof(pat), " %s ", mp) >= sizeof(pat))
		return buf;
	while (fgets(line, sizeof(line), f)) {
		char *a = strchr(line, ' '), *b;
		int i;

		/* field 5 is the mount point */
		for (i = 0, b = a; b && i < 3; i++)
			b = strchr(b + 1, ' ');
		if (b && strncmp(b, pat, strlen(pat)) == 0)
			snprintf(buf, len, "%s", line);
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

#endif
