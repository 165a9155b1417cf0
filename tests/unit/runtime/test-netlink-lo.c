/* test-netlink-lo: lo comes up over rtnetlink in a forked child's new network namespace
 * (checked with SIOCGIFFLAGS and by sending a datagram over 127.0.0.1); a missing interface
 * names itself in the error. */
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../../runtime/netlink-lo.h"
#include "unit.h"
#include "rt-unit.h"

static int if_flags(const char *name)
{
	struct ifreq ifr = {0};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r;

	if (fd < 0)
		return -errno;
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	r = ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 ? -errno : ifr.ifr_flags;
	(void)close(fd);
	return r;
}

/* A datagram to ourselves on 127.0.0.1: needs lo up. */
static int loopback_works(void)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ok = 0;
	char c = 'x', got = 0;

	if (fd < 0)
		return 0;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0 &&
	    sendto(fd, &c, 1, 0, (struct sockaddr *)&sa, sizeof(sa)) == 1 &&
	    recv(fd, &got, 1, MSG_DONTWAIT) == 1)
		ok = got == 'x';
	(void)close(fd);
	return ok;
}

static void child_lo_up(void *arg)
{
	struct berr err = {0};

	(void)arg;
	ASSERT_INT(unshare(CLONE_NEWNET), 0);
	ASSERT_INT(if_flags("lo") & IFF_UP, 0);
	ASSERT_INT(loopback_works(), 0);
	ASSERT_INT(rt_net_lo_up(&err), 0);
	ASSERT_INT(if_flags("lo") & IFF_UP, IFF_UP);
	ASSERT_INT(loopback_works(), 1);
	/* already up: still fine */
	ASSERT_INT(rt_net_lo_up(&err), 0);
	ASSERT_INT(err.code, 0);
}

static void test_lo_up_in_new_netns(void)
{
	ASSERT_CHILD_OK(child_lo_up, NULL);
}

static void child_missing(void *arg)
{
	struct berr err = {0};
	char msg[600];

	(void)arg;
	ASSERT_INT(unshare(CLONE_NEWNET), 0);
	ASSERT_INT(rt_net_link_up("nosuch0", &err), -ENODEV);
	ASSERT_STR(berr_str(&err, msg, sizeof(msg)),
		   "bring nosuch0 up: rtnetlink RTM_NEWLINK: No such device");
	ASSERT_INT(rt_net_link_up("a-name-longer-than-ifnamsiz", &err), -EINVAL);
	ASSERT_CONTAINS(err.msg, "interface name too long");
}

static void test_missing_interface(void)
{
	ASSERT_CHILD_OK(child_missing, NULL);
}

int main(void)
{
	RUN(test_lo_up_in_new_netns);
	RUN(test_missing_interface);
	UNIT_DONE();
}
