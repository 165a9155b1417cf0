/* validate-sysctl: linux.sysctl may only set what the container's own namespaces hold; anything
 * else would change the host (the rule runc applies). Called by cfg_validate(). */
#include <string.h>

#include "parse.h"

/* IPC namespace: ipc_namespaces(7) */
static const char *const ipc_keys[] = {
	"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
	"kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
};

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Which namespace holds a sysctl, -1 for none. Keys may use '/' like paths under /proc/sys. */
static int sysctl_ns(const char *key)
{
	char k[256];
	size_t n = strlen(key);

	if (n >= sizeof(k))
		return -1;
	for (size_t i = 0; i <= n; i++)
		k[i] = key[i] == '/' ? '.' : key[i];
	for (size_t i = 0; i < sizeof(ipc_keys) / sizeof(ipc_keys[0]); i++)
		if (strcmp(k, ipc_keys[i]) == 0)
			return CFG_NS_IPC;
	if (has_prefix(k, "fs.mqueue."))
		return CFG_NS_IPC;
	if (has_prefix(k, "net."))
		return CFG_NS_NETWORK;
	if (strcmp(k, "kernel.hostname") == 0 || strcmp(k, "kernel.domainname") == 0)
		return CFG_NS_UTS;
	return -1;
}

int cfg_validate_sysctl(const struct cfg_spec *s, struct berr *err)
{
	const struct cfg_map *m = &s->linux_.sysctl;
	char p[CFG_PATH_MAX];

	for (size_t i = 0; i < m->n; i++) {
		int ns = sysctl_ns(m->v[i].key);

		cfg_path_map(p, "linux", "sysctl", m->v[i].key);
		if (ns < 0)
			return cfg_err(err, p,
				       "not in a namespace of the container; it would change "
				       "the host");
		if (!cfg_ns_find(s, (enum cfg_ns_type)ns))
			return cfg_err(err, p, "requires a \"%s\" entry in linux.namespaces",
				       cfg_ns_name((enum cfg_ns_type)ns));
	}
	return 0;
}
