// What a review of the base found and kaohe now guards against: admin
// accounts unlocked through the API, hidden files and symbolic links
// under --web-dir, pages outside /api/ without their security headers,
// control characters in the log, database details in error answers, a
// half-made `kaohe init`, and an unaudited backup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, kaohe, parseInitPasswords } from '../lib/server.mjs';
import { Client, activate, expectError, newAccount, rawHttp, sleep, sqlite, strong } from './client.mjs';

let s, web, admin;

before(async () => {
  web = mkdtempSync(join(tmpdir(), 'kaohe-web-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(web, '.env'), 'SECRET=1\n');
  mkdirSync(join(web, 'js'));
  writeFileSync(join(web, 'js', 'ok.js'), 'export {};\n');
  symlinkSync('/etc/passwd', join(web, 'passwd.txt'));
  s = await startServer({ env: { KAOHE_WEB_DIR: web } });
  admin = await activate(s.url, 'admin', s.passwords.admin, strong());
});

after(async () => {
  await s.cleanup();
  rmSync(web, { recursive: true, force: true });
});

test('the system administrator cannot unlock an administrator account', async () => {
  const sec = await activate(s.url, 'secadmin', s.passwords.secadmin, strong());
  assert.equal(kaohe(['user', 'lock', 'auditor', '--db', s.db]).status, 0);
  const auditorId = JSON.parse(sqlite(s.db, "SELECT json_object('id', id) FROM account WHERE username = 'auditor'")).id;
  expectError(await admin.post(`/api/v1/users/${auditorId}/unlock`), 403, 'admin_account');
  expectError(await admin.post(`/api/v1/users/${sec.id}/lock`), 403, 'admin_account');
  expectError(await admin.post(`/api/v1/users/${sec.id}/password`), 403, 'admin_account');
  assert.equal(sqlite(s.db, "SELECT disabled FROM account WHERE username = 'auditor'"), '1');
});

test('--web-dir serves no hidden file and follows no symbolic link', async () => {
  assert.equal((await fetch(`${s.url}/js/ok.js`)).status, 200);
  for (const path of ['/.env', '/js/../.env', '/passwd.txt']) {
    const res = await rawHttp(s.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.notEqual(res.status, 200, `${path} must not be served`);
    assert.ok(!res.body.includes('SECRET') && !res.body.includes('root:'), path);
  }
});

test('a page whose path starts with /api but is not the API gets the page headers', async () => {
  const res = await fetch(`${s.url}/apix`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
});

test('control characters in a URL are escaped in the access log', async () => {
  await fetch(`${s.url}/api/v1/x%1b%5b31mred`);
  // The access line is written once the answer has gone out: wait for it.
  for (let i = 0; i < 100 && !/31mred/.test(s.log); i++) await sleep(20);
  assert.ok(!s.log.includes('\x1b'), 'no raw escape character in the log');
  assert.match(s.log, /\\x1b\[31mred/);
});

test('a database failure answers without database details and is logged', async () => {
  sqlite(s.db, "CREATE TRIGGER block_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'blocked by test'); END;");
  try {
    const err = expectError(await admin.post('/api/v1/users', { username: 'wang.wu' }), 500, 'store');
    assert.ok(!/INSERT|blocked|audit/i.test(err.message), err.message);
    assert.match(s.log, /blocked by test/);
    // A backup whose audit record cannot be written is not left behind.
    const dest = join(s.dir, 'copy.db');
    const b = kaohe(['backup', dest, '--db', s.db]);
    assert.equal(b.status, 1);
    assert.equal(existsSync(dest), false);
  } finally {
    sqlite(s.db, 'DROP TRIGGER block_audit');
  }
});

test('a kaohe init that fails part way leaves nothing, and the next one makes all three', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-init-'));
  const db = join(dir, 'k.db');
  try {
    // Fail one of the store calls of the accounts' transaction.
    const first = kaohe(['init', '--db', db], { env: { ...process.env, KAOHE_STORE_FAIL_AT: '40' } });
    assert.equal(first.status, 1);
    assert.doesNotMatch(first.stdout, /One-time passwords/);
    assert.equal(sqlite(db, 'SELECT count(*) FROM account'), '0');
    const again = kaohe(['init', '--db', db]);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(Object.keys(parseInitPasswords(again.stdout)).sort(), ['admin', 'auditor', 'secadmin']);
    assert.equal(sqlite(db, 'SELECT count(*) FROM account'), '3');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
