#!/usr/bin/env bats
# Differential test: the same bundle on a real Debian rootfs run by runc and by berth; what
# the container sees must be identical (mount table, /dev, identity, capabilities, rlimits,
# environment, exit codes). Skipped with a reason when runc is not installed.
load helpers

DEBIAN_ROOTFS=/var/cache/berth/debian-bookworm-minbase

setup_file() {
	command -v runc >/dev/null || return 0
	if [ ! -x "$DEBIAN_ROOTFS/bin/bash" ]; then
		mkdir -p "$(dirname "$DEBIAN_ROOTFS")"
		rm -rf "$DEBIAN_ROOTFS.tmp"
		debootstrap --variant=minbase bookworm "$DEBIAN_ROOTFS.tmp" >/dev/null 2>&1
		mv "$DEBIAN_ROOTFS.tmp" "$DEBIAN_ROOTFS"
	fi
}

setup() {
	command -v runc >/dev/null || skip "runc is not installed"
	[ -x "$DEBIAN_ROOTFS/bin/bash" ] || skip "debootstrap of the Debian rootfs failed"
	ROOT="$BATS_TEST_TMPDIR/root"
	BUNDLE="$BATS_TEST_TMPDIR/bundle"
	mkdir -p "$BUNDLE/rootfs"
	# a read-only bind of the cached rootfs: both runtimes see the very same files
	mount --bind -o ro "$DEBIAN_ROOTFS" "$BUNDLE/rootfs"
	runc spec --bundle "$BUNDLE"
	update_config '.process.terminal = false | .hostname = "diff"'
}

teardown() {
	runc --root "$BATS_TEST_TMPDIR/runc" delete -f d1 >/dev/null 2>&1 || true
	teardown_bundle
	umount "$BUNDLE/rootfs" 2>/dev/null || true
}

# both SCRIPT: runs bash -c SCRIPT in runc then berth (container id d1), outputs in $RUNC_OUT
# and $BERTH_OUT, statuses in $RUNC_RC and $BERTH_RC.
both() {
	update_config ".process.args = [\"bash\", \"-c\", $(jq -Rn --arg s "$1" '$s')]"
	RUNC_RC=0 BERTH_RC=0
	RUNC_OUT=$(runc --root "$BATS_TEST_TMPDIR/runc" run --bundle "$BUNDLE" d1 2>&1) || RUNC_RC=$?
	BERTH_OUT=$(berth run --bundle "$BUNDLE" d1 2>&1) || BERTH_RC=$?
}

same() {
	if [ "$RUNC_OUT" != "$BERTH_OUT" ] || [ "$RUNC_RC" != "$BERTH_RC" ]; then
		echo "runc (status $RUNC_RC) vs berth (status $BERTH_RC):"
		diff <(echo "$RUNC_OUT") <(echo "$BERTH_OUT") || true
		return 1
	fi
}

# mountinfo without the ids and device numbers that differ between any two containers
MOUNTS='cut -d" " -f4- /proc/self/mountinfo | sed "s/ - \(tmpfs\|proc\|mqueue\|devpts\|sysfs\) / - \1 /"'

@test "runc-diff: mount table" {
	both "$MOUNTS"
	same
}

@test "runc-diff: /dev contents, modes and owners" {
	both 'ls -lan --time-style=+ /dev /dev/pts /dev/shm /dev/mqueue | sed "s/  */ /g"'
	same
}

@test "runc-diff: identity, groups and capabilities" {
	both 'id; grep -E "^(Cap|Groups|NoNewPrivs|Seccomp|Uid|Gid)" /proc/self/status'
	same
}

@test "runc-diff: identity of a non-root user with additional gids" {
	update_config '.process.user = {"uid": 100, "gid": 65534, "additionalGids": [4, 24]}'
	both 'id; grep -E "^(Cap|Groups)" /proc/self/status; echo $HOME'
	same
}

@test "runc-diff: rlimits, umask, cwd and environment" {
	update_config '.process.cwd = "/usr" | .process.env += ["X=1"]'
	both 'ulimit -a; umask; pwd; env | grep -v "^_=" | sort'
	same
}

@test "runc-diff: hostname, namespaces and pid 1" {
	both 'hostname; echo $$; cat /proc/1/cmdline | tr "\0" " "'
	same
}

@test "runc-diff: exit codes" {
	both 'exit 3'
	same
	both 'kill -SEGV $$; sleep 1; exit 0'
	same
}

@test "runc-diff: read-only paths and masked paths behave the same" {
	both 'for f in /proc/kcore /proc/keys /sys/firmware /proc/sys/kernel/hostname /proc/sysrq-trigger; do (cat $f >/dev/null 2>&1 && echo "$f readable") ; (echo x 2>/dev/null > $f && echo "$f writable") ; done; true'
	same
}
