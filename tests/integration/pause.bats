#!/usr/bin/env bats
# berth pause / resume on live containers: a paused container's processes stop (a counter
# stops advancing), resume lets them continue; the status follows; errors as runc's.
load helpers
load cgroup-helpers

setup() {
	setup_bundle
	require_cgroups
	ID=$(cid pause)
	update_config '.root.readonly = false'
	set_args sh -c 'i=0; while :; do i=$((i+1)); echo $i >>/tmp/counter; sleep 0.05; done'
	berth run -d --bundle "$BUNDLE" "$ID"
	COUNTER=$BUNDLE/rootfs/tmp/counter
	for i in $(seq 50); do [ -s "$COUNTER" ] && break; sleep 0.1; done
}

@test "pause: a counter stops advancing while paused and continues after resume" {
	file_grows "$COUNTER"
	berth pause "$ID"
	[ "$(berth state "$ID" | jq -r .status)" = paused ]
	sleep 0.2 # a write in flight when the freeze came
	! file_grows "$COUNTER"
	berth resume "$ID"
	[ "$(berth state "$ID" | jq -r .status)" = running ]
	file_grows "$COUNTER"
}

@test "pause: pausing twice, resuming twice and a stopped container fail as runc" {
	berth pause "$ID"
	run berth pause "$ID"
	[ "$status" -eq 1 ]
	[ "$output" = "berth: container not running" ]
	berth resume "$ID"
	run berth resume "$ID"
	[ "$status" -eq 1 ]
	[ "$output" = "berth: container not paused" ]
	berth kill "$ID" KILL
	wait_for_status "$ID" stopped
	run berth pause "$ID"
	[ "$output" = "berth: container not running" ]
}

@test "pause: delete --force of a paused container kills it and removes its cgroup" {
	berth pause "$ID"
	dir=$(cgroup_dir "$ID" pids)
	[ -n "$dir" ] || dir=$(cgroup_dir "$ID" unified)
	run berth delete "$ID"
	[ "$status" -eq 1 ]
	[ "$output" = "berth: cannot delete container $ID that is not stopped: paused" ]
	berth delete --force "$ID"
	[ ! -e "$ROOT/$ID" ]
	[ ! -d "$dir" ]
}

@test "pause: list shows a paused container as paused" {
	berth pause "$ID"
	berth list | grep -q "^$ID .*paused"
	berth resume "$ID"
}

@test "pause: kill --all KILL of a paused container stops it" {
	set_args sh -c 'sleep 100 & sleep 100'
	berth run -d --bundle "$BUNDLE" pk1
	berth pause pk1
	[ "$(berth state pk1 | jq -r .status)" = paused ]
	berth kill --all pk1 KILL
	wait_for_status pk1 stopped
	berth delete pk1
}
