/* cpulist: the kernel's list syntax for CPUs and NUMA nodes ("0-3,7"), used by
 * process.execCPUAffinity and linux.memoryPolicy.nodes; the runtime turns lists into masks. */
#include <errno.h>

#include "spec.h"

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* Reads a decimal number; numbers past nbits are only remembered as too large. */
static int number(const char **sp, size_t nbits, size_t *ret)
{
	const char *s = skip_spaces(*sp);
	size_t v = 0;
	bool big = false;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v >= nbits)
			big = true;
		else
			v = v * 10 + (size_t)(*s - '0');
	}
	*sp = skip_spaces(s);
	*ret = v;
	return big || v >= nbits ? -ERANGE : 0;
}

static int walk(const char *list, uint64_t *mask, size_t nbits)
{
	const char *s = skip_spaces(list);
	size_t a, b;
	int r;

	if (!*s)
		return 0;
	for (;;) {
		r = number(&s, nbits, &a);
		if (r == -EINVAL)
			return r;
		b = a;
		if (*s == '-') {
			s++;
			int r2 = number(&s, nbits, &b);

			if (r2 == -EINVAL)
				return r2;
			r = r ? r : r2;
			if (r == 0 && b < a)
				return -EINVAL;
		}
		if (*s != ',' && *s != '\0')
			return -EINVAL;
		if (r < 0)
			return r;
		for (size_t i = a; mask && i <= b; i++)
			mask[i / 64] |= UINT64_C(1) << (i % 64);
		if (*s == '\0')
			return 0;
		s++;
	}
}

int cfg_cpulist_parse(const char *list, uint64_t *mask, size_t nbits)
{
	int r;

	if (!list)
		return -EINVAL;
	/* check it all first: a bad list leaves mask alone */
	r = walk(list, NULL, nbits);
	if (r == 0 && mask)
		r = walk(list, mask, nbits);
	return r;
}
