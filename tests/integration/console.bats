#!/usr/bin/env bats
# process.terminal with --console-socket: the pty master reaches the engine (SCM_RIGHTS).
load helpers

@test "console: the container's stdio is a pty whose master arrives on the console socket" {
	update_config '.process.terminal = true | .process.consoleSize = {"height": 33, "width": 101}'
	set_args sh -c 'tty; stty size; ls -l /dev/console | cut -c1; [ -t 0 ] && echo stdin-is-tty'
	start_receiver
	run berth run -d --console-socket "$SOCK" --bundle "$BUNDLE" t1
	[ "$status" -eq 0 ]
	wait $RECV
	out=$(tr -d '\r' <"$BATS_TEST_TMPDIR/tty.out")
	[[ "$out" == "/dev/pts/0"* ]]
	[[ "$out" == *"33 101"* ]]
	[[ "$out" == *$'\nc\n'* ]]
	[[ "$out" == *stdin-is-tty* ]]
}

@test "console: input written to the master reaches the container" {
	update_config '.process.terminal = true'
	set_args sh -c 'read line; echo "got:$line"'
	start_receiver $'hello\n'
	berth run -d --console-socket "$SOCK" --bundle "$BUNDLE" t2
	wait $RECV
	grep -q "got:hello" "$BATS_TEST_TMPDIR/tty.out"
}

@test "console: the terminal is the controlling tty of a new session" {
	update_config '.process.terminal = true'
	set_args sh -c 'cat /proc/self/stat | cut -d" " -f6,7'
	start_receiver
	berth create --console-socket "$SOCK" --bundle "$BUNDLE" t3
	berth start t3
	wait $RECV
	# session id 1 (init leads it) and a non-zero tty_nr
	read -r sid ttynr < <(tr -d '\r' <"$BATS_TEST_TMPDIR/tty.out")
	[ "$sid" = 1 ]
	[ "$ttynr" != 0 ]
}

@test "console: --console-socket with terminal false is refused" {
	start_receiver
	run berth create --console-socket "$SOCK" --bundle "$BUNDLE" t4
	[ "$status" -eq 1 ]
	[[ "$output" == "berth: --console-socket: cannot be used when process.terminal is false" ]]
	[ ! -e "$ROOT/t4" ]
	kill $RECV || true
}

@test "console: run in the foreground relays the terminal to its own stdio" {
	update_config '.process.terminal = true'
	set_args sh -c 'tty; exit 5'
	run script -qec "$BERTH_BIN --root $ROOT run --bundle $BUNDLE t5" /dev/null
	[ "$status" -eq 5 ]
	[[ "$output" == *"/dev/pts/0"* ]]
}

@test "console: a created container with a terminal holds none of create's stdio" {
	# containerd's runc shim reads create's stdout and stderr pipes to EOF before it takes
	# the pty master: the waiting init must already have the pty as its stdio (runc too)
	update_config '.process.terminal = true'
	set_args sh -c 'tty'
	start_receiver
	# the pipe's reader gets EOF when create exits, not when the container does
	run timeout 10 sh -c '"$@" 2>&1 | cat' sh "$BERTH_BIN" --root "$ROOT" create \
		--console-socket "$SOCK" --bundle "$BUNDLE" t6
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	ls -l /proc/"$(berth state t6 | jq -r .pid)"/fd/ | grep -q ' 1 -> /dev/pts/'
	berth start t6
	wait $RECV
	grep -q "/dev/pts/0" "$BATS_TEST_TMPDIR/tty.out"
}
