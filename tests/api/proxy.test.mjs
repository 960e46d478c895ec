// Behind a reverse proxy (trusted_proxy), the audit log and the access
// log name the client the proxy appended last to X-Forwarded-For; without
// the setting the header is ignored (audit.test.mjs), and what is not an
// IP address is never taken.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, kaohe } from '../lib/server.mjs';
import { Client, activate, auditRecords, strong } from './client.mjs';

let s, auditor;

before(async () => {
  s = await startServer({ env: { KAOHE_TRUSTED_PROXY: '127.0.0.1' } });
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
});
after(async () => { await s?.cleanup(); });

async function failedLoginFrom(xff) {
  const c = new Client(s.url);
  const res = await c.post('/api/v1/session', { username: 'nobody', password: 'x' },
    { headers: { 'X-Forwarded-For': xff } });
  assert.equal(res.status, 401);
  const records = await auditRecords(auditor, 'action=session.login_failed');
  return records[0].client;
}

test('the last address of X-Forwarded-For from the trusted proxy is the client', async () => {
  assert.equal(await failedLoginFrom('203.0.113.9, 10.9.8.7'), '10.9.8.7');
  assert.equal(await failedLoginFrom('2001:db8::1'), '2001:db8::1');
  for (let i = 0; i < 50 && !/client=10\.9\.8\.7/.test(s.log); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(s.log, /client=10\.9\.8\.7/);
});

test('what is not an address is ignored: the proxy itself is the client', async () => {
  assert.equal(await failedLoginFrom('10.0.0.1, evil'), '127.0.0.1');
  assert.equal(await failedLoginFrom('10.0.0.1,'), '127.0.0.1');
});

test('a trusted_proxy that is not an IP address is refused at start', () => {
  const r = kaohe(['serve', '--db', s.db, '--port', '0', '--trusted-proxy', 'proxy.example']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /trusted_proxy: 'proxy\.example' is not an IP address/);
});
