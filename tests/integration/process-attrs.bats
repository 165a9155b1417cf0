#!/usr/bin/env bats
# What the container's process sees of linux.sysctl, linux.timeOffsets, its loopback device,
# linux.personality, process.ioPriority, process.scheduler, process.execCPUAffinity and
# linux.memoryPolicy; bad values fail with one line naming the field and leave nothing.
load helpers

# start_sleeper ID: a created-and-started container running sleep, its host pid in $pid. Its
# stdio is /dev/null: a pipe it held would keep a $(...) waiting.
start_sleeper() {
	set_args sleep 100
	berth create --bundle "$BUNDLE" "$1" </dev/null >/dev/null 2>&1
	berth start "$1"
	pid=$(berth state "$1" | jq -r .pid)
}

@test "process-attrs: namespaced sysctls are applied inside, the host keeps its values" {
	host_fwd=$(cat /proc/sys/net/ipv4/ip_forward)
	host_shm=$(cat /proc/sys/kernel/shm_rmid_forced)
	new_fwd=$((1 - host_fwd))
	new_shm=$((1 - host_shm))
	update_config '.linux.sysctl = {"net.ipv4.ip_forward": "'$new_fwd'",
		"kernel/shm_rmid_forced": "'$new_shm'", "kernel.domainname": "sysctl.example"}'
	set_args sh -c 'cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shm_rmid_forced /proc/sys/kernel/domainname'
	run berth run --bundle "$BUNDLE" s1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$new_fwd" ]
	[ "${lines[1]}" = "$new_shm" ]
	[ "${lines[2]}" = sysctl.example ]
	[ "$(cat /proc/sys/net/ipv4/ip_forward)" = "$host_fwd" ]
	[ "$(cat /proc/sys/kernel/shm_rmid_forced)" = "$host_shm" ]
}

@test "process-attrs: /proc/sys is read-only again after the sysctls" {
	update_config '.linux.sysctl = {"net.ipv4.ip_forward": "1"}'
	set_args sh -c 'echo 0 >/proc/sys/net/ipv4/ip_forward'
	run berth run --bundle "$BUNDLE" s2
	[ "$status" -ne 0 ]
	[[ "$output" == *"Read-only file system"* ]]
}

@test "process-attrs: a sysctl outside the container's namespaces is refused" {
	update_config '.linux.sysctl = {"kernel.core_pattern": "|/bin/false"}'
	run berth create --bundle "$BUNDLE" s3
	expect_clean_failure s3
	[[ "$output" == 'berth: config.json: linux.sysctl["kernel.core_pattern"]: not in a namespace'* ]]
}

@test "process-attrs: a net sysctl without a network namespace is refused" {
	update_config '.linux.namespaces |= map(select(.type != "network"))
		| .linux.sysctl = {"net.ipv4.ip_forward": "1"}'
	run berth create --bundle "$BUNDLE" s4
	expect_clean_failure s4
	[[ "$output" == *'requires a "network" entry in linux.namespaces'* ]]
}

@test "process-attrs: a sysctl key climbing out with .. is refused at run time" {
	update_config '.linux.sysctl = {"net/../kernel/core_pattern": "|/bin/false"}'
	before=$(cat /proc/sys/kernel/core_pattern)
	run berth create --bundle "$BUNDLE" s5
	expect_clean_failure s5
	[[ "$output" == 'berth: linux.sysctl: net/../kernel/core_pattern: empty, "." or ".." component' ]]
	[ "$(cat /proc/sys/kernel/core_pattern)" = "$before" ]
}

@test "process-attrs: a missing sysctl names the file" {
	update_config '.linux.sysctl = {"net.ipv4.no_such_sysctl": "1"}'
	run berth create --bundle "$BUNDLE" s6
	expect_clean_failure s6
	[ "$output" = "berth: linux.sysctl: write /proc/sys/net/ipv4/no_such_sysctl: No such file or directory" ]
}

@test "process-attrs: time offsets move the container's boottime and monotonic clocks" {
	update_config '.linux.namespaces += [{"type": "time"}]
		| .linux.timeOffsets = {"boottime": {"secs": 86400000, "nanosecs": 0},
			"monotonic": {"secs": 1000}}'
	set_args cat /proc/uptime
	run berth run --bundle "$BUNDLE" t1
	[ "$status" -eq 0 ]
	host=$(cut -d' ' -f1 /proc/uptime)
	# 1000 days ahead, give or take the time the run took
	awk -v c="${output%% *}" -v h="$host" 'BEGIN { d = c - h - 86400000; exit !(d > -30 && d < 30) }'
}

@test "process-attrs: time offsets are fixed for the process and what it forks" {
	update_config '.linux.namespaces += [{"type": "time"}]
		| .linux.timeOffsets = {"boottime": {"secs": 86400000}}'
	set_args sh -c 'readlink /proc/self/ns/time; readlink /proc/1/ns/time; cat /proc/1/timens_offsets'
	run berth run --bundle "$BUNDLE" t2
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "${lines[1]}" ]
	[ "${lines[0]}" != "$(readlink /proc/self/ns/time)" ]
	[[ "$output" == *"boottime"*"86400000"* ]]
}

@test "process-attrs: time offsets without a time namespace are refused" {
	update_config '.linux.timeOffsets = {"boottime": {"secs": 1}}'
	run berth create --bundle "$BUNDLE" t3
	expect_clean_failure t3
	[[ "$output" == "berth: config.json: linux.timeOffsets: "* ]]
}

@test "process-attrs: lo is up in a new network namespace" {
	set_args sh -c 'cat /sys/class/net/lo/flags; ip -o link show lo'
	run berth run --bundle "$BUNDLE" n1
	[ "$status" -eq 0 ]
	[ $((${lines[0]} & 1)) -eq 1 ] # IFF_UP
	[[ "${lines[1]}" == *"<LOOPBACK,UP"* ]]
}

@test "process-attrs: personality LINUX32 makes uname -m say i686" {
	update_config '.linux.personality = {"domain": "LINUX32"}'
	set_args uname -m
	run berth run --bundle "$BUNDLE" p1
	[ "$status" -eq 0 ]
	[ "$output" = i686 ]
}

@test "process-attrs: ioPriority is the process's I/O class and level" {
	update_config '.process.ioPriority = {"class": "IOPRIO_CLASS_BE", "priority": 6}'
	start_sleeper io1
	[ "$(ionice -p "$pid")" = "best-effort: prio 6" ]
}

@test "process-attrs: scheduler policy and nice are the process's" {
	update_config '.process.scheduler = {"policy": "SCHED_BATCH", "nice": 5}'
	start_sleeper sc1
	[[ "$(chrt -p "$pid")" == *"scheduling policy: SCHED_BATCH"* ]]
	[ "$(ps -o ni= -p "$pid" | tr -d ' ')" = 5 ]
}

# exec_process FILE ARGS_JSON AFFINITY_JSON: a process.json for berth exec --process.
exec_process() {
	cat >"$1" <<EOF
{"args": $2, "cwd": "/", "env": ["PATH=/bin"], "user": {"uid": 0, "gid": 0},
 "execCPUAffinity": $3}
EOF
}

@test "process-attrs: execCPUAffinity pins exec'd processes, not the container's init" {
	update_config '.process.execCPUAffinity = {"initial": "0", "final": "0"}'
	start_sleeper a1
	# config.md: "not applicable to the container's init process"
	[ "$(taskset -cp "$pid" | sed 's/.*: //')" = "$(taskset -cp $$ | sed 's/.*: //')" ]
	exec_process "$BATS_TEST_TMPDIR/p.json" '["grep", "Cpus_allowed_list", "/proc/self/status"]' \
		'{"initial": "0", "final": "0"}'
	run berth exec --process "$BATS_TEST_TMPDIR/p.json" a1
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | tr -d '\t ')" = "Cpus_allowed_list:0" ]
}

@test "process-attrs: an exec affinity to a CPU the host lacks names the list" {
	start_sleeper a2
	exec_process "$BATS_TEST_TMPDIR/p.json" '["true"]' '{"final": "4000"}'
	run berth exec --process "$BATS_TEST_TMPDIR/p.json" a2
	[ "$status" -ne 0 ]
	[ "$output" = "berth: process.execCPUAffinity: set CPU affinity to 4000: Invalid argument" ]
	[ "$(berth state a2 | jq -r .status)" = running ]
}

@test "process-attrs: memoryPolicy binds the process's memory to the nodes" {
	update_config '.linux.memoryPolicy = {"mode": "MPOL_BIND", "nodes": "0"}'
	set_args grep -c 'bind:0' /proc/self/numa_maps
	run berth run --bundle "$BUNDLE" m1
	[ "$status" -eq 0 ]
	[ "$output" -gt 0 ]
}

@test "process-attrs: bad scheduler and ioPriority values name the field" {
	update_config '.process.scheduler = {"policy": "SCHED_FIFO", "priority": 0}'
	run berth create --bundle "$BUNDLE" b1
	expect_clean_failure b1
	[[ "$output" == "berth: config.json: process.scheduler.priority: "* ]]
	update_config 'del(.process.scheduler) | .process.ioPriority = {"class": "IOPRIO_CLASS_BOGUS"}'
	run berth create --bundle "$BUNDLE" b2
	expect_clean_failure b2
	[[ "$output" == "berth: config.json: process.ioPriority.class: "* ]]
}
