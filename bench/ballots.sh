#!/usr/bin/env bash
# bench/ballots.sh: anonymous ballots per second over HTTP on loopback
# with 200 concurrent raters, and computing a cycle of 10,000 subjects
# from the database (docs/benchmarks.md: Ballots and cycles). Prints the
# figures; asserts nothing (a missed target is printed, not a failure).
# The load comes from bench/ballot_load.c (built here with cc -O2): one
# thread on epoll, so that it leaves the server as much of the machine
# as it can. Node.js only sets up the cycle and the tokens.
#   KAOHE_BIN             the kaohe to measure (default build/kaohe)
#   KAOHE_BENCH_BALLOTS   ballots to submit in a run (default 30000)
#   KAOHE_BENCH_RUNS      runs of the ballots (default 3; fresh tokens each)
#   KAOHE_BENCH_RATERS    concurrent raters, i.e. connections (default 200)
#   KAOHE_BENCH_THREADS   server threads (default: the server's own, 4)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kaohe=${KAOHE_BIN:-$root/build/kaohe}
ballots=${KAOHE_BENCH_BALLOTS:-30000}
runs=${KAOHE_BENCH_RUNS:-3}
raters=${KAOHE_BENCH_RATERS:-200}
threads=${KAOHE_BENCH_THREADS:-}
cache=${KAOHE_BENCH_DIR:-$root/bench/.cache}
mkdir -p "$cache"
load=$cache/ballot_load
if [ ! -x "$load" ] || [ "$root/bench/ballot_load.c" -nt "$load" ]; then
	${CC:-cc} -O2 -std=c17 -Wall -Wextra -o "$load" "$root/bench/ballot_load.c"
fi
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/k.db
"$kaohe" init --db "$db" >"$work/init.txt" 2>/dev/null
"$kaohe" cycle import "$root/examples/liangjiang-2026" --db "$db" >/dev/null 2>&1
pw=$("$kaohe" user add bench --roles assessor --db "$db" 2>/dev/null | sed -n 's/.*one-time password for bench: \(\S*\).*/\1/p')
KAOHE_PER_ADDRESS=1000 "$kaohe" serve --db "$db" --port 0 ${threads:+--threads "$threads"} 2>"$work/log" &
pid=$!
for _ in $(seq 50); do
	url=$(sed -n 's|.*listening on \(http://[^/]*\)/.*|\1|p' "$work/log")
	nthreads=$(sed -n 's|.*listening on .* with \([0-9]*\) threads.*|\1|p' "$work/log")
	[ -n "$url" ] && break
	sleep 0.1
done
node --input-type=module -e "
import { activate } from '$root/tests/api/client.mjs';
import { writeFileSync } from 'node:fs';
const c = await activate('$url', 'bench', '$pw', 'Kao-he#2026-Secure-Load');
const id = (await c.get('/api/v1/cycles')).json.items[0].id;
await c.post('/api/v1/cycles/' + id + '/open', { deadline: '2099-12-31' });
const tokens = [];
for (let left = $ballots * $runs; left > 0; left -= 10000) {
  const r = await c.post('/api/v1/cycles/' + id + '/tokens', { component: 'evaluation', group: 'staff', count: Math.min(left, 10000) });
  tokens.push(...r.json.tokens);
}
writeFileSync('$work/tokens', tokens.join('\n'));
const form = await c.post('/api/v1/ballot/form', { token: tokens[0] });
writeFileSync('$work/subjects', form.json.subjects.map((s) => s.subject).join('\\n'));
"
# The server's CPU seconds (user + system) from /proc.
cpu() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$pid/stat"; }
echo "== HTTP alone: GET /api/v1/health, $raters connections"
"$load" --get /api/v1/health "$url" 100000 "$raters" | sed 's/^/   /'
echo "== ballots: $runs runs of $ballots over HTTP, $raters raters, server with $nthreads threads"
for r in $(seq "$runs"); do
	sed -n "$(( (r - 1) * ballots + 1 )),$(( r * ballots ))p" "$work/tokens" >"$work/tokens-$r"
	c0=$(cpu)
	"$load" "$url" "$work/tokens-$r" "$raters" "$work/subjects" | sed 's/^/   /'
	echo "   server CPU $(echo "$(cpu) - $c0" | bc) s"
done
echo "   (target: at least 15,000 acknowledged durable ballots a second, p95 under 50 ms)"
kill "$pid"; wait "$pid" 2>/dev/null || true

# Computing a cycle of 10,000 subjects from the database.
wb=$cache/wb-10000
if [ -d "$wb" ]; then
	db2=$work/c.db
	"$kaohe" init --db "$db2" >/dev/null 2>&1
	s=$(date +%s.%N)
	"$kaohe" cycle import "$wb" --db "$db2" >/dev/null
	m=$(date +%s.%N)
	"$kaohe" cycle compute 1 --db "$db2" >/dev/null
	t=$(date +%s.%N)
	printf '== cycle of 10,000 subjects: import %.2f s, compute from the database %.2f s (target: under 3 s)\n' \
		"$(echo "$m - $s" | bc)" "$(echo "$t - $m" | bc)"
else
	echo "== cycle of 10,000 subjects: run bench/run.sh first (it generates $wb)"
fi
