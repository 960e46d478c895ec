// people_load: the load of the people benchmark (docs/benchmarks.md,
// "People and imports"). Node 20, no packages.
//
//   node bench/people_load.mjs URL USER PASSWORD
//
// Logs in as USER (an assessor; a one-time PASSWORD is changed first)
// once per client, as that many browsers would, then each client asks for
// filtered, sorted pages of GET /api/v1/people one after the other, with
// no pause between (a closed loop: with C clients, the mean latency is C
// divided by the throughput), for the duration. Prints the count,
// throughput and latency percentiles of the measured period, overall and
// by kind of query, and the time of one export of the whole list.
// Answers other than 200 are counted as errors and the exit status is 1.
//
// Environment (all optional):
//   KAOHE_LOAD_CLIENTS   concurrent clients (16)
//   KAOHE_LOAD_SECONDS   measured seconds (20)
//   KAOHE_LOAD_WARMUP    seconds of the same load before, not measured (3)
//   KAOHE_LOAD_THINK_MS  pause of each client between its requests (0)
//   KAOHE_LOAD_SEED      seed of the queries (20260101)
//   KAOHE_LOAD_EXPORT    0 leaves the export out (1)
//   KAOHE_LOAD_KINDS     only these kinds of query, e.g. "plain,surname"
//   KAOHE_LOAD_SERVER_PID  the server's process id: its CPU time in the
//                        measured period is shown (Linux /proc)
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [url, user, oneTime] = process.argv.slice(2);
if (!url || !user || !oneTime) {
  console.error('usage: node bench/people_load.mjs URL USER PASSWORD');
  process.exit(2);
}
const env = (k, d) => Number(process.env[k] ?? d);
const CLIENTS = env('KAOHE_LOAD_CLIENTS', 16);
const SECONDS = env('KAOHE_LOAD_SECONDS', 20);
const WARMUP = env('KAOHE_LOAD_WARMUP', 3);
const THINK = env('KAOHE_LOAD_THINK_MS', 0);
const SEED = env('KAOHE_LOAD_SEED', 20260101);
const EXPORT = env('KAOHE_LOAD_EXPORT', 1);
const SERVER = process.env.KAOHE_LOAD_SERVER_PID;
const base = new URL(url);

// --- HTTP: one keep-alive connection per client -----------------------------

function request(agent, method, path, { cookie, csrf, body } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (cookie) headers.Cookie = `kaohe_session=${cookie}`;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    let payload;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    const rq = http.request({ host: base.hostname, port: base.port, method, path, headers, agent },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
          body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
    rq.on('error', reject);
    rq.end(payload);
  });
}

let password = oneTime;

// Logs in; the first time, a one-time password is changed (PUT
// /api/v1/session/password, with the CSRF token of the login) to a new one
// that the other clients then use.
async function login(agent) {
  const res = await request(agent, 'POST', '/api/v1/session',
    { body: { username: user, password } });
  if (res.status !== 200)
    throw new Error(`login as ${user}: ${res.status} ${res.body.toString().slice(0, 300)}`);
  const cookie = /kaohe_session=([^;]+)/.exec(res.headers['set-cookie']?.join(';') ?? '')?.[1];
  const json = JSON.parse(res.body);
  if (json.account?.must_change) {
    const next = `Bench#${Date.now()}-Load`;
    const ch = await request(agent, 'PUT', '/api/v1/session/password',
      { cookie, csrf: json.csrf, body: { old_password: password, new_password: next } });
    if (ch.status !== 200)
      throw new Error(`password change of ${user}: ${ch.status} ${ch.body.toString().slice(0, 300)}`);
    password = next;
  }
  return { agent, cookie, csrf: json.csrf };
}

// --- the queries ------------------------------------------------------------

// A small fast generator (mulberry32), so runs with one seed ask the same.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾'];
const STAFF = ['civil_servant', 'public_institution', 'self_set'];
const RANKS = ['clerk_1', 'principal_4', 'principal_3', 'principal_2', 'principal_1',
  'researcher_4', 'researcher_3'];
const EDUCATION = ['21', '14', '31', '11'];
const SORTS = ['pinyin', 'stroke', 'birth'];

// Each kind of query: its name and the parameters it adds. units: the ids
// of every unit but the social workers' stations (GET /api/v1/units).
function kinds(units) {
  return [
    ['plain', () => ({})],
    ['staff_rank', (r) => ({ staff_type: pick(r, STAFF), ...(r() < 0.6 ? { rank: pick(r, RANKS) } : {}) })],
    ['unit_below', (r) => ({ unit_id: pick(r, units), below: 'true' })],
    ['age', (r) => { const a = 25 + Math.floor(r() * 30); return { age_min: a, age_max: a + 5 + Math.floor(r() * 10) }; }],
    ['education', (r) => ({ education: pick(r, EDUCATION) })],
    ['surname', (r) => ({ q: pick(r, SURNAMES) })],
    ['mixed', (r) => ({ staff_type: pick(r, STAFF), unit_id: pick(r, units), below: 'true',
      age_min: 30 + Math.floor(r() * 15), ...(r() < 0.5 ? { education: pick(r, EDUCATION) } : {}) })],
  ];
}

function pick(r, list) { return list[Math.floor(r() * list.length)]; }

// First pages most often, as people page: half at 0, the rest up to 3,000.
function offset(r) {
  const x = r();
  if (x < 0.5) return 0;
  if (x < 0.8) return 50 * Math.floor(r() * 10);
  return 50 * Math.floor(r() * 61);
}

function query(r, table) {
  const [kind, params] = pick(r, table);
  const p = { ...params(r), sort: pick(r, SORTS), offset: offset(r), limit: 50 };
  return { kind, path: `/api/v1/people?${new URLSearchParams(p)}` };
}

// --- the run ------------------------------------------------------------------

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

// The CPU seconds a process has used (utime + stime of /proc/PID/stat,
// in clock ticks of 1/100 s on Linux); NaN when it cannot be read.
function cpuOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / 100;
  } catch {
    return NaN;
  }
}

function stats(ms) {
  const s = Float64Array.from(ms).sort();
  const q = (p) => s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN;
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] ?? NaN };
}

async function client(c, i, table, until, measureFrom, out) {
  const r = rng(SEED + i * 7919);
  while (now() < until) {
    if (out.serverCpu0 === undefined && now() >= measureFrom) {
      out.serverCpu0 = SERVER ? cpuOf(SERVER) : NaN;
      out.cpu0 = process.cpuUsage();
    }
    const { kind, path } = query(r, table);
    const t0 = now();
    const res = await request(c.agent, 'GET', path, { cookie: c.cookie });
    const t1 = now();
    if (t0 >= measureFrom) {
      if (res.status !== 200) {
        out.errors.push(`${res.status} ${path}: ${res.body.toString().slice(0, 200)}`);
      } else {
        (out.by[kind] ??= []).push(t1 - t0);
        out.all.push(t1 - t0);
      }
    }
    if (THINK > 0) await new Promise((ok) => setTimeout(ok, THINK));
  }
}

async function main() {
  const clients = [];
  for (let i = 0; i < CLIENTS; i++)
    clients.push(await login(new http.Agent({ keepAlive: true, maxSockets: 1 })));

  const unitsRes = await request(clients[0].agent, 'GET', '/api/v1/units?limit=500',
    { cookie: clients[0].cookie });
  if (unitsRes.status !== 200) throw new Error(`GET /api/v1/units: ${unitsRes.status}`);
  const units = JSON.parse(unitsRes.body).items
    .filter((u) => u.kind !== 'station').map((u) => u.id);
  const only = process.env.KAOHE_LOAD_KINDS?.split(',');
  const table = kinds(units).filter(([kind]) => !only || only.includes(kind));
  if (!table.length) throw new Error(`KAOHE_LOAD_KINDS: no such kind (${only})`);

  const start = now();
  const measureFrom = start + WARMUP * 1000;
  const until = measureFrom + SECONDS * 1000;
  const out = { all: [], by: {}, errors: [] };
  await Promise.all(clients.map((c, i) => client(c, i, table, until, measureFrom, out)));
  const seconds = (now() - measureFrom) / 1000;
  const serverCpu = SERVER ? cpuOf(SERVER) - out.serverCpu0 : NaN;
  const cpu = process.cpuUsage(out.cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  const line = (name, ms) => {
    const s = stats(ms);
    return `${name.padEnd(12)} ${String(s.n).padStart(7)} ${(s.n / seconds).toFixed(1).padStart(8)} ` +
      `${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)} ` +
      `${s.max.toFixed(1).padStart(8)}`;
  };
  console.log(`GET /api/v1/people: ${CLIENTS} clients, ${seconds.toFixed(1)} s measured ` +
    `after ${WARMUP} s of warm-up, ${THINK} ms pause between requests`);
  console.log(`${'kind'.padEnd(12)} ${'count'.padStart(7)} ${'req/s'.padStart(8)} ` +
    `${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  for (const [kind] of table) if (out.by[kind]) console.log(line(kind, out.by[kind]));
  console.log(line('all', out.all));
  const p95 = stats(out.all).p95;
  console.log(`target: p95 < 50 ms: ${p95 < 50 ? 'met' : 'MISSED'} (${p95.toFixed(1)} ms)`);
  const n = out.all.length + out.errors.length;
  if (!Number.isNaN(serverCpu))
    console.log(`server CPU while measured: ${serverCpu.toFixed(1)} s, ` +
      `${(serverCpu / seconds).toFixed(2)} cores, ${(serverCpu * 1000 / n).toFixed(2)} ms a request`);
  console.log(`load generator CPU while measured: ${cpuSeconds.toFixed(1)} s, ` +
    `${(cpuSeconds / seconds).toFixed(2)} cores, ${(cpuSeconds * 1000 / n).toFixed(2)} ms a request`);
  if (out.errors.length) {
    console.log(`${out.errors.length} answer(s) other than 200, the first:`);
    for (const e of out.errors.slice(0, 5)) console.log(`  ${e}`);
  }

  if (EXPORT) {
    const t0 = now();
    const res = await request(clients[0].agent, 'GET', '/api/v1/exports/people',
      { cookie: clients[0].cookie });
    const t1 = now();
    if (res.status !== 200) {
      out.errors.push(`export: ${res.status}`);
      console.log(`export of the whole list: ${res.status} ${res.body.toString().slice(0, 200)}`);
    } else {
      console.log(`export of the whole list (XLSX): ${((t1 - t0) / 1000).toFixed(2)} s, ` +
        `${(res.body.length / 1048576).toFixed(1)} MiB`);
    }
  }
  for (const c of clients) c.agent.destroy();
  process.exit(out.errors.length ? 1 : 0);
}

main().catch((e) => { console.error(`people_load: ${e.message}`); process.exit(1); });
