#!/usr/bin/env bats
# Rootless: an unprivileged user runs a container in a user namespace mapping only their
# own id, with state under $XDG_RUNTIME_DIR, as `runc --rootless` does.
load helpers

setup() {
	id berthtest >/dev/null 2>&1 || useradd -m berthtest
	RL=$(mktemp -d /tmp/berth-rootless.XXXXXX)
	chmod 755 "$RL"
	BUNDLE="$RL/bundle"
	mkdir -p "$BUNDLE"
	busybox_rootfs "$BUNDLE/rootfs"
	cp "$BERTH_BIN" "$RL/berth"
	chown -R berthtest "$RL"
	as_user "$RL/berth spec --rootless --bundle $BUNDLE"
}

teardown() {
	as_user "$RL/berth delete --force r2" >/dev/null 2>&1 || true
	rm -rf "$RL"
}

as_user() {
	su berthtest -s /bin/sh -c "cd $RL && XDG_RUNTIME_DIR=$RL/xdg $1"
}

@test "rootless: berth spec --rootless maps the caller's own ids" {
	uid=$(id -u berthtest)
	[ "$(jq -r '.linux.uidMappings[0] | "\(.containerID) \(.hostID) \(.size)"' "$BUNDLE/config.json")" = "0 $uid 1" ]
	jq -e '.linux.namespaces | map(.type) | index("user")' "$BUNDLE/config.json"
}

@test "rootless: an unprivileged user runs a container as root of its user namespace" {
	jq '.process.terminal = false | .process.args = ["sh", "-c", "id -u; cat /proc/self/uid_map; echo $$"]' \
		"$BUNDLE/config.json" >"$RL/c" && mv "$RL/c" "$BUNDLE/config.json" && chown berthtest "$BUNDLE/config.json"
	mkdir -p "$RL/xdg" && chown berthtest "$RL/xdg"
	run as_user "$RL/berth run --bundle $BUNDLE r1"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 0 ]
	[ "$(echo ${lines[1]})" = "0 $(id -u berthtest) 1" ]
	[ "${lines[2]}" = 1 ]
	# state lived under $XDG_RUNTIME_DIR/berth and was removed with the container
	[ -d "$RL/xdg/berth" ]
	[ ! -e "$RL/xdg/berth/r1" ]
}

@test "rootless: create, state, kill and delete as the user" {
	jq '.process.terminal = false | .process.args = ["sleep", "100"]' \
		"$BUNDLE/config.json" >"$RL/c" && mv "$RL/c" "$BUNDLE/config.json" && chown berthtest "$BUNDLE/config.json"
	mkdir -p "$RL/xdg" && chown berthtest "$RL/xdg"
	as_user "$RL/berth run -d --bundle $BUNDLE r2 >/dev/null 2>&1"
	[ "$(as_user "$RL/berth state r2" | jq -r .status)" = running ]
	pid=$(as_user "$RL/berth state r2" | jq -r .pid)
	[ "$(stat -c %U /proc/$pid)" = berthtest ]
	as_user "$RL/berth kill r2 KILL"
	as_user "$RL/berth delete r2"
	[ ! -e "$RL/xdg/berth/r2" ]
}

@test "rootless: mapping ids beyond your own without newuidmap is a clear error" {
	jq '.process.terminal = false | .linux.uidMappings[0].size = 1000' \
		"$BUNDLE/config.json" >"$RL/c" && mv "$RL/c" "$BUNDLE/config.json" && chown berthtest "$BUNDLE/config.json"
	mkdir -p "$RL/xdg" && chown berthtest "$RL/xdg"
	# a PATH without newuidmap stands for a host without the uidmap package
	run as_user "PATH=/nonexistent $RL/berth run --bundle $BUNDLE r3"
	[ "$status" -eq 1 ]
	[ "$output" = "berth: linux.uidMappings: mapping more than your own id needs newuidmap (package uidmap)" ]
	[ ! -e "$RL/xdg/berth/r3" ]
}

@test "rootless: subordinate ids are mapped through newuidmap and newgidmap" {
	command -v newuidmap >/dev/null || skip "newuidmap (package uidmap) is not installed"
	grep -q '^berthtest:' /etc/subuid || echo "berthtest:300000:65536" >>/etc/subuid
	grep -q '^berthtest:' /etc/subgid || echo "berthtest:300000:65536" >>/etc/subgid
	sub=$(grep '^berthtest:' /etc/subuid | cut -d: -f2)
	uid=$(id -u berthtest)
	jq --argjson u "$uid" --argjson s "$sub" '.process.terminal = false
		| .process.args = ["sh", "-c", "cat /proc/self/uid_map /proc/self/gid_map | xargs; id -u"]
		| .linux.uidMappings = [{"containerID": 0, "hostID": $u, "size": 1}, {"containerID": 1, "hostID": $s, "size": 1000}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": $u, "size": 1}, {"containerID": 1, "hostID": $s, "size": 1000}]' \
		"$BUNDLE/config.json" >"$RL/c" && mv "$RL/c" "$BUNDLE/config.json" && chown berthtest "$BUNDLE/config.json"
	mkdir -p "$RL/xdg" && chown berthtest "$RL/xdg"
	run as_user "$RL/berth run --bundle $BUNDLE r4"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "0 $uid 1 1 $sub 1000 0 $uid 1 1 $sub 1000" ]
	[ "${lines[1]}" = 0 ]
}
