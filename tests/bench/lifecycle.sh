#!/bin/bash
# Benchmark: `run` of a busybox container whose process is `true`, berth vs runc vs crun side by
# side in one run, N times each, interleaved so load changes hit every runtime alike. Reports
# the median wall time, the median peak RSS of the runtime process, and the ratio to berth.
# Not a test: numbers, no pass/fail. usage: tests/bench/lifecycle.sh [N]   (as root)
set -eu
cd "$(dirname "$0")/../.."
N=${1:-30}
# the peers come from Debian; installed here rather than by `make deps`: podman would take
# an installed crun as its default runtime, and crun 1.8 refuses this kind of hybrid host
for p in crun runc time bc jq; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null
done
BERTH=${BERTH_BIN:-$PWD/build/release/berth}
WORK=$(mktemp -d /tmp/berth-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/bundle/rootfs/bin"
cp /bin/busybox "$WORK/bundle/rootfs/bin/busybox"
ln -s busybox "$WORK/bundle/rootfs/bin/true"
"$BERTH" spec --bundle "$WORK/bundle"
# crun 1.8 refuses ociVersion 1.2.0; every runtime reads the same bundle
jq '.ociVersion = "1.0.2" | .process.terminal = false | .process.args = ["true"]' \
	"$WORK/bundle/config.json" >"$WORK/c.json"
mv "$WORK/c.json" "$WORK/bundle/config.json"

# the runtimes to compare: name and command prefix (crun 1.8 refuses hybrid cgroup hosts:
# it runs in a mount namespace of its own with the cgroup2 mount hidden)
declare -A CMD=([berth]="$BERTH --root $WORK/state-berth")
command -v runc >/dev/null && CMD[runc]="runc --root $WORK/state-runc"
if command -v crun >/dev/null; then
	if mountpoint -q /sys/fs/cgroup/unified; then
		CMD[crun]="unshare -m sh -c 'umount /sys/fs/cgroup/unified; exec crun --root $WORK/state-crun \"\$@\"' crun"
	else
		CMD[crun]="crun --root $WORK/state-crun"
	fi
fi

one() { # name i: prints "ms rss_kb"
	local t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$WORK/rss" sh -c "${CMD[$1]} run --bundle $WORK/bundle b$2 >/dev/null 2>&1"
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000)) $(tail -n1 "$WORK/rss")"
}

for i in $(seq "$N"); do
	for rt in "${!CMD[@]}"; do
		one "$rt" "$i" >>"$WORK/$rt.txt"
	done
done

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
base=$(cut -d' ' -f1 "$WORK/berth.txt" | median)
printf '%-8s %12s %10s %14s\n' runtime "median (ms)" "ratio" "peak RSS (KB)"
for rt in berth runc crun; do
	[ -f "$WORK/$rt.txt" ] || continue
	m=$(cut -d' ' -f1 "$WORK/$rt.txt" | median)
	r=$(cut -d' ' -f2 "$WORK/$rt.txt" | median)
	printf '%-8s %12.2f %10.2f %14s\n' "$rt" "$(echo "$m / 1000" | bc -l)" \
		"$(echo "$m / $base" | bc -l)" "$r"
done
echo "(N=$N each, interleaved; wall time of the whole \`run\` command incl. its shell wrapper)"
