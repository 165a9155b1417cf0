/* test-exec-lookup: process.args[0] resolved against PATH like runc (exact error text for
 * engines), slash paths, non-executables, and the environment init builds. */
#include <errno.h>
#include <string.h>

#include "../../../runtime/container.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

static void setup(void)
{
	char p[PATH_MAX];

	ut_tmpdir(dir);
	ut_path(p, "%s/bin1", dir);
	(void)mkdir(p, 0755);
	ut_path(p, "%s/bin2", dir);
	(void)mkdir(p, 0755);
	ut_path(p, "%s/bin1/prog", dir); /* first on PATH, but not executable */
	(void)ut_write_file(p, "#!/bin/sh\n", 0644);
	ut_path(p, "%s/bin2/prog", dir);
	(void)ut_write_file(p, "#!/bin/sh\n", 0755);
	ut_path(p, "%s/bin1/adir", dir); /* a directory is not a program */
	(void)mkdir(p, 0755);
	ut_path(p, "%s/bin2/adir", dir);
	(void)ut_write_file(p, "#!/bin/sh\n", 0700);
	ut_path(p, "%s/bin2/noexec", dir);
	(void)ut_write_file(p, "data\n", 0600);
}

static void test_path_search(void)
{
	char path_env[PATH_MAX], want[PATH_MAX], ret[PATH_MAX];
	char *env[] = {(char *)"A=1", path_env, NULL};
	struct berr err = {0};

	ut_path(path_env, "PATH=%s/bin1:%s/bin2", dir, dir);
	ASSERT_INT(rt_exec_lookup("prog", env, ret, sizeof(ret), &err), 0);
	ut_path(want, "%s/bin2/prog", dir);
	ASSERT_STR(ret, want);
	ASSERT_INT(rt_exec_lookup("adir", env, ret, sizeof(ret), &err), 0);
	ut_path(want, "%s/bin2/adir", dir);
	ASSERT_STR(ret, want);
	ASSERT_INT(err.code, 0);
}

static void test_not_found_message(void)
{
	char path_env[PATH_MAX], ret[PATH_MAX];
	char *env[] = {path_env, NULL};
	struct berr err = {0};
	char buf[600];

	ut_path(path_env, "PATH=%s/bin1:%s/bin2", dir, dir);
	ASSERT_INT(rt_exec_lookup("x", env, ret, sizeof(ret), &err), -ENOENT);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "exec: \"x\": executable file not found in $PATH");
	/* found only without the execute bit: still not found, as exec.LookPath says */
	ASSERT_INT(rt_exec_lookup("noexec", env, ret, sizeof(ret), &err), -ENOENT);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "exec: \"noexec\": executable file not found in $PATH");
}

static void test_no_path_variable(void)
{
	char *env[] = {(char *)"PATHX=/bin", (char *)"XPATH=/bin", NULL};
	char ret[PATH_MAX];
	struct berr err = {0};

	ASSERT_INT(rt_exec_lookup("sh", env, ret, sizeof(ret), &err), -ENOENT);
	ASSERT_STR(err.msg, "exec: \"sh\": executable file not found in $PATH");
	ASSERT_INT(rt_exec_lookup("sh", NULL, ret, sizeof(ret), &err), -ENOENT);
	ASSERT_INT(rt_exec_lookup("sh", (char *[]){(char *)"PATH=", NULL}, ret, sizeof(ret), &err),
		   -ENOENT);
}

static void test_empty_element_is_cwd(void)
{
	char ret[PATH_MAX], cwd[PATH_MAX], bin2[PATH_MAX];
	char *env[] = {(char *)"PATH=/nonexistent::/also-not", NULL};
	struct berr err = {0};

	ASSERT_TRUE(getcwd(cwd, sizeof(cwd)) != NULL);
	ut_path(bin2, "%s/bin2", dir);
	ASSERT_INT(chdir(bin2), 0);
	ASSERT_INT(rt_exec_lookup("prog", env, ret, sizeof(ret), &err), 0);
	ASSERT_STR(ret, "./prog");
	env[0] = (char *)"PATH=:/nonexistent";
	ASSERT_INT(rt_exec_lookup("prog", env, ret, sizeof(ret), &err), 0);
	ASSERT_STR(ret, "./prog");
	/* a trailing empty element too, as Go's exec.LookPath (runc) and execvp */
	env[0] = (char *)"PATH=/nonexistent:";
	ASSERT_INT(rt_exec_lookup("prog", env, ret, sizeof(ret), &err), 0);
	ASSERT_STR(ret, "./prog");
	/* an empty PATH has no elements at all */
	env[0] = (char *)"PATH=";
	ASSERT_INT(rt_exec_lookup("prog", env, ret, sizeof(ret), &err), -ENOENT);
	ASSERT_INT(chdir(cwd), 0);
}

static void test_slash_paths(void)
{
	char p[PATH_MAX], ret[PATH_MAX], want[PATH_MAX], buf[PATH_MAX];
	struct berr err = {0};

	ut_path(p, "%s/bin2/prog", dir);
	ASSERT_INT(rt_exec_lookup(p, NULL, ret, sizeof(ret), &err), 0);
	ASSERT_STR(ret, p);
	/* a slash path is not searched */
	ASSERT_INT(rt_exec_lookup("bin2/prog", (char *[]){(char *)"PATH=/bin", NULL}, ret,
				  sizeof(ret), &err),
		   -ENOENT);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)),
		   "exec: \"bin2/prog\": stat bin2/prog: No such file or directory");
	ut_path(p, "%s/bin1/prog", dir);
	ASSERT_INT(rt_exec_lookup(p, NULL, ret, sizeof(ret), &err), -EACCES);
	ut_path(want, "exec: \"%s\": stat %s: Permission denied", p, p);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), want);
	ut_path(p, "%s/bin1/adir", dir);
	ASSERT_INT(rt_exec_lookup(p, NULL, ret, sizeof(ret), &err), -EACCES);
}

static void test_result_too_long_is_skipped(void)
{
	char path_env[PATH_MAX], ret[8];
	char *env[] = {path_env, NULL};
	struct berr err = {0};

	ut_path(path_env, "PATH=%s/bin2", dir);
	ASSERT_INT(rt_exec_lookup("prog", env, ret, sizeof(ret), &err), -ENOENT);
}

static struct cfg_process proc_with_env(char **v, size_t n)
{
	struct cfg_process p;

	memset(&p, 0, sizeof(p));
	p.env.v = v;
	p.env.n = n;
	return p;
}

static int count(char **env)
{
	int n = 0;

	while (env[n])
		n++;
	return n;
}

static void test_env_adds_home(void)
{
	char *v[] = {(char *)"A=1", (char *)"HOMEDIR=/x", (char *)"PATH=/bin", NULL};
	struct cfg_process p = proc_with_env(v, 3);
	char **env = rt_exec_env(&p, "/home/u", 0);
	char *got[5] = {0};
	int n, i;

	ASSERT_TRUE(env != NULL);
	n = count(env);
	for (i = 0; i < n && i < 5; i++)
		got[i] = env[i];
	free(env);
	ASSERT_INT(n, 4);
	ASSERT_STR(got[0], "A=1");
	ASSERT_STR(got[1], "HOMEDIR=/x");
	ASSERT_STR(got[2], "PATH=/bin");
	ASSERT_STR(got[3], "HOME=/home/u");
}

static void test_env_keeps_given_home(void)
{
	char *v[] = {(char *)"HOME=/mine", (char *)"B=2", NULL};
	struct cfg_process p = proc_with_env(v, 2);
	char **env = rt_exec_env(&p, "/home/u", 0);
	int n;

	ASSERT_TRUE(env != NULL);
	n = count(env);
	free(env);
	ASSERT_INT(n, 2);
	ASSERT_STR(v[0], "HOME=/mine");
}

static void test_env_listen_fds(void)
{
	char *v[] = {(char *)"A=1", NULL};
	struct cfg_process p = proc_with_env(v, 1);
	char **env = rt_exec_env(&p, "/", 3);
	int ok;

	ASSERT_TRUE(env != NULL);
	ok = count(env) == 4 && !strcmp(env[0], "A=1") && !strcmp(env[1], "HOME=/") &&
	     !strcmp(env[2], "LISTEN_FDS=3") && !strcmp(env[3], "LISTEN_PID=1");
	free(env);
	ASSERT_TRUE(ok);
}

static void test_env_empty_process_env(void)
{
	struct cfg_process p = proc_with_env(NULL, 0);
	char **env = rt_exec_env(&p, "/root", 0);
	int ok;

	ASSERT_TRUE(env != NULL);
	ok = count(env) == 1 && !strcmp(env[0], "HOME=/root");
	free(env);
	ASSERT_TRUE(ok);
}

int main(void)
{
	setup();
	RUN(test_path_search);
	RUN(test_not_found_message);
	RUN(test_no_path_variable);
	RUN(test_empty_element_is_cwd);
	RUN(test_slash_paths);
	RUN(test_result_too_long_is_skipped);
	RUN(test_env_adds_home);
	RUN(test_env_keeps_given_home);
	RUN(test_env_listen_fds);
	RUN(test_env_empty_process_env);
	ut_rmrf(dir);
	UNIT_DONE();
}
