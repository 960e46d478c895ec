// Logging in and out, the session cookie, the forced first password change
// and the password policy (docs/api.md: Sessions, Log in, Change password).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  Client, activate, addUser, expectError, parseSetCookie, strong, STRONG,
} from './client.mjs';

let s;

before(async () => { s = await startServer(); });
after(async () => { await s?.cleanup(); });

test('login sets an HttpOnly, SameSite=Strict, Path=/ cookie (not Secure by default) and answers the session', async () => {
  const c = new Client(s.url);
  const res = await c.login('admin', s.passwords.admin);
  assert.equal(res.status, 200, res.text);
  const cookie = parseSetCookie(res.headers.get('set-cookie'));
  assert.equal(cookie.name, 'kaohe_session');
  assert.ok(cookie.value.length >= 32, 'a long random token');
  assert.equal(cookie.attrs.httponly, true);
  assert.equal(cookie.attrs.samesite, 'Strict');
  assert.equal(cookie.attrs.path, '/');
  assert.equal(cookie.attrs.secure, undefined, 'no Secure unless cookie_secure is on');
  const { account, csrf, idle_seconds: idle, expires_at: expires } = res.json;
  assert.deepEqual(Object.keys(account).sort(), ['created_at', 'disabled', 'display_name', 'id', 'locked_until',
    'must_change', 'roles', 'unit_id', 'username']);
  assert.equal(account.id, 1);
  assert.equal(account.disabled, false);
  assert.equal(account.locked_until, null);
  assert.equal(account.display_name, '系统管理员');
  assert.equal(account.username, 'admin');
  assert.deepEqual(account.roles, ['sysadmin']);
  assert.equal(account.unit_id, null);
  assert.equal(account.must_change, true);
  assert.equal(typeof csrf, 'string');
  assert.ok(csrf.length >= 16);
  assert.notEqual(csrf, cookie.value);
  assert.equal(idle, 1800);
  assert.match(expires, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const left = Date.parse(expires) - Date.now();
  assert.ok(left > 43200e3 - 5e3 && left <= 43200e3 + 1e3, `expires_at about 12 h from now: ${expires}`);
});

test('with cookie_secure on, the cookie is Secure', async () => {
  const secure = await startServer({ env: { KAOHE_COOKIE_SECURE: 'true' } });
  try {
    const c = new Client(secure.url);
    await c.mustLogin('auditor', secure.passwords.auditor);
    const res = await c.login('auditor', secure.passwords.auditor);
    const cookie = parseSetCookie(res.headers.get('set-cookie'));
    assert.equal(cookie.attrs.secure, true);
    assert.equal(cookie.attrs.httponly, true);
    assert.equal(cookie.attrs.samesite, 'Strict');
  } finally {
    await secure.cleanup();
  }
});

test('a wrong password and an unknown user give the same 401 invalid_credentials', async () => {
  addUser(s, 'wanda');
  const c = new Client(s.url);
  const wrong = await c.login('wanda', 'Wrong-password-1');
  const unknown = await c.login('nosuchuser', 'Wrong-password-1');
  const e1 = expectError(wrong, 401, 'invalid_credentials');
  const e2 = expectError(unknown, 401, 'invalid_credentials');
  assert.deepEqual(e1, e2, 'the same answer for both');
  assert.equal(wrong.headers.get('set-cookie'), null, 'no cookie on failure');
  assert.equal(unknown.headers.get('set-cookie'), null, 'no cookie on failure');
  assert.equal(c.cookie, null);
});

test('GET /session answers the logged-in account without setting a cookie; without a session 401', async () => {
  const c = new Client(s.url);
  const login = await c.mustLogin('secadmin', s.passwords.secadmin);
  const res = await c.get('/api/v1/session');
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('set-cookie'), null);
  assert.deepEqual(res.json.account, login.json.account);
  assert.equal(res.json.csrf, login.json.csrf);
  assert.equal(res.json.idle_seconds, login.json.idle_seconds);
  assert.equal(res.json.expires_at, login.json.expires_at);
  expectError(await new Client(s.url).get('/api/v1/session'), 401, 'unauthenticated');
  expectError(await c.get('/api/v1/session', { cookie: 'x'.repeat(43) }), 401, 'unauthenticated');
});

test('logout ends the session on the server: the old cookie then gets 401', async () => {
  const c = new Client(s.url);
  await c.mustLogin('secadmin', s.passwords.secadmin);
  const token = c.cookie;
  const out = await c.logout();
  assert.equal(out.status, 200, out.text);
  const cleared = parseSetCookie(out.headers.get('set-cookie'));
  assert.equal(cleared?.name, 'kaohe_session', 'logout clears the cookie');
  assert.equal(cleared.value, '');
  assert.equal(cleared.attrs['max-age'], '0');
  // The browser would forget the cookie; an attacker who kept it must not get in.
  expectError(await c.get('/api/v1/session', { cookie: token }), 401, 'unauthenticated');
  expectError(await c.logout(), 401, 'unauthenticated');
});

test('a new account must change its password first: 403 password_change_required, then 200', async () => {
  const pw = addUser(s, 'nina');
  const c = new Client(s.url);
  const login = await c.mustLogin('nina', pw);
  assert.equal(login.json.account.must_change, true);
  // Only GET/DELETE /session and PUT /session/password are open meanwhile.
  assert.equal((await c.get('/api/v1/session')).status, 200);
  assert.equal((await c.get('/api/v1/audit')).status, 403);

  // An administrator, too, before changing the one-time password.
  const admin = new Client(s.url);
  await admin.mustLogin('admin', s.passwords.admin);
  expectError(await admin.get('/api/v1/users'), 403, 'password_change_required');
  expectError(await admin.post('/api/v1/users', { username: 'otto' }), 403, 'password_change_required');
  const changed = await admin.changePassword(s.passwords.admin, STRONG);
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.account.must_change, false);
  assert.equal(changed.json.account.username, 'admin');
  const list = await admin.get('/api/v1/users');
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.items.some((a) => a.username === 'nina'));
  // The account now says so, and logging in again does not ask again.
  const again = new Client(s.url);
  const relog = await again.mustLogin('admin', STRONG);
  assert.equal(relog.json.account.must_change, false);
  assert.equal((await again.get('/api/v1/users')).status, 200);
  // The old one-time password no longer works.
  expectError(await new Client(s.url).login('admin', s.passwords.admin), 401, 'invalid_credentials');
});

test('weak new passwords are refused with 400 weak_password at $.new_password', async () => {
  const pw = addUser(s, 'carol');
  const c = new Client(s.url);
  await c.mustLogin('carol', pw);
  const weak = {
    'too short': 'Ab1#xyz',
    'nine characters': 'Ab1#xyzuv',
    'two classes only (lower case, digits)': 'abcdefgh12345',
    'two classes only (upper, lower)': 'AbcdefghIjklm',
    'containing the user name': 'Xy1#carol-2026',
    'containing the user name in other case': 'Xy1#CAROL-2026',
    'the same as the old one': pw,
  };
  for (const [why, candidate] of Object.entries(weak)) {
    const res = await c.changePassword(pw, candidate);
    expectError(res, 400, 'weak_password', '$.new_password');
  }
  // None of them took: the account still must change, the old password works.
  const who = await c.get('/api/v1/session');
  assert.equal(who.json.account.must_change, true);
  await new Client(s.url).mustLogin('carol', pw);
  // Ten characters from three classes is enough.
  const ok = await c.changePassword(pw, 'Abcdefgh1#');
  assert.equal(ok.status, 200, ok.text);
  // Same as old, once more with a policy-conforming current password.
  expectError(await c.changePassword('Abcdefgh1#', 'Abcdefgh1#'), 400, 'weak_password', '$.new_password');
});

test('a wrong old password: 400 invalid_credentials at $.old_password; nothing changes', async () => {
  const pw = addUser(s, 'oscar');
  const c = new Client(s.url);
  await c.mustLogin('oscar', pw);
  const res = await c.changePassword('Not-the-password-1', strong());
  expectError(res, 400, 'invalid_credentials', '$.old_password');
  assert.equal((await c.get('/api/v1/session')).status, 200, 'the session goes on');
  await new Client(s.url).mustLogin('oscar', pw);
});

test('a password change ends the account\'s other sessions; this one goes on', async () => {
  const pw = addUser(s, 'paula');
  const a = new Client(s.url);
  const b = new Client(s.url);
  const other = new Client(s.url);
  await a.mustLogin('paula', pw);
  await b.mustLogin('paula', pw);
  await other.mustLogin('secadmin', s.passwords.secadmin);
  assert.notEqual(a.cookie, b.cookie);
  assert.notEqual(a.csrf, b.csrf);
  const next = strong();
  const res = await a.changePassword(pw, next);
  assert.equal(res.status, 200, res.text);
  assert.equal((await a.get('/api/v1/session')).status, 200, 'the changing session goes on');
  expectError(await b.get('/api/v1/session'), 401, 'unauthenticated');
  assert.equal((await other.get('/api/v1/session')).status, 200, 'other accounts are not touched');
  await new Client(s.url).mustLogin('paula', next);
});

test('during the forced change, logging out works', async () => {
  const pw = addUser(s, 'quinn');
  const c = new Client(s.url);
  await c.mustLogin('quinn', pw);
  const out = await c.logout();
  assert.equal(out.status, 200, out.text);
  expectError(await c.get('/api/v1/session'), 401, 'unauthenticated');
});

test('an administrator\'s password reset ends the account\'s sessions and forces a new change', async () => {
  const admin = new Client(s.url);
  await admin.mustLogin('admin', STRONG);
  const user = await activate(s.url, 'rosa', addUser(s, 'rosa'), strong());
  const res = await admin.post(`/api/v1/users/${user.id}/password`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.account.must_change, true);
  assert.equal(typeof res.json.password, 'string');
  expectError(await user.get('/api/v1/session'), 401, 'unauthenticated');
  expectError(await new Client(s.url).login('rosa', user.password), 401, 'invalid_credentials');
  const c = new Client(s.url);
  await c.mustLogin('rosa', res.json.password);
  assert.equal(c.account.must_change, true);
  expectError(await c.get('/api/v1/users'), 403, 'forbidden');
  const changed = await c.changePassword(res.json.password, strong());
  assert.equal(changed.status, 200, changed.text);
  // An administrator cannot reset their own password this way.
  expectError(await admin.post(`/api/v1/users/${admin.account.id}/password`), 403, 'forbidden');
});

test('API answers are not cached (Cache-Control: no-store)', async () => {
  const c = new Client(s.url);
  const login = await c.mustLogin('secadmin', s.passwords.secadmin);
  assert.equal(login.headers.get('cache-control'), 'no-store');
  assert.equal((await c.get('/api/v1/session')).headers.get('cache-control'), 'no-store');
  assert.equal((await c.get('/api/v1/nope')).headers.get('cache-control'), 'no-store');
});

test('the login body is checked: 400 missing_field', async () => {
  const c = new Client(s.url);
  expectError(await c.post('/api/v1/session', { username: 'admin' }), 400, 'missing_field', '$.password');
  expectError(await c.post('/api/v1/session', { password: 'x' }), 400, 'missing_field', '$.username');
});
