/* cmd-events: `berth events [--stats] [--interval DURATION] ID`: the container's statistics
 * once (--stats), or a stream of JSON lines: stats every interval (default 5s) and an
 * {"type":"oom"} event on each OOM kill, until the container stops. Shapes are runc's. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/log.h"
#include "cgroup-stats.h"
#include "cgroup-target.h"
#include "cli.h"
#include "signal-container.h"

/* A Go duration ("5s", "1m30s", "250ms", "1.5h"); returns nanoseconds or -EINVAL. */
static int64_t parse_duration(const char *s)
{
	static const struct {
		const char *unit;
		double ns;
	} units[] = {{"ns", 1},	 {"us", 1e3}, {"\xc2\xb5s", 1e3}, {"ms", 1e6},
		     {"s", 1e9}, {"m", 60e9}, {"h", 3600e9}};
	double total = 0, v;
	size_t i, k;
	char *end;

	if (!strcmp(s, "0"))
		return 0;
	if (!*s)
		return -EINVAL;
	while (*s) {
		if (!strchr("0123456789.", *s))
			return -EINVAL;
		v = strtod(s, &end);
		if (end == s)
			return -EINVAL;
		k = strspn(end, "abcdefghijklmnopqrstuvwxyz\xc2\xb5");
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (strlen(units[i].unit) == k && !strncmp(end, units[i].unit, k))
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return -EINVAL;
		total += v * units[i].ns;
		s = end + k;
	}
	return total > 9e18 ? -EINVAL : (int64_t)total;
}

static int emit_stats(const char *id, const struct rt_cgroup *cg, struct berr *err)
{
	_cleanup_free_ struct rt_cgroup_stats *s = malloc(sizeof(*s));
	_cleanup_free_ char *json = NULL;
	int r;

	if (!s)
		return berr_set(err, ENOMEM, "events: stats");
	r = rt_cgroup_stats(cg, s, err);
	if (r < 0)
		return r;
	json = rt_cgroup_stats_json(id, s);
	if (!json)
		return berr_set(err, ENOMEM, "events: stats");
	(void)printf("%s\n", json);
	(void)fflush(stdout);
	return 0;
}

static void emit_oom(const char *id)
{
	_cleanup_free_ char *json = rt_cgroup_oom_json(id);

	if (json) {
		(void)printf("%s\n", json);
		(void)fflush(stdout);
	}
}

/* One OOM notification; -ENOENT when the cgroup went away. */
static int on_oom(const char *id, struct rt_cg_oom *w)
{
	struct berr e2;
	uint64_t n = 0;
	int r;

	r = rt_cg_oom_read(w, &n, &e2);
	if (r == 0 && n > 0)
		emit_oom(id);
	return r;
}

static int open_timer(int64_t ns, struct berr *err)
{
	struct itimerspec its = {{ns / 1000000000, ns % 1000000000},
				 {ns / 1000000000, ns % 1000000000}};
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);

	if (fd < 0)
		return berr_sys(err, "events: timerfd_create");
	if (timerfd_settime(fd, 0, &its, NULL) < 0) {
		(void)close(fd);
		return berr_sys(err, "events: timerfd_settime");
	}
	return fd;
}

static int stream(const struct rt_cg_target *t, int64_t ns, struct berr *err)
{
	struct rt_cg_oom w = {.fd = -1, .oom_fd = -1};
	_cleanup_close_ int tfd = -1, pidfd = -1;
	struct pollfd p[3];
	struct berr e2;
	uint64_t ticks;

	pidfd = rt_pidfd_open_checked(&t->st, &e2);
	if (pidfd < 0)
		return 0; /* already gone */
	if (rt_cg_oom_open(t->cg, &w, &e2) < 0)
		log_warn("%s; continuing without OOM events", e2.msg);
	tfd = open_timer(ns, err);
	if (tfd < 0) {
		rt_cg_oom_close(&w);
		return tfd;
	}
	for (;;) {
		p[0] = (struct pollfd){.fd = tfd, .events = POLLIN};
		p[1] = (struct pollfd){.fd = w.fd, .events = POLLIN};
		p[2] = (struct pollfd){.fd = pidfd, .events = POLLIN};
		if (poll(p, 3, -1) < 0 && errno != EINTR)
			break;
		if ((p[1].revents & POLLIN) && on_oom(t->st.id, &w) == -ENOENT)
			break;
		if (p[2].revents & POLLIN) {
			/* an OOM kill that ended the container is reported before we stop */
			p[1].revents = 0;
			if (w.fd >= 0 && poll(&p[1], 1, 100) > 0)
				(void)on_oom(t->st.id, &w);
			break;
		}
		if ((p[0].revents & POLLIN) && read(tfd, &ticks, sizeof(ticks)) > 0 &&
		    emit_stats(t->st.id, t->cg, &e2) < 0) {
			if (e2.code == ENOENT)
				break;
			log_error("%s", e2.msg);
		}
	}
	rt_cg_oom_close(&w);
	return 0;
}

int rt_cmd_events(int argc, char **argv, struct berr *err)
{
	static const struct option opts[] = {
		{"stats", no_argument, NULL, 's'},
		{"interval", required_argument, NULL, 'i'},
		{0},
	};
	int64_t ns = 5000000000LL;
	struct rt_cg_target t;
	bool once = false;
	int c, r;

	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's') {
			once = true;
		} else if (c == 'i') {
			ns = parse_duration(optarg);
			if (ns < 0)
				return berr_set(err, EINVAL, "--interval: invalid duration \"%s\"",
						optarg);
		} else {
			return berr_set(err, EINVAL, "events: unknown option %s", argv[optind - 1]);
		}
	}
	if (ns <= 0)
		return berr_set(err, EINVAL,
				"--interval: duration interval must be greater than 0");
	r = rt_cli_want_args(argc, optind, 1, "berth events [--stats] [--interval D] ID", err);
	if (r < 0)
		return r;
	r = rt_cg_target_open(argv[optind], &t, err);
	if (r < 0)
		return r;
	/* streaming must not keep delete waiting on the container's lock */
	rt_cg_target_unlock(&t);
	if (t.status == RT_STATUS_STOPPED)
		r = berr_set(err, EINVAL, "container with id %s is not running", t.st.id);
	else if (once)
		r = emit_stats(t.st.id, t.cg, err);
	else
		r = stream(&t, ns, err);
	rt_cg_target_close(&t);
	return r;
}
