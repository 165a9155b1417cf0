#!/usr/bin/env bats
# berth ps on live containers: ps(1)'s table filtered to the container's processes, the json
# pid list, ps options after the id; errors.
load helpers
load cgroup-helpers

setup() {
	setup_bundle
	require_cgroups
	ID=$(cid ps)
	set_args sh -c 'sleep 101 & sleep 102'
	berth run -d --bundle "$BUNDLE" "$ID"
	for i in $(seq 50); do [ "$(wc -l <"$(cgroup_dir "$ID" pids)/cgroup.procs" 2>/dev/null)" -ge 2 ] && break; sleep 0.1; done
}

@test "ps: the table lists the container's processes and only them" {
	run berth ps "$ID"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "UID "*"PID"*"CMD"* ]]
	[ "${#lines[@]}" -eq 3 ]
	[[ "$output" == *"sleep 101"* ]]
	[[ "$output" == *"sleep 102"* ]]
	! grep -q bats <<<"$output"
}

@test "ps: -f json prints the container's pids" {
	run berth ps -f json "$ID"
	[ "$status" -eq 0 ]
	[ "$(jq length <<<"$output")" -eq 2 ]
	pid=$(berth state "$ID" | jq -r .pid)
	jq -e --argjson p "$pid" 'index($p) != null' <<<"$output"
}

@test "ps: ps options follow the id" {
	run berth ps "$ID" -o pid,args
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"PID COMMAND" ]]
	[ "${#lines[@]}" -eq 3 ]
}

@test "ps: a bad format and a missing container fail" {
	run berth ps -f yaml "$ID"
	[ "$status" -eq 1 ]
	[ "$output" = 'berth: --format: unknown format "yaml" (table or json)' ]
	run berth ps nope
	[ "$output" = "berth: container does not exist: nope" ]
}
