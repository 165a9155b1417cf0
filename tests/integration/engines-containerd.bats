#!/usr/bin/env bats
# containerd runs its containers on berth through its stock runc shim (io.containerd.runc.v2
# with BinaryName = berth), driven by ctr; the same checks on runc as the control. The test
# starts its own containerd with config, root, state and sockets under a temp dir.
load engines-helpers
bats_require_minimum_version 1.5.0

setup_file() {
	command -v containerd >/dev/null || skip "containerd is not installed"
	command -v containerd-shim-runc-v2 >/dev/null || skip "containerd-shim-runc-v2 is not installed"
	ENGINE_TMP=$(mktemp -d /tmp/berth-ctrd.XXXXXX)
	export ENGINE_TMP
	export CONTAINERD_ADDRESS="$ENGINE_TMP/containerd.sock" CONTAINERD_NAMESPACE=berth-test
	# no CRI: it would want CNI and a sandbox image, and ctr does not go through it
	cat >"$ENGINE_TMP/config.toml" <<-CONF
		version = 2
		root = "$ENGINE_TMP/root"
		state = "$ENGINE_TMP/state"
		disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.btrfs",
		  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper",
		  "io.containerd.snapshotter.v1.aufs"]
		[grpc]
		  address = "$ENGINE_TMP/containerd.sock"
		[ttrpc]
		  address = "$ENGINE_TMP/containerd.sock.ttrpc"
		[debug]
		  address = "$ENGINE_TMP/debug.sock"
		[metrics]
		  address = ""
	CONF
	containerd --config "$ENGINE_TMP/config.toml" >"$ENGINE_TMP/containerd.log" 2>&1 &
	echo $! >"$ENGINE_TMP/containerd.pid"
	wait_until 20 ctr version >/dev/null 2>&1
	busybox_image_tar "$ENGINE_TMP/layer.tar"
	oci_archive "$ENGINE_TMP/layer.tar" "$ENGINE_TMP/busybox-oci.tar" localhost/busybox:test
	ctr image import "$ENGINE_TMP/busybox-oci.tar" >/dev/null
}

teardown_file() {
	local pid t
	[ -n "${ENGINE_TMP:-}" ] || return 0
	for t in $(ctr task ls -q 2>/dev/null); do ctr task kill -s KILL "$t" 2>/dev/null || true; done
	for t in $(ctr container ls -q 2>/dev/null); do
		ctr task delete -f "$t" >/dev/null 2>&1 || true
		ctr container delete "$t" >/dev/null 2>&1 || true
	done
	pid=$(cat "$ENGINE_TMP/containerd.pid" 2>/dev/null) && kill "$pid" 2>/dev/null &&
		wait_until 10 sh -c "! kill -0 $pid 2>/dev/null" || true
	# snapshots are mounts under root only while a container exists
	grep -F "$ENGINE_TMP" /proc/self/mountinfo | cut -d' ' -f5 | xargs -r umount -l || true
	rm -rf "$ENGINE_TMP"
	# the namespace's parent cgroups: neither runtime removes a parent
	rmdir /sys/fs/cgroup/*/berth-test 2>/dev/null || true
}

setup() {
	RT=$(runtime_bin "${BATS_TEST_DESCRIPTION%%:*}")
	IMG=localhost/busybox:test
	ID=t$BATS_TEST_NUMBER
}

teardown() {
	ctr task kill -s KILL "$ID" >/dev/null 2>&1 || true
	ctr task delete -f "$ID" >/dev/null 2>&1 || true
	ctr container delete "$ID" >/dev/null 2>&1 || true
}

# cr ARGS...: ctr run with the runtime under test as the runc shim's BinaryName.
cr() {
	ctr run --runtime io.containerd.runc.v2 --runc-binary "$RT" \
		--runc-root "$ENGINE_TMP/runc-root" "$@"
}

task_status_is() {
	[ "$(ctr task ls | awk -v id="$1" '$1 == id {print $3}')" = "$2" ]
}

check_rm_exit_codes() {
	run cr --rm $IMG "$ID" sh -c 'echo out; exit 7'
	[ "$status" -eq 7 ]
	[ "$output" = out ]
	run cr --rm $IMG "$ID" true
	[ "$status" -eq 0 ]
	run -1 cr --rm $IMG "$ID" nosuchcommand
	[[ "$output" == *'OCI runtime create failed'*'exec: "nosuchcommand": executable file not found in $PATH'* ]]
	[ -z "$(ctr container ls -q)" ]
}

check_detached() {
	cr -d $IMG "$ID" sh -c 'trap "exit 3" USR1; while :; do sleep 0.1; done'
	task_status_is "$ID" RUNNING
	run ctr task exec --exec-id e1 "$ID" sh -c 'echo in-exec; exit 9'
	[ "$status" -eq 9 ]
	[ "$output" = in-exec ]
	run ctr task ps "$ID"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | sed 1d | awk '{print $1}' | head -1)" = \
		"$(ctr task ls | awk -v id="$ID" '$1 == id {print $2}')" ]
	ctr task pause "$ID"
	task_status_is "$ID" PAUSED
	ctr task resume "$ID"
	task_status_is "$ID" RUNNING
	ctr task kill -s USR1 "$ID"
	wait_until 10 task_status_is "$ID" STOPPED
	run ctr task delete "$ID"
	[[ "$output" == *"exit code 3"* ]] || [ "$status" -eq 0 ]
}

check_tty() {
	run in_pty ctr run --runtime io.containerd.runc.v2 --runc-binary "$RT" \
		--runc-root "$ENGINE_TMP/runc-root" --rm -t $IMG "$ID" \
		sh -c 'tty; [ -t 0 ] && echo stdin-tty; exit 4'
	[ "$status" -eq 4 ]
	[[ "$output" == *"/dev/pts/0"*stdin-tty* ]]
}

check_memory_limit() {
	cr -d --memory-limit 67108864 $IMG "$ID" sleep 100
	# ctr puts the task in /<namespace>/<id>; its default spec gives no cgroup view inside
	[ "$(cat /sys/fs/cgroup/memory/berth-test/"$ID"/memory.limit_in_bytes)" = 67108864 ]
	ctr task kill -s KILL "$ID"
	wait_until 10 task_status_is "$ID" STOPPED
}

@test "berth: ctr run --rm passes exit codes and runc's bad-command message" { check_rm_exit_codes; }
@test "runc: ctr run --rm passes exit codes and runc's bad-command message" { check_rm_exit_codes; }
@test "berth: ctr run -d, task exec, ps, pause, resume, kill -s" { check_detached; }
@test "runc: ctr run -d, task exec, ps, pause, resume, kill -s" { check_detached; }
@test "berth: ctr run --tty gives the task a terminal (console socket)" { check_tty; }
@test "runc: ctr run --tty gives the task a terminal (console socket)" { check_tty; }
@test "berth: ctr run --memory-limit sets the task's memory cgroup" { check_memory_limit; }
@test "runc: ctr run --memory-limit sets the task's memory cgroup" { check_memory_limit; }

@test "berth: containerd reads the README's CRI runtime entry with BinaryName" {
	# the snippet only: CRI itself is not exercised here (no crictl, no CNI)
	cat >"$BATS_TEST_TMPDIR/cri.toml" <<-CONF
		version = 2
		[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.berth]
		  runtime_type = "io.containerd.runc.v2"
		[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.berth.options]
		  BinaryName = "$BERTH_BIN"
	CONF
	run containerd --config "$BATS_TEST_TMPDIR/cri.toml" config dump
	[ "$status" -eq 0 ]
	[[ "$output" == *'runtimes.berth]'*'runtime_type = "io.containerd.runc.v2"'*'runtimes.berth.options]'*"BinaryName = \"$BERTH_BIN\""* ]]
}
