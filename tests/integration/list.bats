#!/usr/bin/env bats
# berth list and berth spec.
load helpers

@test "list: shows every container with runc's columns, json and quiet forms" {
	set_args sleep 100
	berth create --bundle "$BUNDLE" la
	berth run -d --bundle "$BUNDLE" lb
	run berth list
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^ID\ +PID\ +STATUS\ +BUNDLE\ +CREATED\ +OWNER$ ]]
	[[ "$output" =~ la\ +[0-9]+\ +created\ +$BUNDLE\ +20[0-9-]+T[0-9:.]+Z\ +root ]]
	[[ "$output" =~ lb\ +[0-9]+\ +running ]]
	run berth list -q
	[ "$(echo $output)" = "la lb" ]
	run berth list --format json
	[ "$(jq -r 'map(.id + ":" + .status) | sort | join(",")' <<<"$output")" = "la:created,lb:running" ]
}

@test "list: an empty or missing root lists nothing" {
	run berth list -q
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run berth list --format json
	[ "$output" = "[]" ]
}

@test "list: a bad --format is refused" {
	run berth list --format xml
	[ "$status" -eq 1 ]
	[ "$output" = 'berth: --format: invalid value "xml" (table or json)' ]
}

@test "spec: writes runc's default config, which berth then runs" {
	d="$BATS_TEST_TMPDIR/newbundle"
	mkdir -p "$d"
	run "$BERTH_BIN" spec --bundle "$d"
	[ "$status" -eq 0 ]
	[ "$(jq -r .ociVersion "$d/config.json")" = 1.2.0 ]
	[ "$(jq -r '.process.args[0]' "$d/config.json")" = sh ]
	[ "$(jq -r '[.linux.namespaces[].type] | join(",")' "$d/config.json")" = "pid,network,ipc,uts,mount" ]
	[ "$(jq -r '.linux.maskedPaths | length' "$d/config.json")" = 10 ]
	run "$BERTH_BIN" spec --bundle "$d"
	[ "$status" -eq 1 ]
	[[ "$output" == *"config.json exists; remove it first" ]]
}

@test "spec: --rootless maps the caller and drops the network namespace" {
	d="$BATS_TEST_TMPDIR/rl"
	mkdir -p "$d"
	"$BERTH_BIN" spec --rootless --bundle "$d"
	[ "$(jq -r '[.linux.namespaces[].type] | join(",")' "$d/config.json")" = "pid,ipc,uts,mount,user" ]
	[ "$(jq -r '.linux.uidMappings[0].hostID' "$d/config.json")" = "$(id -u)" ]
	[ "$(jq -r '.linux.gidMappings[0].hostID' "$d/config.json")" = "$(id -g)" ]
}

@test "version and features" {
	run "$BERTH_BIN" --version
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "berth version "* ]]
	[[ "$output" == *"spec: 1.2.0"* ]]
	run "$BERTH_BIN" features
	[ "$status" -eq 0 ]
	[ "$(jq -r .ociVersionMax <<<"$output")" = 1.2.0 ]
	[ "$(jq -r '.linux.namespaces | length' <<<"$output")" = 8 ]
	jq -e '.linux.capabilities | index("CAP_SYS_ADMIN")' <<<"$output"
	jq -e '.mountOptions | index("rbind")' <<<"$output"
}
