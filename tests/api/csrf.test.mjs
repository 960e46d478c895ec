// CSRF (docs/api.md: CSRF): every request other than GET/HEAD made with a
// session must carry that session's token in X-CSRF-Token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { Client, activate, addUser, expectError, strong } from './client.mjs';

let s;
let admin;
let other; // another session (of another account)
let twin; // another session of the admin account

before(async () => {
  s = await startServer();
  admin = await activate(s.url, 'admin', s.passwords.admin, strong());
  other = await activate(s.url, 'secadmin', s.passwords.secadmin, strong());
  twin = new Client(s.url);
  await twin.mustLogin('admin', admin.password);
});
after(async () => { await s?.cleanup(); });

const userExists = async (name) => {
  const res = await admin.get('/api/v1/users?limit=500');
  assert.equal(res.status, 200, res.text);
  return res.json.items.some((a) => a.username === name);
};

test('a write without X-CSRF-Token: 403 csrf_failed, and nothing happens', async () => {
  expectError(await admin.post('/api/v1/users', { username: 'nocsrf' }, { csrf: false }), 403, 'csrf_failed');
  assert.equal(await userExists('nocsrf'), false);
  expectError(await admin.del('/api/v1/session', { csrf: false }), 403, 'csrf_failed');
  assert.equal((await admin.get('/api/v1/session')).status, 200, 'the session was not ended');
  expectError(await admin.put('/api/v1/session/password',
    { old_password: admin.password, new_password: strong() }, { csrf: false }), 403, 'csrf_failed');
  await new Client(s.url).mustLogin('admin', admin.password);
  expectError(await admin.post('/api/v1/users/2/lock', undefined, { csrf: false }), 403, 'csrf_failed');
  expectError(await admin.post('/api/v1/users/2/lock', undefined, { headers: { 'X-CSRF-Token': '' } }), 403, 'csrf_failed');
  const sec = await admin.get('/api/v1/users/2');
  assert.equal(sec.json.disabled, false);
});

test('a write with a wrong token: 403 csrf_failed', async () => {
  const wrong = [
    'x'.repeat(admin.csrf.length),
    admin.csrf.slice(0, -1),
    `${admin.csrf}x`,
    admin.csrf.toLowerCase() === admin.csrf ? admin.csrf.toUpperCase() : admin.csrf.toLowerCase(),
    admin.cookie, // the session token is not the CSRF token
  ];
  for (const token of wrong) {
    expectError(await admin.post('/api/v1/users', { username: 'wrongcsrf' }, { csrf: token }), 403, 'csrf_failed');
    expectError(await admin.del('/api/v1/session', { csrf: token }), 403, 'csrf_failed');
  }
  assert.equal(await userExists('wrongcsrf'), false);
  assert.equal((await admin.get('/api/v1/session')).status, 200);
});

test('a write with another session\'s token: 403 csrf_failed', async () => {
  assert.notEqual(other.csrf, admin.csrf);
  assert.notEqual(twin.csrf, admin.csrf, 'each session has its own token');
  expectError(await admin.post('/api/v1/users', { username: 'othercsrf' }, { csrf: other.csrf }), 403, 'csrf_failed');
  expectError(await admin.post('/api/v1/users', { username: 'othercsrf' }, { csrf: twin.csrf }), 403, 'csrf_failed');
  expectError(await admin.del('/api/v1/session', { csrf: twin.csrf }), 403, 'csrf_failed');
  assert.equal(await userExists('othercsrf'), false);
  assert.equal((await admin.get('/api/v1/session')).status, 200);
});

test('CSRF is checked during the forced password change too', async () => {
  const pw = addUser(s, 'newbie');
  const c = new Client(s.url);
  await c.mustLogin('newbie', pw);
  expectError(await c.put('/api/v1/session/password',
    { old_password: pw, new_password: strong() }, { csrf: false }), 403, 'csrf_failed');
  const ok = await c.put('/api/v1/session/password', { old_password: pw, new_password: strong() });
  assert.equal(ok.status, 200, ok.text);
});

test('GET needs no token; the token from GET /session is the login\'s', async () => {
  const res = await admin.get('/api/v1/session', { csrf: false });
  assert.equal(res.status, 200);
  assert.equal(res.json.csrf, admin.csrf);
  assert.equal((await admin.get('/api/v1/users', { headers: { 'X-CSRF-Token': 'wrong' } })).status, 200,
    'a wrong token on a GET does not matter');
  assert.equal((await admin.request('HEAD', '/api/v1/session', undefined, { csrf: false })).status, 200);
});

test('a write with the right token works', async () => {
  const res = await admin.post('/api/v1/users', { username: 'withcsrf' });
  assert.equal(res.status, 201, res.text);
  assert.equal(await userExists('withcsrf'), true);
});

test('logging in needs no token, with or without an old session cookie', async () => {
  const c = new Client(s.url);
  const res = await c.request('POST', '/api/v1/session',
    { username: 'secadmin', password: other.password }, { csrf: false, cookie: false });
  assert.equal(res.status, 200, res.text);
  const again = await c.request('POST', '/api/v1/session',
    { username: 'secadmin', password: other.password }, { csrf: false, cookie: admin.cookie });
  assert.equal(again.status, 200, again.text);
});

test('without a session, a write is 401 (not a CSRF error)', async () => {
  const c = new Client(s.url);
  expectError(await c.post('/api/v1/users', { username: 'anon' }), 401, 'unauthenticated');
  expectError(await c.post('/api/v1/users', { username: 'anon' }, { csrf: admin.csrf }), 401, 'unauthenticated');
});

test('the last: logout with the right token ends the session', async () => {
  const res = await admin.logout();
  assert.equal(res.status, 200, res.text);
  expectError(await admin.get('/api/v1/session'), 401, 'unauthenticated');
  assert.equal((await twin.get('/api/v1/session')).status, 200, 'only that session ended');
});
