# The runtimes under test, sourced by bench.sh: how to call each one, waiting for a container to
# stop, what a running container leaves resident, and removing every container made.
# Needs WORK, BERTH; sets RUNTIMES (the container runtimes found: berth runc crun).
# shellcheck shell=bash disable=SC2034 # T0 is read by ms_since (lib.sh)

# crun 1.8 refuses hybrid cgroup hosts: it runs in a mount namespace of its own where the
# cgroup2 mount is gone. The namespace is made once and kept in a file (nsenter is one exec);
# its cost is measured and printed as a note.
CRUN_PRE=()
RUNTIMES=berth
command -v runc >/dev/null && RUNTIMES="$RUNTIMES runc"
if command -v crun >/dev/null; then
	RUNTIMES="$RUNTIMES crun"
	if mountpoint -q /sys/fs/cgroup/unified; then
		mkdir -p "$WORK/ns"
		mount --bind "$WORK/ns" "$WORK/ns"
		mount --make-private "$WORK/ns"
		touch "$WORK/ns/mnt"
		unshare --mount="$WORK/ns/mnt" --propagation private umount /sys/fs/cgroup/unified
		CRUN_PRE=(nsenter --mount="$WORK/ns/mnt")
	fi
fi

# sets RT_ARGV to the command line of: runtime subcommand [args...]; berth-vm is berth with
# --isolation vm on create and run; every runtime keeps its state under WORK
rt_argv() {
	local name=$1 sub=$2
	shift 2
	case $name in
	berth | berth-vm)
		RT_ARGV=("$BERTH" --root "$WORK/root-berth" "$sub")
		if [ "$name" = berth-vm ] && [[ $sub == create || $sub == run ]]; then
			RT_ARGV+=(--isolation vm)
		fi
		;;
	runc) RT_ARGV=(runc --root "$WORK/root-runc" "$sub") ;;
	crun) RT_ARGV=("${CRUN_PRE[@]}" crun --root "$WORK/root-crun" "$sub") ;;
	*) die "unknown runtime $name" ;;
	esac
	RT_ARGV+=("$@")
}

rt() { # runtime subcommand [args...]
	rt_argv "$@"
	"${RT_ARGV[@]}"
}

# rt without stdio, dying with the runtime's message if it fails
rt_ok() {
	rt "$@" </dev/null >/dev/null 2>"$WORK/err" || die "$1 $2 ${*: -1}: $(head -c 300 "$WORK/err")"
}

wait_stopped() { # runtime id: polls state, 20 s at most
	local i out
	for ((i = 0; i < 4000; i++)); do
		out=$(rt "$1" state "$2" 2>/dev/null) || return 1
		[[ $out =~ \"status\":[[:space:]]*\"stopped\" ]] && return 0
		sleep 0.005
	done
	return 1
}

# KiB resident for a running container besides the container's own processes: the host-pid-ns
# processes among its pid and their descendants, plus any whose command line names the id
# (a shim, a monitor). Prints "KiB name,name,..." ("0 -" when nothing).
resident_kb() { # pid id
	ps -eo pid=,ppid=,rss=,pidns=,comm=,args= | P=$1 ID=$2 HOSTNS=$(ps -o pidns= -p $$) awk '
		{ pid[NR] = $1; ppid[NR] = $2; rss[NR] = $3; ns[NR] = $4; comm[NR] = $5
		  if ($1 == ENVIRON["P"] || index($0, ENVIRON["ID"])) in_set[$1] = 1 }
		END { do { grew = 0
			for (i = 1; i <= NR; i++)
				if (!(pid[i] in in_set) && (ppid[i] in in_set)) { in_set[pid[i]] = 1; grew = 1 }
		      } while (grew)
		      for (i = 1; i <= NR; i++)
			if ((pid[i] in in_set) && ns[i] == ENVIRON["HOSTNS"] + 0) {
				kb += rss[i]; names = names (names ? "," : "") comm[i] }
		      printf "%d %s\n", kb, names ? names : "-" }'
}

# notes what the crun wrapper costs per command: nsenter /bin/true against /bin/true
crun_wrapper_note() {
	local i ms
	[ ${#CRUN_PRE[@]} -gt 0 ] || return 0
	for ((i = 0; i < 20; i++)); do
		T0=$EPOCHREALTIME && /bin/true && ms_since ms && echo "$ms" >>"$WORK/oh-plain"
		T0=$EPOCHREALTIME && "${CRUN_PRE[@]}" /bin/true && ms_since ms && echo "$ms" >>"$WORK/oh-ns"
	done
	note "crun runs through nsenter into a mount namespace without /sys/fs/cgroup/unified (crun" \
		"1.8 refuses hybrid hosts): +$(awk -v a="$(stats "$WORK/oh-ns" | cut -d' ' -f3)" \
			-v b="$(stats "$WORK/oh-plain" | cut -d' ' -f3)" 'BEGIN { printf "%.2f", a - b }')" \
		"ms per crun command (median), included in crun's numbers"
}

# deletes (--force) whatever containers a runtime still has under WORK
rt_cleanup_one() { # runtime
	local d
	for d in "$WORK/root-$1"/*/; do
		[ -d "$d" ] || continue
		rt "$1" delete --force "$(basename "$d")" </dev/null >/dev/null 2>&1 || true
	done
}

# the same for every runtime, then the crun namespace goes
rt_cleanup() {
	local name
	for name in $RUNTIMES; do
		rt_cleanup_one "$name"
	done
	if [ ${#CRUN_PRE[@]} -gt 0 ]; then
		umount "$WORK/ns/mnt" 2>/dev/null || true
		umount "$WORK/ns" 2>/dev/null || true
	fi
}
