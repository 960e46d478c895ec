#!/usr/bin/env bash
# Golden tests of the assessment engine: run `kaohe assess run` on every
# workbook under tests/golden and compare with the expected results.
#
#   tests/golden/run.sh KAOHE_BIN [CASE...]
#
# A case is a folder holding a workbook (cycle.json, schemes/, *.csv).
# - tests/golden/NAME/expected/results.csv: the run must exit 0, write
#   results.csv byte for byte equal to it, and a trace.jsonl with one JSON
#   object a line, one line per subject.
# - tests/golden/bad/NAME/expected_error: the run must exit 1, print every
#   line of expected_error (a plain substring each) on stderr, and write
#   nothing: no file in --out, no change in the workbook. An optional
#   `args` file holds extra arguments (e.g. --strict).
# Each workbook is copied to a temporary folder first, so the sources are
# never written. CASE arguments (e.g. rules_rank, bad/nan_value) limit the
# run to those cases. Exit status: 0 all passed, 1 a case failed, 2 usage.

set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 KAOHE_BIN [CASE...]" >&2
	exit 2
fi
bin=$1
shift
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
if [ ! -x "$bin" ]; then
	echo "$0: $bin is not an executable" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kaohe-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# A run that hangs is a failure, not a stuck test suite.
timeout_cmd=()
if command -v timeout >/dev/null 2>&1; then
	timeout_cmd=(timeout 120)
fi
have_python=0
if command -v python3 >/dev/null 2>&1; then
	have_python=1
fi

passed=0
failed=0
failures=()

fail() { # case, message...
	local name=$1
	shift
	printf 'FAIL %s: %s\n' "$name" "$*"
	failures+=("$name")
	failed=$((failed + 1))
}

# copy_workbook SRC DST: the case folder without the test's own files.
copy_workbook() {
	local src=$1 dst=$2 f base
	mkdir -p "$dst" || return 1
	for f in "$src"/*; do
		base=${f##*/}
		case $base in
		expected | expected_error | args | README.md) continue ;;
		esac
		cp -R "$f" "$dst/" || return 1
	done
}

show_stderr() { # file
	if [ -s "$1" ]; then
		echo "  stderr:"
		sed -n '1,20s/^/    /p' "$1"
	fi
}

# Sets work, wb, pristine and out for a case in its own work folder;
# fails the case (status 1) when the workbook cannot be copied.
prepare() { # name dir
	work=$tmp/$1
	wb=$work/workbook pristine=$work/pristine out=$work/out
	mkdir -p "$out"
	if ! copy_workbook "$2" "$wb" || ! copy_workbook "$2" "$pristine"; then
		fail "$1" "cannot copy the workbook"
		return 1
	fi
}

run_good() { # name dir
	local name=$1 dir=$2 work wb pristine out
	prepare "$name" "$dir" || return
	local rc=0
	${timeout_cmd[@]+"${timeout_cmd[@]}"} "$bin" assess run "$wb" --out "$out" \
		>"$work/stdout" 2>"$work/stderr" || rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$name" "exit status $rc, expected 0"
		show_stderr "$work/stderr"
		return
	fi
	local expected=$dir/expected/results.csv
	if [ ! -f "$out/results.csv" ]; then
		fail "$name" "no results.csv in --out"
		show_stderr "$work/stderr"
		return
	fi
	if ! cmp -s "$expected" "$out/results.csv"; then
		fail "$name" "results.csv differs from expected/results.csv"
		diff -u "$expected" "$out/results.csv" | sed -n '1,60s/^/    /p'
		return
	fi
	if [ ! -f "$out/trace.jsonl" ]; then
		fail "$name" "no trace.jsonl in --out"
		return
	fi
	# One subject a row in results.csv (no cell in these cases holds a
	# line break), one non-empty line a subject in trace.jsonl.
	local subjects lines
	subjects=$(($(wc -l <"$expected") - 1))
	lines=$(grep -c . "$out/trace.jsonl")
	if [ "$lines" -ne "$subjects" ]; then
		fail "$name" "trace.jsonl has $lines lines, expected $subjects (one per subject)"
		return
	fi
	if [ "$have_python" -eq 1 ] && ! python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    try:
        ok = not line.strip() or isinstance(json.loads(line), dict)
    except ValueError:
        ok = False
    if not ok:
        sys.exit("line %d is not a JSON object" % n)
' "$out/trace.jsonl" 2>"$work/json_err"; then
		fail "$name" "trace.jsonl: $(tail -n 1 "$work/json_err")"
		return
	fi
	if ! diff -r "$pristine" "$wb" >/dev/null; then
		fail "$name" "the workbook was changed (--out was given)"
		diff -r "$pristine" "$wb" | sed -n '1,10s/^/    /p'
		return
	fi
	echo "ok   $name"
	passed=$((passed + 1))
}

run_bad() { # name dir
	local name=$1 dir=$2 work wb pristine out
	prepare "$name" "$dir" || return
	local extra=()
	if [ -f "$dir/args" ]; then
		read -r -a extra <"$dir/args"
	fi
	local rc=0
	${timeout_cmd[@]+"${timeout_cmd[@]}"} "$bin" assess run "$wb" --out "$out" ${extra[@]+"${extra[@]}"} \
		>"$work/stdout" 2>"$work/stderr" || rc=$?
	if [ "$rc" -ne 1 ]; then
		fail "$name" "exit status $rc, expected 1 (input refused)"
		show_stderr "$work/stderr"
		return
	fi
	local want missing=()
	while IFS= read -r want || [ -n "$want" ]; do
		[ -n "$want" ] || continue
		if ! grep -qF -- "$want" "$work/stderr"; then
			missing+=("$want")
		fi
	done <"$dir/expected_error"
	if [ ${#missing[@]} -gt 0 ]; then
		fail "$name" "stderr lacks: $(printf '[%s] ' "${missing[@]}")"
		show_stderr "$work/stderr"
		return
	fi
	local f
	for f in "$out/results.csv" "$out/trace.jsonl" "$wb/results.csv" "$wb/trace.jsonl"; do
		if [ -e "$f" ]; then
			fail "$name" "${f#"$work"/} was written although the input was refused"
			return
		fi
	done
	if [ -n "$(find "$out" -mindepth 1 -print -quit)" ]; then
		fail "$name" "files were written to --out: $(find "$out" -mindepth 1 | tr '\n' ' ')"
		return
	fi
	if ! diff -r "$pristine" "$wb" >/dev/null; then
		fail "$name" "the workbook was changed"
		return
	fi
	echo "ok   $name"
	passed=$((passed + 1))
}

# The cases to run: all, or those named on the command line.
cases=()
if [ $# -gt 0 ]; then
	for c in "$@"; do
		cases+=("${c%/}")
	done
else
	for d in "$here"/*/; do
		d=${d%/}
		[ "${d##*/}" = bad ] && continue
		[ -f "$d/expected/results.csv" ] && cases+=("${d##*/}")
	done
	for d in "$here"/bad/*/; do
		d=${d%/}
		[ -f "$d/expected_error" ] && cases+=("bad/${d##*/}")
	done
fi

for c in "${cases[@]}"; do
	dir=$here/$c
	if [ -f "$dir/expected/results.csv" ]; then
		run_good "$c" "$dir"
	elif [ -f "$dir/expected_error" ]; then
		run_bad "$c" "$dir"
	else
		fail "$c" "no such case (no expected/results.csv or expected_error)"
	fi
done

total=$((passed + failed))
echo
echo "golden: $passed of $total passed, $failed failed"
if [ "$failed" -gt 0 ]; then
	printf '  failed: %s\n' "${failures[@]}"
	exit 1
fi
exit 0
