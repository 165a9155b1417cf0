/* mount-idmap: the host side of id-mapped mounts (runtime-spec config.md "Mounts"). A user
 * namespace carrying the mount's maps is made by a short-lived child, the source is cloned
 * with open_tree(2) and mapped with mount_setattr(2) while still detached (the kernel allows
 * MOUNT_ATTR_IDMAP only then). Called by container-create.c before init is cloned. */
#include "mount-idmap.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "idmap.h"
#include "mounts.h"

#ifndef OPEN_TREE_CLOEXEC
#define OPEN_TREE_CLOEXEC O_CLOEXEC
#endif

/* The child: unshare, report errno (0 on success), wait for the parent to let go. */
__attribute__((noreturn)) static void userns_child(int ready, int release)
{
	int e = unshare(CLONE_NEWUSER) == 0 ? 0 : errno;
	char c;

	(void)!write(ready, &e, sizeof(e));
	(void)!read(release, &c, 1); /* EOF when the parent closes its end or dies */
	_exit(0);
}

static int map_and_open(pid_t pid, int ready, const struct cfg_id_map *uids, size_t nu,
			const struct cfg_id_map *gids, size_t ng, struct berr *err)
{
	char path[64];
	int e = 0, fd;

	if (read(ready, &e, sizeof(e)) != (ssize_t)sizeof(e))
		return berr_set(err, EIO, "idmapped mount: user namespace helper died");
	if (e)
		return berr_sys_code(err, -e, "idmapped mount: unshare user namespace");
	fd = rt_idmap_write_map(pid, "uid_map", "uid_map", uids, nu, err);
	if (fd == 0)
		fd = rt_idmap_write_map(pid, "gid_map", "gid_map", gids, ng, err);
	if (fd < 0)
		return fd;
	(void)snprintf(path, sizeof(path), "/proc/%d/ns/user", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "open %s", path);
	return fd;
}

int rt_idmap_userns_fd(const struct cfg_id_map *uids, size_t nu, const struct cfg_id_map *gids,
		       size_t ng, struct berr *err)
{
	int ready[2], release[2], r;
	pid_t pid;

	if (pipe2(ready, O_CLOEXEC) < 0)
		return berr_sys(err, "idmapped mount: pipe");
	if (pipe2(release, O_CLOEXEC) < 0) {
		r = berr_sys(err, "idmapped mount: pipe");
		(void)close(ready[0]);
		(void)close(ready[1]);
		return r;
	}
	pid = fork();
	if (pid == 0) {
		(void)close(ready[0]);
		(void)close(release[1]);
		userns_child(ready[1], release[0]);
	}
	(void)close(ready[1]);
	(void)close(release[0]);
	if (pid < 0)
		r = berr_sys(err, "idmapped mount: fork");
	else
		r = map_and_open(pid, ready[0], uids, nu, gids, ng, err);
	(void)close(ready[0]);
	(void)close(release[1]);
	if (pid > 0) {
		/* the fd keeps the namespace alive; its maker is not needed any more */
		(void)kill(pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	return r;
}

int rt_idmap_mount_fd(int dirfd, const char *source, bool recursive, const struct cfg_id_map *uids,
		      size_t nu, const struct cfg_id_map *gids, size_t ng, struct berr *err)
{
	unsigned int rec = recursive ? AT_RECURSIVE : 0;
	_cleanup_close_ int fd = -1, userns = -1;
	struct mount_attr attr = {.attr_set = MOUNT_ATTR_IDMAP};

	fd = open_tree(dirfd, source, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | rec);
	if (fd < 0)
		return berr_sys(err, "open_tree %s", source);
	userns = rt_idmap_userns_fd(uids, nu, gids, ng, err);
	if (userns < 0)
		return userns;
	attr.userns_fd = (unsigned long long)userns;
	if (mount_setattr(fd, "", AT_EMPTY_PATH | rec, &attr, sizeof(attr)) < 0)
		return berr_sys(err, "mount_setattr %s: idmap", source);
	return TAKE_FD(fd);
}

static int open_one(const struct cfg_mount *cm, size_t i, int dirfd, struct berr *err)
{
	struct rt_mount m;
	bool rec;
	int r;

	r = rt_mount_from_spec(cm, i, &m, err);
	if (r < 0)
		return r;
	rec = (m.o.flags & MS_REC) != 0;
	rt_mount_clear(&m);
	if (!cm->n_uid_mappings || !cm->n_gid_mappings)
		return berr_set(err, EINVAL,
				"mounts[%zu]: uidMappings and gidMappings must both be set", i);
	r = rt_idmap_mount_fd(dirfd, cm->source ? cm->source : "", rec, cm->uid_mappings,
			      cm->n_uid_mappings, cm->gid_mappings, cm->n_gid_mappings, err);
	return r < 0 ? berr_prefix(err, "mounts[%zu] %s", i, cm->destination) : r;
}

int rt_idmap_mounts_open(const struct cfg_spec *s, const char *bundle, int **ret, struct berr *err)
{
	_cleanup_close_ int dirfd = -1;
	int *fds = NULL;
	size_t i;
	int r;

	for (i = 0; i < s->n_mounts; i++)
		if (s->mounts[i].n_uid_mappings || s->mounts[i].n_gid_mappings)
			break;
	if (i == s->n_mounts)
		return 0;
	/* relative sources are relative to the bundle (runtime-spec config.md) */
	dirfd = open(bundle, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return berr_sys(err, "open bundle %s", bundle);
	fds = malloc(s->n_mounts * sizeof(*fds));
	if (!fds)
		return berr_set(err, ENOMEM, "idmapped mounts");
	for (i = 0; i < s->n_mounts; i++)
		fds[i] = -1;
	for (i = 0; i < s->n_mounts; i++) {
		if (!s->mounts[i].n_uid_mappings && !s->mounts[i].n_gid_mappings)
			continue;
		r = open_one(&s->mounts[i], i, dirfd, err);
		if (r < 0) {
			rt_idmap_mounts_close(&fds, s->n_mounts);
			return r;
		}
		fds[i] = r;
	}
	*ret = fds;
	return 0;
}

void rt_idmap_mounts_close(int **fds, size_t n)
{
	size_t i;

	if (!*fds)
		return;
	for (i = 0; i < n; i++)
		if ((*fds)[i] >= 0)
			(void)close((*fds)[i]);
	free(*fds);
	*fds = NULL;
}
