#!/usr/bin/env bats
# create / start / state / kill / delete: the runtime-spec lifecycle on real containers.
load helpers

@test "lifecycle: create leaves the process waiting, start runs it, state follows" {
	set_args sh -c 'echo started > /tmp/marker; sleep 100'
	update_config '.root.readonly = false'
	# not under `run`: the waiting process holds our stdout until it execs
	berth create --bundle "$BUNDLE" --pid-file "$BATS_TEST_TMPDIR/pid" c1
	run berth state c1
	[ "$status" -eq 0 ]
	[ "$(jq -r .status <<<"$output")" = created ]
	[ "$(jq -r .id <<<"$output")" = c1 ]
	[ "$(jq -r .bundle <<<"$output")" = "$BUNDLE" ]
	[ "$(jq -r .ociVersion <<<"$output")" = 1.2.0 ]
	pid=$(jq -r .pid <<<"$output")
	[ "$pid" = "$(cat "$BATS_TEST_TMPDIR/pid")" ]
	[ -d "/proc/$pid" ]
	# the user's program has not run yet
	[ ! -e "$BUNDLE/rootfs/tmp/marker" ]
	run berth start c1
	[ "$status" -eq 0 ]
	[ "$(berth state c1 | jq -r .status)" = running ]
	for i in $(seq 50); do [ -e "$BUNDLE/rootfs/tmp/marker" ] && break; sleep 0.1; done
	[ "$(cat "$BUNDLE/rootfs/tmp/marker")" = started ]
	run berth kill c1 KILL
	[ "$status" -eq 0 ]
	wait_for_status c1 stopped
	[ "$(berth state c1 | jq -r .pid)" = 0 ]
	run berth delete c1
	[ "$status" -eq 0 ]
	run berth state c1
	[ "$status" -eq 1 ]
	[[ "$output" == *"container does not exist: c1"* ]]
	[ ! -e "$ROOT/c1" ]
}

@test "lifecycle: start twice fails, start of a stopped container fails" {
	set_args sleep 100
	berth create --bundle "$BUNDLE" c2
	berth start c2
	run berth start c2
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: cannot start an already running container" ]]
	berth kill c2 KILL
	wait_for_status c2 stopped
	run berth start c2
	[ "$status" -eq 1 ]
	[[ "$output" == *"cannot start a container that has stopped"* ]]
}

@test "lifecycle: the container's process exit makes the state stopped" {
	set_args true
	berth create --bundle "$BUNDLE" c3
	berth start c3
	wait_for_status c3 stopped
}

@test "lifecycle: a created container can be deleted without --force" {
	set_args sleep 100
	berth create --bundle "$BUNDLE" c4
	pid=$(berth state c4 | jq -r .pid)
	run berth delete c4
	[ "$status" -eq 0 ]
	[ ! -e "$ROOT/c4" ]
	for i in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
	[ ! -d "/proc/$pid" ] || grep -q '^State:.*Z' "/proc/$pid/status"
}

@test "lifecycle: delete of a running container needs --force, which kills it" {
	set_args sleep 100
	berth run -d --bundle "$BUNDLE" c5
	pid=$(berth state c5 | jq -r .pid)
	run berth delete c5
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: cannot delete container c5 that is not stopped: running" ]]
	run berth delete --force c5
	[ "$status" -eq 0 ]
	[ ! -e "$ROOT/c5" ]
	! grep -qs '^State:.*[RS]' "/proc/$pid/status"
}

@test "lifecycle: delete --force of a missing container succeeds, without it fails" {
	run berth delete --force nosuch
	[ "$status" -eq 0 ]
	run berth delete nosuch
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: container does not exist: nosuch" ]]
}

@test "lifecycle: kill delivers the named signal to the container's init" {
	set_args sh -c 'trap "echo got-usr1 > /tmp/sig; exit 3" USR1; while true; do sleep 0.05; done'
	update_config '.root.readonly = false'
	berth run -d --bundle "$BUNDLE" k1
	sleep 0.3
	run berth kill k1 USR1
	[ "$status" -eq 0 ]
	wait_for_status k1 stopped
	[ "$(cat "$BUNDLE/rootfs/tmp/sig")" = got-usr1 ]
}

@test "lifecycle: kill accepts SIG-prefixed names and numbers, rejects bad signals" {
	set_args sleep 100
	berth run -d --bundle "$BUNDLE" k2
	run berth kill k2 NOSUCHSIG
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: invalid signal: NOSUCHSIG" ]]
	[ "$(berth state k2 | jq -r .status)" = running ]
	run berth kill k2 SIGKILL
	[ "$status" -eq 0 ]
	wait_for_status k2 stopped
	run berth kill k2 9
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: container not running" ]]
	# --all on a stopped container succeeds, as runc 1.1's (engines send it after the exit)
	run berth kill --all k2 KILL
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "lifecycle: kill --all reaches every process of the container" {
	set_args sh -c 'sleep 100 & sleep 100 & wait'
	berth run -d --bundle "$BUNDLE" k3
	sleep 0.3
	pid=$(berth state k3 | jq -r .pid)
	children=$(cat /proc/$pid/task/*/children)
	[ -n "$children" ]
	run berth kill --all k3 KILL
	[ "$status" -eq 0 ]
	wait_for_status k3 stopped
	for c in $children; do ! grep -qs '^State:.*[RS]' "/proc/$c/status"; done
}

@test "lifecycle: a reused pid is not mistaken for the container" {
	set_args sleep 100
	berth run -d --bundle "$BUNDLE" r1
	# rewrite the recorded start time: the live process no longer matches it
	jq '.start_time = 1' "$ROOT/r1/state.json" >"$ROOT/r1/s" && mv "$ROOT/r1/s" "$ROOT/r1/state.json"
	[ "$(berth state r1 | jq -r .status)" = stopped ]
	run berth kill r1 KILL
	[ "$status" -eq 1 ]
	pid=$(jq -r .pid "$ROOT/r1/state.json")
	kill -9 "$pid"
}

@test "lifecycle: create with an existing id fails and keeps the first container" {
	set_args sleep 100
	berth create --bundle "$BUNDLE" dup
	run berth create --bundle "$BUNDLE" dup
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: container with id exists: dup" ]]
	[ "$(berth state dup | jq -r .status)" = created ]
}

@test "lifecycle: concurrent state commands during create are serialized" {
	set_args sleep 100
	berth create --bundle "$BUNDLE" lk &
	for i in $(seq 20); do berth state lk >/dev/null 2>&1 || true; done
	wait
	[ "$(berth state lk | jq -r .status)" = created ]
}
