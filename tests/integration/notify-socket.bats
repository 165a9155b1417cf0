#!/usr/bin/env bats
# NOTIFY_SOCKET pass-through, as runc: the container gets its own socket at
# /run/notify/notify.sock, and `berth start` (or run) relays its READY=1 to the caller's socket
# with MAINPID, then waits for the receiver's BARRIER answer.
load helpers

# start_receiver: a fake systemd on $NSOCK writing what it gets to $NOUT.
start_receiver() {
	NSOCK="$BATS_TEST_TMPDIR/notify.sock"
	NOUT="$BATS_TEST_TMPDIR/notify.out"
	"$BERTH_HELPERS/notify-receiver" "$NSOCK" "$NOUT" 3>&- &
	RECEIVER=$!
	for i in $(seq 50); do [ -S "$NSOCK" ] && break; sleep 0.1; done
	[ -S "$NSOCK" ]
}

# The container sends with busybox logger, which writes one datagram to /dev/log: point that
# at NOTIFY_SOCKET. Its syslog header comes first; READY=1 is on a line of its own.
SEND_READY='ln -s "$NOTIFY_SOCKET" /dev/log && logger "$(printf "starting\nREADY=1")"'

@test "notify-socket: READY=1 from the container reaches the caller with MAINPID" {
	start_receiver
	set_args sh -c "echo \$NOTIFY_SOCKET >/tmp/env; $SEND_READY; sleep 100"
	update_config '.root.readonly = false'
	NOTIFY_SOCKET="$NSOCK" berth create --bundle "$BUNDLE" r1
	pid=$(berth state r1 | jq -r .pid)
	NOTIFY_SOCKET="$NSOCK" berth start r1
	wait "$RECEIVER" # it exits once the barrier came
	[ "$(cat "$NOUT")" = "READY=1
MAINPID=$pid" ]
	[ "$(cat "$BUNDLE/rootfs/tmp/env")" = /run/notify/notify.sock ]
}

@test "notify-socket: run relays READY=1 too" {
	start_receiver
	set_args sh -c "$SEND_READY"
	NOTIFY_SOCKET="$NSOCK" run berth run --bundle "$BUNDLE" r2
	[ "$status" -eq 0 ]
	wait "$RECEIVER"
	[[ "$(cat "$NOUT")" == "READY=1"* ]]
}

@test "notify-socket: run with a relayed terminal relays READY=1 from its wait loop" {
	start_receiver
	update_config '.process.terminal = true | .root.readonly = false'
	set_args sh -c "$SEND_READY; echo after-ready; sleep 0.5"
	run script -qec "NOTIFY_SOCKET=$NSOCK $BERTH_BIN --root $ROOT run --bundle $BUNDLE r5" /dev/null
	[ "$status" -eq 0 ]
	[[ "$output" == *after-ready* ]]
	for i in $(seq 50); do [ -s "$NOUT" ] && break; sleep 0.1; done
	kill "$RECEIVER" 2>/dev/null || true
	[[ "$(cat "$NOUT")" == "READY=1"* ]]
}

@test "notify-socket: start returns when the container exits without READY" {
	start_receiver
	set_args true
	NOTIFY_SOCKET="$NSOCK" berth create --bundle "$BUNDLE" r3
	SECONDS=0
	NOTIFY_SOCKET="$NSOCK" berth start r3
	[ "$SECONDS" -lt 10 ]
	[ ! -s "$NOUT" ]
	kill "$RECEIVER"
}

@test "notify-socket: without NOTIFY_SOCKET nothing is mounted or set" {
	set_args sh -c 'test -e /run/notify; echo $?; echo "[$NOTIFY_SOCKET]"'
	run env -u NOTIFY_SOCKET "$BERTH_BIN" --root "$ROOT" run --bundle "$BUNDLE" r4
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 1 ]
	[ "${lines[1]}" = "[]" ]
}
