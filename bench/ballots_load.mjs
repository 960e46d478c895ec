// bench/ballots_load.mjs: anonymous ballots over HTTP on loopback
// (docs/benchmarks.md: Ballots). Usage:
//   node bench/ballots_load.mjs URL TOKENS_FILE CONCURRENCY SUBJECTS_JSON
// Each of CONCURRENCY raters submits ballots back to back (one token
// each, every subject rated) until the tokens run out; prints the
// acknowledged ballots per second and the latency percentiles. Node's
// own fetch with keep-alive; no npm packages.
import { readFileSync } from 'node:fs';

const [url, tokensFile, concurrency, subjectsJson] = process.argv.slice(2);
const tokens = readFileSync(tokensFile, 'utf8').trim().split('\n');
const subjects = JSON.parse(subjectsJson);
const levels = ['excellent', 'competent', 'basic', 'incompetent'];
const lat = [];
let next = 0;
let ok = 0;
let failed = 0;

async function rater(k) {
  while (next < tokens.length) {
    const token = tokens[next++];
    const ratings = subjects.map((s, i) => ({ subject: s, level: levels[(i + k) % 4] }));
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${url}/api/v1/ballot`, { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, ratings }) });
    await res.arrayBuffer();
    lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status === 201) ok++; else failed++;
  }
}

const t0 = Date.now();
await Promise.all(Array.from({ length: Number(concurrency) }, (_, k) => rater(k)));
const secs = (Date.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(1);
console.log(`ballots ${ok} acknowledged, ${failed} refused, in ${secs.toFixed(2)} s: ` +
  `${Math.round(ok / secs)} ballots/s; latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, ` +
  `p99 ${pct(0.99)} ms, max ${lat[lat.length - 1].toFixed(1)} ms (${concurrency} raters, ` +
  `${subjects.length} subjects a ballot)`);
