#!/usr/bin/env bats
# Lifecycle hooks: each kind runs once, at its point of the lifecycle, in its namespaces, with
# the state of that point on stdin; failures act as runtime-spec 1.2 says (config.md
# "POSIX-platform Hooks", runtime.md "Lifecycle").
load helpers

# setup_hooks: $HOOK (host) and /hook.sh (rootfs) append "<kind> <status> <pid> <hostname>"
# to $LOG, which the container sees as /hooklog/hooks.log. No jq: startContainer runs inside
# the busybox rootfs.
setup_hooks() {
	LOGDIR="$BATS_TEST_TMPDIR/hooklog"
	LOG="$LOGDIR/hooks.log"
	HOOK="$BATS_TEST_TMPDIR/hook.sh"
	mkdir -p "$LOGDIR"
	cat >"$HOOK" <<'EOF'
#!/bin/sh
state=$(cat)
status=$(printf '%s\n' "$state" | sed -n 's/.*"status": *"\([a-z]*\)".*/\1/p')
pid=$(printf '%s\n' "$state" | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p')
echo "$1 $status $pid $(cat /proc/sys/kernel/hostname)" >>"$2"
EOF
	chmod 755 "$HOOK"
	cp "$HOOK" "$BUNDLE/rootfs/hook.sh"
	update_config '.hostname = "hooked"
		| .mounts += [{"destination": "/hooklog", "type": "bind", "source": "'"$LOGDIR"'",
			"options": ["rbind", "rw"]}]
		| .hooks = {
		"prestart": [{"path": "'"$HOOK"'", "args": ["hook", "prestart", "'"$LOG"'"]}],
		"createRuntime": [{"path": "'"$HOOK"'", "args": ["hook", "createRuntime", "'"$LOG"'"]}],
		"createContainer": [{"path": "'"$HOOK"'", "args": ["hook", "createContainer", "'"$LOG"'"]}],
		"startContainer": [{"path": "/hook.sh", "args": ["hook", "startContainer", "/hooklog/hooks.log"]}],
		"poststart": [{"path": "'"$HOOK"'", "args": ["hook", "poststart", "'"$LOG"'"]}],
		"poststop": [{"path": "'"$HOOK"'", "args": ["hook", "poststop", "'"$LOG"'"]}]}'
}

@test "hooks: each kind runs once, in order, in its namespace, with the state of its point" {
	setup_hooks
	host=$(cat /proc/sys/kernel/hostname)
	set_args sh -c 'cat /hooklog/hooks.log >/hooklog/seen-by-process; sleep 100'
	berth create --bundle "$BUNDLE" k1
	pid=$(berth state k1 | jq -r .pid)
	# prestart and createRuntime: runtime namespace, host pid; createContainer: container
	# namespace, the pid the container sees
	[ "$(cat "$LOG")" = "prestart creating $pid $host
createRuntime creating $pid $host
createContainer creating 1 hooked" ]
	berth start k1
	# poststart ran before start returned, after the process started
	[ "$(tail -n 2 "$LOG")" = "startContainer created 1 hooked
poststart running $pid $host" ]
	for i in $(seq 50); do [ -s "$LOGDIR/seen-by-process" ] && break; sleep 0.1; done
	# the user's program ran after startContainer
	[ "$(tail -n 1 "$LOGDIR/seen-by-process")" = "startContainer created 1 hooked" ]
	berth kill k1 KILL
	wait_for_status k1 stopped
	[ "$(wc -l <"$LOG")" -eq 5 ]
	berth delete k1
	[ "$(tail -n 1 "$LOG")" = "poststop stopped 0 $host" ]
	[ "$(wc -l <"$LOG")" -eq 6 ]
	[ ! -e "$ROOT/k1" ]
}

@test "hooks: run fires all six, poststop after the container is gone" {
	setup_hooks
	set_args true
	run berth run --bundle "$BUNDLE" k2
	[ "$status" -eq 0 ]
	[ "$(cut -d' ' -f1,2 "$LOG" | tr '\n' ',')" = "prestart creating,createRuntime creating,createContainer creating,startContainer created,poststart running,poststop stopped," ]
	[ ! -e "$ROOT/k2" ]
}

@test "hooks: args, env and stdin reach the hook as configured" {
	out="$BATS_TEST_TMPDIR/hook-out"
	update_config '.hooks.prestart = [{"path": "/bin/sh",
		"args": ["my-sh", "-c", "echo \"$0 $FOO\" >'"$out"'; env | sort >>'"$out"'; cat >>'"$out"'", "arg0"],
		"env": ["FOO=bar"]}]'
	berth create --bundle "$BUNDLE" k3
	[ "$(head -n 1 "$out")" = "arg0 bar" ]
	grep -qx 'FOO=bar' "$out"
	! grep -q '^HOME=' "$out"
	[ "$(sed -n '/^{/,$p' "$out" | jq -r .id)" = k3 ]
	[ "$(sed -n '/^{/,$p' "$out" | jq -r .bundle)" = "$BUNDLE" ]
}

@test "hooks: a failing prestart hook fails create, runs poststop and leaves nothing" {
	setup_hooks
	update_config '.hooks.prestart = [{"path": "/bin/sh", "args": ["sh", "-c", "echo nope >&2; exit 3"]}]'
	run berth create --bundle "$BUNDLE" f1
	expect_clean_failure f1
	[ "$output" = "berth: hooks.prestart[0]: /bin/sh: exit status 3, stderr: nope" ]
	# createRuntime never ran; the destroyed container's poststop did (runtime.md steps 3, 12, 13)
	[ "$(cut -d' ' -f1 "$LOG" | tr '\n' ' ')" = "poststop " ]
}

@test "hooks: a failing createRuntime hook fails create and leaves nothing" {
	update_config '.hooks.createRuntime = [{"path": "/bin/true"}, {"path": "/bin/false"}]'
	run berth create --bundle "$BUNDLE" f2
	expect_clean_failure f2
	[ "$output" = "berth: hooks.createRuntime[1]: /bin/false: exit status 1" ]
}

@test "hooks: a failing createContainer hook fails create and leaves nothing" {
	update_config '.hooks.createContainer = [{"path": "/bin/sh", "args": ["sh", "-c", "exit 4"]}]'
	run berth create --bundle "$BUNDLE" f3
	expect_clean_failure f3
	[ "$output" = "berth: hooks.createContainer[0]: /bin/sh: exit status 4" ]
}

@test "hooks: a missing hook binary is a one-line error naming the hook" {
	update_config '.hooks.prestart = [{"path": "/nonexistent/hook"}]'
	run berth create --bundle "$BUNDLE" f4
	expect_clean_failure f4
	[ "$output" = "berth: hooks.prestart[0]: /nonexistent/hook: exec: No such file or directory" ]
}

@test "hooks: a hook past its timeout is killed and create fails" {
	pidfile="$BATS_TEST_TMPDIR/hook.pid"
	update_config '.hooks.createRuntime = [{"path": "/bin/sh",
		"args": ["sh", "-c", "echo $$ >'"$pidfile"'; exec sleep 30"], "timeout": 1}]'
	SECONDS=0
	run berth create --bundle "$BUNDLE" f5
	[ "$SECONDS" -lt 10 ]
	expect_clean_failure f5
	[ "$output" = "berth: hooks.createRuntime[0]: /bin/sh: timed out after 1s" ]
	# the hook itself was killed (SIGKILL) and reaped
	! kill -0 "$(cat "$pidfile")" 2>/dev/null
}

@test "hooks: a failing startContainer hook fails start and stops the container" {
	set_args sleep 100
	update_config '.hooks.startContainer = [{"path": "/bin/false"}]'
	berth create --bundle "$BUNDLE" f6
	run berth start f6
	[ "$status" -eq 1 ]
	[ "$output" = "berth: hooks.startContainer[0]: /bin/false: exit status 1" ]
	wait_for_status f6 stopped
	berth delete f6
	[ ! -e "$ROOT/f6" ]
}

@test "hooks: a failing poststart hook fails start and stops the container" {
	set_args sleep 100
	update_config '.hooks.poststart = [{"path": "/bin/false"}]'
	berth create --bundle "$BUNDLE" f7
	run berth start f7
	[ "$status" -eq 1 ]
	[ "$output" = "berth: hooks.poststart[0]: /bin/false: exit status 1" ]
	wait_for_status f7 stopped
	berth delete f7
}

@test "hooks: a failing poststop hook is a warning; the others run and delete succeeds" {
	mark="$BATS_TEST_TMPDIR/second-ran"
	set_args true
	update_config '.hooks.poststop = [{"path": "/bin/false"}, {"path": "/bin/touch", "args": ["touch", "'"$mark"'"]}]'
	berth create --bundle "$BUNDLE" w1
	berth start w1
	wait_for_status w1 stopped
	run berth delete w1
	[ "$status" -eq 0 ]
	[[ "$output" == *"hooks.poststop[0]: /bin/false: exit status 1; continuing"* ]]
	[ -e "$mark" ]
	[ ! -e "$ROOT/w1" ]
}

@test "hooks: a relative hook path is refused by the config check" {
	update_config '.hooks.prestart = [{"path": "bin/true"}]'
	run berth create --bundle "$BUNDLE" r1
	expect_clean_failure r1
	[[ "$output" == "berth: config.json: hooks.prestart[0].path: "* ]]
}
