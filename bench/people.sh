#!/usr/bin/env bash
# bench/people.sh: the people benchmark (docs/benchmarks.md, "People and
# imports"): issue 4's 100,000 people and 300,000 employments.
#
# Makes a database with `kaohe init` and `kaohe demo`, writes (once, with
# bench/gen_people.py, into the cache folder) a people workbook for the
# demo's units and an employments workbook of three posts a person, times
# `kaohe import people` and `kaohe import employments` into it, then starts
# `kaohe serve` on it and runs bench/people_load.mjs: concurrent clients
# asking for filtered, sorted pages of the people list, and one export of
# the whole list. Prints figures; a missed target is reported, never an
# error.
#
# Environment:
#   KAOHE_BIN             the kaohe to measure (default build/kaohe)
#   KAOHE_BENCH_DIR       cache folder (default bench/.cache, git-ignored)
#   KAOHE_BENCH_PEOPLE    people (default 100000; 3 employments each)
#   KAOHE_BENCH_SEED      generator seed (default 20260101)
#   KAOHE_BENCH_THREADS   the server's --threads (default: its own, 4)
#   KAOHE_BENCH_REUSE     1 serves the database of the last run again when
#                         the workbooks are the same, without importing
#   KAOHE_LOAD_*          the load's settings (bench/people_load.mjs)
#   SQLITE3               the sqlite3 shell (default sqlite3)
# Exit status: 0 when every step worked, 1 when one failed, 2 when
# something needed is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
kaohe=${KAOHE_BIN:-$root/build/kaohe}
cache=${KAOHE_BENCH_DIR:-$root/bench/.cache}
people=${KAOHE_BENCH_PEOPLE:-100000}
seed=${KAOHE_BENCH_SEED:-20260101}
threads=${KAOHE_BENCH_THREADS:-}
reuse=${KAOHE_BENCH_REUSE:-0}
sqlite3=${SQLITE3:-sqlite3}
user=benchload

# The target of issue 4, for 100,000 people.
target_import=30 # seconds, kaohe import people

say() { printf '%s\n' "$*" >&2; }

if [ ! -x "$kaohe" ]; then
	say "bench: no $kaohe (run make build first)"
	exit 2
fi
case $kaohe in /*) ;; *) kaohe=$PWD/$kaohe ;; esac
for tool in python3 node "$sqlite3"; do
	if ! command -v "$tool" >/dev/null; then
		say "bench: $tool is needed and missing"
		exit 2
	fi
done
dir=$cache/people-$people
mkdir -p "$dir"
# One run at a time: a second would replace the database under the first.
exec 9>"$dir/lock"
if ! flock -n 9; then
	say "bench: another bench/people.sh is using $dir; waiting for it"
	flock 9
fi

# --- the demo database and the workbooks -----------------------------------
base=$dir/base.db
rm -f "$base" "$base-wal" "$base-shm"
if ! "$kaohe" init --db "$base" >"$dir/setup.log" 2>&1 ||
   ! "$kaohe" demo --db "$base" >>"$dir/setup.log" 2>&1; then
	say "bench: kaohe init or demo failed:"
	tail -n 20 "$dir/setup.log" >&2
	exit 1
fi
# Every unit with its path from the committee: what the workbooks name.
"$sqlite3" -separator "$(printf '\t')" "$base" "WITH RECURSIVE p (id, kind,
	path) AS (SELECT id, kind, name FROM unit WHERE parent_id IS NULL
	UNION ALL SELECT u.id, u.kind, p.path || '/' || u.name FROM unit u
	JOIN p ON u.parent_id = p.id) SELECT id, kind, path FROM p ORDER BY id" \
	>"$dir/units.tsv"

gen=$root/bench/gen_people.py
stamp="$(cat "$gen" "$dir/units.tsv" | sha256sum | cut -d' ' -f1) seed=$seed"
if [ ! -f "$dir/workbooks.stamp" ] ||
   [ "$(cat "$dir/workbooks.stamp")" != "$stamp" ]; then
	say "bench: writing $people people and their employments into $dir"
	rm -f "$dir/workbooks.stamp" "$dir/people.db.stamp"
	t0=$(date +%s)
	python3 "$gen" "$dir/units.tsv" "$dir" "$people" "$seed" >"$dir/rows"
	say "bench:   $(cat "$dir/rows") in $(( $(date +%s) - t0 )) s"
	printf '%s\n' "$stamp" >"$dir/workbooks.stamp"
fi

# --- the imports -----------------------------------------------------------
db=$dir/people.db
have_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	have_time=1
fi

# time_import KIND: times `kaohe import KIND` into $db.work; prints a line.
time_import() {
	local kind=$1 file=$dir/$1.xlsx log=$dir/import-$1.log t0 t1 rc=0
	t0=$(date +%s.%N)
	if [ $have_time = 1 ]; then
		/usr/bin/time -v -o "$log.time" "$kaohe" import "$kind" "$file" \
			--db "$db.work" >"$log" 2>&1 || rc=$?
	else
		"$kaohe" import "$kind" "$file" --db "$db.work" >"$log" 2>&1 ||
			rc=$?
	fi
	t1=$(date +%s.%N)
	if [ $rc != 0 ]; then
		say "bench: kaohe import $kind failed (exit $rc):"
		head -n 20 "$log" >&2
		return 1
	fi
	local rows rss=""
	rows=$(sed -n "s/^Imported \([0-9]*\) row.*/\1/p" "$log")
	if [ $have_time = 1 ]; then
		rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' \
			"$log.time")
	fi
	awk -v k="$kind" -v n="${rows:-0}" -v a="$t0" -v b="$t1" -v r="$rss" \
		-v t=$target_import -v p="$people" 'BEGIN {
		s = b - a
		printf "  %-12s %8d rows %9.1f s %9.0f rows/s", k, n, s, n / s
		if (r != "") printf " %6.0f MiB", r / 1024
		if (k == "people" && p == 100000)
			printf "   target < %d s: %s", t, s < t ? "met" : "MISSED"
		printf "\n"
	}'
}

echo "kaohe people benchmark, $(nproc) cores, $(uname -m): $people people"
if [ "$reuse" = 1 ] && [ -f "$db" ] && [ -f "$db.stamp" ] &&
   [ "$(cat "$db.stamp")" = "$stamp" ]; then
	echo "imports: skipped (KAOHE_BENCH_REUSE=1: the database of the last run)"
else
	rm -f "$db" "$db-wal" "$db-shm" "$db.stamp" "$db.work"*
	cp "$base" "$db.work"
	echo "imports (one transaction each; the database as kaohe demo made it):"
	time_import people || exit 1
	time_import employments || exit 1
	mv "$db.work" "$db"
	for x in wal shm; do
		[ ! -f "$db.work-$x" ] || mv "$db.work-$x" "$db-$x"
	done
	printf '%s\n' "$stamp" >"$db.stamp"
fi

# --- the server and the load -------------------------------------------------
if "$kaohe" user add "$user" --roles assessor --db "$db" >"$dir/user.log" \
	2>&1; then
	:
elif ! "$kaohe" user reset-password "$user" --db "$db" >"$dir/user.log" \
	2>&1; then
	say "bench: kaohe user add $user failed:"
	cat "$dir/user.log" >&2
	exit 1
fi
password=$(sed -n "s/^one-time password for $user: //p" "$dir/user.log")

log=$dir/serve.log
server=
stop_server() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null || true
		wait "$server" 2>/dev/null || true
		server=
	fi
}
trap stop_server EXIT
"$kaohe" serve --db "$db" --port 0 ${threads:+--threads "$threads"} \
	>"$log" 2>&1 9>&- &
server=$!
url=
for _ in $(seq 1 300); do
	url=$(sed -n 's|.*listening on \(http://[^ /]*\)/.*|\1|p' "$log" | head -n 1)
	[ -z "$url" ] || break
	if ! kill -0 "$server" 2>/dev/null; then
		break
	fi
	sleep 0.1
done
if [ -z "$url" ]; then
	say "bench: kaohe serve did not start:"
	tail -n 20 "$log" >&2
	exit 1
fi
echo "server: $(sed -n 's/.*listening on [^ ]* with //p' "$log" | head -n 1)" \
     "(log: $log)"
rc=0
KAOHE_LOAD_SERVER_PID=$server node "$root/bench/people_load.mjs" "$url" \
	"$user" "$password" || rc=1
stop_server
exit $rc
