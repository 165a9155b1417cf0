#!/usr/bin/env bats
# berth events on live containers: --stats in runc's JSON shape with the memory in use,
# --interval streaming until the container stops, and an OOM kill reported as an oom event.
load helpers
load cgroup-helpers

setup() {
	setup_bundle
	require_cgroups
}

@test "events: --stats reports memory usage and limit in runc's shape" {
	id=$(cid st)
	# a few MB held in a shell variable: charged to the container's cgroup
	set_args sh -c 'x=$(head -c 4000000 /dev/urandom | tr -d "\000"); touch /tmp/done; sleep 100'
	update_config '.linux.resources.memory = {"limit": 33554432} | .root.readonly = false'
	berth run -d --bundle "$BUNDLE" "$id"
	for i in $(seq 50); do [ -e "$BUNDLE/rootfs/tmp/done" ] && break; sleep 0.1; done
	run berth events --stats "$id"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(jq -r .type <<<"$output")" = stats ]
	[ "$(jq -r .id <<<"$output")" = "$id" ]
	[ "$(jq -r .data.memory.usage.limit <<<"$output")" = 33554432 ]
	[ "$(jq -r .data.memory.usage.usage <<<"$output")" -gt 0 ]
	[ "$(jq -r .data.memory.usage.max <<<"$output")" -gt 1000000 ]
	[ "$(jq -r .data.pids.current <<<"$output")" -ge 1 ]
	jq -e '.data | has("cpu") and has("memory") and has("pids") and has("blkio") and has("hugetlb")' <<<"$output"
}

@test "events: --interval streams stats until the container stops" {
	id=$(cid str)
	set_args sleep 1
	berth run -d --bundle "$BUNDLE" "$id"
	run timeout 10 "$BERTH_BIN" --root "$ROOT" events --interval 200ms "$id"
	[ "$status" -eq 0 ] # it ended by itself when the container stopped
	[ "${#lines[@]}" -ge 3 ]
	for l in "${lines[@]}"; do [ "$(jq -r .type <<<"$l")" = stats ]; done
}

@test "events: an OOM-killed container produces an oom event" {
	id=$(cid oom)
	set_args sh -c 'sleep 1; tail /dev/zero'
	update_config '.linux.resources.memory = {"limit": 8388608}'
	berth run -d --bundle "$BUNDLE" "$id"
	run timeout 20 "$BERTH_BIN" --root "$ROOT" events --interval 10s "$id"
	[ "$status" -eq 0 ]
	[[ "$output" == *"{\"type\":\"oom\",\"id\":\"$id\"}"* ]]
	[ "$(berth state "$id" | jq -r .status)" = stopped ]
}

@test "events: a stopped container and a bad interval are refused" {
	id=$(cid stop)
	set_args true
	berth run -d --bundle "$BUNDLE" "$id"
	wait_for_status "$id" stopped
	run berth events --stats "$id"
	[ "$status" -eq 1 ]
	[ "$output" = "berth: container with id $id is not running" ]
	run berth events --interval 0s "$id"
	[ "$output" = "berth: --interval: duration interval must be greater than 0" ]
}
