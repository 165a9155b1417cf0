#!/usr/bin/env bats
# berth run: the container's filesystem (mounts, /dev, masked and read-only paths, propagation),
# checked in the container and, where runc is installed, against runc's mount table.
load helpers

setup() {
	setup_bundle
	OUT="$BATS_TEST_TMPDIR/out"
	ERR="$BATS_TEST_TMPDIR/err"
	SRC="$BATS_TEST_TMPDIR/src"
	mkdir -p "$SRC/sub"
	echo hello >"$SRC/file"
}

# run_ctr ID: runs the container with stdout in $OUT and stderr in $ERR; berth's status.
run_ctr() {
	berth run --bundle "$BUNDLE" "$1" >"$OUT" 2>"$ERR" </dev/null
}

# add_mount JSON: appends one entry to mounts.
add_mount() {
	update_config ".mounts += [$1]"
}

# opts MOUNTPOINT: the per-mount options of MOUNTPOINT in the mountinfo saved in $OUT.
opts() {
	awk -v mp="$1" '$5 == mp { o = $6 } END { print o }' "$OUT"
}

# fs MOUNTPOINT: "fstype source super-options" of MOUNTPOINT in $OUT.
fs() {
	awk -v mp="$1" '$5 == mp { for (i = 7; $i != "-"; i++); o = $(i+1) " " $(i+2) " " $(i+3) }
		END { print o }' "$OUT"
}

# norm: mountinfo without mount ids and peer group numbers, for comparing two runtimes.
norm() {
	sed -E 's/^[0-9]+ [0-9]+ [0-9]+:[0-9]+ //; s/ (shared|master):[0-9]+/ \1:N/g' "$1" |
		grep -v ' /sys/fs/cgroup/'
}

@test "mounts: read-only bind mount makes writes fail" {
	add_mount "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"$SRC\", \"options\": [\"bind\", \"ro\"]}"
	set_args sh -c 'cat /data/file; echo x >/data/new; echo "rc=$?"; cat /proc/self/mountinfo'
	run_ctr b1
	grep -q '^hello$' "$OUT"
	grep -q 'rc=1' "$OUT"
	grep -q 'Read-only file system' "$OUT" "$ERR"
	[[ "$(opts /data)" == ro,* ]]
	[ ! -e "$SRC/new" ]
}

@test "mounts: rbind with nosuid,nodev,noexec applies those flags" {
	mkdir "$SRC/sub/inner"
	add_mount "{\"destination\": \"/data\", \"type\": \"none\", \"source\": \"$SRC\", \"options\": [\"rbind\", \"nosuid\", \"nodev\", \"noexec\"]}"
	set_args sh -c 'cat /proc/self/mountinfo; ls /data/sub'
	run_ctr b2
	[ "$(opts /data)" = rw,nosuid,nodev,noexec,relatime ]
	grep -q '^inner$' "$OUT"
}

@test "mounts: a bind source relative to the bundle" {
	mkdir "$BUNDLE/shared"
	echo rel >"$BUNDLE/shared/f"
	add_mount '{"destination": "/rel", "type": "bind", "source": "shared", "options": ["rbind"]}'
	set_args cat /rel/f
	run_ctr b3
	[ "$(cat "$OUT")" = rel ]
}

@test "mounts: a file bind mount creates a file destination" {
	add_mount "{\"destination\": \"/etc/hello\", \"type\": \"bind\", \"source\": \"$SRC/file\", \"options\": [\"bind\"]}"
	set_args cat /etc/hello
	run_ctr b4
	[ "$(cat "$OUT")" = hello ]
	[ -f "$BUNDLE/rootfs/etc/hello" ]
}

@test "mounts: tmpfs takes size and mode from its options" {
	add_mount '{"destination": "/scratch", "type": "tmpfs", "source": "scratchfs", "options": ["nosuid", "size=2m", "mode=0710"]}'
	set_args sh -c 'cat /proc/self/mountinfo; stat -c "%a" /scratch'
	run_ctr t1
	[ "$(fs /scratch)" = "tmpfs scratchfs rw,size=2048k,mode=710" ]
	[ "$(opts /scratch)" = rw,nosuid,relatime ]
	[ "$(tail -n 1 "$OUT")" = 710 ]
}

@test "mounts: tmpfs over an existing directory keeps the directory's mode, as runc" {
	mkdir -m 0700 "$BUNDLE/rootfs/private"
	add_mount '{"destination": "/private", "type": "tmpfs", "source": "tmpfs", "options": ["mode=1777"]}'
	set_args stat -c %a /private
	run_ctr t2
	[ "$(cat "$OUT")" = 700 ]
}

@test "mounts: a read-only tmpfs is writable for setup, read-only for the process" {
	add_mount '{"destination": "/ro", "type": "tmpfs", "source": "tmpfs", "options": ["ro", "nosuid"]}'
	set_args sh -c 'cat /proc/self/mountinfo; touch /ro/x 2>&1; echo "rc=$?"'
	run_ctr t3
	[ "$(opts /ro)" = ro,nosuid,relatime ]
	# the superblock stays rw: only the mount is read-only, like runc's
	[ "$(fs /ro)" = "tmpfs tmpfs rw" ]
	grep -q 'rc=1' "$OUT"
}

@test "mounts: tmpcopyup starts the tmpfs with the directory's contents" {
	mkdir -p "$BUNDLE/rootfs/seed/sub"
	echo seeded >"$BUNDLE/rootfs/seed/sub/f"
	add_mount '{"destination": "/seed", "type": "tmpfs", "source": "tmpfs", "options": ["tmpcopyup"]}'
	set_args sh -c 'cat /seed/sub/f; echo new >/seed/n; grep " /seed " /proc/self/mountinfo'
	run_ctr t4
	grep -q '^seeded$' "$OUT"
	grep -q ' - tmpfs tmpfs ' "$OUT"
	[ ! -e "$BUNDLE/rootfs/seed/n" ]
}

@test "mounts: a symlink in the rootfs pointing outside it stays inside as a mount target" {
	local name="berth-escape-$$-$RANDOM"
	ln -s "/../../../../../../../tmp/$name" "$BUNDLE/rootfs/evil"
	ln -s "../../../../../../../../tmp/$name-rel" "$BUNDLE/rootfs/evil2"
	add_mount '{"destination": "/evil", "type": "tmpfs", "source": "eviltmp"}'
	add_mount "{\"destination\": \"/evil2/x\", \"type\": \"bind\", \"source\": \"$SRC/file\", \"options\": [\"bind\"]}"
	set_args cat /proc/self/mountinfo
	run_ctr s1
	[ ! -e "/tmp/$name" ]
	[ ! -e "/tmp/$name-rel" ]
	[ -d "$BUNDLE/rootfs/tmp/$name" ]
	[ -f "$BUNDLE/rootfs/tmp/$name-rel/x" ]
	[ "$(fs "/tmp/$name")" = "tmpfs eviltmp rw" ]
	[ -z "$(leftover_mounts)" ]
}

@test "mounts: maskedPaths hide files with /dev/null and directories with an empty tmpfs" {
	mkdir -p "$BUNDLE/rootfs/secret/dir"
	echo s >"$BUNDLE/rootfs/secret/file"
	echo s >"$BUNDLE/rootfs/secret/dir/inner"
	update_config '.linux.maskedPaths += ["/secret/file", "/secret/dir", "/secret/missing"]'
	set_args sh -c 'cat /proc/self/mountinfo; wc -c </secret/file; ls -A /secret/dir | wc -l; touch /secret/dir/x 2>/dev/null; echo "rc=$?"'
	run_ctr k1
	[ "$(awk '$5 == "/secret/file" { print $4 }' "$OUT")" = /null ]
	[ "$(fs /secret/dir)" = "tmpfs tmpfs ro" ]
	[ "$(tail -n 3 "$OUT" | tr '\n' ' ')" = "0 0 rc=1 " ]
}

@test "mounts: readonlyPaths are read-only, the rest stays writable" {
	mkdir -p "$BUNDLE/rootfs/frozen" "$BUNDLE/rootfs/free"
	update_config '.root.readonly = false | .linux.readonlyPaths += ["/frozen", "/nothere"]'
	set_args sh -c 'touch /frozen/x 2>/dev/null; echo "frozen=$?"; touch /free/x; echo "free=$?"'
	run_ctr r1
	[ "$(cat "$OUT" | tr '\n' ' ')" = "frozen=1 free=0 " ]
	# the default readonlyPaths too
	set_args sh -c 'echo 1 >/proc/sys/kernel/ns_last_pid 2>/dev/null; echo "rc=$?"'
	run_ctr r2
	[ "$(cat "$OUT")" = rc=1 ]
}

@test "mounts: root.readonly makes / read-only, false leaves it writable" {
	set_args sh -c 'cat /proc/self/mountinfo; touch /x 2>/dev/null; echo "rc=$?"'
	run_ctr ro1
	[[ "$(opts /)" == ro,* ]]
	[ "$(tail -n 1 "$OUT")" = rc=1 ]
	update_config '.root.readonly = false'
	run_ctr ro2
	[[ "$(opts /)" == rw,* ]]
	[ "$(tail -n 1 "$OUT")" = rc=0 ]
}

@test "mounts: /dev has runc's default nodes, modes and links" {
	set_args sh -c 'for f in /dev/*; do stat -c "%n %A %u:%g %t,%T" $f; done; for l in ptmx fd stdin stdout stderr; do readlink /dev/$l; done'
	run_ctr d1
	grep -qx '/dev/null crw-rw-rw- 0:0 1,3' "$OUT"
	grep -qx '/dev/zero crw-rw-rw- 0:0 1,5' "$OUT"
	grep -qx '/dev/full crw-rw-rw- 0:0 1,7' "$OUT"
	grep -qx '/dev/random crw-rw-rw- 0:0 1,8' "$OUT"
	grep -qx '/dev/urandom crw-rw-rw- 0:0 1,9' "$OUT"
	grep -qx '/dev/tty crw-rw-rw- 0:0 5,0' "$OUT"
	grep -qx '/dev/shm drwxrwxrwt 0:0 0,0' "$OUT"
	[ "$(tail -n 5 "$OUT" | tr '\n' ' ')" = "pts/ptmx /proc/self/fd /proc/self/fd/0 /proc/self/fd/1 /proc/self/fd/2 " ]
}

@test "mounts: linux.devices are created with their mode, uid and gid" {
	update_config '.linux.resources.devices = [{"allow": true, "access": "rwm"}]
		| .linux.devices = [{"path": "/dev/fuse", "type": "c", "major": 10, "minor": 229, "fileMode": 384, "uid": 5, "gid": 6},
			{"path": "/dev/disk/sda", "type": "b", "major": 8, "minor": 0},
			{"path": "/dev/fifo", "type": "p"}]'
	set_args stat -c '%n %A %u:%g %t,%T' /dev/fuse /dev/disk/sda /dev/fifo
	run_ctr d2
	[ "$(sed -n 1p "$OUT")" = "/dev/fuse crw------- 5:6 a,e5" ]
	[ "$(sed -n 2p "$OUT")" = "/dev/disk/sda brw-rw-rw- 0:0 8,0" ]
	[ "$(sed -n 3p "$OUT")" = "/dev/fifo prw-rw-rw- 0:0 0,0" ]
}

@test "mounts: a bind of /dev leaves /dev as the host's" {
	update_config '.mounts |= map(select(.destination | startswith("/dev") | not))
		| .mounts += [{"destination": "/dev", "type": "bind", "source": "/dev", "options": ["rbind", "nosuid"]}]'
	set_args sh -c 'cat /proc/self/mountinfo; [ -L /dev/ptmx ]; echo "link=$?"'
	run_ctr d3
	[ "$(fs /dev | cut -d" " -f1)" = "$(awk '$5 == "/dev" { for (i = 7; $i != "-"; i++); print $(i+1) }' /proc/self/mountinfo)" ]
	[ "$(tail -n 1 "$OUT")" = link=1 ]
}

@test "mounts: rootfsPropagation rslave (the default) makes / a slave of a shared host mount" {
	set_args cat /proc/self/mountinfo
	unshare -m --propagation shared "$BERTH_BIN" --root "$ROOT" run --bundle "$BUNDLE" p1 >"$OUT" 2>"$ERR" </dev/null
	[[ "$(awk '$5 == "/" { print $7 }' "$OUT")" == master:* ]]
	update_config '.linux.rootfsPropagation = "private"'
	unshare -m --propagation shared "$BERTH_BIN" --root "$ROOT" run --bundle "$BUNDLE" p2 >"$OUT" 2>"$ERR" </dev/null
	[ "$(awk '$5 == "/" { print $7 }' "$OUT")" = - ]
}

@test "mounts: an unknown rootfsPropagation is refused" {
	update_config '.linux.rootfsPropagation = "sideways"'
	run berth run --bundle "$BUNDLE" p3
	[ "$status" -ne 0 ]
	[[ "$output" == *rootfsPropagation* ]]
	[ ! -e "$ROOT/p3" ]
}

@test "mounts: the cgroup mount shows each v1 hierarchy read-only" {
	[ "$(stat -f -c %T /sys/fs/cgroup)" = tmpfs ] || skip "not a cgroup v1 or hybrid host"
	set_args cat /proc/self/mountinfo
	run_ctr c1
	[ "$(fs /sys/fs/cgroup)" = "tmpfs tmpfs rw,mode=755" ]
	[ "$(opts /sys/fs/cgroup/pids)" = ro,nosuid,nodev,noexec,relatime ]
	[ "$(fs /sys/fs/cgroup/pids | cut -d' ' -f1)" = cgroup ]
	# the cgroup2 hierarchy of a hybrid host is left out, as runc does
	[ -z "$(fs /sys/fs/cgroup/unified)" ]
}

@test "mounts: a bind of a missing source fails naming the mount, leaving nothing" {
	add_mount '{"destination": "/data", "type": "bind", "source": "/nonexistent/berth-src", "options": ["bind"]}'
	run berth run --bundle "$BUNDLE" e1
	[ "$status" -ne 0 ]
	[[ "$output" == *"mounts[7] /data"*"/nonexistent/berth-src"* ]]
	[ ! -e "$ROOT/e1" ]
	[ -z "$(leftover_mounts)" ]
}

@test "mounts: a mount inside /proc is refused" {
	add_mount "{\"destination\": \"/proc/version\", \"type\": \"bind\", \"source\": \"$SRC/file\", \"options\": [\"bind\"]}"
	run berth run --bundle "$BUNDLE" e2
	[ "$status" -ne 0 ]
	[[ "$output" == *"cannot be mounted because it is inside /proc"* ]]
}

@test "mounts: the mount table matches runc's" {
	command -v runc >/dev/null || skip "runc is not installed"
	mkdir -m 0700 "$BUNDLE/rootfs/private"
	add_mount "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"$SRC\", \"options\": [\"rbind\", \"ro\", \"nosuid\"]}"
	add_mount '{"destination": "/private", "type": "tmpfs", "source": "tmpfs", "options": ["size=1m", "ro"]}'
	update_config '.linux.maskedPaths += ["/data/file"] | .linux.readonlyPaths += ["/private"]'
	set_args cat /proc/self/mountinfo
	runc --root "$BATS_TEST_TMPDIR/runc" run --bundle "$BUNDLE" cmp1 >"$BATS_TEST_TMPDIR/runc.out" </dev/null
	run_ctr cmp2
	diff -u <(norm "$BATS_TEST_TMPDIR/runc.out") <(norm "$OUT")
}

@test "mounts: --no-pivot gives the same mount table as pivot_root" {
	set_args cat /proc/self/mountinfo
	run_ctr np1
	mv "$OUT" "$BATS_TEST_TMPDIR/pivot.out"
	berth run --no-pivot --bundle "$BUNDLE" np2 >"$OUT" 2>"$ERR" </dev/null
	diff -u <(norm "$BATS_TEST_TMPDIR/pivot.out") <(norm "$OUT")
}
