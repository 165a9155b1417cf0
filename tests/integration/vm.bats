#!/usr/bin/env bats
# vm isolation (issue 6): the same bundle in a QEMU microvm with berth's guest kernel, driven
# by the same CLI. Runs under TCG here (this host's KVM cannot boot Linux); `make check` builds
# the kernel and initramfs first (make vm), so nothing here is skipped.
load helpers

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

setup() {
	setup_bundle
	cd "$BUNDLE"
	export BERTH_CONFIG="$REPO/build/vm/berth.conf"
	[ -r "$BERTH_CONFIG" ] || {
		echo "$BERTH_CONFIG missing: run make vm" >&2
		return 1
	}
}

teardown() {
	teardown_bundle
	# no VM may outlive its test
	! pgrep -f "$ROOT/" >/dev/null || {
		pkill -9 -f "$ROOT/" || true
		echo "a QEMU of this test was still running" >&2
		return 1
	}
}

# berth's output without the TCG warning lines (this host has no usable KVM)
no_warnings() {
	grep -v 'level=warning' || true
}

# expect_vm_failure ID: one "berth: ..." line (warnings aside), and nothing left: no state, no
# QEMU, no shim, no cgroup
expect_vm_failure() {
	local out
	[ "$status" -eq 1 ]
	out=$(printf '%s\n' "$output" | no_warnings)
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]
	[[ "$out" == "berth: "* ]]
	[ ! -e "$ROOT/$1" ]
	! pgrep -f "$ROOT/$1" >/dev/null
	! pgrep -x berth-shim >/dev/null || ! grep -qs "$ROOT" /proc/$(pgrep -x berth-shim | head -1)/cmdline
	[ -z "$(find /sys/fs/cgroup -mindepth 1 -maxdepth 4 -type d -name "$1" 2>/dev/null)" ]
}

@test "vm: the same bundle in both modes: same output and exit code, the guest's own kernel" {
	set_args sh -c 'uname -r; echo hello; exit 3'
	run berth run --isolation container c1
	[ "$status" -eq 3 ]
	[ "${lines[0]}" = "$(uname -r)" ]
	[ "${lines[1]}" = hello ]
	run berth run --isolation vm v1
	[ "$status" -eq 3 ]
	out=$(printf '%s\n' "$output" | no_warnings)
	[ "$(sed -n 2p <<<"$out")" = hello ]
	guest=$(sed -n 1p <<<"$out")
	[ -n "$guest" ]
	[ "$guest" != "$(uname -r)" ]
	[ ! -e "$ROOT/v1" ]
}

@test "vm: vCPUs and RAM follow linux.resources, and the limits hold inside the guest too" {
	update_config '.linux.resources = {"cpu": {"quota": 150000, "period": 100000},
		"memory": {"limit": 134217728}}'
	set_args sh -c 'grep -c ^processor /proc/cpuinfo; grep MemTotal /proc/meminfo; cat /sys/fs/cgroup$(sed s/^0::// /proc/self/cgroup)/memory.max'
	run berth run --isolation vm v2
	[ "$status" -eq 0 ]
	out=$(printf '%s\n' "$output" | no_warnings)
	[ "$(sed -n 1p <<<"$out")" = 2 ]
	kb=$(sed -n 2p <<<"$out" | awk '{print $2}')
	# 128 MiB + 64 MiB guest overhead, less what the kernel keeps
	[ "$kb" -gt 150000 ] && [ "$kb" -le 196608 ]
	[ "$(sed -n 3p <<<"$out")" = 134217728 ]
}

@test "vm: berth.vm.cpus and berth.vm.memory annotations size the VM" {
	update_config '.annotations = {"berth.vm.cpus": "3", "berth.vm.memory": "256M"}'
	set_args sh -c 'grep -c ^processor /proc/cpuinfo; grep MemTotal /proc/meminfo'
	run berth run --isolation vm v3
	[ "$status" -eq 0 ]
	out=$(printf '%s\n' "$output" | no_warnings)
	[ "$(sed -n 1p <<<"$out")" = 3 ]
	kb=$(sed -n 2p <<<"$out" | awk '{print $2}')
	[ "$kb" -gt 200000 ] && [ "$kb" -le 262144 ]
}

@test "vm: create, start, state, kill and delete; the pid is a host process that ends with the VM" {
	set_args sleep 300
	berth create --isolation vm --pid-file "$BATS_TEST_TMPDIR/pid" v4 2>/dev/null
	[ "$(berth state v4 | jq -r .status)" = created ]
	[ "$(berth state v4 | jq -r '.annotations["berth.isolation"]')" = vm ]
	pid=$(berth state v4 | jq -r .pid)
	[ "$(cat "$BATS_TEST_TMPDIR/pid")" = "$pid" ]
	[ "$(cat /proc/$pid/comm)" = berth-shim ]
	qemu=$(pgrep -f "$ROOT/v4/console.log") # its QEMU
	# in the container's cgroup in every hierarchy (it placed itself there before it ran)
	[ "$(grep -cv ':/.*v4$' /proc/$qemu/cgroup)" -eq 0 ]
	[ "$(wc -l </proc/$qemu/cgroup)" -gt 0 ]
	berth start v4
	[ "$(berth state v4 | jq -r .status)" = running ]
	berth kill v4 KILL
	wait_for_status v4 stopped
	# gone, or a zombie until the host's init reaps it
	[ ! -e /proc/$pid ] || [ "$(awk '{print $3}' /proc/$pid/stat)" = Z ]
	! pgrep -f "$ROOT/v4/" >/dev/null
	berth delete v4
	[ ! -e "$ROOT/v4" ]
}

@test "vm: kill -9 of the shim ends the VM" {
	set_args sleep 300
	berth run -d --isolation vm v5 2>/dev/null
	pid=$(berth state v5 | jq -r .pid)
	kill -9 "$pid"
	wait_for_status v5 stopped
	for i in $(seq 50); do pgrep -f "$ROOT/v5/" >/dev/null || break; sleep 0.1; done
	! pgrep -f "$ROOT/v5/" >/dev/null
	berth delete v5
}

@test "vm: a container killed by a signal exits 128+N, and SIGTERM to the shim reaches it" {
	set_args sh -c 'echo up; sleep 300'
	berth run --isolation vm v6 >"$BATS_TEST_TMPDIR/out6" 2>/dev/null &
	runner=$!
	for i in $(seq 200); do grep -q up "$BATS_TEST_TMPDIR/out6" && break; sleep 0.1; done
	berth kill v6 KILL
	status=0
	wait $runner || status=$?
	[ "$status" -eq 137 ]
	update_config '.process.args = ["sh", "-c", "trap \"exit 42\" TERM; echo up; while :; do sleep 0.1; done"]'
	berth run -d --isolation vm v7 >"$BATS_TEST_TMPDIR/out" 2>/dev/null
	for i in $(seq 100); do grep -q up "$BATS_TEST_TMPDIR/out" && break; sleep 0.1; done
	kill -TERM "$(berth state v7 | jq -r .pid)"
	wait_for_status v7 stopped
	berth delete v7
}

@test "vm: files written by the container land in the bundle; a read-only root stays read-only" {
	update_config '.root.readonly = false'
	set_args sh -c 'echo from-vm >/written; mkdir -p /d && echo x >/d/f'
	run berth run --isolation vm v8
	[ "$status" -eq 0 ]
	[ "$(cat "$BUNDLE/rootfs/written")" = from-vm ]
	[ "$(cat "$BUNDLE/rootfs/d/f")" = x ]
	update_config '.root.readonly = true'
	set_args sh -c 'touch /nope'
	run berth run --isolation vm v9
	[ "$status" -ne 0 ]
	[[ "$output" == *"Read-only file system"* ]]
	[ ! -e "$BUNDLE/rootfs/nope" ]
}

@test "vm: bind mounts of host directories and files are shared into the guest" {
	mkdir -p "$BATS_TEST_TMPDIR/share"
	echo host-data >"$BATS_TEST_TMPDIR/share/in"
	echo a-file >"$BATS_TEST_TMPDIR/single"
	update_config ".mounts += [{\"destination\": \"/mnt/share\", \"type\": \"bind\",
		\"source\": \"$BATS_TEST_TMPDIR/share\", \"options\": [\"rbind\"]},
		{\"destination\": \"/etc/single\", \"type\": \"bind\",
		\"source\": \"$BATS_TEST_TMPDIR/single\", \"options\": [\"bind\", \"ro\"]}]"
	set_args sh -c 'cat /mnt/share/in /etc/single; echo guest-data >/mnt/share/out; echo x >/etc/single || echo ro-ok'
	run berth run --isolation vm v10
	[ "$status" -eq 0 ]
	[[ "$output" == *host-data* ]]
	[[ "$output" == *a-file* ]]
	[[ "$output" == *ro-ok* ]]
	[ "$(cat "$BATS_TEST_TMPDIR/share/out")" = guest-data ]
	[ "$(cat "$BATS_TEST_TMPDIR/single")" = a-file ]
	[ -z "$(leftover_mounts)" ]
}

# hooks that log "<kind> <hostname>" to $LOG (the guest writes it through a shared directory)
vm_hooks() { # kinds...
	local k hooks=""
	LOGDIR="$BATS_TEST_TMPDIR/hooklog"
	LOG="$LOGDIR/hooks.log"
	mkdir -p "$LOGDIR"
	printf '#!/bin/sh\necho "$1 $(cat /proc/sys/kernel/hostname)" >>"$2"\n' >"$BUNDLE/rootfs/hook.sh"
	chmod 755 "$BUNDLE/rootfs/hook.sh"
	for k in "$@"; do
		if [ "$k" = startContainer ]; then
			hooks+=", \"$k\": [{\"path\": \"/hook.sh\", \"args\": [\"h\", \"$k\", \"/hooklog/hooks.log\"]}]"
		else
			hooks+=", \"$k\": [{\"path\": \"$BUNDLE/rootfs/hook.sh\", \"args\": [\"h\", \"$k\", \"$LOG\"]}]"
		fi
	done
	update_config ".hostname = \"guest\" | .hooks = {${hooks#, }}
		| .mounts += [{\"destination\": \"/hooklog\", \"type\": \"bind\",
			\"source\": \"$LOGDIR\", \"options\": [\"rbind\", \"rw\"]}]"
}

@test "vm: run fires every hook in order: the runtime's on the host, startContainer in the guest" {
	vm_hooks prestart createRuntime createContainer startContainer poststart poststop
	set_args sh -c 'echo ran; cat /hooklog/hooks.log'
	run berth run --isolation vm v20
	[ "$status" -eq 0 ]
	out=$(printf '%s\n' "$output" | no_warnings)
	host=$(cat /proc/sys/kernel/hostname)
	# the process ran after startContainer, which ran inside the guest's container
	# (poststart may or may not come before the process reads the log: it runs after start)
	[ "$(head -n 5 <<<"$out" | tr '\n' ',')" = "ran,prestart $host,createRuntime $host,createContainer $host,startContainer guest," ]
	[ "$(cut -d' ' -f1 "$LOG" | tr '\n' ',')" = "prestart,createRuntime,createContainer,startContainer,poststart,poststop," ]
	[ ! -e "$ROOT/v20" ]
}

@test "vm: run without hooks before start (created and started in one step) still runs poststart and poststop" {
	vm_hooks startContainer poststart poststop
	set_args sh -c 'echo ran; exit 4'
	run berth run --isolation vm v21
	[ "$status" -eq 4 ]
	[ "$(printf '%s\n' "$output" | no_warnings)" = ran ]
	[ "$(cut -d' ' -f1 "$LOG" | tr '\n' ',')" = "startContainer,poststart,poststop," ]
	[ ! -e "$ROOT/v21" ]
}

@test "vm: stdin reaches the container and stdout/stderr come back apart" {
	set_args sh -c 'read l; echo "got:$l"; echo to-err >&2'
	echo hello | berth run --isolation vm v11 >"$BATS_TEST_TMPDIR/o" 2>"$BATS_TEST_TMPDIR/e"
	[ "$(cat "$BATS_TEST_TMPDIR/o")" = got:hello ]
	grep -q '^to-err$' "$BATS_TEST_TMPDIR/e"
}

@test "vm: exec runs in the container with its own options and exit code" {
	set_args sleep 300
	berth run -d --isolation vm v12 2>/dev/null
	run berth exec --env FOO=bar --cwd /tmp v12 sh -c 'echo "$FOO $(pwd)"; exit 7'
	[ "$status" -eq 7 ]
	[ "$output" = "bar /tmp" ]
	run berth exec v12 sh -c 'cat /proc/1/cmdline | tr "\0" " "'
	[ "$status" -eq 0 ]
	[ "$output" = "sleep 300 " ]
	berth exec -d --pid-file "$BATS_TEST_TMPDIR/epid" v12 sleep 1
	[ -s "$BATS_TEST_TMPDIR/epid" ]
	run berth exec v12 /nonexistent
	[ "$status" -ne 0 ]
	berth kill v12 KILL
	wait_for_status v12 stopped
}

@test "vm: a terminal container through a console socket, sized and interactive" {
	update_config '.process.terminal = true | .process.consoleSize = {"height": 33, "width": 101}'
	set_args sh -c 'tty; stty size; read l; echo "got:$l"'
	start_receiver $'hello\n'
	berth run -d --isolation vm --console-socket "$SOCK" v13 2>/dev/null
	wait $RECV
	out=$(tr -d '\r' <"$BATS_TEST_TMPDIR/tty.out")
	[[ "$out" == *"/dev/pts/0"* ]] # after the echo of the input, which may come first
	[[ "$out" == *"33 101"* ]]
	[[ "$out" == *"got:hello"* ]]
}

@test "vm: a window size change on the engine's side reaches the container's terminal" {
	update_config '.process.terminal = true | .process.consoleSize = {"height": 20, "width": 60}'
	set_args sh -c 'stty size; echo ready; for i in $(seq 50); do [ "$(stty size)" = "44 132" ] && break; sleep 0.1; done; stty size'
	start_receiver "" 44x132
	berth run -d --isolation vm --console-socket "$SOCK" v15 2>/dev/null
	wait $RECV
	out=$(tr -d '\r' <"$BATS_TEST_TMPDIR/tty.out")
	[[ "$out" == "20 60"* ]]
	[[ "$out" == *$'\n44 132'* ]]
}

@test "vm: exec -t through a console socket gets a terminal" {
	set_args sleep 300
	berth run -d --isolation vm v14 2>/dev/null
	start_receiver
	run berth exec -t --console-socket "$SOCK" v14 sh -c 'tty; exit 4'
	[ "$status" -eq 4 ]
	wait $RECV
	grep -q '^/dev/pts/' "$BATS_TEST_TMPDIR/tty.out"
	berth kill v14 KILL
}

@test "vm: update changes the container's limits inside the guest" {
	update_config '.linux.resources = {"memory": {"limit": 134217728}, "pids": {"limit": 100}}'
	set_args sleep 300
	berth run -d --isolation vm v16 2>/dev/null
	berth update --memory 200M --pids-limit 50 v16
	echo '{"memory": {"limit": 104857600}}' >"$BATS_TEST_TMPDIR/res.json"
	berth update -r "$BATS_TEST_TMPDIR/res.json" v16
	run berth exec v16 sh -c 'd=/sys/fs/cgroup$(sed s/^0::// /proc/self/cgroup); cat $d/memory.max $d/pids.max'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 104857600 ]
	[ "${lines[1]}" = 50 ]
	# -r - and --process - read standard input, as in container mode
	echo '{"memory": {"limit": 94371840}}' | berth update -r - v16
	jq -n '{args: ["sh", "-c", "cat /sys/fs/cgroup$(sed s/^0::// /proc/self/cgroup)/memory.max"],
		cwd: "/", env: ["PATH=/bin"], user: {uid: 0, gid: 0}}' >"$BATS_TEST_TMPDIR/p.json"
	run berth exec --process - v16 <"$BATS_TEST_TMPDIR/p.json"
	[ "$status" -eq 0 ]
	[ "$output" = 94371840 ]
	run berth update --memory bogus v16
	[ "$status" -eq 1 ]
	[[ "$output" == *'--memory: invalid size "bogus"'* ]]
	berth kill v16 KILL
}

@test "vm: isolation precedence: flag, then annotation, then program name, then berth.conf" {
	set_args uname -r
	host=$(uname -r)
	update_config '.annotations = {"berth.isolation": "vm"}'
	[ "$(berth run --isolation container p1)" = "$host" ]
	[ "$(berth run p2 2>/dev/null)" != "$host" ]
	update_config '.annotations = {"berth.isolation": "container"}'
	ln -sf "$BERTH_BIN" "$BATS_TEST_TMPDIR/berth-vm"
	[ "$("$BATS_TEST_TMPDIR/berth-vm" --root "$ROOT" run p3)" = "$host" ]
	update_config '.annotations = {}'
	[ "$("$BATS_TEST_TMPDIR/berth-vm" --root "$ROOT" run p4 2>/dev/null)" != "$host" ]
	{ cat "$REPO/build/vm/berth.conf"; echo "default_isolation = vm"; } >"$BATS_TEST_TMPDIR/conf"
	[ "$(BERTH_CONFIG="$BATS_TEST_TMPDIR/conf" "$BERTH_BIN" --root "$ROOT" run p5 2>/dev/null)" != "$host" ]
	[ "$(BERTH_CONFIG="$BATS_TEST_TMPDIR/conf" "$BERTH_BIN" --root "$ROOT" run --isolation container p6)" = "$host" ]
}

@test "vm: an unknown isolation is a one-line error naming where it came from" {
	run berth create --isolation kvm b1
	expect_vm_failure b1
	[[ "$output" == *'--isolation: unknown isolation "kvm"'* ]]
	update_config '.annotations = {"berth.isolation": "micro"}'
	run berth create b2
	expect_vm_failure b2
	[[ "$output" == *'annotations.berth.isolation: unknown isolation "micro"'* ]]
}

@test "vm: a missing kernel or QEMU is a one-line error and nothing is left" {
	printf 'kernel = /nonexistent/vmlinux\n' >"$BATS_TEST_TMPDIR/conf"
	BERTH_CONFIG="$BATS_TEST_TMPDIR/conf" run berth create --isolation vm b3
	expect_vm_failure b3
	[[ "$output" == *"vm kernel /nonexistent/vmlinux: No such file or directory"* ]]
	{ grep -v '^qemu' "$REPO/build/vm/berth.conf"; echo "qemu = /nonexistent/qemu"; } >"$BATS_TEST_TMPDIR/conf"
	BERTH_CONFIG="$BATS_TEST_TMPDIR/conf" run berth create --isolation vm b4
	expect_vm_failure b4
	[[ "$output" == *"/nonexistent/qemu"* ]]
}

@test "vm: a bundle that fails inside the guest is a one-line error and leaves no VM" {
	set_args /nonexistent/program
	run berth create --isolation vm b5
	expect_vm_failure b5
	[[ "$output" == *"/nonexistent/program"* ]]
	update_config '.linux.namespaces |= map(if .type == "ipc" then .path = "/proc/1/ns/ipc" else . end)'
	run berth create --isolation vm b6
	expect_vm_failure b6
	[[ "$output" == *"joining a host ipc namespace is not possible with vm isolation"* ]]
}
