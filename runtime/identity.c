/* identity: parse the container's passwd/group (not the host's: no NSS here) and switch to
 * the configured uid/gid. */
#include "identity.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "base/cleanup.h"

/* Finds the passwd entry for uid: its name and home. Returns 1 when found. */
static int passwd_lookup(const char *etc, uid_t uid, char *name, size_t nlen, char *home,
			 size_t hlen)
{
	char path[256], line[1024];
	_cleanup_fclose_ FILE *f = NULL;

	(void)snprintf(path, sizeof(path), "%s/passwd", etc);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *fields[7] = {0}, *p = line;
		int n = 0;

		line[strcspn(line, "\n")] = '\0';
		/* strsep keeps empty fields (e.g. an empty password) */
		while (n < 7 && (fields[n] = strsep(&p, ":")))
			n++;
		if (n < 6 || strtoul(fields[2], NULL, 10) != uid || !*fields[2])
			continue;
		(void)snprintf(name, nlen, "%s", fields[0]);
		(void)snprintf(home, hlen, "%s", fields[5]);
		return 1;
	}
	return 0;
}

static void add_group(struct rt_identity *id, gid_t g)
{
	size_t i;

	for (i = 0; i < id->n_groups; i++)
		if (id->groups[i] == g)
			return;
	if (id->n_groups < RT_MAX_GROUPS)
		id->groups[id->n_groups++] = g;
}

/* Adds every group that lists name as a member. */
static void group_memberships(const char *etc, const char *name, struct rt_identity *id)
{
	char path[256], line[4096];
	_cleanup_fclose_ FILE *f = NULL;

	(void)snprintf(path, sizeof(path), "%s/group", etc);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *fields[4] = {0}, *p = line, *m;
		int n = 0;

		line[strcspn(line, "\n")] = '\0';
		while (n < 4 && (fields[n] = strsep(&p, ":")))
			n++;
		if (n < 4 || !*fields[2])
			continue;
		while ((m = strsep(&fields[3], ","))) {
			if (*m && !strcmp(m, name)) {
				add_group(id, (gid_t)strtoul(fields[2], NULL, 10));
				break;
			}
		}
	}
}

int rt_identity_resolve(const struct cfg_user *u, const char *etc, struct rt_identity *ret,
			struct berr *err)
{
	struct rt_identity id;
	char name[256] = "";
	size_t i;

	(void)err;
	memset(&id, 0, sizeof(id));
	id.uid = u->uid;
	id.gid = u->gid;
	strcpy(id.home, "/");
	if (passwd_lookup(etc, u->uid, name, sizeof(name), id.home, sizeof(id.home)) && *name)
		group_memberships(etc, name, &id);
	if (!*id.home)
		strcpy(id.home, "/");
	for (i = 0; i < u->n_additional_gids; i++)
		add_group(&id, u->additional_gids[i]);
	*ret = id;
	return 0;
}

int rt_identity_apply(const struct rt_identity *id, bool setgroups_allowed, struct berr *err)
{
	/* keep the permitted set across setuid(non-zero); capabilities.c trims it afterwards */
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return berr_sys(err, "prctl(PR_SET_KEEPCAPS)");
	if (setgroups_allowed && setgroups(id->n_groups, id->groups) < 0)
		return berr_sys(err, "setgroups");
	if (setresgid(id->gid, id->gid, id->gid) < 0)
		return berr_sys(err, "setresgid(%u)", id->gid);
	if (setresuid(id->uid, id->uid, id->uid) < 0)
		return berr_sys(err, "setresuid(%u)", id->uid);
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		return berr_sys(err, "prctl(PR_SET_KEEPCAPS)");
	return 0;
}
