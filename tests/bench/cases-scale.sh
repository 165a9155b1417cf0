# Scale case, sourced by bench.sh: SCALE_M sleeping containers created and started at once
# (background jobs, then wait), the host memory they take while running, then all deleted at
# once. Memory: MemAvailable while they run against the mean of before and after (1 s after the
# deletes), which cancels a steady drift of the rest of the host. Failed jobs are counted into
# a note, not fatal: the numbers are what is measured.
# shellcheck shell=bash disable=SC2034 # T0 is read by ms_since (lib.sh)

bench_case scale-start ms crun "$SCALE_M containers create+start, concurrent"
bench_case scale-mem MiB crun "host memory per running container"
bench_case scale-delete ms crun "$SCALE_M containers delete --force, concurrent"

mem_available() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }

case_scale() { # runtime id-prefix
	local ms k before during after failed left
	: >"$WORK/scale-fail"
	before=$(mem_available)
	T0=$EPOCHREALTIME
	for ((k = 0; k < SCALE_M; k++)); do
		{ rt "$1" create --bundle "$SLEEP_B" "$2-$k" && rt "$1" start "$2-$k"; } \
			</dev/null >/dev/null 2>&1 || echo "$2-$k" >>"$WORK/scale-fail" &
	done
	wait
	ms_since ms
	sample scale-start "$1" "$ms"
	sleep 1 # let the containers settle into sleep before reading the memory
	during=$(mem_available)
	failed=$(wc -l <"$WORK/scale-fail")

	T0=$EPOCHREALTIME
	for ((k = 0; k < SCALE_M; k++)); do
		rt "$1" delete --force "$2-$k" </dev/null >/dev/null 2>&1 &
	done
	wait
	ms_since ms
	sample scale-delete "$1" "$ms"
	sleep 1 # namespaces are torn down after the last process is gone
	after=$(mem_available)
	sample_kb scale-mem "$1" $((((before + after) / 2 - during) / SCALE_M))
	[ "$failed" -eq 0 ] || note "scale: $1: $failed of $SCALE_M containers failed to create or start"
	left=$(find "$WORK/root-$1" -mindepth 1 -maxdepth 1 -name "$2-*" | wc -l)
	[ "$left" -eq 0 ] || note "scale: $1: $left of $SCALE_M containers failed to delete"
	rt_cleanup_one "$1"
}
