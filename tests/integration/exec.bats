#!/usr/bin/env bats
# berth exec: a new process joins every namespace of a running container.
load helpers

start_container() {
	set_args sleep 1000
	update_config '.hostname = "exhost"'
	berth run -d --bundle "$BUNDLE" "$1"
}

@test "exec: sees the container's pid, net, mount, uts and ipc namespaces" {
	start_container x1
	pid=$(berth state x1 | jq -r .pid)
	run berth exec x1 sh -c 'hostname; for n in pid net mnt uts ipc; do readlink /proc/self/ns/$n; done; cat /proc/1/cmdline | tr "\0" " "'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = exhost ]
	i=1
	for n in pid net mnt uts ipc; do
		[ "${lines[$i]}" = "$(readlink /proc/$pid/ns/$n)" ]
		i=$((i + 1))
	done
	[ "${lines[6]}" = "sleep 1000 " ]
}

@test "exec: the exit code of the process is exec's exit code" {
	start_container x2
	run berth exec x2 sh -c 'exit 42'
	[ "$status" -eq 42 ]
}

@test "exec: user, cwd, env and added capabilities" {
	start_container x3
	run berth exec -u 1000:1000 --cwd /tmp -e FOO=bar -e PATH=/bin --cap CAP_NET_RAW x3 sh -c 'id -u; id -g; pwd; echo $FOO $PATH; grep CapBnd /proc/self/status'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 1000 ]
	[ "${lines[1]}" = 1000 ]
	[ "${lines[2]}" = /tmp ]
	[ "${lines[3]}" = "bar /bin" ]
	# CAP_NET_RAW (13) added to the default three
	[ "${lines[4]}" = "CapBnd:	0000000020002420" ]
}

@test "exec: --additional-gids and --no-new-privs" {
	start_container x4
	update_config '.process.noNewPrivileges = false'
	run berth exec --additional-gids 7 --additional-gids 8 --no-new-privs x4 sh -c 'grep -E "^(Groups|NoNewPrivs)" /proc/self/status'
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Groups:	7 8"* ]]
	[ "${lines[1]}" = "NoNewPrivs:	1" ]
}

@test "exec: --process takes the whole process from a file" {
	start_container x5
	cat >"$BATS_TEST_TMPDIR/process.json" <<-'JSON'
	{"args": ["sh", "-c", "echo $GREETING; pwd; id -u"], "cwd": "/bin", "env": ["GREETING=hi", "PATH=/bin"], "user": {"uid": 5, "gid": 5}}
	JSON
	run berth exec --process "$BATS_TEST_TMPDIR/process.json" x5
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = hi ]
	[ "${lines[1]}" = /bin ]
	[ "${lines[2]}" = 5 ]
}

@test "exec: -d detaches and --pid-file names the new process" {
	start_container x6
	berth exec -d --pid-file "$BATS_TEST_TMPDIR/xpid" x6 sleep 500
	xpid=$(cat "$BATS_TEST_TMPDIR/xpid")
	grep -q sleep "/proc/$xpid/cmdline"
	[ "$(readlink /proc/$xpid/ns/pid)" = "$(readlink /proc/$(berth state x6 | jq -r .pid)/ns/pid)" ]
}

@test "exec: a tty through --console-socket" {
	start_container x7
	SOCK="$BATS_TEST_TMPDIR/c.sock"
	"$BERTH_HELPERS/console-receiver" "$SOCK" "$BATS_TEST_TMPDIR/tty.out" &
	for i in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.05; done
	berth exec -t -d --console-socket "$SOCK" x7 sh -c 'tty; [ -t 1 ] && echo is-tty'
	wait
	grep -q '^/dev/pts/' "$BATS_TEST_TMPDIR/tty.out"
	grep -q is-tty "$BATS_TEST_TMPDIR/tty.out"
}

@test "exec: a tty relayed to exec's own terminal" {
	start_container x8
	run script -qec "$BERTH_BIN --root $ROOT exec -t x8 sh -c 'tty; exit 4'" /dev/null
	[ "$status" -eq 4 ]
	[[ "$output" == *"/dev/pts/"* ]]
}

@test "exec: errors for a missing program, a stopped and a missing container" {
	start_container x9
	run berth exec x9 nosuchprog
	[ "$status" -eq 1 ]
	[ "$output" = 'berth: exec: "nosuchprog": executable file not found in $PATH' ]
	berth kill x9 KILL
	run berth exec x9 true
	[ "$status" -eq 1 ]
	[ "$output" = "berth: cannot exec in a stopped container" ]
	run berth exec nosuch true
	[ "$status" -eq 1 ]
	[ "$output" = "berth: container does not exist: nosuch" ]
	run berth exec x9
	[ "$status" -eq 1 ]
	[ "$output" = "berth: exec: a command or --process is required" ]
}

@test "exec: --apparmor on a host without AppArmor is a clear error" {
	[ -e /sys/kernel/security/apparmor ] && skip "AppArmor is enabled here"
	start_container x10
	run berth exec --apparmor myprofile x10 true
	[ "$status" -eq 1 ]
	[ "$output" = "berth: --apparmor: AppArmor is not enabled on this host" ]
}
