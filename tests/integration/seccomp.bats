#!/usr/bin/env bats
# linux.seccomp on real containers: errno rules, an allowlist, argument conditions, unknown
# syscall names, flags, the path without noNewPrivileges, bad input, and a notify agent.
load helpers

AGENT=

teardown() {
	if [ -n "$AGENT" ]; then
		kill "$AGENT" 2>/dev/null || true
	fi
	teardown_bundle
}

# seccomp JSON: sets linux.seccomp to the jq expression $1 (with --arg/--argjson from $2...).
set_seccomp() {
	local expr=$1
	shift
	jq "$@" ".linux.seccomp = $expr" "$BUNDLE/config.json" >"$BUNDLE/config.json.new"
	mv "$BUNDLE/config.json.new" "$BUNDLE/config.json"
}

# start_agent MODE: the test agent on $SOCK, writing what it receives to $STATE.
start_agent() {
	SOCK="$BATS_TEST_TMPDIR/agent.sock"
	STATE="$BATS_TEST_TMPDIR/agent.json"
	# fd 3 closed: bats would wait for the agent otherwise
	"$BERTH_HELPERS/seccomp-agent" "$SOCK" "$STATE" "$1" 3>&- &
	AGENT=$!
	for i in $(seq 50); do [ -S "$SOCK" ] && return 0; sleep 0.1; done
	echo "seccomp agent never listened on $SOCK" >&2
	return 1
}

# wait_agent: the agent exits 0 on its own once no process uses the filter.
wait_agent() {
	local rc=0
	wait "$AGENT" || rc=$?
	AGENT=
	[ "$rc" -eq 0 ]
}

MKDIR_ERRNO='{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
	{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}]}'

@test "seccomp: a rule makes mkdir fail with its errnoRet" {
	set_seccomp "$MKDIR_ERRNO"
	set_args sh -c 'mkdir /tmp/x; echo rc=$?; test -d /tmp/x || echo absent'
	run berth run --bundle "$BUNDLE" se1
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"can't create directory '/tmp/x': Function not implemented" ]]
	[ "${lines[1]}" = rc=1 ]
	[ "${lines[2]}" = absent ]
}

@test "seccomp: errnoRet defaults to EPERM" {
	set_seccomp '{"defaultAction": "SCMP_ACT_ALLOW",
		"syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}'
	set_args mkdir /tmp/x
	run berth run --bundle "$BUNDLE" se2
	[ "$status" -eq 1 ]
	[[ "$output" == *"can't create directory '/tmp/x': Operation not permitted" ]]
}

@test "seccomp: the container runs in filter mode, with no_new_privs as configured" {
	set_seccomp "$MKDIR_ERRNO"
	set_args grep -E '^(Seccomp|Seccomp_filters|NoNewPrivs):' /proc/self/status
	run berth run --bundle "$BUNDLE" se3
	[ "$status" -eq 0 ]
	[[ "$output" == *"NoNewPrivs:"$'\t'"1"* ]]
	[[ "$output" == *"Seccomp:"$'\t'"2"* ]]
	[[ "$output" == *"Seccomp_filters:"$'\t'"1"* ]]
}

# what busybox sh, echo, cat and ls need, and the runtime between the filter and execve
ALLOWLIST='["accept4", "access", "arch_prctl", "brk", "capget", "capset", "chdir",
	"clock_gettime", "clock_nanosleep", "clone", "clone3", "close", "close_range", "connect",
	"dup", "dup2", "dup3", "execve", "execveat", "exit", "exit_group", "faccessat",
	"faccessat2", "fchdir", "fcntl", "fstat", "futex", "getcwd", "getdents64", "getegid",
	"geteuid", "getgid", "getgroups", "getpgrp", "getpid", "getppid", "getrandom",
	"getrlimit", "gettid", "getuid", "ioctl", "kill", "lseek", "lstat", "madvise", "mmap",
	"mprotect", "munmap", "nanosleep", "newfstatat", "open", "openat", "pipe", "pipe2",
	"poll", "ppoll", "prctl", "pread64", "prlimit64", "read", "readlink", "readlinkat",
	"readv", "recvfrom", "recvmsg", "rseq", "rt_sigaction", "rt_sigprocmask",
	"rt_sigreturn", "sendfile", "sendmsg", "sendto", "set_robust_list", "set_tid_address",
	"setgid", "setgroups", "setresgid", "setresuid", "setsid", "setuid", "sigaltstack",
	"socket", "stat", "statx", "sysinfo", "tgkill", "umask", "uname", "vfork", "wait4",
	"write", "writev"]'

@test "seccomp: defaultAction SCMP_ACT_ERRNO with an allowlist denies the rest" {
	set_seccomp '{"defaultAction": "SCMP_ACT_ERRNO",
		"syscalls": [{"names": $allow, "action": "SCMP_ACT_ALLOW"}]}' --argjson allow "$ALLOWLIST"
	set_args sh -c 'echo hello; cat /etc/passwd >/dev/null && echo read; mkdir /tmp/x; echo rc=$?'
	run berth run --bundle "$BUNDLE" sa1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = hello ]
	[ "${lines[1]}" = read ]
	[[ "${lines[2]}" == *"can't create directory '/tmp/x': Operation not permitted" ]]
	[ "${lines[3]}" = rc=1 ]
}

@test "seccomp: defaultErrnoRet sets the errno of the default action" {
	set_seccomp '{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 18,
		"syscalls": [{"names": $allow, "action": "SCMP_ACT_ALLOW"}]}' --argjson allow "$ALLOWLIST"
	set_args mkdir /tmp/x
	run berth run --bundle "$BUNDLE" sa2
	[ "$status" -eq 1 ]
	[[ "$output" == *"can't create directory '/tmp/x': Invalid cross-device link" ]]
}

@test "seccomp: an argument condition matches only some values" {
	# chmod fails when the mode gives group and others nothing (mask 077 equals 0)
	set_seccomp '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
		{"names": ["chmod"], "action": "SCMP_ACT_ERRNO",
		 "args": [{"index": 1, "value": 63, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
		{"names": ["fchmodat", "fchmodat2"], "action": "SCMP_ACT_ERRNO",
		 "args": [{"index": 2, "value": 63, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]}]}'
	update_config '.root.readonly = false'
	# one line: set_args splits its arguments at newlines
	set_args sh -c 'touch /tmp/f; chmod 0755 /tmp/f && echo ok755; chmod 0700 /tmp/f; echo rc=$?; chmod 0644 /tmp/f && echo ok644'
	run berth run --bundle "$BUNDLE" sc1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = ok755 ]
	[[ "${lines[1]}" == *"/tmp/f: Operation not permitted" ]]
	[ "${lines[2]}" = rc=1 ]
	[ "${lines[3]}" = ok644 ]
}

@test "seccomp: a syscall name libseccomp does not know is skipped" {
	set_seccomp '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
		{"names": ["berth_no_such_syscall", "mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO",
		 "errnoRet": 38}]}'
	set_args sh -c 'mkdir /tmp/x; echo rc=$?'
	run berth --debug --log "$BATS_TEST_TMPDIR/log" run --bundle "$BUNDLE" su1
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"Function not implemented" ]]
	[ "${lines[1]}" = rc=1 ]
	grep -q 'berth_no_such_syscall.*unknown to libseccomp; skipped' "$BATS_TEST_TMPDIR/log"
}

@test "seccomp: SCMP_ACT_LOG, SCMP_ACT_TRACE and the filter flags are accepted" {
	set_seccomp '{"defaultAction": "SCMP_ACT_ALLOW",
		"flags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
			  "SECCOMP_FILTER_FLAG_TSYNC"],
		"syscalls": [{"names": ["getppid"], "action": "SCMP_ACT_LOG"},
			     {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_TRACE", "errnoRet": 1}]}'
	# no tracer: a traced syscall fails with ENOSYS
	set_args sh -c 'echo ok; mkdir /tmp/x'
	run berth run --bundle "$BUNDLE" sl1
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = ok ]
	[[ "${lines[1]}" == *"Function not implemented" ]]
}

@test "seccomp: SCMP_ACT_KILL_PROCESS kills the container with SIGSYS" {
	set_seccomp '{"defaultAction": "SCMP_ACT_ALLOW",
		"syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_KILL_PROCESS"}]}'
	set_args mkdir /tmp/x
	run berth run --bundle "$BUNDLE" sk1
	[ "$status" -eq $((128 + 31)) ]
}

@test "seccomp: without noNewPrivileges the filter loads, for a non-root user too" {
	update_config '.process.noNewPrivileges = false | .process.user = {"uid": 1000, "gid": 1000}'
	set_seccomp "$MKDIR_ERRNO"
	set_args sh -c 'grep ^NoNewPrivs: /proc/self/status; id -u; mkdir /tmp/x'
	run berth run --bundle "$BUNDLE" sp1
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "NoNewPrivs:"$'\t'"0" ]
	[ "${lines[1]}" = 1000 ]
	[[ "${lines[2]}" == *"Function not implemented" ]]
}

@test "seccomp: exec gets the container's filter" {
	set_seccomp "$MKDIR_ERRNO"
	set_args sleep 100
	berth create --bundle "$BUNDLE" sx1
	berth start sx1
	run berth exec sx1 mkdir /tmp/x
	[ "$status" -eq 1 ]
	[[ "$output" == *"Function not implemented" ]]
}

@test "seccomp: a bad action is a one-line config error that leaves nothing behind" {
	set_seccomp '{"defaultAction": "SCMP_ACT_ALLOW",
		"syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_BOGUS"}]}'
	run berth run --bundle "$BUNDLE" sb1
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$output" = 'berth: config.json: linux.seccomp.syscalls[0].action: unknown action "SCMP_ACT_BOGUS"' ]
	[ ! -e "$ROOT/sb1" ]
	[ -z "$(leftover_mounts)" ]
	! pgrep -f "berth --root $ROOT" >/dev/null
}

@test "seccomp: an architecture libseccomp lacks fails create and leaves nothing behind" {
	# libseccomp 2.6 knows LoongArch; older ones do not
	if dpkg --compare-versions "$(pkg-config --modversion libseccomp)" ge 2.6; then
		skip "libseccomp knows SCMP_ARCH_LOONGARCH64"
	fi
	set_seccomp '{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_LOONGARCH64"]}'
	run berth create --bundle "$BUNDLE" sb2
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "berth: "*'linux.seccomp.architectures[0]: "SCMP_ARCH_LOONGARCH64" unknown to libseccomp'* ]]
	[ ! -e "$ROOT/sb2" ]
	[ -z "$(leftover_mounts)" ]
	! pgrep -f "berth --root $ROOT" >/dev/null
}

NOTIFY_MKDIR='{"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": $sock,
	"listenerMetadata": "agent-meta", "syscalls": [
	{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_NOTIFY"}]}'

@test "seccomp: a notify agent gets the listener fd and the state, and answers mkdir" {
	start_agent errno:95
	set_seccomp "$NOTIFY_MKDIR" --arg sock "$SOCK"
	set_args sh -c 'mkdir /tmp/x; echo rc=$?; test -d /tmp/x || echo absent'
	run berth run --bundle "$BUNDLE" sn1
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"can't create directory '/tmp/x': Operation not supported" ]]
	[ "${lines[1]}" = rc=1 ]
	[ "${lines[2]}" = absent ]
	wait_agent
	# the runtime-spec container process state, in one message with the fd
	[ "$(jq -c .fds "$STATE")" = '["seccompFd"]' ]
	[ "$(jq -r .metadata "$STATE")" = agent-meta ]
	[ "$(jq -r .state.id "$STATE")" = sn1 ]
	[ "$(jq -r .state.bundle "$STATE")" = "$BUNDLE" ]
	[ "$(jq -r .ociVersion "$STATE")" = "$(jq -r .state.ociVersion "$STATE")" ]
	[ "$(jq -r '.pid > 0 and .pid == .state.pid' "$STATE")" = true ]
	grep -q '^mkdir' "$STATE.log"
}

@test "seccomp: a notify agent can let the syscall continue" {
	start_agent continue
	set_seccomp "$NOTIFY_MKDIR" --arg sock "$SOCK"
	update_config '.root.readonly = false'
	set_args sh -c 'mkdir /tmp/x && test -d /tmp/x && echo made'
	run berth run --bundle "$BUNDLE" sn2
	[ "$status" -eq 0 ]
	[ "$output" = made ]
	wait_agent
	grep -q '^mkdir' "$STATE.log"
}

@test "seccomp: exec hands its own listener fd to the agent, with the process's pid" {
	start_agent continue
	set_seccomp "$NOTIFY_MKDIR" --arg sock "$SOCK"
	set_args sleep 100
	berth run -d --bundle "$BUNDLE" sn4
	for i in $(seq 50); do [ -s "$STATE" ] && break; sleep 0.1; done
	first=$AGENT
	# a second agent on the same path answers the exec'd process
	STATE1=$STATE
	"$BERTH_HELPERS/seccomp-agent" "$SOCK" "$BATS_TEST_TMPDIR/exec.json" errno:95 3>&- &
	second=$!
	for i in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
	run berth exec --pid-file "$BATS_TEST_TMPDIR/xpid" sn4 sh -c 'mkdir /tmp/y; echo rc=$?'
	[ "$status" -eq 0 ]
	[[ "$output" == *"Operation not supported"* ]]
	[[ "$output" == *"rc=1"* ]]
	[ "$(jq -r .state.id "$BATS_TEST_TMPDIR/exec.json")" = sn4 ]
	[ "$(jq -r .pid "$BATS_TEST_TMPDIR/exec.json")" = "$(cat "$BATS_TEST_TMPDIR/xpid")" ]
	[ "$(jq -r .pid "$STATE1")" = "$(berth state sn4 | jq -r .pid)" ]
	berth delete --force sn4
	wait "$second" || true
	AGENT=$first
	wait_agent
}

@test "seccomp: create fails and leaves nothing when no agent listens" {
	set_seccomp "$NOTIFY_MKDIR" --arg sock "$BATS_TEST_TMPDIR/nobody.sock"
	run berth create --bundle "$BUNDLE" sn3
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "berth: "*"linux.seccomp.listenerPath: connect to $BATS_TEST_TMPDIR/nobody.sock"* ]]
	[ ! -e "$ROOT/sn3" ]
	[ -z "$(leftover_mounts)" ]
	! pgrep -f "berth --root $ROOT" >/dev/null
}
