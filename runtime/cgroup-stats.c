/* cgroup-stats: rt_cgroup_stats() picks the v1 or v2 reader; the parsing both share lives
 * here (memory.stat lines, CPU lists, blkio entries). Called by `berth events`. */
#include "cgroup-stats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup-impl.h"
#include "mountinfo.h"

char *rt_cg_stats_text(const char *dir, const char *file)
{
	char p[PATH_MAX];
	char *text = NULL;
	struct berr e2;

	if (!dir || !dir[0] || rt_cg_join(p, sizeof(p), dir, file) < 0)
		return NULL;
	if (rt_read_proc_file(p, &text, &e2) < 0)
		return NULL;
	return text;
}

void rt_cg_stats_parse_raw(char *text, struct rt_cgroup_stats *ret)
{
	char *line, *save = NULL, *sp;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		sp = strchr(line, ' ');
		if (!sp || (size_t)(sp - line) >= sizeof(ret->memory.raw[0].key) ||
		    ret->memory.n_raw >= RT_CG_STATS_RAW)
			continue;
		memcpy(ret->memory.raw[ret->memory.n_raw].key, line, (size_t)(sp - line));
		ret->memory.raw[ret->memory.n_raw].key[sp - line] = '\0';
		ret->memory.raw[ret->memory.n_raw].value = strtoull(sp + 1, NULL, 10);
		ret->memory.n_raw++;
	}
}

uint64_t rt_cg_stats_raw(const struct rt_cgroup_stats *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->memory.n_raw; i++)
		if (!strcmp(s->memory.raw[i].key, key))
			return s->memory.raw[i].value;
	return 0;
}

size_t rt_cg_stats_parse_list(const char *list, uint16_t *v, size_t max)
{
	const char *p = list;
	char *end;
	unsigned long a, b;
	size_t n = 0;

	while (*p && n < max) {
		a = strtoul(p, &end, 10);
		if (end == p)
			break;
		b = a;
		if (*end == '-')
			b = strtoul(end + 1, &end, 10);
		for (; a <= b && a <= UINT16_MAX && n < max; a++)
			v[n++] = (uint16_t)a;
		p = end;
		while (*p == ',' || *p == ' ' || *p == '\n')
			p++;
	}
	return n;
}

void rt_cg_stats_blkio_add(struct rt_cg_blkio_list *l, uint64_t major, uint64_t minor,
			   const char *op, uint64_t value)
{
	struct rt_cg_blkio_entry *e;

	if (l->n >= RT_CG_STATS_BLKIO)
		return;
	e = &l->v[l->n++];
	e->major = major;
	e->minor = minor;
	(void)snprintf(e->op, sizeof(e->op), "%s", op);
	e->value = value;
}

int rt_cgroup_stats(const struct rt_cgroup *cg, struct rt_cgroup_stats *ret, struct berr *err)
{
	const char *dir = rt_cg_procs_dir(cg);

	memset(ret, 0, sizeof(*ret));
	if (cg->mode == RT_CGROUP_NONE || !dir)
		return berr_set(err, ENOTSUP, "the container has no cgroup");
	if (access(dir, F_OK) < 0)
		return berr_sys(err, "the container's cgroup %s", dir);
	if (cg->mode == RT_CGROUP_V2)
		return rt_cg_stats_v2(dir, ret, err);
	return rt_cg_stats_v1(cg, ret, err);
}
