/* test-exe-clone: CVE-2019-5736 protection: the test binary is not a sealed copy, and after
 * rt_exe_clone_and_reexec it runs from one (checked by re-running this binary in a child). */
#include <errno.h>
#include <string.h>

#include "../../../runtime/exe-clone.h"
#include "unit.h"
#include "rt-unit.h"

#define CHECK_ARG "--check-cloned"

static void test_not_cloned(void)
{
	ASSERT_TRUE(!rt_exe_is_cloned());
}

/* In the re-executed copy: a sealed memfd named for berth, a whole copy of the original
 * (argv[2]), run with the argv we passed. */
static int check_cloned(int argc, char **argv)
{
	char exe[PATH_MAX] = "";
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct stat copy, orig;

	if (n > 0)
		exe[n] = '\0';
	if (!rt_exe_is_cloned())
		return 10;
	if (strncmp(exe, "/memfd:berth", 12) != 0)
		return 11;
	if (argc != 3 || stat("/proc/self/exe", &copy) < 0 || stat(argv[2], &orig) < 0)
		return 12;
	if (copy.st_size != orig.st_size || copy.st_ino == orig.st_ino)
		return 13;
	return 0;
}

static void test_reexec_runs_sealed_copy(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	pid_t pid;

	ASSERT_TRUE(n > 0);
	self[n] = '\0';
	(void)fflush(stdout);
	pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (pid == 0) {
		char *argv[] = {self, (char *)CHECK_ARG, self, NULL};
		struct berr err = {0};

		(void)rt_exe_clone_and_reexec(argv, &err);
		_exit(99); /* only on failure */
	}
	ASSERT_INT(ut_wait(pid), 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], CHECK_ARG))
		return check_cloned(argc, argv);
	RUN(test_not_cloned);
	RUN(test_reexec_runs_sealed_copy);
	UNIT_DONE();
}
