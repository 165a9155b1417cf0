#!/bin/bash
# make demo: build a busybox bundle under build/demo and run it with berth, showing what the
# container sees. Called by `make demo` with BUILD set.
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

echo "== berth run (isolation: container)"
"$BERTH" --root "$ROOT" run --bundle "$DEMO/bundle" demo
echo "== create / start / state / delete"
jq '.process.args = ["sleep", "30"]' "$DEMO/bundle/config.json" >"$DEMO/c.json"
mv "$DEMO/c.json" "$DEMO/bundle/config.json"
"$BERTH" --root "$ROOT" create --bundle "$DEMO/bundle" demo2
"$BERTH" --root "$ROOT" state demo2 | jq -c '{id, status, pid}'
"$BERTH" --root "$ROOT" start demo2
"$BERTH" --root "$ROOT" list
"$BERTH" --root "$ROOT" kill demo2 KILL
"$BERTH" --root "$ROOT" delete demo2
echo "== vm isolation: not available yet (issue 6)"
