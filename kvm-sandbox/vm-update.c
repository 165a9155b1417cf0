/* vm-update: update through the VM shim (see the header). */
#include "vm-update.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/base/cleanup.h"
#include "proto-json.h"
#include "vm-client.h"

/* -r FILE, -rFILE, --resources FILE, --resources=FILE: how many argv words it takes, or 0 */
static int resources_words(const char *arg)
{
	if (!strcmp(arg, "-r") || !strcmp(arg, "--resources"))
		return 2;
	if (!strncmp(arg, "-r", 2) || !strncmp(arg, "--resources=", 12))
		return 1;
	return 0;
}

int vm_update(int statefd, int n_opts, char *const *opts, const char *resources, struct berr *err)
{
	_cleanup_free_ char **keep = calloc((size_t)n_opts + 1, sizeof(char *));
	_cleanup_free_ char *json = NULL;
	int i, n = 0, w;

	if (!keep)
		return berr_set(err, ENOMEM, "update: out of memory");
	for (i = 0; i < n_opts; i += w ? w : 1) {
		w = resources_words(opts[i]);
		if (!w)
			keep[n++] = opts[i];
	}
	json = pj_strv(keep, (size_t)n);
	if (!json)
		return berr_set(err, ENOMEM, "update: out of memory");
	return vm_client_update(statefd, json, resources, err);
}
