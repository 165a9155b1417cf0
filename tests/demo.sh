#!/bin/bash
# make demo: build a busybox bundle under build/demo and run it with berth in both isolation
# modes, side by side: what it sees, the kernel it runs on, how long a run takes; then a vm
# container through create/start/exec/kill/delete. Called by `make demo` (after make vm).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
BERTH="$PWD/$BUILD/berth"
DEMO="$PWD/build/demo"
ROOT="$DEMO/state"

rm -rf "$DEMO"
mkdir -p "$DEMO/bundle/rootfs/bin" "$DEMO/bundle/rootfs/etc" "$DEMO/bundle/rootfs/tmp"
cp /bin/busybox "$DEMO/bundle/rootfs/bin/busybox"
for a in $("$DEMO/bundle/rootfs/bin/busybox" --list); do
	[ "$a" = busybox ] || ln -s busybox "$DEMO/bundle/rootfs/bin/$a"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$DEMO/bundle/rootfs/etc/passwd"
"$BERTH" spec --bundle "$DEMO/bundle"
jq '.process.terminal = false | .hostname = "berth-demo" | .process.args = ["sh", "-c",
	"echo \"hello from $(hostname), pid $$, uid $(id -u)\"; echo \"mounts: $(wc -l < /proc/self/mountinfo), root read-only: $(touch /x 2>/dev/null && echo no || echo yes)\"; grep CapEff /proc/self/status"]' \
	"$DEMO/bundle/config.json" >"$DEMO/config.json" && mv "$DEMO/config.json" "$DEMO/bundle/config.json"

export BERTH_CONFIG="$PWD/build/vm/berth.conf"
ms() { echo $(($(date +%s%N) / 1000000)); }

# the same bundle, both boundaries: what each sees, its kernel, and a whole run's time
for iso in container vm; do
	echo "== berth run --isolation $iso"
	t0=$(ms)
	"$BERTH" --root "$ROOT" run --isolation $iso --bundle "$DEMO/bundle" demo-$iso 2>/dev/null
	t1=$(ms)
	declare "time_$iso=$((t1 - t0))"
done
cp "$DEMO/bundle/config.json" "$DEMO/config.saved"
jq '.process.args = ["uname", "-r"]' "$DEMO/config.saved" >"$DEMO/bundle/config.json"
kernel_container=$("$BERTH" --root "$ROOT" run --isolation container --bundle "$DEMO/bundle" k1)
kernel_vm=$("$BERTH" --root "$ROOT" run --isolation vm --bundle "$DEMO/bundle" k2 2>/dev/null)
mv "$DEMO/config.saved" "$DEMO/bundle/config.json"
echo
printf '%-10s %-22s %s\n' isolation "kernel seen" "run to exit" \
	container "$kernel_container" "${time_container} ms" \
	vm "$kernel_vm" "${time_vm} ms"
echo
berth_check=$("$BERTH" check 2>/dev/null | grep -E '^(vm|  kvm):' || true)
echo "$berth_check"
echo

echo "== create / start / state / delete (vm)"
jq '.process.args = ["sleep", "30"]' "$DEMO/bundle/config.json" >"$DEMO/c.json"
mv "$DEMO/c.json" "$DEMO/bundle/config.json"
"$BERTH" --root "$ROOT" create --isolation vm --bundle "$DEMO/bundle" demo2 2>/dev/null
"$BERTH" --root "$ROOT" state demo2 | jq -c '{id, status, pid, isolation: .annotations["berth.isolation"]}'
"$BERTH" --root "$ROOT" start demo2
"$BERTH" --root "$ROOT" exec demo2 uname -a
"$BERTH" --root "$ROOT" list
"$BERTH" --root "$ROOT" kill demo2 KILL
"$BERTH" --root "$ROOT" delete demo2
