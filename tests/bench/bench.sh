#!/bin/bash
# Benchmarks: berth against runc and crun on the same busybox bundles, runtimes interleaved in
# one run so load changes hit each alike, and berth's vm mode against bare QEMU. Prints the
# machine, then min/median/max per case and runtime and the ratio of each median to crun's
# (vm start-up: to the bare QEMU floor); writes bench.json and bench.svg to the output dir.
# Numbers, no pass/fail: the script fails only when it cannot measure.
#
# usage: tests/bench/bench.sh [-n N] [-o DIR]   (as root, after make all vm helpers)
#   -n N    repetitions (30). vm cases: min(N, 20); scale: min(N, 5) rounds of 50 containers,
#           or of 5 when N < 5 (a quick run, as make check does with N=2); parallel VMs:
#           min(N, 3) rounds of 4
#   -o DIR  output directory (build/bench)
# BERTH_BIN, BERTH_HELPERS and BERTH_CONFIG override the build tree's berth, helpers, berth.conf.
set -eu
export LC_ALL=C
N=30 OUT=build/bench
while getopts n:o: opt; do
	case $opt in
	n) N=$OPTARG ;;
	o) OUT=$OPTARG ;;
	*) echo "usage: bench.sh [-n N] [-o DIR]" >&2 && exit 2 ;;
	esac
done
[[ $N =~ ^[1-9][0-9]{0,3}$ ]] || { echo "bench.sh: -n wants a count, not $N" >&2 && exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "bench.sh: must run as root" >&2 && exit 1; }
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$TOP/tests/bench
cd "$TOP"

# the peers come from Debian; installed here rather than by `make deps`: podman would take
# an installed crun as its default runtime, and crun 1.8 refuses this kind of hybrid host
for p in crun runc time jq; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null
done
BERTH=${BERTH_BIN:-$TOP/build/release/berth}
HELPERS=${BERTH_HELPERS:-$TOP/build/release/tests/helpers}
export BERTH_CONFIG=${BERTH_CONFIG:-$TOP/build/vm/berth.conf}
[ -x "$BERTH" ] || { echo "bench.sh: no $BERTH (make all)" >&2 && exit 1; }
[ -x /bin/busybox ] || { echo "bench.sh: no /bin/busybox (make deps)" >&2 && exit 1; }

WORK=$(mktemp -d /tmp/berth-bench.XXXXXX)
cleanup() {
	local rc=$?
	trap - EXIT
	wait || true
	if declare -F rt_cleanup >/dev/null; then rt_cleanup; fi
	rm -rf "$WORK"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

RUNTIME_ORDER="berth runc crun berth-vm qemu-floor qemu"
NV=$((N < 20 ? N : 20)) # a VM boot under TCG varies by 20 %: more runs, a steadier median
SCALE_M=$((N < 5 ? 5 : 50)) SCALE_R=$((N < 5 ? N : 5))
VM_PARALLEL=4 VM_PAR_R=$((N < 3 ? N : 3))
# shellcheck source=tests/bench/lib.sh
. "$BENCH/lib.sh"
# shellcheck source=tests/bench/runtimes.sh
. "$BENCH/runtimes.sh"
# shellcheck source=tests/bench/cases-container.sh
. "$BENCH/cases-container.sh"
# shellcheck source=tests/bench/cases-scale.sh
. "$BENCH/cases-scale.sh"
for f in machine versions notes; do : >"$WORK/$f"; done

"$BERTH" check >"$WORK/check" 2>&1 || true
VM_LINE=$(sed -n 's/^vm: //p' "$WORK/check")
VM_ACCEL=tcg
[[ $VM_LINE != "ok (kvm"* ]] || VM_ACCEL=kvm
echo "machine"
machine_kv nproc "$(nproc)"
machine_kv memory "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
machine_kv kernel "$(uname -r)"
machine_kv cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
machine_kv cgroups "$(sed -n 's/^  cgroups: //p' "$WORK/check")"
machine_kv vm "$VM_LINE"
echo "versions"
version() { # name line
	[ -n "$2" ] || return 0
	echo "$1=$2" >>"$WORK/versions"
	printf '%-10s %s\n' "$1:" "$2"
}
first() { "$@" --version 2>/dev/null | head -n1; }
version berth "$(first "$BERTH"), commit $("$BERTH" --version | sed -n 's/^commit: //p')"
for p in runc crun; do
	if command -v "$p" >/dev/null; then version "$p" "$(first "$p")"; fi
done
version qemu "$(first qemu-system-x86_64)"
echo

# one busybox rootfs, shared read-only by a bundle per command; crun 1.8 refuses ociVersion 1.2.0
mkdir -p "$WORK/rootfs/bin"
cp /bin/busybox "$WORK/rootfs/bin/busybox"
for a in true sleep echo; do ln -s busybox "$WORK/rootfs/bin/$a"; done
mkbundle() { # dir args-json
	mkdir -p "$1"
	"$BERTH" spec --bundle "$1"
	jq --arg root "$WORK/rootfs" --argjson args "$2" '.ociVersion = "1.0.2" |
		.process.terminal = false | .process.args = $args | .root.path = $root' \
		"$1/config.json" >"$WORK/config.json"
	mv "$WORK/config.json" "$1/config.json"
}
TRUE_B=$WORK/b-true SLEEP_B=$WORK/b-sleep ECHO_B=$WORK/b-echo
mkbundle "$TRUE_B" '["true"]'
mkbundle "$SLEEP_B" '["sleep", "100000"]'
mkbundle "$ECHO_B" '["echo", "first"]'

read -ra RTS <<<"$RUNTIMES"
rotated() { # i: the runtimes, starting at the i-th, so none always goes first
	local k
	for ((k = 0; k < ${#RTS[@]}; k++)); do echo "${RTS[(k + $1) % ${#RTS[@]}]}"; done
}

echo "container cases: $RUNTIMES, N=$N" >&2
for ((i = 1; i <= N; i++)); do
	for r in $(rotated "$i"); do
		case_version "$r"
		case_run "$r" "bench-$$-$i-$r"
		case_lifecycle "$r" "bench-$$-$i-$r-l"
	done
done
echo "scale: $SCALE_R rounds of $SCALE_M containers" >&2
for ((i = 1; i <= SCALE_R; i++)); do
	for r in $(rotated "$i"); do case_scale "$r" "bench-$$-s$i-$r"; done
done

if [[ $VM_LINE == ok* ]] && [ -x "$HELPERS/vm-smoke-init" ]; then
	# shellcheck source=tests/bench/cases-vm.sh
	. "$BENCH/cases-vm.sh"
	vm_floor_setup
	echo "vm cases: N=$NV, then $VM_PAR_R rounds of $VM_PARALLEL VMs in parallel" >&2
	for ((i = 1; i <= NV; i++)); do
		vm_settle
		case_vm "bench-$$-v$i" "$i"
		case_lifecycle berth-vm "bench-$$-v$i-l"
	done
	for ((i = 1; i <= VM_PAR_R; i++)); do case_vm_parallel "bench-$$-p$i"; done
else
	note "vm cases skipped: berth check says vm: $VM_LINE (or no $HELPERS/vm-smoke-init)"
fi

crun_wrapper_note
for r in $RUNTIMES berth-vm; do
	[ ! -s "$WORK/resident-names.$r" ] ||
		note "resident: $r: $(sed 's/^-$/none/' "$WORK/resident-names.$r")"
done
note "scale: $SCALE_M containers per round; memory: MemAvailable 1 s after all started against" \
	"the mean of before and 1 s after the deletes, / $SCALE_M (kernel memory included; noisy on" \
	"a busy host)"

bench_summarize
PARAMS_JSON=$(jq -nc --argjson n "$N" --argjson n_vm "$NV" --argjson scale "$SCALE_M" \
	--argjson scale_rounds "$SCALE_R" --argjson vm_parallel "$VM_PARALLEL" \
	--argjson vm_parallel_rounds "$VM_PAR_R" '$ARGS.named')
bench_table
echo "ratio: median / crun's median (vm start-up: / bare QEMU's to exit). times: wall-clock"
echo "ms of the whole command (attached run deletes the container itself; run -d: then state"
echo "until stopped, then delete). memory: MiB; resident: what stays on the host besides the"
echo "container's own processes (runtime monitors, shims, QEMU)"
sed 's/^/note: /' "$WORK/notes"
bench_json "$OUT/bench.json"
m() { sed -n "s/^$1=//p" "$WORK/machine"; }
subtitle="$(m cpu), $(m nproc) CPUs, $(m memory), kernel $(m kernel)|cgroups: $(m cgroups)"
versions=$(sed 's/=\(.* version \)\{0,1\}/ /' "$WORK/versions" | paste -sd';' | sed 's/;/; /g')
subtitle="$subtitle|vm: $(m vm)|$versions"
awk -F'\t' -v title="berth benchmarks: berth, runc, crun; vm mode vs bare QEMU (N=$N)" \
	-v subtitle="$subtitle" -f "$BENCH/chart.awk" "$WORK/summary.tsv" >"$OUT/bench.svg"
jq . "$OUT/bench.json" >/dev/null || die "bench.json is not valid JSON"
grep -q '</svg>' "$OUT/bench.svg" || die "bench.svg is incomplete"
echo "wrote $OUT/bench.json $OUT/bench.svg"
