#!/usr/bin/env bats
# podman (with conmon) runs its containers on berth: `podman --runtime berth`, and the same
# checks on runc as the control. podman's storage, state and events live in a temp dir.
load engines-helpers
bats_require_minimum_version 1.5.0

setup_file() {
	command -v podman >/dev/null || skip "podman is not installed"
	command -v conmon >/dev/null || skip "conmon is not installed"
	ENGINE_TMP=$(mktemp -d /tmp/berth-podman.XXXXXX)
	export ENGINE_TMP
	# root cannot raise hard rlimits here (no CAP_SYS_RESOURCE): podman's default
	# ulimits must stay within ours. The [engine.runtimes] entry is the README's snippet.
	cat >"$ENGINE_TMP/containers.conf" <<-CONF
		[containers]
		default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
		[engine]
		cgroup_manager = "cgroupfs"
		events_logger = "file"
		runtime = "berth"
		[engine.runtimes]
		berth = ["$BERTH_BIN"]
	CONF
	export CONTAINERS_CONF="$ENGINE_TMP/containers.conf"
	busybox_image_tar "$ENGINE_TMP/busybox.tar"
	pm import "$ENGINE_TMP/busybox.tar" localhost/busybox:test >/dev/null
}

teardown_file() {
	[ -n "${ENGINE_TMP:-}" ] || return 0
	pm rm -a -f -t 0 >/dev/null 2>&1 || true
	pm system reset -f >/dev/null 2>&1 || true
	# vfs layers may hold read-only dirs; nothing is mounted under ENGINE_TMP by then
	rm -rf "$ENGINE_TMP"
}

# pm ARGS...: podman with the test's own storage, state, events and cgroupfs.
pm() {
	podman --root "$ENGINE_TMP/root" --runroot "$ENGINE_TMP/runroot" --tmpdir "$ENGINE_TMP/tmp" \
		--storage-driver vfs --cgroup-manager cgroupfs --events-backend file "$@"
}

# pr RUNTIME ARGS...: podman with RUNTIME (berth or runc) as its OCI runtime.
pr() {
	local rt=$1
	shift
	pm --runtime "$RT" "$@"
}

setup() {
	RT=$(runtime_bin "${BATS_TEST_DESCRIPTION%%:*}")
	IMG=localhost/busybox:test
}

teardown() {
	pm rm -a -f -t 0 >/dev/null 2>&1 || true
}

check_exit_codes() {
	run pr "$RT" run --rm $IMG sh -c 'echo out; exit 3'
	[ "$status" -eq 3 ]
	[ "$output" = out ]
	run pr "$RT" run --rm $IMG true
	[ "$status" -eq 0 ]
	run pr "$RT" run --rm $IMG sh -c 'exit 255'
	[ "$status" -eq 255 ]
	[ -z "$(pm ps -a -q)" ]
}

check_bad_command() {
	run -127 pr "$RT" run --rm $IMG nosuchcommand
	[[ "$output" == *'"nosuchcommand": executable file not found in $PATH'* ]]
	run -127 pr "$RT" run --rm $IMG /no/such/file
	run pr "$RT" run --rm $IMG /etc/passwd
	[ "$status" -eq 126 ]
	[[ "$output" == *"permission denied"* ]]
}

check_detached() {
	pr "$RT" run -d --name c1 $IMG sh -c \
		'echo started; trap "echo got-term; exit 0" TERM; while :; do sleep 0.1; done'
	wait_until 10 podman_logs_has c1 started
	[ "$(pm inspect -f '{{.State.Status}}' c1)" = running ]
	pr "$RT" stop -t 10 c1
	[ "$(pm inspect -f '{{.State.ExitCode}}' c1)" = 0 ]
	pm logs c1 | grep -q got-term
	pr "$RT" rm c1
	[ -z "$(pm ps -a -q)" ]
}

podman_logs_has() {
	pm logs "$1" 2>/dev/null | grep -q "$2"
}

pm_status_is() {
	[ "$(pm inspect -f '{{.State.Status}}' "$1")" = "$2" ]
}

check_exec() {
	pr "$RT" run -d --name c2 $IMG sleep 100
	run pr "$RT" exec c2 sh -c 'echo in-exec; [ -t 0 ] || echo no-tty; exit 4'
	[ "$status" -eq 4 ]
	[ "$output" = $'in-exec\nno-tty' ]
	run in_pty podman --root "$ENGINE_TMP/root" --runroot "$ENGINE_TMP/runroot" \
		--tmpdir "$ENGINE_TMP/tmp" --storage-driver vfs --cgroup-manager cgroupfs \
		--events-backend file --runtime "$RT" exec -it c2 sh -c 'sleep 0.2; tty; sleep 0.2; exit 6'
	[ "$status" -eq 6 ]
	[[ "$output" == *"/dev/pts/"* ]]
	run -127 pr "$RT" exec c2 nosuchcommand
	[[ "$output" == *"executable file not found"* ]]
}

check_run_it() {
	run in_pty podman --root "$ENGINE_TMP/root" --runroot "$ENGINE_TMP/runroot" \
		--tmpdir "$ENGINE_TMP/tmp" --storage-driver vfs --cgroup-manager cgroupfs \
		--events-backend file --runtime "$RT" run --rm -it $IMG \
		sh -c 'sleep 0.3; tty; sleep 0.3; exit 5'
	# the sleeps: podman 4.3 loses a quick -it container's output now and then, with runc
	# as with berth (the attach races the first write and the last read)
	echo "status $status: $output"
	[ "$status" -eq 5 ]
	[[ "$output" == *"/dev/pts/0"* ]]
}

check_pause_top_stats_kill() {
	pr "$RT" run -d --name c3 $IMG sh -c \
		'trap "echo got-usr1" USR1; echo ready; while :; do sleep 0.1; done'
	wait_until 10 podman_logs_has c3 ready
	pr "$RT" pause c3
	[ "$(pm inspect -f '{{.State.Status}}' c3)" = paused ]
	pr "$RT" unpause c3
	[ "$(pm inspect -f '{{.State.Status}}' c3)" = running ]
	run pr "$RT" top c3
	[ "$status" -eq 0 ]
	[[ "$output" == *"while :"* ]]
	run pr "$RT" stats --no-stream --format '{{.Name}} {{.PIDs}}' c3
	[ "$status" -eq 0 ]
	[[ "$output" == "c3 "[1-9]* ]]
	pr "$RT" kill -s USR1 c3
	wait_until 10 podman_logs_has c3 got-usr1
	pr "$RT" kill -s KILL c3
	wait_until 10 pm_status_is c3 exited
	[ "$(pm inspect -f '{{.State.ExitCode}}' c3)" = 137 ]
}

check_limits() {
	run pr "$RT" run --rm --memory 64m --pids-limit 50 --cpus 0.5 $IMG cat \
		/sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max \
		/sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us
	[ "$status" -eq 0 ]
	[ "$output" = $'67108864\n50\n50000\n100000' ]
}

check_security() {
	run pr "$RT" run --rm --read-only $IMG sh -c \
		'touch /x 2>&1 || echo ro; touch /tmp/y && echo tmp-rw'
	[ "$output" = $'touch: /x: Read-only file system\nro\ntmp-rw' ]
	run pr "$RT" run --rm --user 1000:1000 $IMG id
	[ "$output" = "uid=1000(user) gid=1000(user) groups=1000(user)" ]
	run pr "$RT" run --rm --cap-drop ALL --cap-add NET_RAW $IMG grep CapEff /proc/self/status
	[ "$output" = $'CapEff:\t0000000000002000' ]
	run pr "$RT" run --rm --cap-drop CHOWN $IMG sh -c 'chown 1000 /tmp 2>&1'
	[ "$status" -eq 1 ]
	[[ "$output" == *"Operation not permitted"* ]]
	echo '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir", "mkdirat"],
		"action": "SCMP_ACT_ERRNO"}]}' >"$BATS_TEST_TMPDIR/seccomp.json"
	run pr "$RT" run --rm --security-opt seccomp="$BATS_TEST_TMPDIR/seccomp.json" $IMG \
		sh -c 'mkdir /tmp/d 2>&1'
	[ "$status" -eq 1 ]
	[[ "$output" == *"Operation not permitted"* ]]
}

check_network() {
	run pr "$RT" run --rm --network none $IMG sh -c 'ls /sys/class/net'
	[ "$output" = lo ]
	# the default network: netavark's bridge gives eth0 an address
	run pr "$RT" run --rm $IMG sh -c 'ip -o -4 addr show eth0'
	[ "$status" -eq 0 ]
	[[ "$output" == *"inet "* ]]
}

@test "berth: podman run --rm passes the container's exit status" { check_exit_codes; }
@test "berth-vm: podman run --rm passes the exit status of a container in a VM" { check_exit_codes; }
@test "berth-vm: podman reports a bad command in a VM with exit 127/126 and runc's message" { check_bad_command; }
@test "berth-vm: podman run -d, logs, stop, rm with a VM" { check_detached; }
@test "berth-vm: podman exec into a VM with and without -it" { check_exec; }
@test "berth-vm: podman run -it gives a terminal in a VM through conmon's console socket" { check_run_it; }
@test "runc: podman run --rm passes the container's exit status" { check_exit_codes; }
@test "berth: podman reports a bad command with exit 127/126 and runc's message" { check_bad_command; }
@test "runc: podman reports a bad command with exit 127/126 and runc's message" { check_bad_command; }
@test "berth: podman run -d, logs, stop, rm" { check_detached; }
@test "runc: podman run -d, logs, stop, rm" { check_detached; }
@test "berth: podman exec with and without -it" { check_exec; }
@test "runc: podman exec with and without -it" { check_exec; }
@test "berth: podman run -it gives a terminal through conmon's console socket" { check_run_it; }
@test "runc: podman run -it gives a terminal through conmon's console socket" { check_run_it; }
@test "berth: podman pause, unpause, top, stats --no-stream, kill -s" { check_pause_top_stats_kill; }
@test "runc: podman pause, unpause, top, stats --no-stream, kill -s" { check_pause_top_stats_kill; }
@test "berth: podman --memory, --pids-limit, --cpus are visible in the container" { check_limits; }
@test "runc: podman --memory, --pids-limit, --cpus are visible in the container" { check_limits; }
@test "berth: podman --read-only, --user, --cap-drop, seccomp profile" { check_security; }
@test "runc: podman --read-only, --user, --cap-drop, seccomp profile" { check_security; }
@test "berth: podman --network none and the default network" { check_network; }
@test "runc: podman --network none and the default network" { check_network; }

@test "berth: podman finds berth by name, and as its default, through containers.conf" {
	run pm --runtime berth run --rm $IMG sh -c 'exit 7'
	[ "$status" -eq 7 ]
	run pm --runtime berth run --rm --name named $IMG true
	[ "$status" -eq 0 ]
	pm --runtime berth create --name c9 $IMG true >/dev/null
	[ "$(pm inspect -f '{{.OCIRuntime}}' c9)" = berth ]
	# [engine] runtime = "berth": the default without --runtime
	run pm run --name c10 $IMG sh -c 'exit 8'
	[ "$status" -eq 8 ]
	[ "$(pm inspect -f '{{.OCIRuntime}}' c10)" = berth ]
}

# Rootless podman as an unprivileged user with subordinate ids: podman runs the runtime as
# root of its own user namespace. No slirp4netns network here (/dev/net/tun is not open to
# users on this machine, for runc as for berth): --network none.
check_rootless() {
	id berthtest >/dev/null 2>&1 || useradd -m berthtest
	grep -q '^berthtest:' /etc/subuid || echo "berthtest:300000:65536" >>/etc/subuid
	grep -q '^berthtest:' /etc/subgid || echo "berthtest:300000:65536" >>/etc/subgid
	local home xdg bin
	home=$(mktemp -d /tmp/berth-rootless-podman.XXXXXX)
	xdg="$home/xdg"
	bin="$home/runtime"
	mkdir -p "$xdg"
	cp "$RT" "$bin"
	cp "$ENGINE_TMP/busybox.tar" "$home/busybox.tar"
	chmod 755 "$home"
	chown -R berthtest "$home"
	as_berthtest() {
		su berthtest -s /bin/sh -c "cd $home && HOME=$home XDG_RUNTIME_DIR=$xdg CONTAINERS_CONF=/dev/null \
			podman --root $home/root --runroot $home/runroot --storage-driver vfs \
			--cgroup-manager cgroupfs --events-backend file $1"
	}
	as_berthtest "import -q $home/busybox.tar localhost/busybox:test" >/dev/null
	run as_berthtest "run --rm --network none --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 \
		--runtime $bin localhost/busybox:test sh -c 'id -u; cat /proc/self/uid_map | xargs; exit 6'"
	as_berthtest "system reset -f" >/dev/null 2>&1 || true
	rm -rf "$home" 2>/dev/null || true
	[ "$status" -eq 6 ]
	[[ "$output" == *$'\n'"0"$'\n'* || "${lines[0]}" = 0 ]]
	# root in the container is the user's own uid on the host
	[[ "$output" == *"0 $(id -u berthtest) 1"* ]]
}

@test "berth: rootless podman runs a container as an unprivileged user" { check_rootless; }
@test "runc: rootless podman runs a container as an unprivileged user" { check_rootless; }
