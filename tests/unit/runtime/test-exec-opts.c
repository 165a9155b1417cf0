/* test-exec-opts: `berth exec` flags from argv arrays (long, single-dash long and short forms,
 * the command's own flags kept after the id, repeats, bad values) and the cfg_process built
 * from the config's process with the overrides, or read from --process. */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <sys/capability.h>

#include "../../../runtime/exec-opts.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];
static struct ut_argv a;

static int parse(struct rt_exec_opts *o, struct berr *err)
{
	optind = 0; /* GNU getopt: start over */
	return rt_exec_opts_parse(a.argc, a.argv, o, err);
}

#define BIT(c) (1ULL << (c))

static void test_long_flags(void)
{
	struct rt_exec_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "exec", "--process", "/p.json", "--tty", "--console-socket", "/c.sock",
		"--detach", "--pid-file", "/x.pid", "--env", "A=1", "--env=B=2", "--cwd", "/w",
		"--user", "1:2", "--additional-gids", "5", "--additional-gids=6", "--cap",
		"CAP_KILL", "--cap", "CAP_CHOWN", "--no-new-privs", "--preserve-fds", "3",
		"--apparmor", "prof", "--process-label", "lbl", "--ignore-paused", "--cgroup",
		"sub", "c1", "sh", "-c", "echo hi");
	ASSERT_INT(parse(&o, &err), 0);
	ASSERT_STR(o.id, "c1");
	ASSERT_STR(o.process_file, "/p.json");
	ASSERT_TRUE(o.tty && o.detach && o.no_new_privs && o.ignore_paused);
	ASSERT_STR(o.console_socket, "/c.sock");
	ASSERT_STR(o.pid_file, "/x.pid");
	ASSERT_INT(o.n_env, 2);
	ASSERT_STR(o.env[0], "A=1");
	ASSERT_STR(o.env[1], "B=2");
	ASSERT_STR(o.cwd, "/w");
	ASSERT_STR(o.user, "1:2");
	ASSERT_INT(o.n_gids, 2);
	ASSERT_INT(o.gids[0], 5);
	ASSERT_INT(o.gids[1], 6);
	ASSERT_INT(o.n_caps, 2);
	ASSERT_STR(o.caps[0], "CAP_KILL");
	ASSERT_STR(o.caps[1], "CAP_CHOWN");
	ASSERT_INT(o.preserve_fds, 3);
	ASSERT_STR(o.apparmor, "prof");
	ASSERT_STR(o.process_label, "lbl");
	ASSERT_INT(o.n_args, 3);
	ASSERT_STR(o.args[0], "sh");
	ASSERT_STR(o.args[1], "-c");
	ASSERT_STR(o.args[2], "echo hi");
	ASSERT_TRUE(o.args[3] == NULL);
}

/* containerd and podman pass runc's flags with one dash */
static void test_single_dash_long_forms(void)
{
	struct rt_exec_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "exec", "-process", "/p.json", "-tty", "-console-socket", "/c.sock", "-detach",
		"-pid-file", "/x.pid", "-env", "A=1", "-cwd", "/w", "-user", "7",
		"-additional-gids", "9", "-cap", "CAP_KILL", "-no-new-privs", "-preserve-fds=2",
		"-apparmor", "prof", "-process-label", "lbl", "-ignore-paused", "-cgroup", "sub",
		"c2");
	ASSERT_INT(parse(&o, &err), 0);
	ASSERT_STR(o.id, "c2");
	ASSERT_STR(o.process_file, "/p.json");
	ASSERT_TRUE(o.tty && o.detach && o.no_new_privs && o.ignore_paused);
	ASSERT_STR(o.console_socket, "/c.sock");
	ASSERT_STR(o.pid_file, "/x.pid");
	ASSERT_INT(o.n_env, 1);
	ASSERT_STR(o.env[0], "A=1");
	ASSERT_STR(o.cwd, "/w");
	ASSERT_STR(o.user, "7");
	ASSERT_INT(o.n_gids, 1);
	ASSERT_INT(o.gids[0], 9);
	ASSERT_INT(o.n_caps, 1);
	ASSERT_STR(o.caps[0], "CAP_KILL");
	ASSERT_INT(o.preserve_fds, 2);
	ASSERT_STR(o.apparmor, "prof");
	ASSERT_STR(o.process_label, "lbl");
	ASSERT_INT(o.n_args, 0); /* --process needs no command */
}

static void test_short_forms(void)
{
	struct rt_exec_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "exec", "-p", "/p.json", "-t", "-d", "-e", "A=1", "-e", "B=2", "-w", "/w", "-u",
		"3:4", "-g", "11", "-g", "12", "-c", "CAP_KILL", "c3", "true");
	ASSERT_INT(parse(&o, &err), 0);
	ASSERT_STR(o.process_file, "/p.json");
	ASSERT_TRUE(o.tty && o.detach);
	ASSERT_INT(o.n_env, 2);
	ASSERT_STR(o.env[1], "B=2");
	ASSERT_STR(o.cwd, "/w");
	ASSERT_STR(o.user, "3:4");
	ASSERT_INT(o.n_gids, 2);
	ASSERT_INT(o.gids[1], 12);
	ASSERT_STR(o.caps[0], "CAP_KILL");
	ASSERT_STR(o.id, "c3");
	ASSERT_INT(o.n_args, 1);
	ASSERT_STR(o.args[0], "true");
}

/* everything after the id is the command, its own flags (even ours) included */
static void test_command_flags_kept(void)
{
	struct rt_exec_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "exec", "-e", "A=1", "c4", "sh", "-e", "-c", "echo", "--env", "X=1", "-t",
		"--bogus");
	ASSERT_INT(parse(&o, &err), 0);
	ASSERT_STR(o.id, "c4");
	ASSERT_INT(o.n_env, 1);
	ASSERT_TRUE(!o.tty);
	ASSERT_INT(o.n_args, 8);
	ASSERT_STR(o.args[0], "sh");
	ASSERT_STR(o.args[1], "-e");
	ASSERT_STR(o.args[4], "--env");
	ASSERT_STR(o.args[5], "X=1");
	ASSERT_STR(o.args[6], "-t");
	ASSERT_STR(o.args[7], "--bogus");
	ASSERT_TRUE(o.args[8] == NULL);
	/* a "--" before the id ends our options too */
	UT_ARGV(&a, "exec", "--", "c5", "ls", "-l");
	ASSERT_INT(parse(&o, &err), 0);
	ASSERT_STR(o.id, "c5");
	ASSERT_INT(o.n_args, 2);
	ASSERT_STR(o.args[1], "-l");
}

/* a second parse starts from zero */
static void test_reset_between_parses(void)
{
	struct rt_exec_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "exec", "-t", "-e", "A=1", "-g", "1", "c6", "true");
	ASSERT_INT(parse(&o, &err), 0);
	UT_ARGV(&a, "exec", "c7", "true");
	ASSERT_INT(parse(&o, &err), 0);
	ASSERT_TRUE(!o.tty && o.n_env == 0 && o.n_gids == 0 && o.user == NULL);
	ASSERT_STR(o.id, "c7");
}

static void test_bad_gid(void)
{
	static const char *const bad[] = {"abc", "", "12x", "-1", "4294967296"};
	struct rt_exec_opts o;
	struct berr err = {0};
	char want[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		UT_ARGV(&a, "exec", "--additional-gids", bad[i], "c", "true");
		ASSERT_INT(parse(&o, &err), -EINVAL);
		ut_path(want, "--additional-gids: invalid gid \"%s\"", bad[i]);
		ASSERT_STR(err.msg, want);
	}
	UT_ARGV(&a, "exec", "-g", "4294967295", "c", "true");
	ASSERT_INT(parse(&o, &err), 0);
	ASSERT_INT(o.gids[0], 4294967295U);
}

static void test_usage_errors(void)
{
	struct rt_exec_opts o;
	struct berr err = {0};

	UT_ARGV(&a, "exec");
	ASSERT_INT(parse(&o, &err), -EINVAL);
	ASSERT_STR(err.msg, "exec requires a container id (usage: berth exec [options] ID "
			    "[COMMAND...])");
	UT_ARGV(&a, "exec", "-t", "-e", "A=1");
	ASSERT_INT(parse(&o, &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "exec requires a container id");
	UT_ARGV(&a, "exec", "c8");
	ASSERT_INT(parse(&o, &err), -EINVAL);
	ASSERT_STR(err.msg, "exec: a command or --process is required");
	UT_ARGV(&a, "exec", "--bogus", "c8", "true");
	ASSERT_INT(parse(&o, &err), -EINVAL);
	ASSERT_STR(err.msg, "exec: unknown option --bogus");
	UT_ARGV(&a, "exec", "--preserve-fds", "x", "c8", "true");
	ASSERT_INT(parse(&o, &err), -EINVAL);
	ASSERT_STR(err.msg, "--preserve-fds: invalid value \"x\": expected a number");
}

/* more values than the fixed arrays hold are an error, not an overflow */
static void test_too_many_values(void)
{
	static char *argv[2 * RT_EXEC_MAX_LIST + 8];
	static char env[] = "K=v", flag[] = "-e", cmd[] = "exec", id[] = "c", prog[] = "true";
	struct rt_exec_opts o;
	struct berr err = {0};
	int n = 0;

	argv[n++] = cmd;
	for (int i = 0; i <= RT_EXEC_MAX_LIST; i++) {
		argv[n++] = flag;
		argv[n++] = env;
	}
	argv[n++] = id;
	argv[n++] = prog;
	argv[n] = NULL;
	optind = 0;
	ASSERT_INT(rt_exec_opts_parse(n, argv, &o, &err), -E2BIG);
	ASSERT_STR(err.msg, "--env: too many values");
	/* exactly the limit is fine */
	optind = 0;
	argv[2 * RT_EXEC_MAX_LIST - 1 + 2] = id;
	argv[2 * RT_EXEC_MAX_LIST + 2] = prog;
	argv[2 * RT_EXEC_MAX_LIST + 3] = NULL;
	ASSERT_INT(rt_exec_opts_parse(2 * RT_EXEC_MAX_LIST + 3, argv, &o, &err), 0);
	ASSERT_INT(o.n_env, RT_EXEC_MAX_LIST);
}

/* The config's process the overrides apply to. */
static char env_path[] = "PATH=/bin", env_term[] = "TERM=xterm", env_home[] = "HOME=/root";
static char *base_env[] = {env_path, env_term, env_home, NULL};
static char base_cwd[] = "/";
static uint32_t base_gids[] = {100, 200};

static struct cfg_process base_process(void)
{
	struct cfg_process p = {0};

	p.env.v = base_env;
	p.env.n = 3;
	p.cwd = base_cwd;
	p.user.uid = 1000;
	p.user.gid = 1001;
	p.user.additional_gids = base_gids;
	p.user.n_additional_gids = 2;
	p.caps.present = true;
	p.caps.mask_bounding = BIT(CAP_CHOWN);
	p.caps.mask_effective = BIT(CAP_CHOWN);
	p.caps.mask_permitted = BIT(CAP_CHOWN);
	return p;
}

static int build(const struct cfg_process *base, struct cfg_process *ret, bool *from_file,
		 struct berr *err)
{
	struct rt_exec_opts o;
	int r = parse(&o, err);

	return r < 0 ? r : rt_exec_process_build(&o, base, ret, from_file, err);
}

static void test_build_defaults(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	bool from_file = true;

	UT_ARGV(&a, "exec", "c", "sh", "-c", "x");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_TRUE(!from_file);
	ASSERT_INT(p.args.n, 3);
	ASSERT_STR(p.args.v[0], "sh");
	ASSERT_TRUE(p.args.v[3] == NULL);
	ASSERT_STR(p.cwd, "/");
	ASSERT_INT(p.user.uid, 1000);
	ASSERT_INT(p.user.gid, 1001);
	ASSERT_TRUE(!p.terminal && !p.no_new_privileges);
	ASSERT_INT(p.env.n, 3);
	ASSERT_STR(p.env.v[2], "HOME=/root");
	ASSERT_TRUE(p.env.v[3] == NULL);
	ASSERT_INT(p.user.n_additional_gids, 2);
	ASSERT_INT(p.user.additional_gids[1], 200);
	ASSERT_TRUE(p.user.additional_gids != base_gids); /* a copy: ours to free */
	ASSERT_INT(p.caps.mask_ambient, 0);
	rt_exec_process_free(&p, from_file);
	/* the base is untouched */
	ASSERT_INT(base.env.n, 3);
	ASSERT_STR(base_env[0], "PATH=/bin");
}

static void test_build_env_override(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	bool from_file;

	UT_ARGV(&a, "exec", "-e", "TERM=dumb", "-e", "NEW=1", "-e", "PATH=/x", "-e", "NEW=2", "-e",
		"EMPTY=", "c", "env");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.env.n, 5);
	ASSERT_STR(p.env.v[0], "PATH=/x"); /* replaced in place */
	ASSERT_STR(p.env.v[1], "TERM=dumb");
	ASSERT_STR(p.env.v[2], "HOME=/root");
	ASSERT_STR(p.env.v[3], "NEW=2"); /* the last -e of a key wins */
	ASSERT_STR(p.env.v[4], "EMPTY=");
	ASSERT_TRUE(p.env.v[5] == NULL);
	ASSERT_STR(base_env[1], "TERM=xterm");
	rt_exec_process_free(&p, from_file);

	/* a key is the whole name: PATHX is not PATH */
	UT_ARGV(&a, "exec", "-e", "PATHX=1", "c", "env");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.env.n, 4);
	ASSERT_STR(p.env.v[0], "PATH=/bin");
	ASSERT_STR(p.env.v[3], "PATHX=1");
	rt_exec_process_free(&p, from_file);

	UT_ARGV(&a, "exec", "-e", "NOVALUE", "c", "env");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--env: expected KEY=value, got \"NOVALUE\"");
}

static void test_build_user(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	bool from_file;

	UT_ARGV(&a, "exec", "--user", "0:0", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.user.uid, 0);
	ASSERT_INT(p.user.gid, 0);
	rt_exec_process_free(&p, from_file);
	/* uid only: the config's gid stays, like runc */
	UT_ARGV(&a, "exec", "-u", "42", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.user.uid, 42);
	ASSERT_INT(p.user.gid, 1001);
	rt_exec_process_free(&p, from_file);
	UT_ARGV(&a, "exec", "-u", "4294967295:4294967295", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.user.uid, 4294967295U);
	ASSERT_INT(p.user.gid, 4294967295U);
	rt_exec_process_free(&p, from_file);

	/* the message quotes what was given, whole */
	UT_ARGV(&a, "exec", "-u", "1000:x", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--user: expected UID[:GID], got \"1000:x\"");
	UT_ARGV(&a, "exec", "-u", "root", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--user: expected UID[:GID], got \"root\"");
	UT_ARGV(&a, "exec", "-u", "1:", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--user: expected UID[:GID], got \"1:\"");
	UT_ARGV(&a, "exec", "-u", "4294967296", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	UT_ARGV(&a, "exec", "-u", "1:2:3", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
}

static void test_build_caps(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	bool from_file;

	/* no inheritable set in the config: no ambient either */
	UT_ARGV(&a, "exec", "--cap", "CAP_KILL", "--cap", "CAP_NET_RAW", "c", "true");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.caps.mask_bounding, BIT(CAP_CHOWN) | BIT(CAP_KILL) | BIT(CAP_NET_RAW));
	ASSERT_INT(p.caps.mask_effective, BIT(CAP_CHOWN) | BIT(CAP_KILL) | BIT(CAP_NET_RAW));
	ASSERT_INT(p.caps.mask_permitted, BIT(CAP_CHOWN) | BIT(CAP_KILL) | BIT(CAP_NET_RAW));
	ASSERT_INT(p.caps.mask_inheritable, 0);
	ASSERT_INT(p.caps.mask_ambient, 0);
	ASSERT_INT(base.caps.mask_bounding, BIT(CAP_CHOWN)); /* the config's copy untouched */
	rt_exec_process_free(&p, from_file);

	/* with an inheritable set, the added caps become ambient too (the config's stay) */
	base.caps.mask_inheritable = BIT(CAP_CHOWN);
	base.caps.mask_ambient = BIT(CAP_CHOWN);
	UT_ARGV(&a, "exec", "--cap", "CAP_KILL", "c", "true");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.caps.mask_ambient, BIT(CAP_CHOWN) | BIT(CAP_KILL));
	ASSERT_INT(p.caps.mask_inheritable, BIT(CAP_CHOWN));
	ASSERT_INT(p.caps.mask_effective, BIT(CAP_CHOWN) | BIT(CAP_KILL));
	rt_exec_process_free(&p, from_file);

	UT_ARGV(&a, "exec", "--cap", "CAP_NOPE", "c", "true");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--cap: unknown capability \"CAP_NOPE\"");
	/* only whole names: no numbers, no lists */
	UT_ARGV(&a, "exec", "--cap", "CAP_KILL,CAP_SYS_ADMIN", "c", "true");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--cap: unknown capability \"CAP_KILL,CAP_SYS_ADMIN\"");
	UT_ARGV(&a, "exec", "--cap", "63", "c", "true");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--cap: unknown capability \"63\"");
	UT_ARGV(&a, "exec", "--cap", "cap_kill", "c", "true");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--cap: unknown capability \"cap_kill\"");
}

static void test_build_cwd_nnp_tty(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	bool from_file;

	UT_ARGV(&a, "exec", "--cwd", "/tmp", "--no-new-privs", "-t", "c", "pwd");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_STR(p.cwd, "/tmp");
	ASSERT_TRUE(p.no_new_privileges && p.terminal);
	rt_exec_process_free(&p, from_file);
	/* the config's noNewPrivileges stays without the flag */
	base.no_new_privileges = true;
	UT_ARGV(&a, "exec", "c", "pwd");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_TRUE(p.no_new_privileges);
	rt_exec_process_free(&p, from_file);

	UT_ARGV(&a, "exec", "--cwd", "tmp", "c", "pwd");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_STR(err.msg, "--cwd: must be an absolute path");
}

static void test_build_additional_gids(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	bool from_file;

	UT_ARGV(&a, "exec", "-g", "7", "--additional-gids", "8", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.user.n_additional_gids, 4);
	ASSERT_INT(p.user.additional_gids[0], 100);
	ASSERT_INT(p.user.additional_gids[1], 200);
	ASSERT_INT(p.user.additional_gids[2], 7);
	ASSERT_INT(p.user.additional_gids[3], 8);
	rt_exec_process_free(&p, from_file);
	/* none in the config */
	base.user.additional_gids = NULL;
	base.user.n_additional_gids = 0;
	UT_ARGV(&a, "exec", "-g", "9", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.user.n_additional_gids, 1);
	ASSERT_INT(p.user.additional_gids[0], 9);
	rt_exec_process_free(&p, from_file);
	UT_ARGV(&a, "exec", "c", "id");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_INT(p.user.n_additional_gids, 0);
	rt_exec_process_free(&p, from_file);
}

#define PROCESS_JSON                                                                               \
	"{\"terminal\": false, \"user\": {\"uid\": 5, \"gid\": 6, \"additionalGids\": [7]},"       \
	" \"args\": [\"ls\", \"-l\"], \"env\": [\"PATH=/usr/bin\"], \"cwd\": \"/srv\","            \
	" \"capabilities\": {\"bounding\": [\"CAP_KILL\"]}, \"noNewPrivileges\": true}"

static void test_build_process_file(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	char path[PATH_MAX];
	bool from_file = false;

	ut_path(path, "%s/process.json", dir);
	ASSERT_INT(ut_write_file(path, PROCESS_JSON, 0644), 0);
	/* the file is the whole process: the config's and the other flags do not apply */
	UT_ARGV(&a, "exec", "--process", path, "-e", "A=1", "--cwd", "/x", "c");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	ASSERT_TRUE(from_file);
	ASSERT_INT(p.args.n, 2);
	ASSERT_STR(p.args.v[0], "ls");
	ASSERT_STR(p.args.v[1], "-l");
	ASSERT_STR(p.cwd, "/srv");
	ASSERT_INT(p.env.n, 1);
	ASSERT_STR(p.env.v[0], "PATH=/usr/bin");
	ASSERT_INT(p.user.uid, 5);
	ASSERT_INT(p.user.gid, 6);
	ASSERT_INT(p.user.n_additional_gids, 1);
	ASSERT_INT(p.caps.mask_bounding, BIT(CAP_KILL));
	ASSERT_TRUE(p.no_new_privileges);
	rt_exec_process_free(&p, from_file);
}

/* --process - reads standard input, without touching any other fd of ours */
static void test_build_process_stdin(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	char path[PATH_MAX];
	bool from_file = false;
	int saved, in, canary;

	ut_path(path, "%s/stdin.json", dir);
	ASSERT_INT(ut_write_file(path, PROCESS_JSON, 0644), 0);
	canary = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ASSERT_TRUE(canary >= 0);
	ASSERT_INT(dup3(canary, 100, O_CLOEXEC), 100);
	(void)close(canary);
	saved = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 10);
	in = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_TRUE(saved >= 0 && in >= 0);
	ASSERT_INT(dup2(in, STDIN_FILENO), 0);
	(void)close(in);
	UT_ARGV(&a, "exec", "-p", "-", "c");
	ASSERT_INT(build(&base, &p, &from_file, &err), 0);
	(void)dup2(saved, STDIN_FILENO);
	(void)close(saved);
	ASSERT_TRUE(from_file);
	ASSERT_STR(p.args.v[0], "ls");
	rt_exec_process_free(&p, from_file);
	ASSERT_TRUE(fcntl(100, F_GETFD) >= 0); /* still ours */
	(void)close(100);
}

static void test_build_bad_process_file(void)
{
	struct cfg_process base = base_process(), p;
	struct berr err = {0};
	char path[PATH_MAX], want[PATH_MAX + 64], got[600];
	bool from_file = false;

	ut_path(path, "%s/bad.json", dir);
	ASSERT_INT(ut_write_file(path, "{\"args\": [\"ls\"], \"cwd\": \"relative\"}", 0644), 0);
	UT_ARGV(&a, "exec", "--process", path, "c");
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_TRUE(from_file);
	ut_path(want, "--process %s: ", path);
	ASSERT_TRUE(strncmp(err.msg, want, strlen(want)) == 0);
	ASSERT_CONTAINS(err.msg, "cwd");

	ASSERT_INT(ut_write_file(path, "{\"args\": [", 0644), 0);
	ASSERT_INT(build(&base, &p, &from_file, &err), -EINVAL);
	ASSERT_TRUE(strncmp(err.msg, want, strlen(want)) == 0);
	ASSERT_CONTAINS(err.msg, "invalid JSON");

	ut_path(path, "%s/missing.json", dir);
	UT_ARGV(&a, "exec", "--process", path, "c");
	ASSERT_INT(build(&base, &p, &from_file, &err), -ENOENT);
	ut_path(want, "--process: open %s: No such file or directory", path);
	ASSERT_STR(berr_str(&err, got, sizeof(got)), want);
}

/* the --process text as read, for vm mode; a missing file names itself */
static void test_process_read(void)
{
	char path[PATH_MAX], *text = NULL;
	struct berr err = {0};
	size_t len = 0;

	ut_path(path, "%s/p.json", dir);
	ASSERT_INT(ut_write_file(path, "{\"args\": [\"true\"]}", 0600), 0);
	ASSERT_INT(rt_exec_process_read(path, &text, &len, &err), 0);
	ASSERT_STR(text, "{\"args\": [\"true\"]}");
	ASSERT_INT((int)len, 18);
	free(text);
	ASSERT_TRUE(rt_exec_process_read("/nonexistent/p.json", &text, &len, &err) < 0);
	ASSERT_STR(err.msg, "--process: open /nonexistent/p.json");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_long_flags);
	RUN(test_process_read);
	RUN(test_single_dash_long_forms);
	RUN(test_short_forms);
	RUN(test_command_flags_kept);
	RUN(test_reset_between_parses);
	RUN(test_bad_gid);
	RUN(test_usage_errors);
	RUN(test_too_many_values);
	RUN(test_build_defaults);
	RUN(test_build_env_override);
	RUN(test_build_user);
	RUN(test_build_caps);
	RUN(test_build_cwd_nnp_tty);
	RUN(test_build_additional_gids);
	RUN(test_build_process_file);
	RUN(test_build_process_stdin);
	RUN(test_build_bad_process_file);
	ut_rmrf(dir);
	UNIT_DONE();
}
