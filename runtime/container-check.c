/* container-check: what create verifies about the whole config and the command line, before
 * any side effect (the JSON itself was validated by config/). */
#include "container-record.h"

#include <errno.h>
#include <unistd.h>

int rt_container_check(const struct cfg_spec *s, bool console_socket, bool tty_relay,
		       struct berr *err)
{
	const struct cfg_namespace *user = cfg_ns_find(s, CFG_NS_USER);
	const struct cfg_namespace *uts = cfg_ns_find(s, CFG_NS_UTS);

	if (!s->has_process)
		return berr_set(err, EINVAL,
				"config.json: process: required to create a container");
	if (!cfg_ns_find(s, CFG_NS_MOUNT))
		return berr_set(err, EINVAL,
				"config.json: linux.namespaces: a mount namespace is required");
	if ((s->hostname || s->domainname) && (!uts || uts->path))
		return berr_set(err, EINVAL,
				"config.json: hostname: setting it requires a new uts namespace");
	if (user && !user->path && (!s->linux_.n_uid_mappings || !s->linux_.n_gid_mappings))
		return berr_set(
			err, EINVAL,
			"config.json: linux.uidMappings: required with a new user namespace");
	if (s->process.apparmor_profile && access("/sys/kernel/security/apparmor", F_OK) < 0)
		return berr_set(err, ENOTSUP,
				"config.json: process.apparmorProfile: AppArmor is not enabled on "
				"this host");
	if ((s->process.selinux_label || s->linux_.mount_label) &&
	    access("/sys/fs/selinux/enforce", F_OK) < 0)
		return berr_set(
			err, ENOTSUP,
			"config.json: process.selinuxLabel: SELinux is not enabled on this host");
	if (s->linux_.intel_rdt.present)
		return berr_set(err, ENOTSUP, "config.json: linux.intelRdt: %s",
				access("/sys/fs/resctrl/schemata", F_OK) < 0
					? "resctrl is not mounted on this host (no Intel RDT)"
					: "not supported by berth yet");
	if (s->process.terminal && !console_socket && !tty_relay)
		return berr_set(err, EINVAL,
				"--console-socket: required when process.terminal is true and "
				"berth detaches");
	if (console_socket && !s->process.terminal)
		return berr_set(err, EINVAL,
				"--console-socket: cannot be used when process.terminal is false");
	return 0;
}
