#!/bin/bash
# Benchmark: vm isolation start-up. For a busybox bundle in a VM, N times: the time from
# `berth run --isolation vm` to the container's first output line (its first instruction plus
# the relay back: the closest a host can see), the time to exit for `true`, and QEMU's resident
# memory with a container idling in the VM. Also the floor: the same QEMU command line booting
# the same kernel with a trivial init that ends the VM at once. Medians; numbers, no pass/fail.
# usage: tests/bench/vm-start.sh [N]   (as root, after make vm helpers)
set -eu
cd "$(dirname "$0")/../.."
N=${1:-10}
BERTH=${BERTH_BIN:-$PWD/build/release/berth}
HELPERS=${BERTH_HELPERS:-$PWD/build/release/tests/helpers}
export BERTH_CONFIG=${BERTH_CONFIG:-$PWD/build/vm/berth.conf}
WORK=$(mktemp -d /tmp/berth-vmbench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/bundle/rootfs/bin"
cp /bin/busybox "$WORK/bundle/rootfs/bin/busybox"
for a in true echo sleep; do ln -s busybox "$WORK/bundle/rootfs/bin/$a"; done
"$BERTH" spec --bundle "$WORK/bundle"
setargs() {
	jq ".process.terminal = false | .process.args = $1" "$WORK/bundle/config.json" >"$WORK/c.json"
	mv "$WORK/c.json" "$WORK/bundle/config.json"
}
now() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }
B="$BERTH --root $WORK/state"

for i in $(seq "$N"); do
	setargs '["echo", "first"]'
	t0=$(now)
	$B run --isolation vm f$i 2>/dev/null | { read -r _; echo $((($(now) - t0) / 1000000)) >>"$WORK/first"; cat >/dev/null; }
	setargs '["true"]'
	t0=$(now)
	$B run --isolation vm t$i 2>/dev/null
	echo $((($(now) - t0) / 1000000)) >>"$WORK/exit"
done

# the floor: QEMU with the same kernel and devices, an init that ends the VM at once
"$PWD/kvm-sandbox/make-initramfs.sh" "$WORK/floor.cpio" "$HELPERS/vm-smoke-init"
kernel=$(sed -n 's/^kernel = //p' "$BERTH_CONFIG")
for i in $(seq "$N"); do
	t0=$(now)
	qemu-system-x86_64 -M microvm,acpi=off -accel tcg,thread=multi -cpu max -m 128 -smp 1 \
		-nodefaults -no-user-config -display none -no-reboot -serial null \
		-kernel "$kernel" -initrd "$WORK/floor.cpio" \
		-append "console=ttyS0 reboot=t panic=-1 quiet loglevel=3 nokaslr" >/dev/null 2>&1
	echo $((($(now) - t0) / 1000000)) >>"$WORK/floor"
done

# memory: an idle container's VM
setargs '["sleep", "60"]'
$B run -d --isolation vm idle 2>/dev/null
shim=$($B state idle | jq -r .pid)
sleep 2
qemu=$(pgrep -P "$shim" -f qemu-system)
rss_qemu=$(awk '/^VmRSS/ {print $2}' /proc/$qemu/status)
rss_shim=$(awk '/^VmRSS/ {print $2}' /proc/$shim/status)
$B kill idle KILL
$B delete idle

echo "vm start-up, N=$N, accel: $("$BERTH" check 2>/dev/null | sed -n 's/^  kvm: //p')"
printf '%-40s %8s\n' "case" "median"
printf '%-40s %6s ms\n' "run --isolation vm: first output" "$(median <"$WORK/first")"
printf '%-40s %6s ms\n' "run --isolation vm true: to exit" "$(median <"$WORK/exit")"
printf '%-40s %6s ms\n' "floor: bare QEMU boot + poweroff" "$(median <"$WORK/floor")"
printf '%-40s %6s MB\n' "QEMU RSS, idle container" "$((rss_qemu / 1024))"
printf '%-40s %6s MB\n' "berth-shim RSS" "$((rss_shim / 1024))"
