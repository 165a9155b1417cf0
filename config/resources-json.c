/* resources-json: the document of `berth update -r FILE`: a linux.resources object on its own,
 * parsed and validated like that section of config.json. Called by runtime/cmd-update.c. */
#include <errno.h>
#include <stdlib.h>

#include "parse.h"

int cfg_resources_parse(const char *text, size_t len, struct cfg_spec **ret, struct berr *err)
{
	_cleanup_yajl_ yajl_val doc = NULL;
	struct cfg_spec *s;
	int r;

	r = cfg_json_parse(text, len, &doc, err);
	if (r < 0)
		return r;
	if (!YAJL_IS_OBJECT(doc))
		return berr_set(err, EINVAL, "resources: expected an object");
	/* a spec holding only the resources: cfg_spec_free() then releases them */
	s = calloc(1, sizeof(*s));
	if (!s)
		return berr_set(err, ENOMEM, "parse resources: out of memory");
	s->has_linux = true;
	r = cfg_parse_resources(doc, "", &s->linux_.resources, err);
	if (r < 0) {
		cfg_spec_free(s);
		return r;
	}
	*ret = s;
	return 0;
}
