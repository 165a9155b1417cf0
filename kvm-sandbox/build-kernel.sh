#!/bin/sh
# Builds berth's guest kernel (an uncompressed vmlinux booted through the PVH entry) from Debian's
# linux-source-6.1 with tinyconfig + guest-kernel.config, and caches it outside the clone:
#   $BERTH_CACHE/kernel-<key>/vmlinux   (BERTH_CACHE defaults to /var/cache/berth)
# where <key> = first 16 hex digits of sha256(fragment contents, linux-source package version).
# Prints the cached vmlinux path on stdout (the only stdout line); progress goes to stderr.
# A cached kernel is reused without touching the source.
#   build-kernel.sh            build if needed, print the path
#   build-kernel.sh --cached   print the path if cached, else exit 1 (builds nothing)
set -eu

die() {
	echo "build-kernel.sh: $*" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
frag=$here/guest-kernel.config
pkg=linux-source-6.1
tarball=/usr/src/$pkg.tar.xz
cache=${BERTH_CACHE:-/var/cache/berth}
jobs=$(nproc 2>/dev/null || echo 2)

[ -r "$frag" ] || die "config fragment $frag missing"
version=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) || version=
key=$( { cat "$frag"; echo "$pkg $version"; } | sha256sum | cut -c1-16)
out=$cache/kernel-$key

if [ "${1:-}" = --cached ]; then
	[ -f "$out/vmlinux" ] || exit 1
	echo "$out/vmlinux"
	exit 0
fi
[ $# -eq 0 ] || die "usage: build-kernel.sh [--cached]"

if [ -f "$out/vmlinux" ]; then
	echo "build-kernel.sh: using cached $out/vmlinux" >&2
	echo "$out/vmlinux"
	exit 0
fi
if [ -z "$version" ] || [ ! -r "$tarball" ]; then
	die "$tarball missing: apt-get install $pkg flex bison bc libelf-dev libssl-dev (or make deps)"
fi
for tool in flex bison bc make gcc xz; do
	command -v $tool >/dev/null || die "$tool not installed (make deps installs it)"
done

mkdir -p "$cache/build"
# one build at a time per cache (concurrent `make kernel` / test runs)
exec 9>"$cache/build/lock"
flock 9
if [ -f "$out/vmlinux" ]; then
	echo "$out/vmlinux"
	exit 0
fi

start=$(date +%s)
src=$cache/build/$pkg-$version
if [ ! -f "$src/.unpacked" ]; then
	echo "build-kernel.sh: unpacking $tarball into $src" >&2
	rm -rf "$src"
	mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1 || die "unpacking $tarball failed"
	touch "$src/.unpacked"
fi

obj=$cache/build/obj-$key
rm -rf "$obj"
mkdir -p "$obj"
echo "build-kernel.sh: configuring in $obj" >&2
# merge_config.sh is verbose (every redefined value): its output goes to config.log
log=$obj/config.log
{
	make -s -C "$src" O="$obj" tinyconfig &&
		(cd "$src" && scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" "$frag") &&
		make -s -C "$src" O="$obj" olddefconfig
} >"$log" 2>&1 || {
	cat "$log" >&2
	die "kernel configuration failed (output above)"
}

# every option of the fragment must be in .config as written: Kconfig drops what it cannot
# satisfy (an unmet dependency) without an error
missing=
while read -r line; do
	name=${line%%=*}
	want=${line#*=}
	got=$(grep -E "^$name=" "$obj/.config" | cut -d= -f2-) || got=
	if [ "$want" = n ]; then
		[ -z "$got" ] || missing="$missing $name=n(got:$got)"
	elif [ "$got" != "$want" ]; then
		missing="$missing $name=$want(got:${got:-unset})"
	fi
done <<LIST
$(grep -E '^CONFIG_[A-Za-z0-9_]+=' "$frag")
LIST
[ -z "$missing" ] || die "options of $frag not set in .config:$missing"

echo "build-kernel.sh: make -j$jobs vmlinux (a few minutes)" >&2
make -s -C "$src" O="$obj" -j"$jobs" vmlinux >&2 || die "kernel build failed (see the output above)"

secs=$(($(date +%s) - start))
size=$(stat -c %s "$obj/vmlinux")
tmp=$out.tmp.$$
rm -rf "$tmp"
mkdir -p "$tmp"
cp "$obj/vmlinux" "$tmp/vmlinux"
cp "$obj/.config" "$tmp/config"
cp "$frag" "$tmp/guest-kernel.config"
printf 'source %s %s\nbuild_seconds %s\nvmlinux_bytes %s\n' "$pkg" "$version" "$secs" "$size" \
	>"$tmp/build-info"
mv "$tmp" "$out"
rm -rf "$obj"
echo "build-kernel.sh: built in $((secs / 60)) min $((secs % 60)) s; vmlinux $size bytes" \
	"($((size / 1048576)) MiB)" >&2
echo "$out/vmlinux"
