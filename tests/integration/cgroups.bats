#!/usr/bin/env bats
# linux.resources and linux.cgroupsPath on real containers: limits in the container's cgroup,
# placement as runc, devices, cleanup, and bad values refused with nothing left behind.
load helpers
load cgroup-helpers

setup() {
	setup_bundle
	require_cgroups
}

# limit_file ID: the memory limit file for this host's cgroup version
mem_limit() {
	if [ "$(cgroup_mode "$1")" = v2 ]; then
		cgroup_file "$1" unified memory.max
	else
		cgroup_file "$1" memory memory.limit_in_bytes
	fi
}

pids_max() {
	if [ "$(cgroup_mode "$1")" = v2 ]; then
		cgroup_file "$1" unified pids.max
	else
		cgroup_file "$1" pids pids.max
	fi
}

@test "cgroups: memory and pids limits land in the container's cgroup" {
	id=$(cid lim)
	set_args sleep 100
	update_config '.linux.resources.memory = {"limit": 33554432} | .linux.resources.pids = {"limit": 20}'
	berth run -d --bundle "$BUNDLE" "$id"
	[ "$(mem_limit "$id")" = 33554432 ]
	[ "$(pids_max "$id")" = 20 ]
	pid=$(berth state "$id" | jq -r .pid)
	grep -qx "$(cat "$(cgroup_dir "$id" pids)/cgroup.procs")" <<<"$pid"
}

@test "cgroups: the default place is our own cgroup plus the id in every hierarchy, as runc" {
	command -v runc >/dev/null || skip "runc not installed"
	id=$(cid place)
	set_args sleep 100
	berth run -d --bundle "$BUNDLE" "$id"
	ours=$(sed "s/$id/ID/" "/proc/$(berth state "$id" | jq -r .pid)/cgroup")
	rid=$(cid runc)
	runc --root "$BATS_TEST_TMPDIR/runc" run -d --bundle "$BUNDLE" "$rid" >/dev/null
	theirs=$(sed "s/$rid/ID/" "/proc/$(runc --root "$BATS_TEST_TMPDIR/runc" state "$rid" | jq -r .pid)/cgroup")
	runc --root "$BATS_TEST_TMPDIR/runc" delete --force "$rid"
	[ "$ours" = "$theirs" ]
}

@test "cgroups: relative and absolute cgroupsPath are placed as runc places them" {
	id=$(cid rel)
	set_args sleep 100
	update_config ".linux.cgroupsPath = \"berth-rel-$$/x\""
	berth run -d --bundle "$BUNDLE" "$id"
	own=$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)
	[ "$(cgroup_dir "$id" memory)" = "/sys/fs/cgroup/memory${own%/}/berth-rel-$$/x" ] ||
		[ "$(cgroup_mode "$id")" = v2 ]
	id2=$(cid abs)
	update_config ".linux.cgroupsPath = \"/berth-abs-$$/x\""
	berth run -d --bundle "$BUNDLE" "$id2"
	grep -q ":/berth-abs-$$/x\$" "/proc/$(berth state "$id2" | jq -r .pid)/cgroup"
	berth delete --force "$id"
	berth delete --force "$id2"
	# the parents made for them go with them (runc leaves them)
	no_cgroup_named "berth-rel-$$"
	no_cgroup_named "berth-abs-$$"
}

@test "cgroups: cpu quota and period" {
	id=$(cid cpu)
	set_args sleep 100
	update_config '.linux.resources.cpu = {"quota": 50000, "period": 100000, "shares": 512}'
	berth run -d --bundle "$BUNDLE" "$id"
	if [ "$(cgroup_mode "$id")" = v2 ]; then
		[ "$(cgroup_file "$id" unified cpu.max)" = "50000 100000" ]
	else
		[ "$(cgroup_file "$id" cpu cpu.cfs_quota_us)" = 50000 ]
		[ "$(cgroup_file "$id" cpu cpu.cfs_period_us)" = 100000 ]
		[ "$(cgroup_file "$id" cpu cpu.shares)" = 512 ]
	fi
}

@test "cgroups: a device allowed and one denied" {
	id=$(cid dev)
	set_args sh -c 'head -c1 /dev/null && echo null-ok; head -c1 /dev/zero | wc -c'
	update_config '.linux.devices = [{"path": "/dev/zero", "type": "c", "major": 1, "minor": 5, "fileMode": 438}]
		| .linux.resources.devices += [{"allow": false, "type": "c", "major": 1, "minor": 5, "access": "rwm"}]'
	run berth run --bundle "$BUNDLE" "$id"
	[ "$status" -eq 0 ]
	[[ "$output" == *"null-ok"* ]]
	[[ "$output" == *"/dev/zero: Operation not permitted"* ]]
	no_cgroup_named "$id"
}

@test "cgroups: delete removes the cgroup, also after SIGKILL of the container" {
	id=$(cid del)
	set_args sh -c 'sleep 100 & sleep 100'
	berth run -d --bundle "$BUNDLE" "$id"
	dir=$(cgroup_dir "$id" pids)
	[ -d "$dir" ]
	berth kill "$id" KILL
	wait_for_status "$id" stopped
	berth delete "$id"
	[ ! -d "$dir" ]
	no_cgroup_named "$id"
	# and a running one with --force: every process in it is killed
	id=$(cid del2)
	berth run -d --bundle "$BUNDLE" "$id"
	dir=$(cgroup_dir "$id" pids)
	pids=$(cat "$dir/cgroup.procs")
	berth delete --force "$id"
	[ ! -d "$dir" ]
	for p in $pids; do ! grep -qs '^State:.*[RS]' "/proc/$p/status"; done
}

@test "cgroups: bad values are refused with one line naming the field and leave nothing" {
	id=$(cid bad)
	set_args true
	for res in '{"blockIO": {"weight": 5}}' '{"cpu": {"shares": 1}}' '{"cpu": {"idle": 3}}' \
		'{"cpu": {"cpus": "5000"}}' '{"memory": {"limit": -7}}'; do
		update_config ".linux.resources = $res"
		run berth create --bundle "$BUNDLE" "$id"
		[ "$status" -eq 1 ]
		[ "${#lines[@]}" -eq 1 ]
		[[ "$output" == "berth: linux.resources."* ]]
		[ ! -e "$ROOT/$id" ]
		no_cgroup_named "$id"
	done
	update_config '.linux.resources = {"blockIO": {"weight": 5}}'
	run berth create --bundle "$BUNDLE" "$id"
	[ "$output" = "berth: linux.resources.blockIO.weight: 5 is out of range (10 to 1000)" ]
}

@test "cgroups: an unified key on a v1 host is refused naming the key" {
	[ -e /sys/fs/cgroup/memory/memory.limit_in_bytes ] || skip "a cgroup v2 host"
	id=$(cid uni)
	update_config '.linux.resources.unified = {"memory.high": "64M"}'
	run berth create --bundle "$BUNDLE" "$id"
	[ "$status" -eq 1 ]
	[ "$output" = 'berth: linux.resources.unified: "memory.high" cannot be set: this host uses cgroup v1, unified keys need cgroup v2' ]
	[ ! -e "$ROOT/$id" ]
	no_cgroup_named "$id"
}

@test "cgroups: the systemd slice:prefix:name form needs --systemd-cgroup and systemd" {
	id=$(cid sd)
	update_config '.linux.cgroupsPath = "system.slice:berth:x"'
	run berth create --bundle "$BUNDLE" "$id"
	[ "$status" -eq 1 ]
	[ "$output" = 'berth: linux.cgroupsPath: "system.slice:berth:x" is systemd'"'"'s slice:prefix:name form; it needs --systemd-cgroup' ]
	[ ! -e "$ROOT/$id" ]
	[ ! -e /run/systemd/system ] || skip "systemd runs here"
	run berth --systemd-cgroup create --bundle "$BUNDLE" "$id"
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: --systemd-cgroup: systemd is not running on this host"* ]]
}

@test "cgroups: a cgroup another container uses is refused" {
	id=$(cid one)
	set_args sleep 100
	update_config ".linux.cgroupsPath = \"/berth-shared-$$\""
	berth run -d --bundle "$BUNDLE" "$id"
	run berth run -d --bundle "$BUNDLE" "$(cid two)"
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: linux.cgroupsPath: cgroup /sys/fs/cgroup/"*"/berth-shared-$$ already has processes (another container's?)" ]]
	[ "$(berth state "$id" | jq -r .status)" = running ]
}
