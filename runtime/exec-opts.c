/* exec-opts: parse `berth exec` flags and build its cfg_process. */
#include "exec-opts.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "cli.h"

static int push(const char **v, size_t *n, const char *s, const char *opt, struct berr *err)
{
	if (*n >= RT_EXEC_MAX_LIST)
		return berr_set(err, E2BIG, "%s: too many values", opt);
	v[(*n)++] = s;
	return 0;
}

static int parse_gid(struct rt_exec_opts *o, const char *s, struct berr *err)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > UINT32_MAX || o->n_gids >= RT_EXEC_MAX_LIST)
		return berr_set(err, EINVAL, "--additional-gids: invalid gid \"%s\"", s);
	o->gids[o->n_gids++] = (uint32_t)v;
	return 0;
}

int rt_exec_opts_parse(int argc, char **argv, struct rt_exec_opts *o, struct berr *err)
{
	static const struct option opts[] = {
		{"process", required_argument, NULL, 'p'},
		{"tty", no_argument, NULL, 't'},
		{"console-socket", required_argument, NULL, 'C'},
		{"detach", no_argument, NULL, 'd'},
		{"pid-file", required_argument, NULL, 'P'},
		{"env", required_argument, NULL, 'e'},
		{"cwd", required_argument, NULL, 'w'},
		{"user", required_argument, NULL, 'u'},
		{"additional-gids", required_argument, NULL, 'g'},
		{"cap", required_argument, NULL, 'c'},
		{"no-new-privs", no_argument, NULL, 'n'},
		{"preserve-fds", required_argument, NULL, 'F'},
		{"apparmor", required_argument, NULL, 'a'},
		{"process-label", required_argument, NULL, 'l'},
		{"ignore-paused", no_argument, NULL, 'i'},
		{"cgroup", required_argument, NULL, 'G'},
		{0},
	};
	int c, r = 0;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	/* "+": stop at the container id; what follows is the command */
	while (r == 0 &&
	       (c = getopt_long_only(argc, argv, "+:p:tdP:e:w:u:g:c:", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->process_file = optarg;
			break;
		case 't':
			o->tty = true;
			break;
		case 'C':
			o->console_socket = optarg;
			break;
		case 'd':
			o->detach = true;
			break;
		case 'P':
			o->pid_file = optarg;
			break;
		case 'e':
			r = push(o->env, &o->n_env, optarg, "--env", err);
			break;
		case 'w':
			o->cwd = optarg;
			break;
		case 'u':
			o->user = optarg;
			break;
		case 'g':
			r = parse_gid(o, optarg, err);
			break;
		case 'c':
			r = push(o->caps, &o->n_caps, optarg, "--cap", err);
			break;
		case 'n':
			o->no_new_privs = true;
			break;
		case 'F':
			r = rt_cli_parse_uint("--preserve-fds", optarg, &o->preserve_fds, err);
			break;
		case 'a':
			o->apparmor = optarg;
			break;
		case 'l':
			o->process_label = optarg;
			break;
		case 'i':
			o->ignore_paused = true;
			break;
		case 'G':
			break; /* runc's sub-cgroup selection: the container's cgroup is used */
		case ':':
			return berr_set(err, EINVAL, "exec: option %s needs a value",
					argv[optind - 1]);
		default:
			return berr_set(err, EINVAL, "exec: unknown option %s", argv[optind - 1]);
		}
	}
	if (r < 0)
		return r;
	if (optind >= argc)
		return berr_set(err, EINVAL,
				"exec requires a container id (usage: berth exec [options] ID "
				"[COMMAND...])");
	o->id = argv[optind++];
	o->args = argv + optind;
	o->n_args = (size_t)(argc - optind);
	if (!o->process_file && !o->n_args)
		return berr_set(err, EINVAL, "exec: a command or --process is required");
	return 0;
}

int rt_exec_process_read(const char *path, char **ret, size_t *ret_len, struct berr *err)
{
	/* "-" is stdin; a fresh fd (not a fixed number that may be ours) so closing it is safe */
	_cleanup_close_ int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC)
						   : fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
	_cleanup_free_ char *buf = NULL;
	size_t used = 0, cap = 65536;
	ssize_t n;

	if (fd < 0)
		return berr_sys(err, "--process: open %s", path);
	buf = malloc(cap + 1);
	if (!buf)
		return berr_set(err, ENOMEM, "--process: read %s", path);
	while ((n = read(fd, buf + used, cap - used)) > 0)
		used += (size_t)n;
	if (n < 0 || used == cap)
		return berr_set(err, n < 0 ? errno : EFBIG, "--process: read %s", path);
	buf[used] = '\0';
	*ret = TAKE_PTR(buf);
	*ret_len = used;
	return 0;
}

static int read_process_file(const char *path, struct cfg_process *ret, struct berr *err)
{
	_cleanup_free_ char *buf = NULL;
	size_t used = 0;
	int r = rt_exec_process_read(path, &buf, &used, err);

	if (r < 0)
		return r;
	r = cfg_process_parse(buf, used, ret, err);
	if (r < 0)
		return berr_prefix(err, "--process %s", path);
	return 0;
}

static bool env_key_eq(const char *a, const char *b)
{
	size_t la = strcspn(a, "="), lb = strcspn(b, "=");

	return la == lb && !strncmp(a, b, la);
}

static int build_env(const struct rt_exec_opts *o, const struct cfg_process *base,
		     struct cfg_process *p, struct berr *err)
{
	size_t i, k, n = 0;
	char **v = calloc(base->env.n + o->n_env + 1, sizeof(char *));

	if (!v)
		return berr_set(err, ENOMEM, "build exec environment");
	for (i = 0; i < base->env.n; i++)
		v[n++] = base->env.v[i];
	for (i = 0; i < o->n_env; i++) {
		if (!strchr(o->env[i], '=')) {
			free(v);
			return berr_set(err, EINVAL, "--env: expected KEY=value, got \"%s\"",
					o->env[i]);
		}
		for (k = 0; k < n && !env_key_eq(v[k], o->env[i]); k++)
			;
		v[k] = (char *)o->env[i];
		if (k == n)
			n++;
	}
	p->env.v = v;
	p->env.n = n;
	return 0;
}

static int parse_user(const char *arg, struct cfg_user *u, struct berr *err)
{
	unsigned long uid, gid = u->gid;
	const char *s = arg;
	char *end;

	errno = 0;
	uid = strtoul(s, &end, 10);
	if (!errno && end != s && *end == ':') {
		s = end + 1;
		gid = strtoul(s, &end, 10);
	}
	if (errno || end == s || *end || uid > UINT32_MAX || gid > UINT32_MAX)
		return berr_set(err, EINVAL, "--user: expected UID[:GID], got \"%s\"", arg);
	u->uid = (uint32_t)uid;
	u->gid = (uint32_t)gid;
	return 0;
}

/* libcap also takes "cap_kill", "5" and "CAP_KILL,junk" (it stops at the comma); runc and
 * config.json take only whole CAP_ names */
static bool cap_shaped(const char *s)
{
	return !strncmp(s, "CAP_", 4) && s[4] &&
	       strspn(s + 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == strlen(s + 4);
}

static int add_caps(const struct rt_exec_opts *o, struct cfg_caps *c, struct berr *err)
{
	cap_value_t v;
	size_t i;

	for (i = 0; i < o->n_caps; i++) {
		if (!cap_shaped(o->caps[i]) || cap_from_name(o->caps[i], &v) < 0 || v < 0 || v > 63)
			return berr_set(err, EINVAL, "--cap: unknown capability \"%s\"",
					o->caps[i]);
		c->mask_bounding |= 1ULL << v;
		c->mask_effective |= 1ULL << v;
		c->mask_permitted |= 1ULL << v;
		/* ambient needs inheritable: only when the spec already has some, like runc */
		if (c->mask_inheritable)
			c->mask_ambient |= 1ULL << v;
	}
	return 0;
}

int rt_exec_process_build(const struct rt_exec_opts *o, const struct cfg_process *base,
			  struct cfg_process *ret, bool *ret_from_file, struct berr *err)
{
	struct cfg_process p;
	int r;

	*ret_from_file = o->process_file != NULL;
	if (o->process_file) {
		memset(ret, 0, sizeof(*ret));
		return read_process_file(o->process_file, ret, err);
	}
	p = *base; /* borrowed strings; only env and additionalGids are ours */
	p.args.v = o->args;
	p.args.n = o->n_args;
	p.terminal = o->tty;
	if (o->cwd)
		p.cwd = (char *)o->cwd;
	if (o->no_new_privs)
		p.no_new_privileges = true;
	r = o->user ? parse_user(o->user, &p.user, err) : 0;
	if (r == 0)
		r = add_caps(o, &p.caps, err);
	if (r < 0)
		return r;
	if (o->cwd && o->cwd[0] != '/')
		return berr_set(err, EINVAL, "--cwd: must be an absolute path");
	/* the config's additional gids, then --additional-gids */
	p.user.n_additional_gids = base->user.n_additional_gids + o->n_gids;
	p.user.additional_gids = calloc(p.user.n_additional_gids + 1, sizeof(uint32_t));
	if (!p.user.additional_gids)
		return berr_set(err, ENOMEM, "--additional-gids");
	if (base->user.n_additional_gids)
		memcpy(p.user.additional_gids, base->user.additional_gids,
		       base->user.n_additional_gids * sizeof(uint32_t));
	if (o->n_gids)
		memcpy(p.user.additional_gids + base->user.n_additional_gids, o->gids,
		       o->n_gids * sizeof(uint32_t));
	r = build_env(o, base, &p, err);
	if (r < 0) {
		free(p.user.additional_gids);
		return r;
	}
	*ret = p;
	return 0;
}

void rt_exec_process_free(struct cfg_process *p, bool from_file)
{
	if (from_file) {
		cfg_process_clear(p);
		return;
	}
	free(p->env.v);
	free(p->user.additional_gids);
}
