/* vm-size: sizing a VM from the config (see the header). */
#include "vm-size.h"

#include <errno.h>
#include <stdlib.h>

#define MIB (1024ULL * 1024)

/* "512M", "1G", "262144K" or bytes -> MiB, rounded up. */
static int parse_size(const char *s, uint64_t *ret_mib)
{
	char *end;
	unsigned long long v;
	uint64_t mult = 1;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'k':
	case 'K':
		mult = 1024, end++;
		break;
	case 'm':
	case 'M':
		mult = MIB, end++;
		break;
	case 'g':
	case 'G':
		mult = 1024 * MIB, end++;
		break;
	default:
		break;
	}
	if (*end == 'i' || *end == 'b' || *end == 'B')
		end += (*end == 'i' && (end[1] == 'B' || end[1] == 'b')) ? 2 : 1;
	if (*end || v > UINT64_MAX / mult)
		return -EINVAL;
	*ret_mib = (v * mult + MIB - 1) / MIB;
	return 0;
}

static int choose_cpus(const struct cfg_spec *spec, const struct cfg_conf *conf, unsigned *ret,
		       struct berr *err)
{
	const char *a = cfg_annotation(spec, "berth.vm.cpus");
	const struct cfg_cpu *cpu = &spec->linux_.resources.cpu;
	char *end;
	unsigned long v;

	if (a) {
		errno = 0;
		v = strtoul(a, &end, 10);
		if (errno || end == a || *end || v < 1 || v > VM_MAX_CPUS)
			return berr_set(
				err, EINVAL,
				"annotations.berth.vm.cpus: \"%s\" is not a count from 1 to "
				"%d",
				a, VM_MAX_CPUS);
		*ret = (unsigned)v;
		return 0;
	}
	if (cpu->quota.set && cpu->quota.v > 0) {
		uint64_t period = cpu->period.set && cpu->period.v ? cpu->period.v : 100000;
		uint64_t n = ((uint64_t)cpu->quota.v + period - 1) / period;

		*ret = n > VM_MAX_CPUS ? VM_MAX_CPUS : (unsigned)n;
		return 0;
	}
	*ret = conf && conf->vm_cpus ? conf->vm_cpus : VM_DEFAULT_CPUS;
	return 0;
}

static int choose_memory(const struct cfg_spec *spec, const struct cfg_conf *conf, uint64_t *ret,
			 struct berr *err)
{
	const char *a = cfg_annotation(spec, "berth.vm.memory");
	const struct cfg_memory *mem = &spec->linux_.resources.memory;
	uint64_t mib = 0;

	if (a) {
		if (parse_size(a, &mib) < 0 || mib < VM_MIN_MEMORY_MIB)
			return berr_set(err, EINVAL,
					"annotations.berth.vm.memory: \"%s\" is not a size of at "
					"least %dM",
					a, VM_MIN_MEMORY_MIB);
	} else if (mem->limit.set && mem->limit.v > 0) {
		mib = ((uint64_t)mem->limit.v + MIB - 1) / MIB + VM_OVERHEAD_MIB;
	} else if (conf && conf->vm_memory) {
		mib = (conf->vm_memory + MIB - 1) / MIB;
	} else {
		mib = VM_DEFAULT_MEMORY_MIB;
	}
	*ret = mib < VM_MIN_MEMORY_MIB ? VM_MIN_MEMORY_MIB : mib;
	return 0;
}

int vm_size_choose(const struct cfg_spec *spec, const struct cfg_conf *conf, struct vm_size *ret,
		   struct berr *err)
{
	struct vm_size s;
	int r = choose_cpus(spec, conf, &s.cpus, err);

	if (r == 0)
		r = choose_memory(spec, conf, &s.memory_mib, err);
	if (r == 0)
		*ret = s;
	return r;
}
