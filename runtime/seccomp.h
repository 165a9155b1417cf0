/* seccomp: linux.seccomp with libseccomp. The container init builds the filter and loads it
 * just before execve (init.c); the host-side parent hands a notify fd to listenerPath. */
#ifndef BERTH_RT_SECCOMP_H
#define BERTH_RT_SECCOMP_H

#include <errno.h>
#include <seccomp.h>
#include <stdbool.h>

#include "../config/spec.h"
#include "base/berr.h"

/* Builds the filter of s (validated by config/). On success *ret is a new context the caller
 * releases with seccomp_release(), or NULL when s is not present. Syscall names libseccomp does
 * not know are skipped with a debug message (profiles list newer syscalls); an unknown action,
 * operator, architecture or flag fails naming its path ("linux.seccomp.syscalls[3].action").
 * The filter does not set no_new_privs itself: that is process.noNewPrivileges' business. */
int rt_seccomp_prepare(const struct cfg_seccomp *s, scmp_filter_ctx *ret, struct berr *err);

/* Loads ctx into the calling thread (a NULL ctx loads nothing). Needs no_new_privs or
 * CAP_SYS_ADMIN in the current user namespace. *ret_notify_fd is the listener fd (close-on-exec,
 * the caller owns it) when the filter has SCMP_ACT_NOTIFY rules, else -1. */
int rt_seccomp_load(scmp_filter_ctx ctx, int *ret_notify_fd, struct berr *err);

/* Host side: connects to s->listener_path and sends, in one sendmsg(), the runtime-spec
 * "container process state" ({ociVersion, fds: ["seccompFd"], pid, metadata, state}) built
 * around state_json (the output of rt_state_to_json()) with notify_fd as SCM_RIGHTS. The
 * caller keeps notify_fd and closes it afterwards. */
int rt_seccomp_send_listener(const struct cfg_seccomp *s, const char *state_json, int notify_fd,
			     struct berr *err);

/* True when the filter of s will notify: a rule with SCMP_ACT_NOTIFY names a syscall libseccomp
 * knows. Then rt_seccomp_load() of its filter gives a listener fd. */
bool rt_seccomp_uses_notify(const struct cfg_seccomp *s);

/* For rt_seccomp_prepare (seccomp-attrs.c): sets the attributes of a new ctx (no_new_privs
 * left to the runtime, raw error codes), adds s's architectures and applies its flags. */
int rt_seccomp_set_attrs(scmp_filter_ctx ctx, const struct cfg_seccomp *s, struct berr *err);

static inline void rt_seccomp_releasep(scmp_filter_ctx *ctx)
{
	int e = errno;

	if (*ctx)
		seccomp_release(*ctx);
	errno = e;
}
#define _cleanup_seccomp_ __attribute__((cleanup(rt_seccomp_releasep)))

#endif
