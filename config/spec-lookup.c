/* spec-lookup: questions the runtime asks a parsed spec (is there a pid namespace, what does an
 * annotation say). */
#include <string.h>

#include "parse.h"

const struct cfg_namespace *cfg_ns_find(const struct cfg_spec *s, enum cfg_ns_type t)
{
	for (size_t i = 0; i < s->linux_.n_namespaces; i++)
		if (s->linux_.namespaces[i].type == t)
			return &s->linux_.namespaces[i];
	return NULL;
}

/* A key given twice: the last value counts, as in Go's maps (runc). */
const char *cfg_annotation(const struct cfg_spec *s, const char *key)
{
	for (size_t i = s->annotations.n; i-- > 0;)
		if (strcmp(s->annotations.v[i].key, key) == 0)
			return s->annotations.v[i].value;
	return NULL;
}
