#!/usr/bin/env bats
# berth run: exit status, signals, and what the process sees of itself.
load helpers

@test "run: exits with the container's exit code" {
	set_args sh -c 'exit 42'
	run berth run --bundle "$BUNDLE" e1
	[ "$status" -eq 42 ]
	[ ! -e "$ROOT/e1" ]
}

@test "run: a container killed by a signal gives 128+N" {
	# pid 1 cannot be killed from inside its namespace: kill it from outside
	set_args sh -c 'echo ready; sleep 100'
	berth run --bundle "$BUNDLE" e2 >"$BATS_TEST_TMPDIR/out" &
	runpid=$!
	for i in $(seq 50); do grep -q ready "$BATS_TEST_TMPDIR/out" && break; sleep 0.1; done
	berth kill e2 KILL
	wait $runpid || status=$?
	[ "${status:-0}" -eq 137 ]
}

@test "run: --keep leaves a stopped container to delete" {
	set_args true
	run berth run --keep --bundle "$BUNDLE" e3
	[ "$status" -eq 0 ]
	[ "$(berth state e3 | jq -r .status)" = stopped ]
	berth delete e3
	[ ! -e "$ROOT/e3" ]
}

@test "run: signals sent to berth run are forwarded to the container" {
	set_args sh -c 'trap "exit 7" TERM; echo ready; while true; do sleep 0.05; done'
	# the binary itself, not the berth() function: $! must be berth's pid
	"$BERTH_BIN" --root "$ROOT" run --bundle "$BUNDLE" f1 >"$BATS_TEST_TMPDIR/out" &
	runpid=$!
	for i in $(seq 50); do grep -q ready "$BATS_TEST_TMPDIR/out" && break; sleep 0.1; done
	kill -TERM $runpid
	wait $runpid || status=$?
	[ "${status:-0}" -eq 7 ]
}

@test "run: the process is pid 1 in a new pid namespace" {
	set_args sh -c 'echo $$'
	run berth run --bundle "$BUNDLE" p1
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
}

@test "run: hostname and domainname come from the config" {
	update_config '.hostname = "boxy" | .domainname = "example.org"'
	set_args sh -c 'hostname; cat /proc/sys/kernel/domainname'
	run berth run --bundle "$BUNDLE" h1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = boxy ]
	[ "${lines[1]}" = example.org ]
}

@test "run: env is the config's plus HOME from the container's passwd" {
	update_config '.process.env = ["PATH=/bin", "FOO=bar baz"] | .process.user = {"uid": 1000, "gid": 1000}'
	set_args env
	run berth run --bundle "$BUNDLE" env1
	[ "$status" -eq 0 ]
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "FOO=bar baz HOME=/home/user PATH=/bin " ]
}

@test "run: cwd is honoured" {
	update_config '.process.cwd = "/tmp"'
	set_args pwd
	run berth run --bundle "$BUNDLE" cwd1
	[ "$status" -eq 0 ]
	[ "$output" = /tmp ]
}

@test "run: a missing cwd is created, as runc does" {
	update_config '.process.cwd = "/no/such/dir" | .root.readonly = false'
	set_args pwd
	run berth run --bundle "$BUNDLE" cwd2
	[ "$status" -eq 0 ]
	[ "$output" = /no/such/dir ]
}

@test "run: a cwd that is not a directory fails with its path named" {
	update_config '.process.cwd = "/bin/busybox"'
	run berth run --bundle "$BUNDLE" cwd3
	[ "$status" -eq 1 ]
	[ "$output" = "berth: process.cwd: chdir to /bin/busybox: Not a directory" ]
	[ ! -e "$ROOT/cwd3" ]
}

@test "run: uid, gid, additional gids and groups from /etc/group" {
	update_config '.process.user = {"uid": 1000, "gid": 1000, "additionalGids": [5, 1000]}'
	set_args sh -c 'id -u; id -g; grep ^Groups /proc/self/status'
	run berth run --bundle "$BUNDLE" u1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 1000 ]
	[ "${lines[1]}" = 1000 ]
	# wheel (10) and audio (29) list "user" in the rootfs's /etc/group
	[ "$(echo "${lines[2]}" | cut -f2 | tr ' ' '\n' | sort -n | xargs)" = "5 10 29 1000" ]
}

@test "run: root without group memberships has no supplementary groups, like runc" {
	set_args grep ^Groups /proc/self/status
	run berth run --bundle "$BUNDLE" u2
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | cut -f2 | xargs)" = "" ]
}

@test "run: umask defaults to 0022 and follows process.user.umask" {
	set_args sh -c umask
	run berth run --bundle "$BUNDLE" m1
	[ "$output" = 0022 ]
	update_config '.process.user.umask = 63'
	run berth run --bundle "$BUNDLE" m2
	[ "$output" = 0077 ]
}

@test "run: capabilities are the five configured sets" {
	set_args grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb)' /proc/self/status
	run berth run --bundle "$BUNDLE" cap1
	[ "$status" -eq 0 ]
	# CAP_AUDIT_WRITE (29), CAP_KILL (5), CAP_NET_BIND_SERVICE (10)
	[[ "$output" == *"CapInh:	0000000000000000"* ]]
	[[ "$output" == *"CapPrm:	0000000020000420"* ]]
	[[ "$output" == *"CapEff:	0000000020000420"* ]]
	[[ "$output" == *"CapBnd:	0000000020000420"* ]]
	[[ "$output" == *"CapAmb:	0000000000000000"* ]]
}

@test "run: ambient capabilities reach a non-root process" {
	update_config '.process.user = {"uid": 1000, "gid": 1000}
		| .process.capabilities.inheritable = ["CAP_NET_BIND_SERVICE"]
		| .process.capabilities.ambient = ["CAP_NET_BIND_SERVICE"]'
	set_args grep -E '^Cap(Eff|Amb)' /proc/self/status
	run berth run --bundle "$BUNDLE" cap2
	[ "$status" -eq 0 ]
	[[ "$output" == *"CapEff:	0000000000000400"* ]]
	[[ "$output" == *"CapAmb:	0000000000000400"* ]]
}

@test "run: noNewPrivileges is set when asked, and only then" {
	set_args grep NoNewPrivs /proc/self/status
	run berth run --bundle "$BUNDLE" n1
	[[ "$output" == *"NoNewPrivs:	1" ]]
	update_config '.process.noNewPrivileges = false'
	run berth run --bundle "$BUNDLE" n2
	[[ "$output" == *"NoNewPrivs:	0" ]]
}

@test "run: rlimits are applied" {
	update_config '.process.rlimits = [{"type": "RLIMIT_NOFILE", "soft": 512, "hard": 1000},
		{"type": "RLIMIT_CORE", "soft": 0, "hard": 0}]'
	set_args sh -c 'ulimit -Sn; ulimit -Hn; ulimit -c'
	run berth run --bundle "$BUNDLE" rl1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 512 ]
	[ "${lines[1]}" = 1000 ]
	[ "${lines[2]}" = 0 ]
}

@test "run: oomScoreAdj is applied" {
	update_config '.process.oomScoreAdj = 123'
	set_args cat /proc/self/oom_score_adj
	run berth run --bundle "$BUNDLE" oom1
	[ "$output" = 123 ]
}

@test "run: only stdio reaches the container, no other fd leaks" {
	set_args ls /proc/self/fd
	run berth run --bundle "$BUNDLE" fd1 7</dev/null 8>/dev/null
	[ "$status" -eq 0 ]
	# 0 1 2 and the fd ls itself opens for the directory
	[ "$(echo $output)" = "0 1 2 3" ]
}

@test "run: --preserve-fds passes fds 3..3+N-1" {
	echo preserved >"$BATS_TEST_TMPDIR/in"
	echo secret >"$BATS_TEST_TMPDIR/secret"
	set_args sh -c 'cat <&3; ls -l /proc/self/fd/ 2>/dev/null | grep -c secret'
	run berth run --preserve-fds 1 --bundle "$BUNDLE" fd2 3<"$BATS_TEST_TMPDIR/in" 4<"$BATS_TEST_TMPDIR/secret"
	[ "${lines[0]}" = preserved ]
	# fd 4 was not preserved
	[ "${lines[1]}" = 0 ]
}

@test "run: LISTEN_FDS sockets are passed with LISTEN_FDS and LISTEN_PID" {
	set_args sh -c 'echo $LISTEN_FDS $LISTEN_PID; cat <&3'
	echo activated >"$BATS_TEST_TMPDIR/in"
	LISTEN_FDS=1 run berth run --bundle "$BUNDLE" fd3 3<"$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "1 1" ]
	[ "${lines[1]}" = activated ]
}

@test "run: -d detaches, the container keeps running" {
	set_args sleep 100
	berth run -d --bundle "$BUNDLE" d1
	[ "$(berth state d1 | jq -r .status)" = running ]
}

@test "run: a program missing from PATH is a create-time error like runc's" {
	set_args nosuchprog
	run berth run --bundle "$BUNDLE" x1
	[ "$status" -eq 1 ]
	[[ "$output" == 'berth: exec: "nosuchprog": executable file not found in $PATH' ]]
	[ ! -e "$ROOT/x1" ]
}

@test "run: a container cannot overwrite the host berth binary (CVE-2019-5736)" {
	# the attack: hold /proc/<runtime>/exe open from inside, reopen it for writing once the
	# runtime has exited. berth runs from a sealed memfd copy, so the write cannot land.
	cp "$BERTH_BIN" "$BATS_TEST_TMPDIR/berth-copy"
	sum=$(sha256sum "$BATS_TEST_TMPDIR/berth-copy" | cut -d' ' -f1)
	# the strongest attacker: shared pid namespace, ptrace and DAC override capabilities
	update_config '.linux.namespaces = [.linux.namespaces[] | select(.type != "pid")]
		| .process.capabilities.bounding += ["CAP_SYS_PTRACE", "CAP_DAC_OVERRIDE"]
		| .process.capabilities.effective = .process.capabilities.bounding
		| .process.capabilities.permitted = .process.capabilities.bounding'
	set_args sh -c '(exec 5</proc/$PPID/exe; while kill -0 $PPID 2>/dev/null; do sleep 0.02; done; echo pwned >>/proc/self/fd/5 2>/dev/null && echo WROTE >/tmp/result || echo refused >/tmp/result) & sleep 0.2'
	update_config '.root.readonly = false'
	# not under `run`: the background process keeps the output pipe open
	# --keep: without it run would destroy the cgroup, and the attacker in it, on exit
	"$BATS_TEST_TMPDIR/berth-copy" --root "$ROOT" run --keep --bundle "$BUNDLE" cve1 >"$BATS_TEST_TMPDIR/out" 2>&1 || { cat "$BATS_TEST_TMPDIR/out"; false; }
	for i in $(seq 50); do [ -s "$BUNDLE/rootfs/tmp/result" ] && break; sleep 0.1; done
	[ "$(cat "$BUNDLE/rootfs/tmp/result")" = refused ]
	[ "$(sha256sum "$BATS_TEST_TMPDIR/berth-copy" | cut -d' ' -f1)" = "$sum" ]
}

@test "run: --preserve-fds naming a closed fd is refused (no berth fd may take its place)" {
	set_args ls -l /proc/self/fd/
	# bats holds some low fds open itself: claim far more than are open
	run berth run --preserve-fds 200 --bundle "$BUNDLE" fd4 3</dev/null
	[ "$status" -eq 1 ]
	[[ "$output" =~ ^"berth: --preserve-fds: fd "[0-9]+" is not open"$ ]]
	[ ! -e "$ROOT/fd4" ]
}
