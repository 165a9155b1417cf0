#!/usr/bin/env bats
# berth run: id-mapped bind mounts (mounts[].uidMappings / gidMappings). A file owned by
# containerID on the source shows as hostID through the mount, as the kernel's idmapped mounts
# and runc do; any other mount type with mappings is refused.
load helpers

setup() {
	setup_bundle
	OUT="$BATS_TEST_TMPDIR/out"
	ERR="$BATS_TEST_TMPDIR/err"
	SRC="$BATS_TEST_TMPDIR/src"
	mkdir -p "$SRC"
	echo root >"$SRC/root-file"
	echo user >"$SRC/user-file"
	chown 0:0 "$SRC/root-file"
	chown 1000:1000 "$SRC/user-file"
}

run_ctr() {
	berth run --bundle "$BUNDLE" "$1" >"$OUT" 2>"$ERR" </dev/null
}

# idmap_mount DEST MAP [OPTIONS]: a bind of $SRC on DEST with MAP as uid and gid mappings.
idmap_mount() {
	update_config ".mounts += [{\"destination\": \"$1\", \"type\": \"bind\", \"source\": \"$SRC\",
		\"options\": ${3:-[\"rbind\"]}, \"uidMappings\": $2, \"gidMappings\": $2}]"
}

@test "idmap-mounts: a file owned by containerID on the source shows as hostID" {
	idmap_mount /mnt '[{"containerID": 0, "hostID": 1000, "size": 1}]'
	set_args stat -c %u:%g /mnt/root-file /mnt/user-file
	run_ctr i1
	# 1000 on the source has no mapping: it shows as the overflow id
	[ "$(cat "$OUT")" = "$(printf '1000:1000\n65534:65534')" ]
	# the source itself is unchanged
	[ "$(stat -c %u:%g "$SRC/root-file")" = 0:0 ]
}

@test "idmap-mounts: a uid 1000 file shows as 0 when 1000 maps to 0, as 1000 without mappings" {
	idmap_mount /mnt '[{"containerID": 1000, "hostID": 0, "size": 1}]'
	update_config ".mounts += [{\"destination\": \"/plain\", \"type\": \"bind\", \"source\": \"$SRC\", \"options\": [\"bind\"]}]"
	set_args stat -c %u:%g /mnt/user-file /plain/user-file
	run_ctr i2
	[ "$(cat "$OUT")" = "$(printf '0:0\n1000:1000')" ]
}

@test "idmap-mounts: ro applies to an id-mapped bind, and writes go through the mapping" {
	# the kernel lets root override permissions only on inodes whose owner is mapped
	chown 1000:1000 "$SRC"
	idmap_mount /ro '[{"containerID": 0, "hostID": 0, "size": 65536}]' '["bind", "ro"]'
	idmap_mount /rw '[{"containerID": 1000, "hostID": 0, "size": 1}]'
	set_args sh -c 'touch /ro/x; echo "ro=$?"; touch /rw/new; echo "rw=$?"; stat -c %u /rw/new'
	run_ctr i3
	grep -q '^ro=1$' "$OUT"
	grep -q '^rw=0$' "$OUT"
	[ ! -e "$SRC/x" ]
	# created as root in the container: 1000 on the source
	[ "$(stat -c %u:%g "$SRC/new")" = 1000:1000 ]
}

@test "idmap-mounts: in a user namespace the mount's maps are host ids, as runc" {
	local d=$BUNDLE
	chown -R 100000:100000 "$BUNDLE/rootfs"
	# the container's root (host group 0 kept) must reach its rootfs through bats' temp dirs
	while [ "$d" != / ]; do chmod go+x "$d"; d=$(dirname "$d"); done
	# only proc: what the user namespace needs of the default mounts is not the point here
	update_config '.mounts = [.mounts[0]] | .linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
	idmap_mount /mnt '[{"containerID": 0, "hostID": 100000, "size": 65536}]'
	set_args stat -c %u:%g /mnt/root-file /mnt/user-file
	run_ctr i4
	[ "$(cat "$OUT")" = "$(printf '0:0\n1000:1000')" ]
}

@test "idmap-mounts: mappings on a tmpfs are refused, leaving nothing" {
	update_config '.mounts += [{"destination": "/t", "type": "tmpfs", "source": "tmpfs",
		"uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
		"gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}]'
	run berth run --bundle "$BUNDLE" i5
	expect_clean_failure i5
	[ "$output" = "berth: mounts[7]: uidMappings need a bind mount" ]
}

@test "idmap-mounts: mappings on proc are refused, leaving nothing" {
	update_config '.mounts[0].uidMappings = [{"containerID": 0, "hostID": 1000, "size": 1}]
		| .mounts[0].gidMappings = [{"containerID": 0, "hostID": 1000, "size": 1}]'
	run berth run --bundle "$BUNDLE" i6
	expect_clean_failure i6
	[ "$output" = "berth: mounts[0]: uidMappings need a bind mount" ]
}

@test "idmap-mounts: uidMappings without gidMappings are refused by the config check" {
	update_config ".mounts += [{\"destination\": \"/mnt\", \"type\": \"bind\", \"source\": \"$SRC\",
		\"options\": [\"bind\"], \"uidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}]}]"
	run berth run --bundle "$BUNDLE" i7
	expect_clean_failure i7
	[ "$output" = "berth: config.json: mounts[7].gidMappings: required with uidMappings" ]
}
