#!/usr/bin/env bats
# Docker runs its containers on berth: a dockerd of the test's own (data root, exec root,
# socket and its managed containerd under a temp dir; no iptables, no bridge) with berth
# registered in daemon.json "runtimes"; the same checks on runc, Docker's default, as control.
load engines-helpers
bats_require_minimum_version 1.5.0

setup_file() {
	command -v dockerd >/dev/null || skip "dockerd is not installed (Debian package docker.io)"
	ENGINE_TMP=$(mktemp -d /tmp/berth-docker.XXXXXX)
	export ENGINE_TMP
	export DOCKER_HOST="unix://$ENGINE_TMP/docker.sock"
	# the README's snippet
	cat >"$ENGINE_TMP/daemon.json" <<-CONF
		{
		  "runtimes": {
		    "berth": { "path": "$BERTH_BIN" }
		  }
		}
	CONF
	dockerd --config-file "$ENGINE_TMP/daemon.json" --data-root "$ENGINE_TMP/data" \
		--exec-root "$ENGINE_TMP/exec" --pidfile "$ENGINE_TMP/docker.pid" -H "$DOCKER_HOST" \
		--iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
		--userland-proxy=false --storage-driver vfs >"$ENGINE_TMP/dockerd.log" 2>&1 &
	echo $! >"$ENGINE_TMP/dockerd.pid"
	if ! wait_until 30 dk version >/dev/null 2>&1; then
		tail -5 "$ENGINE_TMP/dockerd.log" >&3
		skip "dockerd did not start (log above)"
	fi
	busybox_image_tar "$ENGINE_TMP/busybox.tar"
	dk import "$ENGINE_TMP/busybox.tar" localhost/busybox:test >/dev/null
}

teardown_file() {
	local pid
	[ -n "${ENGINE_TMP:-}" ] || return 0
	dk rm -f $(dk ps -aq 2>/dev/null) >/dev/null 2>&1 || true
	pid=$(cat "$ENGINE_TMP/dockerd.pid" 2>/dev/null) && kill "$pid" 2>/dev/null &&
		wait_until 20 sh -c "! kill -0 $pid 2>/dev/null" || true
	grep -F "$ENGINE_TMP" /proc/self/mountinfo | cut -d' ' -f5 | sort -r | xargs -r umount -l || true
	rm -rf "$ENGINE_TMP"
	rmdir /sys/fs/cgroup/*/docker 2>/dev/null || true
}

# dk ARGS...: Debian's docker client (a docker in /usr/local/bin may be another version).
dk() {
	if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi
}

setup() {
	RT=${BATS_TEST_DESCRIPTION%%:*}
	runtime_bin "$RT" >/dev/null
	IMG=localhost/busybox:test
}

teardown() {
	dk rm -f $(dk ps -aq) >/dev/null 2>&1 || true
}

check_rm_exit_codes() {
	run dk run --runtime "$RT" --rm $IMG sh -c 'echo out; exit 3'
	[ "$status" -eq 3 ]
	[ "$output" = out ]
	run -127 dk run --runtime "$RT" --rm $IMG nosuchcommand
	[[ "$output" == *'exec: "nosuchcommand": executable file not found in $PATH'* ]]
	[ -z "$(dk ps -aq)" ]
}

container_is() {
	[ "$(dk inspect -f '{{.State.Status}}' "$1")" = "$2" ]
}

check_detached() {
	dk run --runtime "$RT" -d --name d1 $IMG sh -c \
		'trap "echo got-term; exit 0" TERM; while :; do sleep 0.1; done' >/dev/null
	container_is d1 running
	[ "$(dk inspect -f '{{.HostConfig.Runtime}}' d1)" = "$RT" ]
	run dk exec d1 sh -c 'echo in-exec; [ -t 0 ] || echo no-tty; exit 5'
	[ "$status" -eq 5 ]
	[ "$output" = $'in-exec\nno-tty' ]
	run in_pty "$(command -v /usr/bin/docker docker | head -1)" exec -it d1 \
		sh -c 'tty; exit 6'
	[ "$status" -eq 6 ]
	[[ "$output" == *"/dev/pts/"* ]]
	dk pause d1
	container_is d1 paused
	dk unpause d1
	dk stop -t 10 d1 >/dev/null
	[ "$(dk inspect -f '{{.State.ExitCode}}' d1)" = 0 ]
	dk logs d1 | grep -q got-term
	dk rm d1 >/dev/null
}

check_run_it() {
	run in_pty "$(command -v /usr/bin/docker docker | head -1)" run --runtime "$RT" --rm -it \
		$IMG sh -c 'tty; exit 2'
	[ "$status" -eq 2 ]
	[[ "$output" == *"/dev/pts/0"* ]]
}

check_limits() {
	run dk run --runtime "$RT" --rm --network none --memory 64m --pids-limit 40 --cpus 0.5 \
		--read-only --user 1000:1000 --cap-drop ALL $IMG sh -c \
		'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max \
		/sys/fs/cgroup/cpu/cpu.cfs_quota_us; ls /sys/class/net; id -u; touch /x 2>&1;
		grep CapEff /proc/self/status'
	[ "$output" = $'67108864\n40\n50000\nlo\n1000\ntouch: /x: Read-only file system\nCapEff:\t0000000000000000' ]
}

@test "berth: docker run --rm passes exit codes and runc's bad-command message" { check_rm_exit_codes; }
@test "runc: docker run --rm passes exit codes and runc's bad-command message" { check_rm_exit_codes; }
@test "berth: docker run -d, exec with and without -it, pause, stop, rm" { check_detached; }
@test "runc: docker run -d, exec with and without -it, pause, stop, rm" { check_detached; }
@test "berth: docker run -it gives a terminal" { check_run_it; }
@test "runc: docker run -it gives a terminal" { check_run_it; }
@test "berth: docker limits, --read-only, --user, --cap-drop, --network none" { check_limits; }
@test "runc: docker limits, --read-only, --user, --cap-drop, --network none" { check_limits; }
