/* capabilities: the libcap side of process.capabilities. An absent capabilities object
 * means empty sets, as runc does. */
#include "capabilities.h"

#include <errno.h>
#include <stdio.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "base/log.h"

static int last_cap(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int last = CAP_LAST_CAP;

	if (f) {
		if (fscanf(f, "%d", &last) != 1)
			last = CAP_LAST_CAP;
		(void)fclose(f);
	}
	return last > 63 ? 63 : last;
}

int rt_caps_drop_bounding(const struct cfg_caps *c, struct berr *err)
{
	int cap, last = last_cap();

	for (cap = 0; cap <= last; cap++) {
		if (c->mask_bounding & (1ULL << cap))
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return berr_sys(err, "drop capability %d from the bounding set", cap);
	}
	return 0;
}

static int set_flags(cap_t caps, cap_flag_t flag, uint64_t mask, int last)
{
	cap_value_t v;
	int cap;

	for (cap = 0; cap <= last; cap++) {
		if (!(mask & (1ULL << cap)))
			continue;
		v = cap;
		if (cap_set_flag(caps, flag, 1, &v, CAP_SET) < 0)
			return -errno;
	}
	return 0;
}

int rt_caps_apply(const struct cfg_caps *c, struct berr *err)
{
	int cap, last = last_cap(), r;
	cap_t caps = cap_init();

	if (!caps)
		return berr_sys(err, "cap_init");
	r = set_flags(caps, CAP_EFFECTIVE, c->mask_effective, last);
	if (r == 0)
		r = set_flags(caps, CAP_PERMITTED, c->mask_permitted, last);
	if (r == 0)
		r = set_flags(caps, CAP_INHERITABLE, c->mask_inheritable, last);
	if (r == 0 && cap_set_proc(caps) < 0)
		r = -errno;
	(void)cap_free(caps);
	if (r < 0)
		return berr_sys_code(err, r, "set process capabilities");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return berr_sys(err, "clear ambient capabilities");
	for (cap = 0; cap <= last; cap++) {
		if (!(c->mask_ambient & (1ULL << cap)))
			continue;
		/* the kernel refuses an ambient cap that is not permitted+inheritable; runc
		 * warns and goes on, and engines rely on that */
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			log_debug("cannot raise ambient capability %d: %m; continuing without it",
				  cap);
	}
	return 0;
}
