#!/bin/bash
# Runs every test berth has: C unit tests, tree checks, bats integration tests. Ends with
# one line "N passed, N failed[, N skipped]". Called by `make check` with BUILD set.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
export BERTH_BIN="$PWD/$BUILD/berth"
export BERTH_HELPERS="$PWD/$BUILD/tests/helpers"
passed=0 failed=0 skipped=0
log=$(mktemp -d /tmp/berth-check.XXXXXX)

# count TAP lines from stdin, echoing them
tally() {
	local line
	while IFS= read -r line; do
		printf '%s\n' "$line"
		case "$line" in
		"ok "*"# skip"* | "ok "*"# SKIP"*) skipped=$((skipped + 1)) ;;
		"ok "*) passed=$((passed + 1)) ;;
		"not ok "*) failed=$((failed + 1)) ;;
		esac
	done
}

check_one() { # name, then a command whose success is the check
	local name=$1
	shift
	if "$@" >"$log/out" 2>&1; then
		echo "ok - $name"
		passed=$((passed + 1))
	else
		echo "not ok - $name"
		sed 's/^/# /' "$log/out" | head -40
		failed=$((failed + 1))
	fi
}

# every config/ and runtime/ .c has its unit test (STYLE.md)
missing_unit_tests() {
	local f t rc=0
	for f in config/*.c runtime/*.c runtime/base/*.c; do
		[ -e "$f" ] || continue
		[ "$f" = runtime/main.c ] && continue
		t="tests/unit/$(dirname "$f")/test-$(basename "$f")"
		[ -e "$t" ] || { echo "missing $t"; rc=1; }
	done
	return $rc
}

formatted() {
	command -v clang-format >/dev/null || { echo "clang-format not installed"; return 1; }
	git ls-files -co --exclude-standard '*.c' '*.h' | xargs clang-format --dry-run --Werror
}

echo "# tree checks"
check_one "every config/ and runtime/ file has a unit test" missing_unit_tests
check_one "sources follow .clang-format" formatted

echo "# unit tests"
for t in $(find "$BUILD/tests/unit" -type f -name 'test-*' -perm -u+x 2>/dev/null | sort); do
	echo "# $t"
	"$t" >"$log/unit" 2>&1
	rc=$?
	tally <"$log/unit"
	# a crash or a sanitizer report (ASan exits 1 after the last TAP line) is a failure
	# too, unless a failed test already accounts for the status
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$log/unit"; then
		echo "not ok - $t exited with status $rc"
		failed=$((failed + 1))
	fi
done

# the benchmarks run and write their results (N=2, a quick run: the scale case with 5
# containers, not 50); timings never fail
benchmarks_run() {
	tests/bench/bench.sh -n 2 -o "$log/bench" && jq . "$log/bench/bench.json" >/dev/null &&
		grep -q '</svg>' "$log/bench/bench.svg"
}

echo "# benchmarks"
check_one "benchmarks run (N=2)" benchmarks_run

echo "# integration tests"
if [ "$(id -u)" -ne 0 ]; then
	echo "not ok - integration tests need root"
	failed=$((failed + 1))
else
	# not a pipeline: tally must run in this shell to keep its counts
	tally < <(bats --tap tests/integration/*.bats 2>&1)
fi

rm -rf "$log"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
