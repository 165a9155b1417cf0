/* fuzz-config: libFuzzer target for the config.json and process.json parsers (config/); a
 * result must be a spec or one EINVAL line. Not built by make; from the repository root:
 *   clang -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
 *     $(pkg-config --cflags yajl) tests/fuzz/fuzz-config.c config/[a-z]*.c \
 *     runtime/base/berr.c $(pkg-config --libs yajl libcap) -o build/fuzz-config
 *   mkdir -p build/corpus
 *   build/fuzz-config -dict=tests/fuzz/config.dict -max_len=30000 build/corpus tests/data/full
 * libFuzzer writes new inputs into the first directory, so keep build/corpus first. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "../../config/spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int r, const struct berr *err)
{
	if (r < 0 && (r != -EINVAL || !err->msg[0] || strchr(err->msg, '\n')))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg_parse_opts opts = {.last_cap = 40};
	struct cfg_process p = {0};
	struct cfg_spec *s = NULL;
	struct berr err = {0};
	int r;

	r = cfg_spec_parse_opts((const char *)data, size, &opts, &s, &err);
	check(r, &err);
	if (r == 0)
		cfg_spec_free(s);
	r = cfg_process_parse((const char *)data, size, &p, &err);
	check(r, &err);
	if (r == 0)
		cfg_process_clear(&p);
	return 0;
}
