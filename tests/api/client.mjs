// A tiny client for the kaohe JSON API, for the API tests (node --test
// tests/api/). One Client is one browser: it keeps the `kaohe_session`
// cookie (sent back by hand, as fetch has no cookie jar) and the CSRF
// token from the login answer, and sends both on every request.
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { kaohe } from '../lib/server.mjs';

export const SQLITE3 = process.env.SQLITE3 ?? '/usr/bin/sqlite3';

// Passwords that follow the policy (>= 10 characters, three classes, not
// containing the test accounts' names). strong() makes a new one each call.
export const STRONG = 'Kao-he#2026-Secure';
let made = 0;
export const strong = () => `Str0ng#Pw-${++made}-${String(Math.random()).slice(2, 8)}`;

// The value of the kaohe_session cookie in a Set-Cookie header, and its
// attributes: { value, attrs: { path: '/', httponly: true, ... } }.
export function parseSetCookie(header) {
  if (!header) return null;
  const [first, ...rest] = header.split(';').map((p) => p.trim());
  const eq = first.indexOf('=');
  const out = { name: first.slice(0, eq), value: first.slice(eq + 1), attrs: {} };
  for (const a of rest) {
    const i = a.indexOf('=');
    if (i < 0) out.attrs[a.toLowerCase()] = true;
    else out.attrs[a.slice(0, i).toLowerCase()] = a.slice(i + 1);
  }
  return out;
}

export class Client {
  constructor(url) {
    this.url = url;
    this.cookie = null; // the session token
    this.csrf = null;
    this.account = null;
  }

  // One request. body: an object (sent as JSON), a string or a Uint8Array
  // (sent as is). Options: headers (extra or overriding), csrf (false: send
  // none; a string: send that one), cookie (false: send none; a string:
  // send that token). Answers { status, headers, json, text }.
  async request(method, path, body, opts = {}) {
    const headers = {};
    const cookie = opts.cookie ?? this.cookie;
    if (cookie) headers.Cookie = `kaohe_session=${cookie}`;
    const csrf = opts.csrf ?? this.csrf;
    if (csrf && method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
      else payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    Object.assign(headers, opts.headers ?? {});
    for (const [k, v] of Object.entries(headers)) if (v === null || v === false) delete headers[k];
    const res = await fetch(this.url + path, { method, headers, body: payload });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, json, text };
  }

  // A download: answers { status, headers, bytes (a Buffer) }.
  async download(path) {
    const headers = {};
    if (this.cookie) headers.Cookie = `kaohe_session=${this.cookie}`;
    const res = await fetch(this.url + path, { headers });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  // An upload of a file's bytes (a spreadsheet) as the raw body.
  upload(path, bytes, contentType = 'application/octet-stream') {
    return this.request('POST', path, new Uint8Array(bytes), { headers: { 'Content-Type': contentType } });
  }

  get(path, opts) { return this.request('GET', path, undefined, opts); }
  post(path, body, opts) { return this.request('POST', path, body, opts); }
  put(path, body, opts) { return this.request('PUT', path, body, opts); }
  del(path, opts) { return this.request('DELETE', path, undefined, opts); }

  // Logs in; on 200 keeps the cookie and the CSRF token. Answers the response.
  async login(username, password) {
    const res = await this.request('POST', '/api/v1/session', { username, password },
      { cookie: false, csrf: false });
    if (res.status === 200) {
      const c = parseSetCookie(res.headers.get('set-cookie'));
      assert.equal(c?.name, 'kaohe_session', 'login sets the kaohe_session cookie');
      this.cookie = c.value;
      this.csrf = res.json.csrf;
      this.account = res.json.account;
    }
    return res;
  }

  // Logs in and insists on 200.
  async mustLogin(username, password) {
    const res = await this.login(username, password);
    assert.equal(res.status, 200, `login as ${username}: ${res.text}`);
    return res;
  }

  changePassword(oldPassword, newPassword) {
    return this.put('/api/v1/session/password',
      { old_password: oldPassword, new_password: newPassword });
  }

  logout() { return this.del('/api/v1/session'); }
}

// Logs a new account in with its one-time password and changes it to
// newPassword; answers the logged-in client.
export async function activate(url, username, oneTime, newPassword) {
  const c = new Client(url);
  await c.mustLogin(username, oneTime);
  const res = await c.changePassword(oneTime, newPassword);
  assert.equal(res.status, 200, `password change of ${username}: ${res.text}`);
  assert.equal(res.json.account.must_change, false);
  c.password = newPassword;
  c.id = c.account.id;
  return c;
}

// Asserts the answer's status (showing the body when it differs) and gives
// its JSON body.
export async function ok(res, status = 200) {
  assert.equal(res.status, status, res.text);
  return res.json;
}

// Asserts the error answer: the status, {"error":{"code","message",
// "details"}} with exactly these keys, the code, and (when given) the
// field of details[0].
export function expectError(res, status, code, field) {
  const what = `${status} ${code} expected, got ${res.status} ${res.text}`;
  assert.equal(res.status, status, what);
  assert.ok(res.json && typeof res.json === 'object', `a JSON error body: ${what}`);
  assert.deepEqual(Object.keys(res.json), ['error'], what);
  const err = res.json.error;
  assert.deepEqual(Object.keys(err).sort(), ['code', 'details', 'message'], what);
  assert.equal(err.code, code, what);
  assert.equal(typeof err.message, 'string', what);
  assert.ok(err.message.length > 0, `a message: ${what}`);
  assert.ok(Array.isArray(err.details), `details is a list: ${what}`);
  for (const d of err.details) assert.equal(typeof d.field, 'string', what);
  if (field !== undefined) assert.equal(err.details[0]?.field, field, `details[0].field: ${what}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return err;
}

// Sends raw bytes over TCP (for request lines fetch would normalise, such
// as "/../etc/passwd"); answers { status, headers (lower-case), body }.
export function rawHttp(url, requestText) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: hostname, port: Number(port) });
    const chunks = [];
    sock.setTimeout(10000, () => { sock.destroy(); reject(new Error('raw request timed out')); });
    sock.on('connect', () => sock.write(requestText));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.on('end', () => {
      const all = Buffer.concat(chunks).toString('utf8');
      const split = all.indexOf('\r\n\r\n');
      const head = all.slice(0, split).split('\r\n');
      const status = Number(head[0].split(' ')[1]);
      const headers = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status, headers, body: all.slice(split + 4) });
    });
  });
}

// All audit records (newest first), read page by page as the given
// auditor client. query: extra filters, e.g. "action=session.login".
// (Each read adds an audit.read record at the front; records are kept by
// seq, so the shift between pages does no harm.)
export async function auditRecords(auditor, query = '') {
  const bySeq = new Map();
  for (let offset = 0; ; offset += 500) {
    const res = await auditor.get(`/api/v1/audit?limit=500&offset=${offset}${query ? `&${query}` : ''}`);
    assert.equal(res.status, 200, res.text);
    for (const r of res.json.items) bySeq.set(r.seq, r);
    if (res.json.items.length < 500) break;
  }
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Adds an account with the CLI (`kaohe user add NAME [--roles R] [--unit U]`)
// against the server's database; answers its one-time password.
export function addUser(s, name, { roles, unit } = {}) {
  const args = ['user', 'add', name, '--db', s.db];
  if (roles) args.push('--roles', roles);
  if (unit) args.push('--unit', String(unit));
  const r = kaohe(args);
  assert.equal(r.status, 0, `kaohe user add ${name}: ${r.stderr}`);
  const m = r.stdout.match(new RegExp(`one-time password for ${name}: (\\S+)`));
  assert.ok(m, `one-time password in: ${r.stdout}`);
  return m[1];
}

// Adds an account with the CLI, logs it in and changes its password to
// a strong() one; answers the logged-in client (with .password and .id).
export async function newAccount(s, name, opts) {
  const pw = addUser(s, name, opts);
  const password = strong();
  return activate(s.url, name, pw, password);
}

// Runs sqlite3 (Debian's sqlite3 package) on a database file.
export function sqlite(db, sql) {
  return execFileSync(SQLITE3, [db, sql], { encoding: 'utf8' }).trim();
}
