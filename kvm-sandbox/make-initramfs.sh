#!/bin/sh
# Packs a guest initramfs (cpio newc, uncompressed: the guest kernel has no decompressors).
#   make-initramfs.sh OUTPUT INIT [FILE...]
# INIT becomes /init (PID 1); each further FILE is installed as /bin/<its name>. The shared
# libraries a dynamically linked INIT needs (ldd) go in at their own paths, so /init runs. The archive also
# holds empty /proc /sys /dev /tmp /run; /dev/console comes from the kernel's built-in initramfs.
# Files are owned by root and timestamps are fixed, so the same inputs give the same archive.
set -eu

die() {
	echo "make-initramfs.sh: $*" >&2
	exit 1
}

[ $# -ge 2 ] || die "usage: make-initramfs.sh OUTPUT INIT [FILE...]"
out=$1
init=$2
shift 2
command -v cpio >/dev/null || die "cpio not installed (apt-get install cpio, or make deps)"
for f in "$init" "$@"; do
	[ -f "$f" ] || die "$f: no such file"
done
[ -x "$init" ] || die "$init: not executable"

stage=$(mktemp -d "${TMPDIR:-/tmp}/berth-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
chmod 0755 "$stage"
mkdir -p "$stage/bin" "$stage/proc" "$stage/sys" "$stage/dev" "$stage/tmp" "$stage/run"
chmod 1777 "$stage/tmp"
cp "$init" "$stage/init"
chmod 0755 "$stage/init"
for f in "$@"; do
	cp "$f" "$stage/bin/$(basename "$f")"
done
# shared libraries of /init (the agent links libc and libmnl dynamically: no libmnl.a exists)
for lib in $(ldd "$init" 2>/dev/null | grep -o '/[^ ]*' || true); do
	[ -f "$lib" ] || continue
	mkdir -p "$stage$(dirname "$lib")"
	cp -L "$lib" "$stage$lib"
done
find "$stage" -exec touch -h -d @0 {} +
(cd "$stage" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible) \
	>"$out.tmp" || die "cpio failed writing $out"
mv "$out.tmp" "$out"
