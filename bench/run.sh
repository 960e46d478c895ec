#!/usr/bin/env bash
# bench/run.sh: the assessment benchmark (docs/benchmarks.md), then the
# people benchmark (bench/people.sh).
#
# Builds bench/gen_workbook, generates workbooks of 10,000, 100,000 and
# 1,000,000 subjects into a cache folder (once: again only when the
# generator or the seed changed), runs `kaohe assess run WORKBOOK --out DIR
# --stats` on each and prints a table of load, compute and write times,
# throughput and peak memory, with the targets for 1,000,000 subjects.
#
# Environment:
#   KAOHE_BIN          the kaohe to measure (default build/kaohe)
#   KAOHE_BENCH_DIR    cache folder (default bench/.cache, git-ignored)
#   KAOHE_BENCH_SIZES  subject counts (default "10000 100000 1000000")
#   KAOHE_BENCH_RUNS   runs per size; the median by wall time is shown
#                      (default 3)
#   KAOHE_BENCH_SEED   generator seed (default 20260101)
#   KAOHE_BENCH_KEEP   1 keeps results.csv and trace.jsonl (default: they
#                      are deleted after each run, they take gigabytes)
#   KAOHE_BENCH_PEOPLE people for bench/people.sh, run at the end (default
#                      100000; 0 leaves it out)
# Exit status: 0 when every run succeeded (a missed target is reported, not
# an error), 1 when a run failed, 2 when something needed is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
kaohe=${KAOHE_BIN:-$root/build/kaohe}
cache=${KAOHE_BENCH_DIR:-$root/bench/.cache}
sizes=${KAOHE_BENCH_SIZES:-10000 100000 1000000}
runs=${KAOHE_BENCH_RUNS:-3}
seed=${KAOHE_BENCH_SEED:-20260101}
keep=${KAOHE_BENCH_KEEP:-0}

# The targets, for 1,000,000 subjects on a 2-core machine.
target_subjects=1000000
target_total=8        # seconds, the whole run: load, compute, write
target_compute=0.5    # seconds
target_rss_mib=3072   # 3 GiB

say() { printf '%s\n' "$*" >&2; }

if [ ! -x "$kaohe" ]; then
	say "bench: no $kaohe (run make build first)"
	exit 2
fi
mkdir -p "$cache/runs"

# --- the generator ----------------------------------------------------------
gen=$cache/gen_workbook
src=$root/bench/gen_workbook.c
if [ ! -x "$gen" ] || [ "$src" -nt "$gen" ]; then
	say "bench: building the generator"
	${CC:-cc} -O2 -std=c17 -Wall -Wextra -pthread -o "$gen" "$src"
fi
stamp="$(sha256sum "$src" | cut -d' ' -f1) seed=$seed"

for n in $sizes; do
	wb=$cache/wb-$n
	if [ -f "$wb.stamp" ] && [ "$(cat "$wb.stamp")" = "$stamp" ] &&
	   [ -f "$wb.rows" ]; then
		continue
	fi
	say "bench: generating $n subjects into $wb"
	rm -rf "$wb" "$wb.stamp" "$wb.rows"
	"$gen" "$wb" "$n" "$seed" >"$wb.rows"
	say "bench:   $(cat "$wb.rows")"
	printf '%s\n' "$stamp" >"$wb.stamp"
done

# --- measuring --------------------------------------------------------------
have_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	have_time=1
else
	say "bench: /usr/bin/time is missing (Debian package 'time'): peak" \
	    "memory comes from kaohe's own stats line only"
fi

now() { date +%s.%N; }

# stat_of KEY FILE: the value of `stats: ... KEY=VALUE` in kaohe's stderr.
stat_of() {
	sed -n "s/^stats: .*\\b$1=\\([0-9.]*\\).*/\\1/p" "$2" | tail -n 1
}

# One run of size n, number r: writes $cache/runs/$n-$r.txt with
# "wall load rows compute subjects write rss_kib".
run_once() {
	local n=$1 r=$2
	local wb=$cache/wb-$n out=$cache/out-$n
	local err=$cache/runs/$n-$r.err tv=$cache/runs/$n-$r.time
	rm -rf "$out"
	local t0 t1 rc=0
	t0=$(now)
	if [ $have_time = 1 ]; then
		/usr/bin/time -v -o "$tv" "$kaohe" assess run "$wb" --out "$out" \
			--stats >/dev/null 2>"$err" || rc=$?
	else
		"$kaohe" assess run "$wb" --out "$out" --stats >/dev/null \
			2>"$err" || rc=$?
	fi
	t1=$(now)
	if [ $rc != 0 ]; then
		say "bench: kaohe assess run $wb failed (exit $rc):"
		head -n 20 "$err" >&2
		return 1
	fi
	local rss
	if [ $have_time = 1 ]; then
		rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tv")
	else
		rss=$(stat_of peak_rss_kib "$err")
	fi
	local load rows compute subjects write
	load=$(stat_of load_seconds "$err")
	rows=$(stat_of rows "$err")
	compute=$(stat_of compute_seconds "$err")
	subjects=$(stat_of subjects "$err")
	write=$(stat_of write_seconds "$err")
	if [ -z "$load" ] || [ -z "$compute" ] || [ -z "$write" ]; then
		say "bench: no stats lines from kaohe (does it know --stats?):"
		head -n 20 "$err" >&2
		return 1
	fi
	if [ -d "$out" ] && [ "$keep" != 1 ]; then
		rm -rf "$out"
	fi
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') \
$load ${rows:-0} $compute ${subjects:-0} $write ${rss:-0}" \
		>"$cache/runs/$n-$r.txt"
}

failed=0
results=()
for n in $sizes; do
	ok=1
	for r in $(seq 1 "$runs"); do
		say "bench: $n subjects, run $r of $runs"
		if ! run_once "$n" "$r"; then
			ok=0
			failed=1
			break
		fi
	done
	[ $ok = 1 ] || continue
	# the median run by wall time
	med=$(for r in $(seq 1 "$runs"); do cat "$cache/runs/$n-$r.txt"; done |
	      sort -n -k1,1 | sed -n "$(( (runs + 1) / 2 ))p")
	# rows: every CSV row the generator wrote; pools: pools.csv's rows,
	# which kaohe's own count (the rows behind its input) leaves out
	rows=$(sed -n 's/.* total=\([0-9]*\).*/\1/p' "$cache/wb-$n.rows")
	pools=$(sed -n 's/.* pools=\([0-9]*\).*/\1/p' "$cache/wb-$n.rows")
	results+=("$n $rows $pools $med")
done

[ ${#results[@]} -gt 0 ] || exit 1

# --- the table --------------------------------------------------------------
echo
echo "kaohe assess run, $(nproc) cores, $(uname -m), median of $runs run(s)"
printf '%s\n' "${results[@]}" | awk -v tsub=$target_subjects \
	-v ttot=$target_total -v tcomp=$target_compute -v trss=$target_rss_mib '
function human(x) {
	if (x >= 1e6) return sprintf("%.1fM", x / 1e6)
	if (x >= 1e3) return sprintf("%.0fk", x / 1e3)
	return sprintf("%.0f", x)
}
BEGIN {
	printf "%10s %10s %8s %9s %9s %10s %8s %8s %9s\n", "subjects", "rows",
	       "load s", "rows/s", "compute s", "subjects/s", "write s",
	       "total s", "peak MiB"
}
{
	n = $1; rows = $2; pools = $3; wall = $4; load = $5; krows = $6
	comp = $7; ksub = $8; write = $9; rss = $10 / 1024
	printf "%10d %10d %8.3f %9s %9.3f %10s %8.3f %8.3f %9.0f\n", n, rows,
	       load, human(load > 0 ? rows / load : 0), comp,
	       human(comp > 0 ? n / comp : 0), write, wall, rss
	if (krows != rows - pools)
		printf "%10s (kaohe read %d rows besides pools.csv, the " \
		       "generator wrote %d)\n", "", krows, rows - pools
	if (ksub != n)
		printf "%10s (kaohe counted %d subjects)\n", "", ksub
	if (n == tsub) {
		hit = 1; twall = wall; tc = comp; tr = rss
	}
}
END {
	printf "\ntargets for %d subjects: total <= %g s, compute <= %g s, " \
	       "peak <= %d MiB\n", tsub, ttot, tcomp, trss
	if (!hit) {
		print "  (not measured: no run of that size)"
		exit
	}
	printf "  total   %8.3f s   %s\n", twall, twall <= ttot ? "met" : "MISSED"
	printf "  compute %8.3f s   %s\n", tc, tc <= tcomp ? "met" : "MISSED"
	printf "  peak    %8.0f MiB %s\n", tr, tr <= trss ? "met" : "MISSED"
}'
if [ $have_time = 0 ]; then
	echo "(peak memory from kaohe's stats line: /usr/bin/time is not installed)"
fi

# --- the people list and the imports (bench/people.sh) ----------------------
if [ "${KAOHE_BENCH_PEOPLE:-100000}" != 0 ]; then
	echo
	KAOHE_BIN=$kaohe KAOHE_BENCH_DIR=$cache "$root/bench/people.sh" || failed=1
fi
exit $failed
