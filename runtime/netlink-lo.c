/* netlink-lo: one RTM_NEWLINK request on a NETLINK_ROUTE socket, acknowledged. Called by init. */
#include "netlink-lo.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* MNL_SOCKET_BUFFER_SIZE is computed at run time (a VLA); 8 KiB is what it gives on x86 */
#define NL_BUF_SIZE 8192

static void mnl_closep(struct mnl_socket **nl)
{
	int e = errno;

	if (*nl)
		(void)mnl_socket_close(*nl);
	errno = e;
}

/* The ACK of our request: an NLMSG_ERROR with error 0, or the request's errno. */
static int recv_ack(struct mnl_socket *nl, unsigned int seq, unsigned int portid)
{
	char buf[NL_BUF_SIZE];
	ssize_t n;
	int r;

	do {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		r = mnl_cb_run(buf, (size_t)n, seq, portid, NULL, NULL);
	} while (r == MNL_CB_OK);
	return r < 0 ? -errno : 0;
}

static int open_route(struct mnl_socket **nl, unsigned int *ret_portid, const char *ifname,
		      struct berr *err)
{
	*nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!*nl)
		return berr_sys(err, "bring %s up: open rtnetlink socket", ifname);
	if (mnl_socket_bind(*nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return berr_sys(err, "bring %s up: bind rtnetlink socket", ifname);
	*ret_portid = mnl_socket_get_portid(*nl);
	return 0;
}

int rt_net_link_up(const char *ifname, struct berr *err)
{
	char buf[NL_BUF_SIZE];
	struct mnl_socket *nl __attribute__((cleanup(mnl_closep))) = NULL;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifm;
	unsigned int seq = (unsigned int)time(NULL), portid = 0;
	int r;

	if (strlen(ifname) >= IFNAMSIZ)
		return berr_set(err, EINVAL, "bring %s up: interface name too long", ifname);
	r = open_route(&nl, &portid, ifname, err);
	if (r < 0)
		return r;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = 0; /* looked up by IFLA_IFNAME */
	ifm->ifi_flags = IFF_UP;
	ifm->ifi_change = IFF_UP;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return berr_sys(err, "bring %s up: rtnetlink RTM_NEWLINK: send", ifname);
	r = recv_ack(nl, seq, portid);
	if (r < 0)
		return berr_sys_code(err, r, "bring %s up: rtnetlink RTM_NEWLINK", ifname);
	return 0;
}

int rt_net_lo_up(struct berr *err)
{
	return rt_net_link_up("lo", err);
}
