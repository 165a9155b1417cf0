/* state: the per-container state store under --root (<root>/<id>/state.json), its lock,
 * and the status derived from the live process. Used by every subcommand. */
#ifndef BERTH_RT_STATE_H
#define BERTH_RT_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "../config/spec.h"
#include "base/berr.h"

enum rt_status {
	RT_STATUS_CREATING,
	RT_STATUS_CREATED,
	RT_STATUS_RUNNING,
	RT_STATUS_PAUSED,
	RT_STATUS_STOPPED,
};

struct rt_state {
	char id[256];
	char bundle[4096];
	char rootfs[4096];
	char isolation[16];
	pid_t pid;
	uint64_t start_time; /* /proc/<pid>/stat field 22, to tell a reused pid apart */
	char created[64];    /* RFC 3339 */
	uid_t owner;
	struct cfg_map annotations; /* owned */
};

#define RT_EXEC_SOCK  "exec.sock"
#define RT_STATE_FILE "state.json"
/* vm isolation: exists from create until start (the VM shim has no exec gate) */
#define RT_VM_CREATED "vm-created"

/* Checks a container id as runc does: [A-Za-z0-9_+.-]+, not "." or "..". */
int rt_state_check_id(const char *id, struct berr *err);
/* Opens (creating with 0700 when create is true) the --root directory; returns an fd. */
int rt_state_open_root(const char *root, bool create, struct berr *err);
/* Creates <root>/<id>, fails with EEXIST "container with id exists"; returns the locked dir fd. */
int rt_state_create_dir(int rootfd, const char *id, struct berr *err);
/* Opens and locks <root>/<id>; ENOENT says "container does not exist". Returns the fd. */
int rt_state_lock(int rootfd, const char *id, struct berr *err);
/* What every command on one container starts with: opens root, locks <id> (ENOENT says
 * "container does not exist: <id>") and reads its state into *ret (rt_state_clear).
 * Returns the locked directory fd. */
int rt_state_load(const char *root, const char *id, struct rt_state *ret, struct berr *err);
/* Removes <root>/<id> and everything in it. */
int rt_state_remove(int rootfd, const char *id, struct berr *err);
/* Writes state.json atomically (temp + rename) into the container dir. */
int rt_state_write(int dirfd, const struct rt_state *st, struct berr *err);
/* Reads state.json; *ret is filled and owns its annotations (rt_state_clear). */
int rt_state_read(int dirfd, struct rt_state *ret, struct berr *err);
void rt_state_clear(struct rt_state *st);
/* Derives the status from the live process and the exec gate. */
enum rt_status rt_state_status(int dirfd, const struct rt_state *st);
const char *rt_status_name(enum rt_status s);
/* Writes the runtime-spec state JSON (ociVersion, id, status, pid, bundle, annotations). */
char *rt_state_to_json(const struct rt_state *st, enum rt_status status);

#endif
