// The audit log (docs/api.md: Audit): a record for every write, login and
// logout; the hash chain and its verification (API and `kaohe audit
// verify`), found broken after tampering with sqlite3; a failed audit write
// makes the action fail (500, nothing changed); `kaohe backup`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, kaohe } from '../lib/server.mjs';
import {
  Client, activate, auditRecords, expectError, sqlite, strong,
} from './client.mjs';

let s;
let admin;
let sec;
let auditor;
const alma = {}; // the account the writes are made on

before(async () => {
  s = await startServer();
  admin = await activate(s.url, 'admin', s.passwords.admin, strong());
  sec = await activate(s.url, 'secadmin', s.passwords.secadmin, strong());
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
});
after(async () => { await s?.cleanup(); });

// Restarts the server (on a new port) and points the clients at it.
async function restart() {
  await s.restart();
  for (const c of [admin, sec, auditor]) c.url = s.url;
}

const HEX64 = /^[0-9a-f]{64}$/;

test('`kaohe init`\'s three administrators are in the audit log, added by cli', async () => {
  const all = (await auditRecords(auditor)).reverse();
  assert.deepEqual(all.slice(0, 5).filter((r) => r.action === 'account.add')
    .map((r) => [r.action, r.account, r.object, r.client, r.after.roles]), [
    ['account.add', 'cli', 'account:admin', 'cli', ['sysadmin']],
    ['account.add', 'cli', 'account:secadmin', 'cli', ['secadmin']],
    ['account.add', 'cli', 'account:auditor', 'cli', ['auditor']],
  ]);
});

test('`kaohe init` records store.init (docs/api.md lists the action)', async () => {
  // Creating the database is the first thing that happens to it.
  const all = (await auditRecords(auditor)).reverse();
  const init = all.find((r) => r.action === 'store.init');
  assert.ok(init, `no store.init record; the log starts with ${all.slice(0, 3).map((r) => r.action).join(', ')}`);
  assert.equal(init.account, 'cli');
  assert.ok(init.seq < all.find((r) => r.action === 'account.add').seq);
});

test('every write, login and logout leaves a record: who, what, on what, from where', async () => {
  const head = (await auditRecords(auditor))[0].seq;

  const add = await admin.post('/api/v1/users', { username: 'alma', display_name: 'Alma' });
  assert.equal(add.status, 201, add.text);
  alma.id = add.json.account.id;
  const roles = await sec.put(`/api/v1/users/${alma.id}/roles`, { roles: ['assessor', 'cadre'] });
  assert.equal(roles.status, 200, roles.text);
  assert.equal((await admin.post(`/api/v1/users/${alma.id}/lock`)).status, 200);
  assert.equal((await admin.post(`/api/v1/users/${alma.id}/unlock`)).status, 200);
  const reset = await admin.post(`/api/v1/users/${alma.id}/password`);
  assert.equal(reset.status, 200, reset.text);
  assert.equal(reset.json.account.must_change, true);
  const oneTime = reset.json.password;
  const c = new Client(s.url);
  await c.mustLogin('alma', oneTime);
  alma.password = strong();
  assert.equal((await c.changePassword(oneTime, alma.password)).status, 200);
  expectError(await new Client(s.url).login('alma', 'Wrong-Passw0rd!'), 401, 'invalid_credentials');
  assert.equal((await c.logout()).status, 200);

  const records = (await auditRecords(auditor)).filter((r) => r.seq > head).reverse();
  const mine = records.filter((r) => r.action !== 'audit.read');
  assert.deepEqual(mine.map((r) => [r.action, r.account, r.object]), [
    ['account.add', 'admin', 'account:alma'],
    ['account.roles', 'secadmin', 'account:alma'],
    ['account.lock', 'admin', 'account:alma'],
    ['account.unlock', 'admin', 'account:alma'],
    ['account.password_reset', 'admin', 'account:alma'],
    ['session.login', 'alma', 'account:alma'],
    ['session.password', 'alma', 'account:alma'],
    ['session.login_failed', 'alma', 'account:alma'],
    ['session.logout', 'alma', 'account:alma'],
  ]);
  for (const r of records) {
    assert.deepEqual(Object.keys(r).sort(),
      ['account', 'action', 'after', 'at', 'before', 'client', 'hash', 'object', 'seq']);
    assert.equal(r.client, '127.0.0.1');
    assert.match(r.hash, HEX64);
    assert.match(r.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }
  // Records are numbered without gaps.
  for (let i = 1; i < records.length; i++) assert.equal(records[i].seq, records[i - 1].seq + 1);
  const [added, changed, locked, unlocked, wasReset, , password, failed] = mine;
  assert.equal(added.before, null);
  assert.equal(added.after.username, 'alma');
  assert.deepEqual(added.after.roles, []);
  assert.deepEqual(changed.before.roles, []);
  assert.deepEqual(changed.after.roles, ['assessor', 'cadre']);
  assert.equal(locked.before.disabled, false);
  assert.equal(locked.after.disabled, true);
  assert.equal(unlocked.after.disabled, false);
  assert.equal(wasReset.after.must_change, true);
  assert.equal(password.before.must_change, true);
  assert.equal(password.after.must_change, false);
  assert.equal(failed.after.reason, 'invalid_credentials');
  // Passwords and their hashes are never written down.
  const text = JSON.stringify(records);
  for (const secret of [oneTime, alma.password, 'Wrong-Passw0rd!', '$argon2'])
    assert.ok(!text.includes(secret), `the audit log contains ${secret}`);

  // Reading the log is recorded too.
  const reads = records.filter((r) => r.action === 'audit.read');
  assert.ok(reads.length >= 1);
  assert.equal(reads[0].account, 'auditor');
});

test('a login name that cannot be a user name (a password in the wrong box?) is not written down', async () => {
  const typo = 'My-Secret-Passw0rd';
  expectError(await new Client(s.url).login(typo, 'x'), 401, 'invalid_credentials');
  const [last] = await auditRecords(auditor, 'action=session.login_failed');
  assert.equal(last.object, 'account:(invalid)');
  assert.equal(last.account, '-');
  assert.ok(!JSON.stringify(await auditRecords(auditor)).includes(typo));
});

test('the client recorded is the connection\'s address, not a header\'s claim', async () => {
  const spoofed = await new Client(s.url).request('POST', '/api/v1/session',
    { username: 'spoofer', password: 'x' }, { headers: { 'X-Forwarded-For': '10.9.9.9', 'X-Real-IP': '10.9.9.8' } });
  expectError(spoofed, 401, 'invalid_credentials');
  const [last] = await auditRecords(auditor, 'action=session.login_failed');
  assert.equal(last.object, 'account:spoofer');
  assert.equal(last.client, '127.0.0.1');
});

test('GET /audit filters and pages', async () => {
  let res = await auditor.get('/api/v1/audit?account=alma');
  assert.equal(res.status, 200);
  assert.ok(res.json.items.length >= 4);
  assert.ok(res.json.items.every((r) => r.account === 'alma'));
  res = await auditor.get('/api/v1/audit?action=account.lock');
  assert.ok(res.json.items.length >= 1 && res.json.items.every((r) => r.action === 'account.lock'));
  res = await auditor.get('/api/v1/audit?limit=2&offset=1');
  assert.equal(res.json.items.length, 2);
  assert.equal(res.json.limit, 2);
  assert.equal(res.json.offset, 1);
  assert.ok(res.json.total > 10);
  assert.ok(res.json.items[0].seq > res.json.items[1].seq, 'newest first');
  const at = res.json.items[1].at;
  const from = await auditor.get(`/api/v1/audit?from=${encodeURIComponent(at)}&limit=500`);
  assert.ok(from.json.items.every((r) => r.at >= at));
  const to = await auditor.get(`/api/v1/audit?to=${encodeURIComponent(at)}&limit=500`);
  assert.ok(to.json.items.every((r) => r.at < at));
  assert.ok(to.json.items.length > 0);
});

test('GET /audit/verify: ok, the count of records and the head; recorded itself', async () => {
  const res = await auditor.get('/api/v1/audit/verify');
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.ok, true);
  assert.equal(typeof res.json.records, 'number');
  assert.match(res.json.head, HEX64);
  const [verifyRecord, last] = (await auditor.get('/api/v1/audit?limit=2&offset=0')).json.items;
  // The newest record is this verification, right after the records it covered.
  assert.equal(verifyRecord.action, 'audit.verify');
  assert.equal(verifyRecord.seq, res.json.records + 1);
  assert.deepEqual(verifyRecord.after, res.json);
  assert.equal(last.seq, res.json.records);
  assert.equal(last.hash, res.json.head);
});

test('concurrent writes each get their record, and the chain stays intact', async () => {
  const before = (await auditor.get('/api/v1/audit/verify')).json.records + 1;
  const jobs = [];
  for (let i = 0; i < 8; i++) {
    jobs.push(new Client(s.url).login('alma', 'Wrong-Passw0rd!').then((r) => r.status));
    jobs.push(new Client(s.url).login('secadmin', sec.password).then((r) => r.status));
    jobs.push(admin.post('/api/v1/users', { username: `burst${i}` }).then((r) => r.status));
  }
  const statuses = await Promise.all(jobs);
  // alma's 5th consecutive failure locks her out (423); unlock again.
  assert.deepEqual(statuses.filter((x) => ![200, 201, 401, 423].includes(x)), [], 'no request failed');
  assert.equal((await admin.post(`/api/v1/users/${alma.id}/unlock`)).status, 200);
  const verify = await auditor.get('/api/v1/audit/verify');
  assert.equal(verify.json.ok, true, verify.text);
  // 24 requests, the unlock, and this verification's own record before it.
  assert.equal(verify.json.records, before + 24 + 1);
});

test('`kaohe audit verify` exits 0 on the intact log (while the server runs)', () => {
  const out = kaohe(['audit', 'verify', '--db', s.db]);
  assert.equal(out.status, 0, out.stderr + out.stdout);
  assert.match(out.stdout, /intact: \d+ records/);
});

test('`kaohe backup DEST` makes a checked copy with the accounts; an existing DEST is refused (exit 1)', async () => {
  const dest = join(s.dir, 'backup.db');
  const out = kaohe(['backup', dest, '--db', s.db]);
  assert.equal(out.status, 0, out.stderr);
  assert.equal(sqlite(dest, 'PRAGMA integrity_check'), 'ok');
  const names = sqlite(dest, 'SELECT username FROM account ORDER BY username').split('\n');
  for (const name of ['admin', 'alma', 'auditor', 'secadmin', 'burst7']) assert.ok(names.includes(name), name);
  assert.equal(names.length, (await admin.get('/api/v1/users')).json.total);
  assert.equal(kaohe(['audit', 'verify', '--db', dest]).status, 0, 'the copy\'s audit log is intact');
  const again = kaohe(['backup', dest, '--db', s.db]);
  assert.equal(statSync(dest).mode & 0o777, 0o600, 'the copy holds password hashes: owner only');
  assert.equal(again.status, 1, again.stderr);
  assert.match(again.stderr, /backup\.db/);
  assert.equal(sqlite(dest, 'PRAGMA integrity_check'), 'ok', 'the existing file was left alone');
  const records = (await auditRecords(auditor, 'action=store.backup'));
  assert.equal(records.length, 1, 'one backup, one record');
  assert.equal(records[0].account, 'cli');
});

// The hash of a record as src/core/audit.c computes it.
function auditHash(r) {
  const field = (v) => (v === null ? '~\n' : `${Buffer.byteLength(v)}:${v}\n`);
  const text = `kaohe-audit-v1\n${r.seq}\n${field(r.prev_hash)}${field(r.at)}${field(r.account)}`
    + `${field(r.action)}${field(r.object)}${field(r.before_value)}${field(r.after_value)}${field(r.client)}`;
  return createHash('sha256').update(text).digest('hex');
}

function copyDb(name) {
  const copy = join(s.dir, name);
  copyFileSync(s.db, copy);
  if (existsSync(`${s.db}-wal`)) copyFileSync(`${s.db}-wal`, `${copy}-wal`);
  return copy;
}

function verifyFails(db, seq, reason) {
  const out = kaohe(['audit', 'verify', '--db', db]);
  assert.equal(out.status, 1, `audit verify exits 1: ${out.stdout}${out.stderr}`);
  assert.match(out.stdout, new RegExp(`BROKEN at record ${seq}\\b`), out.stdout);
  if (reason) assert.match(out.stdout, reason);
}

test('tampering with the database is found by `kaohe audit verify` (exit 1, the broken record)', async () => {
  const stopped = await s.stop();
  assert.equal(stopped.code, 0);
  const last = Number(sqlite(s.db, 'SELECT max(seq) FROM audit'));
  assert.ok(last > 12);
  assert.equal(Number(sqlite(s.db, 'SELECT seq FROM audit_head')), last);
  // The chain's hashes agree with our reading of src/core/audit.c.
  const row = JSON.parse(sqlite(s.db, "SELECT json_object('seq', seq, 'at', at, 'account', account, "
    + "'action', action, 'object', object, 'before_value', before_value, 'after_value', after_value, "
    + "'client', client, 'prev_hash', prev_hash, 'hash', hash) FROM audit WHERE seq = 6"));
  assert.equal(auditHash(row), row.hash);

  // (a) a record's action changed
  const changed = copyDb('changed.db');
  sqlite(changed, "UPDATE audit SET action = 'session.logout' WHERE seq = 6");
  verifyFails(changed, 6, /changed/);
  // ... also the account, or the after value of another record
  const changed2 = copyDb('changed2.db');
  sqlite(changed2, "UPDATE audit SET account = 'nobody' WHERE seq = 9");
  verifyFails(changed2, 9);
  // (b) a record in the middle deleted
  const middle = copyDb('middle.db');
  sqlite(middle, 'DELETE FROM audit WHERE seq = 7');
  verifyFails(middle, 7, /missing/);
  // (c) the last record deleted
  const tail = copyDb('tail.db');
  sqlite(tail, `DELETE FROM audit WHERE seq = ${last}`);
  verifyFails(tail, last, /missing/);
  // (d) a record changed and its own hash recomputed: the next link breaks
  const rehashed = copyDb('rehashed.db');
  const forged = { ...row, action: 'session.logout' };
  sqlite(rehashed, `UPDATE audit SET action = 'session.logout', hash = '${auditHash(forged)}' WHERE seq = 6`);
  verifyFails(rehashed, 7, /link/);
  // The untouched original is still intact.
  assert.equal(kaohe(['audit', 'verify', '--db', s.db]).status, 0);

  // The API says the same about a tampered database.
  const t = await startServer({ db: changed });
  try {
    const c = new Client(t.url);
    await c.mustLogin('auditor', auditor.password);
    const res = await c.get('/api/v1/audit/verify');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.ok, false);
    assert.equal(res.json.broken_at, 6);
    assert.equal(typeof res.json.reason, 'string');
    assert.equal(res.json.records, last + 1 /* this login */);
  } finally {
    await t.cleanup();
  }
});

test('when the audit record cannot be written, the action fails with 500 and changes nothing', async () => {
  // The server is stopped (previous test).
  sqlite(s.db, "CREATE TRIGGER block_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'blocked'); END;");
  await restart();
  const records = Number(sqlite(s.db, 'SELECT count(*) FROM audit'));
  // The sessions live in the database, so they outlast the restart.
  assert.equal((await admin.get('/api/v1/session')).status, 200);

  const add = await admin.post('/api/v1/users', { username: 'ghost' });
  expectError(add, 500, 'store');
  expectError(await admin.post(`/api/v1/users/${alma.id}/lock`), 500, 'store');
  expectError(await sec.put(`/api/v1/users/${alma.id}/roles`, { roles: [] }), 500, 'store');
  const acc = await admin.get(`/api/v1/users/${alma.id}`);
  assert.equal(acc.status, 200);
  assert.equal(acc.json.disabled, false, 'the lock did not happen');
  assert.deepEqual(acc.json.roles, ['assessor', 'cadre'], 'the roles did not change');
  const list = await admin.get('/api/v1/users?limit=500');
  assert.ok(!list.json.items.some((a) => a.username === 'ghost'), 'the account was not added');

  // Logging in: 500, no cookie, no session row.
  const sessions = sqlite(s.db, 'SELECT count(*) FROM session');
  const c = new Client(s.url);
  const login = await c.login('alma', alma.password);
  expectError(login, 500, 'store');
  assert.equal(login.headers.get('set-cookie'), null);
  assert.equal(sqlite(s.db, 'SELECT count(*) FROM session'), sessions, 'no session was made');
  // A failed login that cannot be recorded is not counted either.
  const failedCount = () => sqlite(s.db, "SELECT failed_count FROM account WHERE username = 'alma'");
  const failedBefore = failedCount();
  expectError(await c.login('alma', 'Wrong-Passw0rd!'), 500, 'store');
  assert.equal(failedCount(), failedBefore);
  // Changing one's password, and logging out: refused, nothing changed.
  expectError(await sec.changePassword(sec.password, strong()), 500, 'store');
  expectError(await sec.logout(), 500, 'store');
  assert.equal((await sec.get('/api/v1/session')).status, 200, 'the session was not ended');
  // Reading the log cannot be recorded, so it is refused.
  expectError(await auditor.get('/api/v1/audit'), 500, 'store');
  assert.equal(Number(sqlite(s.db, 'SELECT count(*) FROM audit')), records);

  // With the trigger gone, the log is intact and 'ghost' does not exist.
  await s.stop();
  sqlite(s.db, 'DROP TRIGGER block_audit');
  const users = kaohe(['user', 'list', '--db', s.db]);
  assert.equal(users.status, 0, users.stderr);
  assert.match(users.stdout, /^alma\s/m);
  assert.doesNotMatch(users.stdout, /ghost/);
  assert.equal(kaohe(['audit', 'verify', '--db', s.db]).status, 0);
  await restart();
  await new Client(s.url).mustLogin('secadmin', sec.password);
  const added = await admin.post('/api/v1/users', { username: 'ghost' });
  assert.equal(added.status, 201, added.text);
});
