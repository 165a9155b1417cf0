/* netlink-lo: brings a network interface up over rtnetlink (one raw RTM_NEWLINK); the
 * container's init calls rt_net_lo_up() in the network namespace it created, as runc's loopback
 * strategy. */
#ifndef BERTH_RT_NETLINK_LO_H
#define BERTH_RT_NETLINK_LO_H

#include "base/berr.h"

/* RTM_NEWLINK for the interface named ifname with IFF_UP set in ifi_flags and ifi_change, then
 * waits for the kernel's ACK. Errors: "bring lo up: rtnetlink RTM_NEWLINK: No such device". */
int rt_net_link_up(const char *ifname, struct berr *err);
/* rt_net_link_up("lo"). */
int rt_net_lo_up(struct berr *err);

#endif
