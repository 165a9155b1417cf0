/* netlink-lo: one RTM_NEWLINK request on a NETLINK_ROUTE socket, acknowledged. Called by init.
 * Raw netlink rather than libmnl: it is one fixed message, and without libmnl (Debian ships no
 * static libmnl) berth-agent links fully static. */
#include "netlink-lo.h"

#include <errno.h>
#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"

struct link_req {
	struct nlmsghdr nh;
	struct ifinfomsg ifm;
	char attrs[RTA_SPACE(IFNAMSIZ)];
};

/* The ACK of request seq: an NLMSG_ERROR whose error is 0, or the request's -errno. */
static int recv_ack(int fd, unsigned int seq)
{
	char buf[8192];
	struct nlmsghdr *nh;
	ssize_t n;

	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (unsigned int)n);
		     nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_seq != seq || nh->nlmsg_type != NLMSG_ERROR)
				continue;
			if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(struct nlmsgerr)))
				return -EPROTO;
			return ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
		}
	}
}

int rt_net_link_up(const char *ifname, struct berr *err)
{
	struct link_req req;
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	struct rtattr *rta;
	unsigned int seq = (unsigned int)time(NULL);
	size_t len = strlen(ifname) + 1;
	_cleanup_close_ int fd = -1;
	int r;

	if (len > IFNAMSIZ)
		return berr_set(err, EINVAL, "bring %s up: interface name too long", ifname);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return berr_sys(err, "bring %s up: open rtnetlink socket", ifname);
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = RTM_NEWLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.nh.nlmsg_seq = seq;
	req.ifm.ifi_family = AF_UNSPEC;
	req.ifm.ifi_index = 0; /* looked up by IFLA_IFNAME */
	req.ifm.ifi_flags = IFF_UP;
	req.ifm.ifi_change = IFF_UP;
	rta = (struct rtattr *)req.attrs;
	rta->rta_type = IFLA_IFNAME;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), ifname, len);
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifm)) + RTA_ALIGN(rta->rta_len);
	if (sendto(fd, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return berr_sys(err, "bring %s up: rtnetlink RTM_NEWLINK: send", ifname);
	r = recv_ack(fd, seq);
	if (r < 0)
		return berr_sys_code(err, r, "bring %s up: rtnetlink RTM_NEWLINK", ifname);
	return 0;
}

int rt_net_lo_up(struct berr *err)
{
	return rt_net_link_up("lo", err);
}
