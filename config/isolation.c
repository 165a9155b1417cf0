/* isolation: the precedence of DESIGN.md "Choosing isolation", with one-line errors. */
#include "isolation.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
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
			 const struct cfg_conf *conf, enum cfg_isolation *ret, struct berr *err)
{
	const char *note = spec ? cfg_annotation(spec, "berth.isolation") : NULL;
	char source[PATH_MAX + 32];

	if (flag)
		return parse(flag, "--isolation", ret, err);
	if (note)
		return parse(note, "config.json: annotations.berth.isolation", ret, err);
	if (argv0 && !strcmp(argv0, "berth-vm")) {
		*ret = CFG_ISOLATION_VM;
		return 0;
	}
	if (conf && conf->default_isolation) {
		/* checked when berth.conf was loaded; a hand-filled struct is checked here */
		(void)snprintf(source, sizeof(source), "%s: default_isolation",
			       conf->path ? conf->path : "berth.conf");
		return parse(conf->default_isolation, source, ret, err);
	}
	*ret = CFG_ISOLATION_CONTAINER;
	return 0;
}

const char *cfg_isolation_name(enum cfg_isolation i)
{
	return i == CFG_ISOLATION_VM ? "vm" : "container";
}
