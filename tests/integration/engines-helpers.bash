# Shared set-up for the engine tests (engines-*.bats): a busybox image made offline from
# busybox-static, the runtimes under test (berth, and runc as the control), and a poll helper.
BERTH_BIN=${BERTH_BIN:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)/build/release/berth}

# The engine tests need absolute runtime paths: engines run them from their own cwd.
case "$BERTH_BIN" in
/*) ;;
*) BERTH_BIN="$PWD/$BERTH_BIN" ;;
esac

# runtime_bin NAME: the absolute path of berth or runc; skips the test when runc is missing.
runtime_bin() {
	case "$1" in
	berth) echo "$BERTH_BIN" ;;
	berth-vm) vm_runtime_wrapper ;;
	runc)
		command -v runc >/dev/null || skip "runc is not installed: no control run"
		command -v runc
		;;
	esac
}

# busybox_image_tar OUT: a tarball of a busybox-static root filesystem, the image's only layer.
busybox_image_tar() {
	local dir a
	dir=$(mktemp -d "$ENGINE_TMP/rootfs.XXXXXX")
	chmod 755 "$dir" # the image's /: mktemp made it 0700
	mkdir -p "$dir"/{bin,etc,tmp,root,proc,sys,dev,home/user}
	cp /bin/busybox "$dir/bin/busybox"
	for a in $("$dir/bin/busybox" --list); do
		[ "$a" = busybox ] || ln -s busybox "$dir/bin/$a"
	done
	printf 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n' \
		>"$dir/etc/passwd"
	printf 'root:x:0:\nuser:x:1000:\n' >"$dir/etc/group"
	tar -C "$dir" --owner=0 --group=0 --numeric-owner -cf "$1" .
	rm -rf "$dir"
}

# oci_archive LAYER_TAR OUT NAME: an OCI image-layout archive of one uncompressed layer, for
# `ctr image import` (made by hand, so the containerd tests need no other engine).
oci_archive() {
	local layer=$1 out=$2 name=$3 dir ld lsize cfg cd csize man md msize
	dir=$(mktemp -d "$ENGINE_TMP/oci.XXXXXX")
	mkdir -p "$dir/blobs/sha256"
	ld=$(sha256sum "$layer" | cut -d' ' -f1)
	lsize=$(stat -c %s "$layer")
	cp "$layer" "$dir/blobs/sha256/$ld"
	cfg=$(jq -cn --arg d "sha256:$ld" '{architecture: "amd64", os: "linux",
		config: {Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
		Cmd: ["sh"]}, rootfs: {type: "layers", diff_ids: [$d]}}')
	printf '%s' "$cfg" >"$dir/cfg"
	cd=$(sha256sum "$dir/cfg" | cut -d' ' -f1)
	csize=$(stat -c %s "$dir/cfg")
	mv "$dir/cfg" "$dir/blobs/sha256/$cd"
	man=$(jq -cn --arg c "sha256:$cd" --argjson cs "$csize" --arg l "sha256:$ld" \
		--argjson ls "$lsize" '{schemaVersion: 2,
		mediaType: "application/vnd.oci.image.manifest.v1+json",
		config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
		layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar", digest: $l, size: $ls}]}')
	printf '%s' "$man" >"$dir/man"
	md=$(sha256sum "$dir/man" | cut -d' ' -f1)
	msize=$(stat -c %s "$dir/man")
	mv "$dir/man" "$dir/blobs/sha256/$md"
	jq -cn --arg m "sha256:$md" --argjson ms "$msize" --arg n "$name" '{schemaVersion: 2,
		manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $m,
		size: $ms, annotations: {"io.containerd.image.name": $n,
		"org.opencontainers.image.ref.name": $n}}]}' >"$dir/index.json"
	echo '{"imageLayoutVersion": "1.0.0"}' >"$dir/oci-layout"
	tar -C "$dir" -cf "$out" oci-layout index.json blobs
	rm -rf "$dir"
}

# wait_until SECONDS CMD...: polls CMD every 0.1 s until it succeeds.
wait_until() {
	local n=$(($1 * 10))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "timed out waiting for: $*" >&2
	return 1
}

# in_pty CMD...: runs CMD with a terminal as its stdio (script(1)); prints what it wrote,
# returns its exit status.
in_pty() {
	local cmd
	cmd=$(printf '%q ' "$@")
	timeout -s KILL 60 script -qec "$cmd" /dev/null </dev/null
}

# vm_runtime_wrapper: berth-vm for an engine, which passes the runtime no environment of ours:
# a script that names the build's kernel and initramfs (make vm) and runs berth as berth-vm.
# TCG is asked for by name, so no warning line mixes with what the engine reports.
vm_runtime_wrapper() {
	local repo w=$ENGINE_TMP/berth-vm
	repo=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	if [ ! -x "$w" ]; then
		{ cat "$repo/build/vm/berth.conf"; echo "accel = tcg"; } >"$ENGINE_TMP/berth-vm.conf"
		printf '#!/bin/sh\nexport BERTH_CONFIG=%s\nexec %s "$@"\n' \
			"$ENGINE_TMP/berth-vm.conf" "$(dirname "$BERTH_BIN")/berth-vm" >"$w"
		chmod 755 "$w"
	fi
	echo "$w"
}
