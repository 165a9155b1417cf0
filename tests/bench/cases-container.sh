# Container cases, sourced by bench.sh: one repetition of each for one runtime at a time, so
# the driver can interleave the runtimes. Bundles: TRUE_B (runs true), SLEEP_B (sleeps).
# shellcheck shell=bash disable=SC2034 # T0 is read by ms_since (lib.sh)

bench_case run-attached ms crun "run true, attached"
bench_case run-detached ms crun "run -d true, wait stopped, delete"
bench_case create ms crun "create"
bench_case start ms crun "start"
bench_case state ms crun "state"
bench_case exec ms crun "exec /bin/true"
bench_case delete ms crun "delete (stopped)"
bench_case rss-run MiB crun "peak RSS of the runtime during run"
bench_case resident MiB crun "resident besides the container"
bench_case version ms crun "start-up: --version"
bench_case binary KiB crun "binary size (as installed)"

rt_bin() { # runtime: its executable
	case $1 in
	berth) echo "$BERTH" ;;
	*) command -v "$1" ;;
	esac
}

# the cost of starting the binary at all (dynamic linking, constructors), and its size
case_version() { # runtime
	local ms bin
	bin=$(rt_bin "$1")
	T0=$EPOCHREALTIME
	"$bin" --version >/dev/null
	ms_since ms
	sample version "$1" "$ms"
	[ -s "$SAMPLES/binary.$1" ] || sample binary "$1" $(($(stat -L -c %s "$bin") / 1024))
}

# run: attached and timed; then once more under /usr/bin/time for the peak RSS (apart, so the
# timing does not include /usr/bin/time); then run -d, wait for stopped, delete
case_run() { # runtime id-prefix
	local ms id=$2
	T0=$EPOCHREALTIME
	rt_ok "$1" run --bundle "$TRUE_B" "$id-a"
	ms_since ms
	sample run-attached "$1" "$ms"
	# --rm-like: a runtime whose run left the container behind gets it deleted, untimed
	[ ! -d "$WORK/root-$1/$id-a" ] || rt_ok "$1" delete --force "$id-a"

	rt_argv "$1" run --bundle "$TRUE_B" "$id-r"
	/usr/bin/time -f %M -o "$WORK/rss" "${RT_ARGV[@]}" </dev/null >/dev/null 2>"$WORK/err" ||
		die "$1 run $id-r: $(head -c 300 "$WORK/err")"
	sample_kb rss-run "$1" "$(tail -n1 "$WORK/rss")"
	[ ! -d "$WORK/root-$1/$id-r" ] || rt_ok "$1" delete --force "$id-r"

	T0=$EPOCHREALTIME
	rt_ok "$1" run -d --bundle "$TRUE_B" "$id-d"
	wait_stopped "$1" "$id-d" || die "$1: $id-d did not stop"
	rt_ok "$1" delete "$id-d"
	ms_since ms
	sample run-detached "$1" "$ms"
}

# create, start, state, exec, delete of a sleeping container, each timed; in between, what stays
# resident. For berth-vm the same with --isolation vm, plus QEMU's own RSS.
case_lifecycle() { # runtime id
	local ms id=$2 pid kb names step
	for step in create start state exec; do
		T0=$EPOCHREALTIME
		case $step in
		create) rt_ok "$1" create --bundle "$SLEEP_B" "$id" ;;
		exec) rt_ok "$1" exec "$id" /bin/true ;;
		*) rt_ok "$1" "$step" "$id" ;;
		esac
		ms_since ms
		sample "$step" "$1" "$ms"
	done
	pid=$(rt "$1" state "$id" | jq -r .pid)
	read -r kb names < <(resident_kb "$pid" "$id")
	sample_kb resident "$1" "$kb"
	echo "$names" >"$WORK/resident-names.$1"
	if [ "$1" = berth-vm ]; then
		kb=$(ps -o rss=,comm= --ppid "$pid" | awk '$2 ~ /^qemu/ { s += $1 } END { print s + 0 }')
		sample_kb vm-qemu-rss qemu "$kb"
	fi
	rt_ok "$1" kill "$id" KILL
	wait_stopped "$1" "$id" || die "$1: $id did not stop after kill"
	T0=$EPOCHREALTIME
	rt_ok "$1" delete "$id"
	ms_since ms
	sample delete "$1" "$ms"
}
