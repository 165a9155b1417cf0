# Shared by the cgroup bats files (cgroups, update, pause, events, ps): container ids unique to
# this run (a cgroup is named after its container, and other runs share the host), the
# container's cgroup directories from its cgroup.json, and a skip until create makes cgroups.

# cid NAME: an id unique to this bats run.
cid() {
	echo "$1-$$"
}

# cgroup_dir ID HIERARCHY: the container's directory ("memory", "pids", ..., "unified").
cgroup_dir() {
	jq -r --arg h "$2" '.paths[$h] // empty' "$ROOT/$1/cgroup.json"
}

# cgroup_file ID HIERARCHY FILE: the content of one of its files.
cgroup_file() {
	cat "$(cgroup_dir "$1" "$2")/$3"
}

# cgroup_mode ID: v1, hybrid or v2.
cgroup_mode() {
	jq -r .mode "$ROOT/$1/cgroup.json"
}

# no_cgroup_named NAME: no cgroup directory of that name in any hierarchy.
no_cgroup_named() {
	[ -z "$(find /sys/fs/cgroup -mindepth 1 -maxdepth 4 -type d -name "$1" 2>/dev/null)" ]
}

# require_cgroups: skip unless root on a host with cgroups where create records cgroup.json.
require_cgroups() {
	local id
	[ "$(id -u)" -eq 0 ] || skip "needs root"
	[ -e /sys/fs/cgroup ] || skip "no cgroup filesystem"
	id=$(cid probe)
	set_args true
	"$BERTH_BIN" --root "$ROOT" create --bundle "$BUNDLE" "$id" >/dev/null 2>&1 || true
	if [ ! -e "$ROOT/$id/cgroup.json" ]; then
		"$BERTH_BIN" --root "$ROOT" delete --force "$id" >/dev/null 2>&1 || true
		skip "create does not set up cgroups (rt_cgroup_setup not wired in)"
	fi
	"$BERTH_BIN" --root "$ROOT" delete --force "$id" >/dev/null 2>&1
}

# file_grows FILE: true when FILE's size changes within 3 s (a counter still counts).
file_grows() {
	local a b i
	a=$(stat -c %s "$1" 2>/dev/null || echo 0)
	for i in $(seq 30); do
		sleep 0.1
		b=$(stat -c %s "$1" 2>/dev/null || echo 0)
		[ "$a" != "$b" ] && return 0
	done
	return 1
}
