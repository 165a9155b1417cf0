/* berth-conf: reads berth.conf ($BERTH_CONFIG or /etc/berth/berth.conf) into struct cfg_conf,
 * every value checked at load so later users can trust it. Called by create (isolation), the
 * VM backend (paths, accel, sizing) and `berth check`. */
#include "berth-conf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../runtime/base/cleanup.h"

#define CONF_FILE_MAX	(64 * 1024) /* a few lines are expected: anything bigger is a mistake */
#define CONF_MEMORY_MIN (32ULL << 20)
#define CONF_CPUS_MAX	255

enum conf_key { K_ISOLATION, K_KERNEL, K_INITRAMFS, K_QEMU, K_ACCEL, K_CPUS, K_MEMORY, K_COUNT };

static const char *const key_names[K_COUNT] = {
	[K_ISOLATION] = "default_isolation",
	[K_KERNEL] = "kernel",
	[K_INITRAMFS] = "initramfs",
	[K_QEMU] = "qemu",
	[K_ACCEL] = "accel",
	[K_CPUS] = "vm_cpus",
	[K_MEMORY] = "vm_memory",
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Cuts blanks at both ends of s in place; returns the new start. */
static char *trim(char *s)
{
	size_t n;

	while (is_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int set_str(char **field, const char *v, struct berr *err)
{
	char *s = strdup(v);

	if (!s)
		return berr_set(err, ENOMEM, "out of memory");
	*field = s;
	return 0;
}

static int set_path(char **field, const char *v, struct berr *err)
{
	if (v[0] != '/')
		return berr_set(err, EINVAL, "\"%.200s\" is not an absolute path", v);
	if (strlen(v) >= PATH_MAX)
		return berr_set(err, ENAMETOOLONG, "path longer than %d bytes", PATH_MAX - 1);
	return set_str(field, v, err);
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

static int parse_cpus(const char *v, unsigned *ret, struct berr *err)
{
	unsigned long n = 0;

	/* digits only: strtoul alone would take "-1", " 2" and "0x10" */
	if (all_digits(v, strlen(v)) && strlen(v) <= 3)
		n = strtoul(v, NULL, 10);
	if (n < 1 || n > CONF_CPUS_MAX)
		return berr_set(err, EINVAL, "\"%.200s\" is not a number from 1 to %d", v,
				CONF_CPUS_MAX);
	*ret = (unsigned)n;
	return 0;
}

/* A byte count with an optional binary suffix: 512M, 2G, 1048576k, 268435456. */
static int parse_size(const char *v, uint64_t *ret, struct berr *err)
{
	size_t n = strlen(v), digits = n;
	uint64_t value = 0, mult = 1;
	size_t i;

	if (n > 0 && strchr("kKmMgG", v[n - 1])) {
		digits = n - 1;
		mult = v[n - 1] == 'k' || v[n - 1] == 'K'   ? 1ULL << 10
		       : v[n - 1] == 'm' || v[n - 1] == 'M' ? 1ULL << 20
							    : 1ULL << 30;
	}
	if (!all_digits(v, digits))
		return berr_set(err, EINVAL,
				"\"%.200s\" is not a size (bytes, or a number with k, M or G)", v);
	for (i = 0; i < digits; i++)
		if (__builtin_mul_overflow(value, 10, &value) ||
		    __builtin_add_overflow(value, (uint64_t)(v[i] - '0'), &value))
			return berr_set(err, ERANGE, "\"%.200s\" is too large", v);
	if (__builtin_mul_overflow(value, mult, &value))
		return berr_set(err, ERANGE, "\"%.200s\" is too large", v);
	if (value < CONF_MEMORY_MIN)
		return berr_set(err, ERANGE, "\"%.200s\" is less than the minimum, 32M", v);
	*ret = value;
	return 0;
}

static int set_value(struct cfg_conf *c, enum conf_key k, const char *v, struct berr *err)
{
	switch (k) {
	case K_ISOLATION:
		if (strcmp(v, "container") && strcmp(v, "vm"))
			return berr_set(err, EINVAL,
					"unknown isolation \"%.200s\" (container or vm)", v);
		return set_str(&c->default_isolation, v, err);
	case K_KERNEL:
		return set_path(&c->kernel, v, err);
	case K_INITRAMFS:
		return set_path(&c->initramfs, v, err);
	case K_QEMU:
		return set_path(&c->qemu, v, err);
	case K_ACCEL:
		if (strcmp(v, "auto") && strcmp(v, "kvm") && strcmp(v, "tcg"))
			return berr_set(err, EINVAL,
					"unknown accelerator \"%.200s\" (auto, kvm or tcg)", v);
		return set_str(&c->accel, v, err);
	case K_CPUS:
		return parse_cpus(v, &c->vm_cpus, err);
	case K_MEMORY:
		return parse_size(v, &c->vm_memory, err);
	case K_COUNT:
		break;
	}
	return berr_set(err, EINVAL, "no such key");
}

/* The text between double quotes, taken as is (no escapes); v is trimmed. */
static int unquote(char *v, char **ret, struct berr *err)
{
	size_t n = strlen(v);

	if (v[0] != '"') {
		*ret = v;
		return 0;
	}
	if (n < 2 || v[n - 1] != '"')
		return berr_set(err, EINVAL, "missing closing quote");
	v[n - 1] = '\0';
	if (strchr(v + 1, '"'))
		return berr_set(err, EINVAL, "a quoted value holds no '\"'");
	*ret = v + 1;
	return 0;
}

/* One line: blank, a comment, or key = value. first_line[] remembers where each key was set. */
static int parse_line(char *line, unsigned no, const char *source, unsigned first_line[K_COUNT],
		      struct cfg_conf *c, struct berr *err)
{
	char *eq, *key, *value = NULL;
	int k, r;

	line = trim(line);
	if (!line[0] || line[0] == '#')
		return 0;
	eq = strchr(line, '=');
	if (!eq)
		return berr_set(err, EINVAL, "%s:%u: expected \"key = value\"", source, no);
	*eq = '\0';
	key = trim(line);
	for (k = 0; k < K_COUNT && strcmp(key, key_names[k]); k++)
		;
	if (k == K_COUNT)
		return berr_set(err, EINVAL, "%s:%u: unknown key \"%.100s\"", source, no, key);
	if (first_line[k])
		return berr_set(err, EINVAL, "%s:%u: duplicate key \"%s\" (first set on line %u)",
				source, no, key, first_line[k]);
	first_line[k] = no;
	r = unquote(trim(eq + 1), &value, err);
	if (r == 0 && !value[0])
		r = berr_set(err, EINVAL, "empty value");
	if (r == 0)
		r = set_value(c, (enum conf_key)k, value, err);
	if (r < 0)
		return berr_prefix(err, "%s:%u: %s", source, no, key);
	return 0;
}

int cfg_conf_parse(const char *text, const char *source, struct cfg_conf *ret, struct berr *err)
{
	_cleanup_free_ char *copy = strdup(text);
	unsigned first_line[K_COUNT] = {0};
	struct cfg_conf c = {0};
	char *line, *next;
	unsigned no = 0;
	int r = 0;

	if (!copy)
		return berr_set(err, ENOMEM, "%s: out of memory", source);
	for (line = copy; r == 0 && line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		r = parse_line(line, ++no, source, first_line, &c, err);
	}
	if (r < 0) {
		cfg_conf_free(&c);
		return r;
	}
	*ret = c;
	return 0;
}

/* Reads a whole (small, regular) file; -ENOENT without touching err when missing_ok. */
static int read_conf(const char *path, const char *what, bool missing_ok, char **ret,
		     struct berr *err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	_cleanup_free_ char *buf = NULL;
	size_t len = 0;
	struct stat st;
	ssize_t n;

	if (fd < 0 && errno == ENOENT && missing_ok)
		return -ENOENT;
	if (fd < 0)
		return berr_sys(err, "%s%s", what, path);
	if (fstat(fd, &st) < 0)
		return berr_sys(err, "stat %s%s", what, path);
	if (!S_ISREG(st.st_mode)) /* a FIFO would block */
		return berr_set(err, EINVAL, "%s%s: not a regular file", what, path);
	buf = malloc(CONF_FILE_MAX + 1);
	if (!buf)
		return berr_set(err, ENOMEM, "read %s: out of memory", path);
	/* one byte past the limit tells a file that is too big */
	while ((n = read(fd, buf + len, CONF_FILE_MAX + 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return berr_sys(err, "read %s", path);
		len += (size_t)n;
		if (len > CONF_FILE_MAX)
			return berr_set(err, EFBIG, "%s: larger than %d KiB", path,
					CONF_FILE_MAX / 1024);
	}
	buf[len] = '\0';
	if (memchr(buf, '\0', len))
		return berr_set(err, EINVAL, "%s: not a text file (holds a NUL byte)", path);
	*ret = TAKE_PTR(buf);
	return 0;
}

int cfg_conf_load(struct cfg_conf *ret, struct berr *err)
{
	const char *env = secure_getenv("BERTH_CONFIG");
	bool from_env = env && env[0];
	const char *path = from_env ? env : CFG_CONF_DEFAULT_PATH;
	_cleanup_free_ char *text = NULL;
	struct cfg_conf c = {0};
	int r;

	/* a file named on purpose must exist; the default one is optional */
	r = read_conf(path, from_env ? "$BERTH_CONFIG " : "", !from_env, &text, err);
	if (r == -ENOENT && !from_env) {
		*ret = c;
		return 0;
	}
	if (r == 0)
		r = cfg_conf_parse(text, path, &c, err);
	if (r < 0)
		return r;
	c.path = strdup(path);
	if (!c.path) {
		cfg_conf_free(&c);
		return berr_set(err, ENOMEM, "%s: out of memory", path);
	}
	*ret = c;
	return 0;
}

void cfg_conf_free(struct cfg_conf *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->default_isolation);
	free(c->kernel);
	free(c->initramfs);
	free(c->qemu);
	free(c->accel);
	memset(c, 0, sizeof(*c));
}
