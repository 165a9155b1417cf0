# Shared set-up for berth's bats tests: a busybox bundle per test, a private --root, and a
# teardown that removes every container and checks nothing was left behind.
BERTH_BIN=${BERTH_BIN:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)/build/release/berth}
BERTH_HELPERS=${BERTH_HELPERS:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)/build/release/tests/helpers}

# Runs berth with the test's own state root.
berth() {
	"$BERTH_BIN" --root "$ROOT" "$@"
}

# A busybox-static root filesystem, made once per bats run and copied per test.
busybox_rootfs() {
	local tpl="$BATS_RUN_TMPDIR/rootfs-template" a
	if [ ! -d "$tpl" ]; then
		mkdir -p "$tpl.tmp"/{bin,etc,tmp,root,home/user}
		cp /bin/busybox "$tpl.tmp/bin/busybox"
		for a in $("$tpl.tmp/bin/busybox" --list); do
			[ "$a" = busybox ] || ln -s busybox "$tpl.tmp/bin/$a"
		done
		printf 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n' >"$tpl.tmp/etc/passwd"
		printf 'root:x:0:\nuser:x:1000:\nwheel:x:10:user\naudio:x:29:user,other\n' >"$tpl.tmp/etc/group"
		mv "$tpl.tmp" "$tpl" 2>/dev/null || rm -rf "$tpl.tmp"
	fi
	cp -a "$tpl" "$1"
}

# setup_bundle: $BUNDLE with a busybox rootfs and berth's default spec, terminal off.
setup_bundle() {
	ROOT="$BATS_TEST_TMPDIR/root"
	BUNDLE="$BATS_TEST_TMPDIR/bundle"
	mkdir -p "$BUNDLE"
	busybox_rootfs "$BUNDLE/rootfs"
	"$BERTH_BIN" spec --bundle "$BUNDLE"
	update_config '.process.terminal = false | .process.args = ["true"]'
}

# update_config JQ_FILTER: edits $BUNDLE/config.json in place.
update_config() {
	jq "$1" "$BUNDLE/config.json" >"$BUNDLE/config.json.new"
	mv "$BUNDLE/config.json.new" "$BUNDLE/config.json"
}

# set_args ARG...: the container's process.args.
set_args() {
	local json
	json=$(printf '%s\n' "$@" | jq -R . | jq -s .)
	update_config ".process.args = $json"
}

# Mounts whose path lies under the test's temp dir: none may survive a test.
leftover_mounts() {
	grep -F "$BATS_TEST_TMPDIR" /proc/self/mountinfo || true
}

# expect_clean_failure ID: the last `run` failed with one line "berth: ..." and left no
# state, mount, process or cgroup behind.
expect_clean_failure() {
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "berth: "* ]]
	[ ! -e "$ROOT/$1" ]
	[ -z "$(leftover_mounts)" ]
	! pgrep -f "berth --root $ROOT" >/dev/null
	[ -z "$(find /sys/fs/cgroup -mindepth 1 -maxdepth 4 -type d -name "$1" 2>/dev/null)" ]
}

teardown_bundle() {
	local id
	if [ -d "$ROOT" ]; then
		for id in $("$BERTH_BIN" --root "$ROOT" list -q 2>/dev/null); do
			"$BERTH_BIN" --root "$ROOT" delete --force "$id" >/dev/null 2>&1 || true
		done
	fi
}

setup() {
	setup_bundle
}

teardown() {
	teardown_bundle
}

# wait_for_status ID STATUS: polls berth state for up to 5 s.
wait_for_status() {
	local i
	for i in $(seq 50); do
		[ "$(berth state "$1" 2>/dev/null | jq -r .status)" = "$2" ] && return 0
		sleep 0.1
	done
	echo "container $1 never reached $2: $(berth state "$1" 2>&1)" >&2
	return 1
}

# start_receiver [INPUT [ROWSxCOLS]]: the engine's side of --console-socket at $SOCK
# (tests/helpers/console-receiver) in the background as $RECV, writing what the container
# prints to $BATS_TEST_TMPDIR/tty.out. Without bats' fd 3, so a failed test does not wait on it.
start_receiver() {
	SOCK="$BATS_TEST_TMPDIR/console.sock"
	"$BERTH_HELPERS/console-receiver" "$SOCK" "$BATS_TEST_TMPDIR/tty.out" "$@" 3>&- &
	RECV=$!
	for i in $(seq 50); do [ -S "$SOCK" ] && return 0; sleep 0.05; done
	return 1
}
