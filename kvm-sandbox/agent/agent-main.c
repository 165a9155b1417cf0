/* agent-main: berth-agent's entry. As PID 1 of the guest it boots and serves the host; run
 * under any other pid it is the berth CLI, which is how the agent builds containers. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "../../runtime/cli.h"
#include "agent.h"

/* The end of the VM: QEMU runs with -no-reboot, so a reboot ends it. */
static void power_off(void)
{
	sync();
	(void)reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

static int serve(struct berr *err)
{
	static struct agent a;
	sigset_t mask;
	int port, r;

	r = agent_boot(&port, err);
	if (r < 0)
		return r;
	(void)sigemptyset(&mask);
	(void)sigaddset(&mask, SIGCHLD);
	(void)sigprocmask(SIG_BLOCK, &mask, NULL);
	a.sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (a.sigfd < 0)
		return berr_sys(err, "signalfd");
	proto_chan_init(&a.chan, port, false);
	r = agent_loop(&a, err);
	proto_chan_free(&a.chan);
	return r;
}

int main(int argc, char **argv)
{
	struct berr err = {0};

	if (getpid() != 1)
		return rt_cli_main_opts(argc, argv, false); /* see cli.h */
	if (serve(&err) < 0)
		(void)fprintf(stderr, "berth-agent: %s%s%s\n", err.msg, err.sys ? ": " : "",
			      err.sys ? strerror(err.code) : "");
	power_off();
}
