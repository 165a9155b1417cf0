# Benchmark bookkeeping, sourced by bench.sh: timing, samples, the case list, statistics, and
# the table and JSON made from them. Needs WORK (scratch dir) set; bash, awk, sort, jq.
# shellcheck shell=bash

SAMPLES=$WORK/samples
mkdir -p "$SAMPLES"
: >"$WORK/cases.tsv"

die() {
	echo "bench.sh: $*" >&2
	exit 1
}

# wall clock without a fork: T0=$EPOCHREALTIME before, ms_since VAR after
ms_since() { # var: sets var to the ms since T0, 3 decimals
	local t1=$EPOCHREALTIME us
	us=$((${t1/./} - ${T0/./}))
	printf -v "$1" '%d.%03d' $((us / 1000)) $((us % 1000))
}

# case id, unit, reference for the ratio ("runtime" in this case or "case:runtime"), label
bench_case() {
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$WORK/cases.tsv"
}

sample() { # case runtime value
	echo "$3" >>"$SAMPLES/$1.$2"
}

sample_kb() { # case runtime KiB: recorded in MiB
	sample "$1" "$2" "$(awk -v k="$3" 'BEGIN { printf "%.2f", k / 1024 }')"
}

# "n min median max" of a sample file
stats() {
	sort -g "$1" | awk '{ v[NR] = $1 }
		END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "%d %.2f %.2f %.2f\n", NR, v[1], m, v[NR] }'
}

# summary.tsv: case, label, unit, ref, runtime, n, min, median, max, ratio ("-" if none)
bench_summarize() {
	local id unit ref label rt n mn med mx rc rr refmed ratio
	: >"$WORK/summary.tsv"
	while IFS=$'\t' read -r id unit ref label; do
		rc=$id rr=$ref
		[[ $ref == *:* ]] && rc=${ref%%:*} rr=${ref#*:}
		refmed=
		[ -s "$SAMPLES/$rc.$rr" ] && refmed=$(stats "$SAMPLES/$rc.$rr" | cut -d' ' -f3)
		for rt in $RUNTIME_ORDER; do
			[ -s "$SAMPLES/$id.$rt" ] || continue
			read -r n mn med mx < <(stats "$SAMPLES/$id.$rt")
			ratio=$(awk -v a="$med" -v b="${refmed:-0}" \
				'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$label" "$unit" \
				"$ref" "$rt" "$n" "$mn" "$med" "$mx" "$ratio" >>"$WORK/summary.tsv"
		done
	done <"$WORK/cases.tsv"
}

bench_table() {
	awk -F'\t' 'BEGIN { printf "%-46s %-10s %3s %9s %9s %9s %6s\n", "case", "runtime", "n",
			"min", "median", "max", "ratio" }
		{ c = $1 == last ? "" : $2 " (" $3 ")"; last = $1
		  printf "%-46s %-10s %3d %9s %9s %9s %6s\n", c, $5, $6, $7, $8, $9, $10 }' \
		"$WORK/summary.tsv"
}

# bench.json: machine and versions (from the key=value files), parameters, notes, the cases
bench_json() { # output file
	jq -n --rawfile sum "$WORK/summary.tsv" --rawfile mach "$WORK/machine" \
		--rawfile vers "$WORK/versions" --rawfile notes "$WORK/notes" \
		--argjson params "$PARAMS_JSON" '
		def kv: split("\n") | map(select(length > 0) | capture("^(?<key>[^=]*)=(?<value>.*)$"))
			| from_entries;
		def num: if . == "-" then null else tonumber end;
		{machine: ($mach | kv), versions: ($vers | kv), parameters: $params,
		 notes: ($notes | split("\n") | map(select(length > 0))),
		 cases: ($sum | split("\n") | map(select(length > 0) | split("\t"))
			| reduce .[] as $r ([];
				if length > 0 and .[-1].id == $r[0] then . else
					. + [{id: $r[0], label: $r[1], unit: $r[2], ratio_to: $r[3],
					      results: []}] end
				| .[-1].results += [{runtime: $r[4], n: ($r[5] | num),
					min: ($r[6] | num), median: ($r[7] | num), max: ($r[8] | num),
					ratio: ($r[9] | num)}]))}' >"$1"
}

machine_kv() { # key value: one line of the machine description
	echo "$1=$2" >>"$WORK/machine"
	printf '%-10s %s\n' "$1:" "$2"
}

note() {
	echo "$*" >>"$WORK/notes"
}
