// Roles (docs/api.md: Roles, Routes): the route walk over `kaohe routes`,
// and the three-admin split (三员分立) of PUT /users/{id}/roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, kaohe } from '../lib/server.mjs';
import {
  Client, activate, addUser, auditRecords, expectError, newAccount, strong,
} from './client.mjs';

const ROLES = ['sysadmin', 'secadmin', 'auditor', 'assessor', 'reporter', 'cadre'];
let s;
let routes;
const who = {}; // principal name -> logged-in Client (password changed)

before(async () => {
  s = await startServer();
  const out = kaohe(['routes']);
  assert.equal(out.status, 0, out.stderr);
  routes = JSON.parse(out.stdout);
  who.sysadmin = await activate(s.url, 'admin', s.passwords.admin, strong());
  who.secadmin = await activate(s.url, 'secadmin', s.passwords.secadmin, strong());
  who.auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  who.assessor = await newAccount(s, 'asse', { roles: 'assessor' });
  // A reporter needs a unit that exists (the assessor makes one), and a
  // unit that does not exist is refused.
  const unit = await who.assessor.post('/api/v1/units', { name: '测试管委会', kind: 'committee' });
  assert.equal(unit.status, 201, unit.text);
  assert.equal(unit.json.unit.id, 1);
  const pw = addUser(s, 'repo');
  const none = kaohe(['user', 'set-roles', 'repo', 'reporter', '--unit', '99', '--db', s.db]);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /there is no unit 99/);
  const set = kaohe(['user', 'set-roles', 'repo', 'reporter', '--unit', '1', '--db', s.db]);
  assert.equal(set.status, 0, set.stderr);
  who.reporter = await activate(s.url, 'repo', pw, strong());
  assert.deepEqual(who.reporter.account.roles, ['reporter']);
  assert.equal(who.reporter.account.unit_id, 1);
  who.cadre = await newAccount(s, 'cadr', { roles: 'cadre' });
  who.none = await newAccount(s, 'nobo');
  for (const r of ROLES) assert.deepEqual(who[r].account.roles, [r], `${r}'s account`);
  assert.deepEqual(who.none.account.roles, []);
});
after(async () => { await s?.cleanup(); });

// The route table of docs/api.md: [{ method, path, roles }].
function documentedRoutes() {
  const md = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  const out = [];
  for (const m of md.matchAll(/^\| (GET|POST|PUT|DELETE|PATCH) \| `([^`]+)` \| ([^|]+) \|/gm)) {
    const roles = m[3].trim();
    out.push({
      method: m[1],
      path: m[2],
      roles: roles === 'anyone' ? 'anyone' : roles === 'any account' ? 'account'
        : roles.split(',').map((r) => r.trim()),
    });
  }
  return out;
}

test('`kaohe routes` is the route table of docs/api.md', () => {
  const printed = routes.map(({ method, path, roles }) => ({ method, path, roles }));
  const key = (r) => `${r.method} ${r.path}`;
  const sort = (l) => [...l].sort((a, b) => key(a).localeCompare(key(b)));
  assert.deepEqual(sort(printed), sort(documentedRoutes()));
  for (const r of routes) {
    assert.equal(typeof r.during_change, 'boolean');
    assert.equal(typeof r.json, 'boolean');
  }
  // docs/api.md: while a password change is required, only these are open.
  assert.deepEqual(routes.filter((r) => r.during_change).map(key).sort(),
    ['DELETE /api/v1/session', 'GET /api/v1/session', 'PUT /api/v1/session/password']);
});

// A request on route r as client c (null: anonymous), with a plausible body
// for JSON routes and a valid CSRF token, so that only the role check can
// refuse it. {id} is the cadre account (never the caller).
function call(r, c) {
  // {kind}: an import's kind that exists (people).
  const path = r.path.replace('{id}', String(who.cadre.id)).replace('{kind}', 'people');
  const body = r.json ? (r.path.endsWith('/roles') ? { roles: ['cadre'] } : { username: 'zzz', password: 'x' }) : undefined;
  return (c ?? new Client(s.url)).request(r.method, path, body);
}

test('the route walk: anonymous → 401, a role not in the route\'s roles → 403, every route', async () => {
  let covered = 0;
  let refusals = 0;
  for (const r of routes) {
    const label = `${r.method} ${r.path}`;
    if (r.roles === 'anyone') {
      // Anyone may: no session is asked for. (The only such write is the
      // login; its made-up credentials get invalid_credentials.)
      const res = await call(r, null);
      if (r.method === 'GET') assert.equal(res.status, 200, label);
      else assert.ok(res.status !== 403 && res.json?.error?.code !== 'unauthenticated', `${label}: ${res.text}`);
      covered++;
      continue;
    }
    const anon = await call(r, null);
    expectError(anon, 401, 'unauthenticated');
    refusals++;
    const allowed = r.roles === 'account' ? [...ROLES, 'none'] : r.roles;
    for (const p of [...ROLES, 'none']) {
      if (allowed.includes(p)) {
        // Allowed reads answer 200; allowed writes are not tried here
        // (they would change the accounts the walk relies on).
        if (r.method === 'GET') {
          const res = await call(r, who[p]);
          if (r.path.includes('{id}') && !r.path.startsWith('/api/v1/users/'))
            assert.ok(![401, 403].includes(res.status), `${label} as ${p}: ${res.text}`);
          else assert.equal(res.status, 200, `${label} as ${p}: ${res.text}`);
        }
        continue;
      }
      const res = await call(r, who[p]);
      assert.equal(res.status, 403, `${label} as ${p}: ${res.text}`);
      expectError(res, 403, 'forbidden');
      refusals++;
    }
    covered++;
  }
  assert.equal(covered, routes.length, 'every route was walked');
  // Each route that needs a session refused the anonymous caller, and each
  // role-limited one the 7 - (its roles) other principals.
  const expected = routes.filter((r) => r.roles !== 'anyone').reduce((n, r) =>
    n + 1 + (r.roles === 'account' ? 0 : 7 - r.roles.length), 0);
  assert.equal(refusals, expected);
  // Nothing the walk sent took effect.
  const cadre = await who.sysadmin.get(`/api/v1/users/${who.cadre.id}`);
  assert.deepEqual(cadre.json.roles, ['cadre']);
  assert.equal(cadre.json.disabled, false);
  for (const p of [...ROLES, 'none'])
    assert.equal((await who[p].get('/api/v1/session')).status, 200, `${p} is still logged in`);
});

test('secadmin: the admin roles are exclusive: 400 admin_roles_exclusive', async () => {
  const sec = who.secadmin;
  const target = who.none.id;
  expectError(await sec.put(`/api/v1/users/${target}/roles`, { roles: ['sysadmin', 'auditor'] }),
    400, 'admin_roles_exclusive', '$.roles');
  expectError(await sec.put(`/api/v1/users/${target}/roles`, { roles: ['auditor', 'assessor'] }),
    400, 'admin_roles_exclusive', '$.roles');
  expectError(await sec.put(`/api/v1/users/${target}/roles`, { roles: ['secadmin', 'cadre'] }),
    400, 'admin_roles_exclusive', '$.roles');
  const after = await sec.get(`/api/v1/users/${target}`);
  assert.deepEqual(after.json.roles, [], 'nothing changed');
});

test('secadmin: a reporter without unit_id: 400 reporter_needs_unit', async () => {
  const res = await who.secadmin.put(`/api/v1/users/${who.none.id}/roles`, { roles: ['reporter'] });
  expectError(res, 400, 'reporter_needs_unit');
  expectError(await who.secadmin.put(`/api/v1/users/${who.none.id}/roles`,
    { roles: ['reporter', 'cadre'], unit_id: null }), 400, 'reporter_needs_unit');
});

test('reporter_needs_unit names the field at fault: $.unit_id', async () => {
  // docs/api.md: details name "the field or JSON path at fault"; the body
  // field is unit_id.
  const res = await who.secadmin.put(`/api/v1/users/${who.none.id}/roles`, { roles: ['reporter'] });
  expectError(res, 400, 'reporter_needs_unit', '$.unit_id');
});

test('secadmin sets roles: business roles together, a reporter with its unit, and the audit record', async () => {
  const sec = who.secadmin;
  const target = await newAccount(s, 'tina');
  let res = await sec.put(`/api/v1/users/${target.id}/roles`, { roles: ['assessor', 'cadre'], unit_id: null });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.account.roles, ['assessor', 'cadre']);
  // The reporter's unit must exist: 7 does not, 1 (made in before()) does.
  expectError(await sec.put(`/api/v1/users/${target.id}/roles`, { roles: ['reporter'], unit_id: 7 }),
    400, 'unknown_unit', '$.unit_id');
  res = await sec.put(`/api/v1/users/${target.id}/roles`, { roles: ['reporter'], unit_id: 1 });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.account.roles, ['reporter']);
  assert.equal(res.json.account.unit_id, 1);
  // The change takes effect on the account's live session.
  assert.deepEqual((await target.get('/api/v1/session')).json.account.roles, ['reporter']);
  res = await sec.put(`/api/v1/users/${target.id}/roles`, { roles: [] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.account.roles, []);
  expectError(await sec.put(`/api/v1/users/${target.id}/roles`, { roles: ['boss'] }), 400, 'invalid_field', '$.roles[0]');
  expectError(await sec.put(`/api/v1/users/${target.id}/roles`, { roles: 'cadre' }), 400, 'invalid_field', '$.roles');
  expectError(await sec.put('/api/v1/users/99999/roles', { roles: ['cadre'] }), 404, 'not_found');

  const records = (await auditRecords(who.auditor, 'action=account.roles'))
    .filter((r) => r.object === 'account:tina').sort((a, b) => a.seq - b.seq);
  assert.equal(records.length, 3);
  assert.equal(records[0].account, 'secadmin');
  assert.deepEqual(records[0].before.roles, []);
  assert.deepEqual(records[0].after.roles, ['assessor', 'cadre']);
  assert.deepEqual(records[1].before.roles, ['assessor', 'cadre']);
  assert.deepEqual(records[1].after.roles, ['reporter']);
  assert.equal(records[1].after.unit_id, 1);
});

test('secadmin cannot change their own roles: 403', async () => {
  const sec = who.secadmin;
  expectError(await sec.put(`/api/v1/users/${sec.id}/roles`, { roles: [] }), 403, 'forbidden');
  expectError(await sec.put(`/api/v1/users/${sec.id}/roles`, { roles: ['secadmin'] }), 403, 'forbidden');
  assert.deepEqual((await sec.get('/api/v1/session')).json.account.roles, ['secadmin']);
});

test('administrator roles are not granted or taken through the API (403 admin_account)', async () => {
  const sec = who.secadmin;
  // Taking an admin role away, or giving one, is refused: otherwise the
  // system administrator, who knows a new account's one-time password,
  // could have it made an auditor and read the log as them.
  expectError(await sec.put(`/api/v1/users/${who.sysadmin.id}/roles`, { roles: [] }), 403, 'admin_account');
  expectError(await sec.put(`/api/v1/users/${who.auditor.id}/roles`, { roles: ['cadre'] }), 403, 'admin_account');
  expectError(await sec.put(`/api/v1/users/${who.cadre.id}/roles`, { roles: ['auditor'] }), 403, 'admin_account');
  assert.deepEqual((await who.sysadmin.get('/api/v1/session')).json.account.roles, ['sysadmin']);
  assert.deepEqual((await who.cadre.get('/api/v1/session')).json.account.roles, ['cadre']);
});

test('from the command line, the last active sysadmin keeps the role; a second one may lose it', async () => {
  const last = kaohe(['user', 'set-roles', 'admin', 'none', '--db', s.db]);
  assert.equal(last.status, 1);
  assert.match(last.stderr, /only active sysadmin account/);
  assert.deepEqual((await who.sysadmin.get('/api/v1/session')).json.account.roles, ['sysadmin']);
  await newAccount(s, 'admin2', { roles: 'sysadmin' });
  const lock = kaohe(['user', 'lock', 'admin2', '--db', s.db]);
  assert.equal(lock.status, 0, lock.stderr);
  // A locked second sysadmin does not count as one who could act.
  assert.equal(kaohe(['user', 'set-roles', 'admin', 'none', '--db', s.db]).status, 1);
  const two = kaohe(['user', 'set-roles', 'admin2', 'none', '--db', s.db]);
  assert.equal(two.status, 0, two.stderr);
});

test('sysadmin adds accounts but cannot set roles; secadmin sets roles but cannot add accounts', async () => {
  const add = await who.sysadmin.post('/api/v1/users', { username: 'ulrich', display_name: '乌尔里希' });
  assert.equal(add.status, 201, add.text);
  assert.deepEqual(add.json.account.roles, [], 'a new account has no roles');
  assert.equal(add.json.account.must_change, true);
  assert.equal(add.json.account.display_name, '乌尔里希');
  assert.equal(typeof add.json.password, 'string');
  const id = add.json.account.id;
  expectError(await who.sysadmin.put(`/api/v1/users/${id}/roles`, { roles: ['cadre'] }), 403, 'forbidden');
  expectError(await who.secadmin.post('/api/v1/users', { username: 'victor' }), 403, 'forbidden');
  expectError(await who.sysadmin.post('/api/v1/users', { username: 'ulrich' }), 409, 'conflict', '$.username');
  const set = await who.secadmin.put(`/api/v1/users/${id}/roles`, { roles: ['cadre'] });
  assert.equal(set.status, 200, set.text);
  // The one-time password works, once changed.
  await activate(s.url, 'ulrich', add.json.password, strong());
});

test('only the auditor reads the audit log', async () => {
  for (const p of [...ROLES, 'none']) {
    const list = await who[p].get('/api/v1/audit');
    const verify = await who[p].get('/api/v1/audit/verify');
    if (p === 'auditor') {
      assert.equal(list.status, 200, list.text);
      assert.equal(verify.status, 200, verify.text);
      assert.equal(verify.json.ok, true);
    } else {
      expectError(list, 403, 'forbidden');
      expectError(verify, 403, 'forbidden');
    }
  }
});
