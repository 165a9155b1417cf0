/* Fuzz-style test of the config parser: truncated and mutated versions of real configs must
 * parse or fail with one EINVAL line, never crash, hang or leak (run under ASAN=1 too). */
#include "cfg-test.h"

static const char *const files[] = {
	"tests/data/full/config.json",
	"tests/data/runc-spec/config.json",
	"tests/data/runc-spec-rootless/config.json",
	"tests/data/containerd-ctr-run/config.json",
	"tests/data/containerd-ctr-seccomp/config.json",
	"tests/data/podman-create/config.json",
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int parsed, failed;

/* One attempt; returns false (and says why) when the result breaks the contract. */
static bool check(const char *text, size_t len)
{
	struct cfg_spec *s = NULL;
	struct berr err = {0};
	int r = cfg_spec_parse_opts(text, len, &(struct cfg_parse_opts){.last_cap = 40}, &s, &err);

	if (r == 0) {
		cfg_spec_free(s);
		parsed++;
		return true;
	}
	failed++;
	if (r != -EINVAL || !err.msg[0] || strchr(err.msg, '\n') || s) {
		printf("# r=%d msg=\"%s\" for %zu bytes: %.*s\n", r, err.msg, len,
		       (int)(len < 200 ? len : 200), text);
		return false;
	}
	return true;
}

static void test_truncations(void)
{
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		size_t len = 0, step;
		char *text = t_read_file(files[f], &len);

		if (!text)
			FAIL_("cannot read %s", files[f]);
		step = len / 3000 + 1;
		for (size_t n = 0; n < len; n += step)
			if (!check(text, n)) {
				free(text);
				FAIL_("%s cut at %zu", files[f], n);
			}
		free(text);
	}
}

static const char interesting[] = "{}[]\":,-0123456789.eE\\u \n\tatfnrx/\x01\xff";

static void mutate(char *buf, size_t *len, size_t cap)
{
	size_t at = *len ? next() % *len : 0;

	switch (next() % 6) {
	case 0: /* replace a byte */
		if (*len)
			buf[at] = interesting[next() % (sizeof(interesting) - 1)];
		break;
	case 1: /* delete a byte */
		if (*len) {
			memmove(buf + at, buf + at + 1, *len - at - 1);
			(*len)--;
		}
		break;
	case 2: /* insert a byte */
		if (*len < cap) {
			memmove(buf + at + 1, buf + at, *len - at);
			buf[at] = interesting[next() % (sizeof(interesting) - 1)];
			(*len)++;
		}
		break;
	case 3: /* copy a chunk over another place */
		if (*len > 16) {
			size_t from = next() % (*len - 16), n = next() % 16;

			memmove(buf + at, buf + from, n < *len - at ? n : *len - at);
		}
		break;
	case 4: /* a digit run becomes a huge or negative number */
		if (*len && buf[at] >= '0' && buf[at] <= '9')
			buf[at] = next() & 1 ? '-' : '9';
		break;
	default: /* swap two bytes */
		if (*len > 1) {
			size_t b = next() % *len;
			char c = buf[at];

			buf[at] = buf[b];
			buf[b] = c;
		}
		break;
	}
}

static void test_mutations(void)
{
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		size_t len = 0;
		char *text = t_read_file(files[f], &len);
		char *buf = text ? malloc(len + 64) : NULL;
		int rounds = len > 20000 ? 300 : 3000;

		if (!buf) {
			free(text);
			FAIL_("cannot read %s", files[f]);
		}
		for (int i = 0; i < rounds; i++) {
			size_t n = len;
			int edits = 1 + (int)(next() % 4);

			memcpy(buf, text, len);
			while (edits-- > 0)
				mutate(buf, &n, len + 64);
			if (!check(buf, n)) {
				free(buf);
				free(text);
				FAIL_("%s mutation %d", files[f], i);
			}
		}
		free(buf);
		free(text);
	}
}

/* Values of the wrong type everywhere a value can go. */
static void test_type_swaps(void)
{
	static const char *const values[] = {"null",   "true",	    "0",  "-1",
					     "\"\"",   "[]",	    "{}", "18446744073709551616",
					     "[null]", "{\"a\": 1}"};
	size_t len = 0;
	char *text = t_read_file("tests/data/full/config.json", &len);
	char *out = text ? malloc(len + 64) : NULL;

	if (!out) {
		free(text);
		FAIL_("cannot read the full config");
	}
	/* replace the value after each ':' in turn with each of the values */
	for (size_t i = 0; i < len; i++) {
		size_t end = i + 1;

		if (text[i] != ':')
			continue;
		while (end < len && !strchr(",}]", text[end]))
			end++;
		if (end < len && text[end] == ']')
			continue;
		for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
			size_t vl = strlen(values[v]), n = 0;

			if (end - i > 40)
				break; /* objects and arrays: the nested values get their turn */
			memcpy(out, text, i + 1);
			n = i + 1;
			out[n++] = ' ';
			memcpy(out + n, values[v], vl);
			n += vl;
			memcpy(out + n, text + end, len - end);
			n += len - end;
			if (!check(out, n)) {
				free(out);
				free(text);
				FAIL_("value at %zu replaced with %s", i, values[v]);
			}
		}
	}
	free(out);
	free(text);
}

static void test_counts(void)
{
	printf("# %d parsed, %d refused\n", parsed, failed);
	ASSERT_TRUE(parsed > 100);
	ASSERT_TRUE(failed > 1000);
}

int main(void)
{
	RUN(test_truncations);
	RUN(test_mutations);
	RUN(test_type_swaps);
	RUN(test_counts);
	UNIT_DONE();
}
