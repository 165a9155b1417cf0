/* isolation: the precedence of DESIGN.md "Choosing isolation", with one-line errors. */
#include "isolation.h"

#include <errno.h>
#include <string.h>

static int parse(const char *value, const char *source, enum cfg_isolation *ret, struct berr *err)
{
	if (!strcmp(value, "container"))
		*ret = CFG_ISOLATION_CONTAINER;
	else if (!strcmp(value, "vm"))
		*ret = CFG_ISOLATION_VM;
	else
		return berr_set(err, EINVAL, "%s: unknown isolation \"%s\" (container or vm)",
				source, value);
	return 0;
}

int cfg_isolation_choose(const char *flag, const struct cfg_spec *spec, const char *argv0,
			 enum cfg_isolation *ret, struct berr *err)
{
	const char *note = spec ? cfg_annotation(spec, "berth.isolation") : NULL;

	if (flag)
		return parse(flag, "--isolation", ret, err);
	if (note)
		return parse(note, "config.json: annotations.berth.isolation", ret, err);
	*ret = argv0 && !strcmp(argv0, "berth-vm") ? CFG_ISOLATION_VM : CFG_ISOLATION_CONTAINER;
	return 0;
}

const char *cfg_isolation_name(enum cfg_isolation i)
{
	return i == CFG_ISOLATION_VM ? "vm" : "container";
}
