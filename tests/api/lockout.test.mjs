// Lockout after failed logins, and accounts locked by an administrator
// (docs/api.md: Log in; POST /users/{id}/lock and /unlock). The server runs
// with lockout_seconds=3 (lockout_failures stays at its default, 5).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  Client, activate, addUser, auditRecords, expectError, sleep, strong,
} from './client.mjs';

const LOCKOUT_SECONDS = 3;
const WRONG = 'Wrong-Passw0rd!';
let s;
let admin;
let auditor;

before(async () => {
  s = await startServer({ env: { KAOHE_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS) } });
  admin = await activate(s.url, 'admin', s.passwords.admin, strong());
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
});
after(async () => { await s?.cleanup(); });

async function idOf(name) {
  const res = await admin.get('/api/v1/users?limit=500');
  assert.equal(res.status, 200, res.text);
  return res.json.items.find((a) => a.username === name).id;
}

// Fails to log in n times; answers the responses.
async function fail(name, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await new Client(s.url).login(name, WRONG));
  return out;
}

// Each scenario has its own account; they wait for the clock, so they run
// concurrently.
describe('lockout and locking', { concurrency: true }, () => {
  test('the 5th consecutive wrong password locks the account: 423 account_locked, even with the right password, until lockout_seconds pass', async () => {
    const pw = addUser(s, 'lucy');
    const answers = await fail('lucy', 5);
    const lockedAt = Date.now();
    for (const res of answers.slice(0, 4)) expectError(res, 401, 'invalid_credentials');
    // The failure that reaches lockout_failures already answers 423.
    const err = expectError(answers[4], 423, 'account_locked');
    assert.match(err.message, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, 'the message says until when');

    expectError(await new Client(s.url).login('lucy', pw), 423, 'account_locked');
    expectError((await fail('lucy', 1))[0], 423, 'account_locked');
    const acc = await admin.get(`/api/v1/users/${await idOf('lucy')}`);
    assert.equal(acc.status, 200);
    assert.notEqual(acc.json.locked_until, null, 'the account shows its lockout');
    assert.equal(acc.json.disabled, false);

    await sleep(lockedAt + LOCKOUT_SECONDS * 1000 + 200 - Date.now());
    const c = new Client(s.url);
    const res = await c.login('lucy', pw);
    assert.equal(res.status, 200, `after the lockout time the right password works: ${res.text}`);
    const after = await admin.get(`/api/v1/users/${await idOf('lucy')}`);
    assert.equal(after.json.locked_until, null);
  });

  test('a lockout lasts the full lockout_seconds (2.2 s after the locking failure it still holds)', async (t) => {
    // BUG check: locked_until is kept in whole seconds (the second of the
    // failure + lockout_seconds), so a lockout can end just over
    // lockout_seconds - 1 seconds after the failure that caused it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const name = `lena${attempt}`;
      const pw = addUser(s, name);
      for (const res of await fail(name, 4)) expectError(res, 401, 'invalid_credentials');
      // The 5th failure late in a whole second.
      for (;;) {
        const frac = Date.now() % 1000;
        if (frac >= 850 && frac < 930) break;
        await sleep(frac < 850 ? 850 - frac : 1850 - frac);
      }
      const t0 = Date.now();
      const err = expectError((await fail(name, 1))[0], 423, 'account_locked');
      // The message says until when: "... locked until 2026-...Z (UTC)".
      const until = Date.parse(err.message.match(/\d{4}-\d\d-\d\dT[\d:.]+Z/)[0]);
      if (until - t0 > LOCKOUT_SECONDS * 1000 - 500) continue; // not late enough: try again
      await sleep(until + 50 - Date.now());
      const elapsed = Date.now() - t0;
      const res = await new Client(s.url).login(name, pw);
      assert.equal(res.status, 423,
        `only ${elapsed} ms after the lockout (lockout_seconds=${LOCKOUT_SECONDS}; it said until ${new Date(until).toISOString()}) the right password got in: ${res.status}`);
      return;
    }
    t.diagnostic('the locking failure never came late in a second; nothing was checked');
  });

  test('wrong passwords sent concurrently cannot undo the lockout', async (t) => {
    // BUG check: a failed login reads the account before the (slow)
    // password check, then writes failed_count and locked_until. A failure
    // that read the account before the 5th failure locked it writes
    // locked_until = 0 after it, unlocking the account: guessing in
    // parallel batches escapes the lockout.
    // 4 failures one by one, then 2 at once: the first of the two locks
    // the account. If the second was checked before that (it answers 401,
    // not 423), it must not unlock it.
    for (let attempt = 0; attempt < 6; attempt++) {
      const name = `zoe${attempt}`;
      const pw = addUser(s, name);
      for (const res of await fail(name, 4)) expectError(res, 401, 'invalid_credentials');
      const pair = await Promise.all([0, 1].map(() => new Client(s.url).login(name, WRONG)));
      const statuses = pair.map((r) => r.status).sort();
      if (statuses[0] !== 401) continue; // both saw the lock: no overlap, try again
      assert.deepEqual(statuses, [401, 423]);
      const res = await new Client(s.url).login(name, pw);
      assert.equal(res.status, 423,
        `after 6 wrong passwords (the last two at once) the right one got in: ${res.status} ${res.text.slice(0, 100)}`);
      return;
    }
    t.diagnostic('the two concurrent logins never overlapped; nothing was checked');
  });

  test('a successful login resets the count of failures', async () => {
    const pw = addUser(s, 'rita');
    for (const res of await fail('rita', 4)) expectError(res, 401, 'invalid_credentials');
    await new Client(s.url).mustLogin('rita', pw);
    for (const res of await fail('rita', 4)) expectError(res, 401, 'invalid_credentials');
    await new Client(s.url).mustLogin('rita', pw);
  });

  test('an administrator\'s unlock clears a lockout at once', async () => {
    const pw = addUser(s, 'mike');
    const answers = await fail('mike', 5);
    expectError(answers[4], 423, 'account_locked');
    expectError(await new Client(s.url).login('mike', pw), 423, 'account_locked');
    const res = await admin.post(`/api/v1/users/${await idOf('mike')}/unlock`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.account.username, 'mike');
    assert.equal(res.json.account.locked_until, null);
    assert.equal(res.json.account.disabled, false);
    await new Client(s.url).mustLogin('mike', pw);
    // The count starts again from zero.
    for (const r of await fail('mike', 4)) expectError(r, 401, 'invalid_credentials');
  });

  test('an account locked by an administrator: 423 account_disabled, and its sessions end', async () => {
    const victim = await activate(s.url, 'vera', addUser(s, 'vera'), strong());
    const second = new Client(s.url);
    await second.mustLogin('vera', victim.password);
    const id = victim.id;
    const res = await admin.post(`/api/v1/users/${id}/lock`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.account.id, id);
    assert.equal(res.json.account.disabled, true);

    expectError(await new Client(s.url).login('vera', victim.password), 423, 'account_disabled');
    // With a wrong password it is just that (the lock is not revealed).
    expectError(await new Client(s.url).login('vera', WRONG), 401, 'invalid_credentials');
    // Its existing sessions are over.
    expectError(await victim.get('/api/v1/session'), 401, 'unauthenticated');
    expectError(await second.get('/api/v1/session'), 401, 'unauthenticated');
    // Trying the right password on a locked account does not count as a failure.
    for (let i = 0; i < 5; i++)
      expectError(await new Client(s.url).login('vera', victim.password), 423, 'account_disabled');

    const listed = await admin.get(`/api/v1/users/${id}`);
    assert.equal(listed.json.disabled, true);
    // An administrator cannot lock their own account.
    expectError(await admin.post(`/api/v1/users/${admin.id}/lock`), 403, 'forbidden');
    // Locking an account that does not exist.
    expectError(await admin.post('/api/v1/users/99999/lock'), 404, 'not_found');

    const un = await admin.post(`/api/v1/users/${id}/unlock`);
    assert.equal(un.status, 200, un.text);
    assert.equal(un.json.account.disabled, false);
    await new Client(s.url).mustLogin('vera', victim.password);
  });
});

test('failed logins are in the audit log as session.login_failed, with the reason', async () => {
  addUser(s, 'ulla');
  await fail('ulla', 5);
  await new Client(s.url).login('nobody-here', WRONG);
  const records = await auditRecords(auditor, 'action=session.login_failed');
  assert.ok(records.length > 0);
  for (const r of records) {
    assert.equal(r.action, 'session.login_failed');
    assert.equal(r.client, '127.0.0.1');
    assert.equal(typeof r.after?.reason, 'string', JSON.stringify(r));
  }
  const ulla = records.filter((r) => r.object === 'account:ulla').sort((a, b) => a.seq - b.seq);
  assert.equal(ulla.length, 5);
  assert.deepEqual(ulla.map((r) => r.after.reason),
    ['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials']);
  assert.deepEqual(ulla.map((r) => r.after.failed_count), [1, 2, 3, 4, 0]);
  assert.equal(ulla[3].after.locked_until, null);
  assert.match(ulla[4].after.locked_until, /^\d{4}-\d\d-\d\dT/, 'the 5th failure records the lockout');
  for (const r of ulla) assert.equal(r.account, 'ulla');

  const reasons = new Set(records.map((r) => r.after.reason));
  for (const why of ['invalid_credentials', 'account_locked', 'account_disabled'])
    assert.ok(reasons.has(why), `a login_failed record with reason ${why}`);
  const vera = records.filter((r) => r.object === 'account:vera');
  assert.equal(vera.filter((r) => r.after.reason === 'account_disabled').length, 6);
  assert.equal(vera.filter((r) => r.after.reason === 'invalid_credentials').length, 1);

  const unknown = records.find((r) => r.object === 'account:nobody-here');
  assert.ok(unknown, 'a failure for an unknown user name is recorded too');
  assert.equal(unknown.after.reason, 'invalid_credentials');
  assert.equal(unknown.account, '-');

  const locks = await auditRecords(auditor, 'action=account.lock');
  assert.ok(locks.some((r) => r.object === 'account:vera' && r.account === 'admin'
    && r.before.disabled === false && r.after.disabled === true));
  const unlocks = await auditRecords(auditor, 'action=account.unlock');
  assert.ok(unlocks.some((r) => r.object === 'account:mike' && r.before.locked_until !== null
    && r.after.locked_until === null));
});
