/* vm-client: how berth commands reach a container in a VM: requests to its shim on
 * <state>/vm.sock (start, kill, exec), which passes them to the guest agent. */
#ifndef BERTH_VM_CLIENT_H
#define BERTH_VM_CLIENT_H

#include <stdbool.h>

#include "../runtime/base/berr.h"

int vm_client_start(int statefd, struct berr *err);
int vm_client_kill(int statefd, int sig, bool all, struct berr *err);

/* update: the guest's berth update gets the same options (a JSON array) and, for -r, the
 * resources document itself (JSON text, or NULL). */
int vm_client_update(int statefd, const char *options_json, const char *resources_json,
		     struct berr *err);

struct vm_exec_req {
	const char *process_json; /* the runtime-spec process object */
	bool tty;
	int fds[3]; /* stdin, stdout, stderr; with tty: in, out of the terminal */
	bool detach;
	const char *pid_file;
};

/* Runs a process in the container through the agent. Without detach it waits and returns
 * the process's exit status (128+N for a signal); with detach a host process stays behind
 * as long as the process runs (its pid goes to pid_file) and 0 is returned. */
int vm_client_exec(int statefd, const struct vm_exec_req *req, struct berr *err);

#endif
