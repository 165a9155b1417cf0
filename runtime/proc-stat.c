/* proc-stat: parse /proc/<pid>/stat past the comm field (which may hold spaces or ')'). */
#include "proc-stat.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"

int rt_proc_stat(pid_t pid, uint64_t *ret_start, char *ret_state)
{
	char path[64], buf[1024];
	_cleanup_close_ int fd = -1;
	unsigned long long start;
	char *p, state;
	ssize_t n;
	int field;

	if (pid <= 0)
		return -ESRCH;
	(void)snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return n < 0 ? -errno : -ESRCH;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return -EIO;
	p += 2;
	state = *p;
	/* field 3 is the state; the start time is field 22 */
	for (field = 3; field < 22 && p; field++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	if (!p || sscanf(p, "%llu", &start) != 1)
		return -EIO;
	if (ret_start)
		*ret_start = start;
	if (ret_state)
		*ret_state = state;
	return 0;
}

bool rt_proc_is_alive(pid_t pid, uint64_t start_time)
{
	uint64_t start;
	char state;

	if (rt_proc_stat(pid, &start, &state) < 0)
		return false;
	return start == start_time && state != 'Z' && state != 'X';
}
