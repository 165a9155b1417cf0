/* idmap: /proc/<pid>/{uid,gid}_map writes for a new user namespace. */
#include "idmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"

int rt_idmap_format(const struct cfg_id_map *m, size_t n, char *buf, size_t len)
{
	size_t used = 0, i;
	int w;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < n; i++) {
		w = snprintf(buf + used, len - used, "%u %u %u\n", m[i].container_id, m[i].host_id,
			     m[i].size);
		if (w < 0 || (size_t)w >= len - used)
			return -ENOSPC;
		used += (size_t)w;
	}
	return (int)used;
}

static int write_map(pid_t pid, const char *file, const char *key, const struct cfg_id_map *m,
		     size_t n, struct berr *err)
{
	char path[64], buf[4096];
	_cleanup_close_ int fd = -1;
	int len;

	if (!n)
		return 0;
	len = rt_idmap_format(m, n, buf, sizeof(buf));
	if (len < 0)
		return berr_set(err, E2BIG, "linux.%s: too many mappings", key);
	(void)snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "open %s", path);
	if (write(fd, buf, (size_t)len) != len)
		return berr_sys(err, "write %s", path);
	return 0;
}

int rt_idmap_write(pid_t pid, const struct cfg_spec *spec, struct berr *err)
{
	int r;

	r = write_map(pid, "uid_map", "uidMappings", spec->linux_.uid_mappings,
		      spec->linux_.n_uid_mappings, err);
	if (r < 0)
		return r;
	return write_map(pid, "gid_map", "gidMappings", spec->linux_.gid_mappings,
			 spec->linux_.n_gid_mappings, err);
}
