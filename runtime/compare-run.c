/* compare-run: one measured run (see the header). */
#include "compare-run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void hash_bytes(uint64_t *h, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		*h ^= (unsigned char)p[i];
		*h *= 0x100000001b3ULL;
	}
}

__attribute__((noreturn)) static void child(char *const argv[], int out, int err_fd)
{
	int null = open("/dev/null", O_RDWR);

	if (null < 0 || dup2(null, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 ||
	    dup2(err_fd >= 0 ? err_fd : null, STDERR_FILENO) < 0)
		_exit(127);
	execv(argv[0], argv);
	_exit(127);
}

int rt_compare_run(char *const argv[], int err_fd, struct rt_compare_sample *ret, struct berr *err)
{
	struct rt_compare_sample s = {.start_ms = -1, .out_hash = 0xcbf29ce484222325ULL};
	struct rusage ru;
	char buf[65536];
	int p[2], st;
	double t0;
	pid_t pid;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC) < 0)
		return berr_sys(err, "compare: pipe");
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		(void)close(p[0]);
		(void)close(p[1]);
		return berr_sys(err, "compare: fork");
	}
	if (pid == 0)
		child(argv, p[1], err_fd);
	(void)close(p[1]);
	while ((n = read(p[0], buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (s.start_ms < 0)
			s.start_ms = now_ms() - t0;
		hash_bytes(&s.out_hash, buf, (size_t)n);
		s.out_bytes += (uint64_t)n;
	}
	(void)close(p[0]);
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR)
			return berr_sys(err, "compare: wait for %s", argv[0]);
	s.wall_ms = now_ms() - t0;
	s.peak_rss_kb = ru.ru_maxrss;
	s.exit_status = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
	*ret = s;
	return 0;
}
