#!/usr/bin/env bats
# berth update on live containers: runc's flags and -r documents change the limits in the
# container's cgroup; bad values are refused naming the field, the limits left as they were.
load helpers
load cgroup-helpers

setup() {
	setup_bundle
	require_cgroups
	ID=$(cid upd)
	set_args sleep 100
	update_config '.linux.resources.memory = {"limit": 33554432} | .linux.resources.pids = {"limit": 20}'
	berth run -d --bundle "$BUNDLE" "$ID"
	V2=false
	if [ "$(cgroup_mode "$ID")" = v2 ]; then V2=true; fi
}

mem_limit() {
	if $V2; then cgroup_file "$ID" unified memory.max; else cgroup_file "$ID" memory memory.limit_in_bytes; fi
}

pids_max() {
	if $V2; then cgroup_file "$ID" unified pids.max; else cgroup_file "$ID" pids pids.max; fi
}

@test "update: --memory and --pids-limit change a live container's limits" {
	berth update --memory 64m --pids-limit 30 "$ID"
	[ "$(mem_limit)" = 67108864 ]
	[ "$(pids_max)" = 30 ]
	berth update --memory 1G "$ID"
	[ "$(mem_limit)" = 1073741824 ]
	[ "$(pids_max)" = 30 ]
}

@test "update: cpu flags" {
	berth update --cpu-quota 25000 --cpu-period 100000 --cpu-share 256 "$ID"
	if $V2; then
		[ "$(cgroup_file "$ID" unified cpu.max)" = "25000 100000" ]
	else
		[ "$(cgroup_file "$ID" cpu cpu.cfs_quota_us)" = 25000 ]
		[ "$(cgroup_file "$ID" cpu cpu.shares)" = 256 ]
	fi
}

@test "update: -r FILE and -r - (stdin) apply a linux.resources document" {
	echo '{"memory": {"limit": 50331648}, "pids": {"limit": 9}}' >"$BATS_TEST_TMPDIR/r.json"
	berth update -r "$BATS_TEST_TMPDIR/r.json" --pids-limit 99 "$ID"
	[ "$(mem_limit)" = 50331648 ]
	[ "$(pids_max)" = 9 ] # the flags are ignored with -r, as runc
	echo '{"pids": {"limit": 12}}' | berth update -r - "$ID"
	[ "$(pids_max)" = 12 ]
}

@test "update: bad values are refused naming the field, the limits unchanged" {
	run berth update --blkio-weight 5 "$ID"
	[ "$status" -eq 1 ]
	[ "$output" = "berth: linux.resources.blockIO.weight: 5 is out of range (10 to 1000)" ]
	run berth update --cpu-share 1 "$ID"
	[ "$output" = "berth: linux.resources.cpu.shares: 1 is out of range (2 to 262144)" ]
	run berth update --memory lots "$ID"
	[ "$output" = 'berth: --memory: invalid size "lots"' ]
	echo '{"memory": {"limit": "big"}}' >"$BATS_TEST_TMPDIR/r.json"
	run berth update -r "$BATS_TEST_TMPDIR/r.json" "$ID"
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: --resources $BATS_TEST_TMPDIR/r.json: memory.limit: "* ]]
	[ "$(mem_limit)" = 33554432 ]
	[ "$(pids_max)" = 20 ]
}

@test "update: --kernel-memory is ignored with a warning, Intel RDT refused" {
	run berth update --kernel-memory 10m "$ID"
	[ "$status" -eq 0 ]
	[[ "$output" == *"--kernel-memory: kernel memory limits are deprecated; ignored"* ]]
	[ -e /sys/fs/resctrl/schemata ] && skip "this host has resctrl"
	run berth update --l3-cache-schema "L3:0=f" "$ID"
	[ "$status" -eq 1 ]
	[ "$output" = "berth: --l3-cache-schema: Intel RDT is not available on this host (no resctrl filesystem at /sys/fs/resctrl)" ]
}

@test "update: a stopped or missing container cannot be updated" {
	berth kill "$ID" KILL
	wait_for_status "$ID" stopped
	run berth update --memory 64m "$ID"
	[ "$status" -eq 1 ]
	[ "$output" = "berth: container not running" ]
	run berth update --memory 64m nope
	[ "$output" = "berth: container does not exist: nope" ]
}
