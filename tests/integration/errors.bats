#!/usr/bin/env bats
# Bad input: one line naming the field or argument and the reason, exit 1, nothing left.
load helpers

@test "errors: invalid JSON in config.json" {
	echo '{"ociVersion": ' >"$BUNDLE/config.json"
	run berth run --bundle "$BUNDLE" j1
	expect_clean_failure j1
	[[ "$output" == "berth: config.json: invalid JSON"* ]]
}

@test "errors: empty process.args" {
	update_config '.process.args = []'
	run berth create --bundle "$BUNDLE" a1
	expect_clean_failure a1
	[ "$output" = "berth: config.json: process.args: must not be empty" ]
}

@test "errors: wrong type" {
	update_config '.process.user.uid = "zero"'
	run berth create --bundle "$BUNDLE" t1
	expect_clean_failure t1
	[[ "$output" == "berth: config.json: process.user.uid: "* ]]
}

@test "errors: missing ociVersion" {
	update_config 'del(.ociVersion)'
	run berth create --bundle "$BUNDLE" o1
	expect_clean_failure o1
	[[ "$output" == "berth: config.json: ociVersion: "* ]]
}

@test "errors: unknown namespace type" {
	update_config '.linux.namespaces += [{"type": "bogus"}]'
	run berth create --bundle "$BUNDLE" n1
	expect_clean_failure n1
	[[ "$output" == "berth: config.json: linux.namespaces[5].type: "*bogus* ]]
}

@test "errors: duplicate namespace" {
	update_config '.linux.namespaces += [{"type": "pid"}]'
	run berth create --bundle "$BUNDLE" n2
	expect_clean_failure n2
	[[ "$output" == "berth: config.json: linux.namespaces[5]: duplicate namespace"*pid* ]]
}

@test "errors: relative mount destination" {
	update_config '.mounts += [{"destination": "relative/dir", "type": "tmpfs", "source": "tmpfs"}]'
	run berth create --bundle "$BUNDLE" m1
	expect_clean_failure m1
	[[ "$output" == "berth: config.json: mounts[7].destination: "*absolute* ]]
}

@test "errors: unknown rlimit" {
	update_config '.process.rlimits = [{"type": "RLIMIT_BOGUS", "soft": 1, "hard": 1}]'
	run berth create --bundle "$BUNDLE" r1
	expect_clean_failure r1
	[[ "$output" == "berth: config.json: process.rlimits[0].type: "*RLIMIT_BOGUS* ]]
}

@test "errors: unknown capability" {
	update_config '.process.capabilities.bounding += ["CAP_BOGUS"]'
	run berth create --bundle "$BUNDLE" c1
	expect_clean_failure c1
	[[ "$output" == "berth: config.json: process.capabilities.bounding[3]: "*CAP_BOGUS* ]]
}

@test "errors: missing bundle" {
	run berth create --bundle "$BATS_TEST_TMPDIR/nosuch" b1
	expect_clean_failure b1
	[[ "$output" == *"config.json"*"No such file or directory"* ]]
}

@test "errors: missing rootfs" {
	update_config '.root.path = "nosuchroot"'
	run berth create --bundle "$BUNDLE" b2
	expect_clean_failure b2
	[[ "$output" == "berth: config.json: root.path: "*"No such file or directory" ]]
}

@test "errors: invalid container id" {
	run berth create --bundle "$BUNDLE" "bad/id"
	expect_clean_failure "bad"
	[ "$output" = "berth: invalid container id format: bad/id" ]
}

@test "errors: hostname without a uts namespace" {
	update_config '.linux.namespaces = [.linux.namespaces[] | select(.type != "uts")]'
	run berth create --bundle "$BUNDLE" h1
	expect_clean_failure h1
	[ "$output" = 'berth: config.json: hostname: requires a "uts" entry in linux.namespaces' ]
}

@test "errors: terminal without --console-socket for create" {
	update_config '.process.terminal = true'
	run berth create --bundle "$BUNDLE" tty1
	expect_clean_failure tty1
	[[ "$output" == "berth: --console-socket: "* ]]
}

@test "errors: a mount that fails in the container leaves nothing behind" {
	update_config '.mounts += [{"destination": "/mnt", "type": "bind", "source": "/no/such/source", "options": ["bind"]}]'
	run berth create --bundle "$BUNDLE" mf1
	expect_clean_failure mf1
	[[ "$output" == *"/mnt"* ]]
}

@test "errors: unknown command and unknown option" {
	run berth frobnicate
	[ "$status" -eq 1 ]
	[ "$output" = 'berth: unknown command "frobnicate" (see berth --help)' ]
	run berth create --bogus x
	[ "$status" -eq 1 ]
	[ "$output" = "berth: create: unknown option --bogus" ]
}

@test "errors: bad --preserve-fds value" {
	run berth create --preserve-fds many --bundle "$BUNDLE" pf
	expect_clean_failure pf
	[[ "$output" == "berth: --preserve-fds: "* ]]
}

@test "errors: --log-format json writes the error as a JSON line to --log" {
	update_config '.process.args = []'
	run "$BERTH_BIN" --root "$ROOT" --log "$BATS_TEST_TMPDIR/log.json" --log-format json create --bundle "$BUNDLE" lj
	[ "$status" -eq 1 ]
	line=$(tail -n1 "$BATS_TEST_TMPDIR/log.json")
	[ "$(jq -r .level <<<"$line")" = error ]
	[ "$(jq -r .msg <<<"$line")" = "config.json: process.args: must not be empty" ]
	[[ "$(jq -r .time <<<"$line")" == 20*Z ]]
}

@test "errors: state and kill of a missing container" {
	run berth state nosuch
	[ "$status" -eq 1 ]
	[ "$output" = "berth: container does not exist: nosuch" ]
	run berth kill nosuch
	[ "$status" -eq 1 ]
	[ "$output" = "berth: container does not exist: nosuch" ]
}

@test "errors: an AppArmor profile on a host without AppArmor is refused" {
	[ -e /sys/kernel/security/apparmor ] && skip "AppArmor is enabled here"
	update_config '.process.apparmorProfile = "berth-default"'
	run berth create --bundle "$BUNDLE" aa1
	expect_clean_failure aa1
	[ "$output" = "berth: config.json: process.apparmorProfile: AppArmor is not enabled on this host" ]
}

@test "errors: an SELinux label on a host without SELinux is refused" {
	[ -e /sys/fs/selinux/enforce ] && skip "SELinux is enabled here"
	update_config '.process.selinuxLabel = "system_u:system_r:container_t:s0"'
	run berth create --bundle "$BUNDLE" se1
	expect_clean_failure se1
	[ "$output" = "berth: config.json: process.selinuxLabel: SELinux is not enabled on this host" ]
}

@test "errors: intelRdt without resctrl is refused" {
	[ -e /sys/fs/resctrl/schemata ] && skip "resctrl is mounted here"
	update_config '.linux.intelRdt = {"closID": "c1"}'
	run berth create --bundle "$BUNDLE" rdt1
	expect_clean_failure rdt1
	[ "$output" = "berth: config.json: linux.intelRdt: resctrl is not mounted on this host (no Intel RDT)" ]
}

@test "errors: vm isolation without a guest kernel is refused, from the flag, the annotation or berth-vm" {
	printf 'kernel = /nonexistent/vmlinux\n' >"$BATS_TEST_TMPDIR/berth.conf"
	export BERTH_CONFIG="$BATS_TEST_TMPDIR/berth.conf"
	want="berth: vm kernel /nonexistent/vmlinux: No such file or directory (make kernel, or kernel= in berth.conf)"
	run berth create --isolation vm --bundle "$BUNDLE" vm1
	expect_clean_failure vm1
	[ "$output" = "$want" ]
	update_config '.annotations["berth.isolation"] = "vm"'
	run berth create --bundle "$BUNDLE" vm2
	expect_clean_failure vm2
	[ "$output" = "$want" ]
	# the flag wins over the annotation
	berth run --isolation container --bundle "$BUNDLE" vm3
	update_config 'del(.annotations["berth.isolation"])'
	ln -s "$BERTH_BIN" "$BATS_TEST_TMPDIR/berth-vm"
	run "$BATS_TEST_TMPDIR/berth-vm" --root "$ROOT" create --bundle "$BUNDLE" vm4
	expect_clean_failure vm4
	[ "$output" = "$want" ]
}

@test "errors: an unknown isolation names where it came from" {
	run berth create --isolation kata --bundle "$BUNDLE" iso1
	expect_clean_failure iso1
	[ "$output" = 'berth: --isolation: unknown isolation "kata" (container or vm)' ]
	update_config '.annotations["berth.isolation"] = "box"'
	run berth create --bundle "$BUNDLE" iso2
	expect_clean_failure iso2
	[ "$output" = 'berth: config.json: annotations.berth.isolation: unknown isolation "box" (container or vm)' ]
}

@test "errors: an option without its value says so" {
	run berth create --bundle
	[ "$status" -eq 1 ]
	[ "$output" = "berth: create: option --bundle needs a value" ]
	run berth exec --cwd
	[ "$status" -eq 1 ]
	[ "$output" = "berth: exec: option --cwd needs a value" ]
}
