// Units and quotas (docs/api.md: Units; docs/org.md): a small TEDA-like
// tree built over the API, the refusals of core/org's rules with the field
// at fault, quota lines and their rolled-up figures, the audit records of
// every write, and a reporter's scope (its unit and its descendants).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { activate, auditRecords, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;     // the organisation department (assessor)
let auditor;
let reporter; // a reporter of the zone
const u = {}; // name -> id

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
});
after(async () => { await s?.cleanup(); });

async function add(body, status = 201) {
  const res = await asse.post('/api/v1/units', body);
  assert.equal(res.status, status, res.text);
  return res;
}

const quota = (id, body) => asse.put(`/api/v1/units/${id}/quotas`, {
  document: '津滨编〔2014〕12号', approved_on: '2014-03-01', ...body,
});

// The figure of a unit on a line, from a unit object of the API.
const fig = (unit, lineKind, line) =>
  unit.figures.find((f) => f.line_kind === lineKind && f.line === line);

test('build the tree: committee → departments (one with 3 functions), a zone with a park', async () => {
  let res = await add({ name: '泰达管委会', kind: 'committee' });
  assert.equal(res.json.unit.parent_id, null);
  assert.equal(res.json.unit.depth, 0);
  u.committee = res.json.unit.id;
  res = await add({ name: '政策研究室', kind: 'department', parent_id: u.committee });
  u.policy = res.json.unit.id;
  assert.equal(res.json.unit.parent_id, u.committee);
  assert.equal(res.json.unit.depth, 1);
  u.org = (await add({ name: '组织部', kind: '部门', parent_id: u.committee })).json.unit.id;
  u.zone = (await add({ name: '泰达功能区', kind: 'zone', parent_id: u.committee })).json.unit.id;
  u.park = (await add({ name: '第一园区', kind: 'park', parent_id: u.zone })).json.unit.id;

  res = await asse.put(`/api/v1/units/${u.policy}/functions`,
    { functions: ['政策研究室', '法制办公室', '司法局'] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.unit.functions, ['政策研究室', '法制办公室', '司法局']);

  const list = await asse.get('/api/v1/units');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.total, 5);
  // Pre-order: a unit before its descendants, siblings in id order.
  assert.deepEqual(list.json.items.map((x) => [x.name, x.kind, x.depth]), [
    ['泰达管委会', 'committee', 0],
    ['政策研究室', 'department', 1],
    ['组织部', 'department', 1],
    ['泰达功能区', 'zone', 1],
    ['第一园区', 'park', 2],
  ]);
});

test('refusals: a bad parent, a cycle, an unknown parent, an empty name, a bad kind', async () => {
  let err = expectError(await asse.post('/api/v1/units',
    { name: '第一社工站', kind: 'station', parent_id: u.committee }), 400, 'bad_parent', '$.parent_id');
  assert.match(err.message, /social work station cannot sit under a management committee; .*community/);
  err = expectError(await asse.post('/api/v1/units',
    { name: '第二管委会', kind: 'committee', parent_id: u.zone }), 400, 'bad_parent', '$.parent_id');
  assert.match(err.message, /committee/);
  expectError(await asse.post('/api/v1/units', { name: '无主部门', kind: 'department' }),
    400, 'bad_parent', '$.parent_id');
  err = expectError(await asse.post('/api/v1/units',
    { name: '幽灵部门', kind: 'department', parent_id: 99999 }), 400, 'unknown_parent', '$.parent_id');
  assert.match(err.message, /no unit 99999/);
  expectError(await asse.post('/api/v1/units', { name: '', kind: 'department', parent_id: u.committee }),
    400, 'invalid_field', '$.name');
  expectError(await asse.post('/api/v1/units', { name: ' 　 ', kind: 'department', parent_id: u.committee }),
    400, 'invalid_field', '$.name');
  expectError(await asse.post('/api/v1/units', { kind: 'department', parent_id: u.committee }),
    400, 'invalid_field', '$.name');
  expectError(await asse.post('/api/v1/units', { name: '长'.repeat(101), kind: 'park', parent_id: u.zone }),
    400, 'invalid_field', '$.name');
  err = expectError(await asse.post('/api/v1/units', { name: '某局', kind: 'bureau', parent_id: u.committee }),
    400, 'invalid_field', '$.kind');
  assert.match(err.message, /not a unit kind/);

  // Moving a unit under its own descendant is a cycle, named as one.
  err = expectError(await asse.put(`/api/v1/units/${u.zone}`, { parent_id: u.park }),
    400, 'parent_cycle', '$.parent_id');
  assert.match(err.message, /own ancestor|descendant/);
  err = expectError(await asse.put(`/api/v1/units/${u.zone}`, { parent_id: u.zone }),
    400, 'parent_cycle', '$.parent_id');
  assert.match(err.message, /its own parent/);
  // A move the kinds forbid (a park under a department), a kind change
  // that strands a child (the zone's park under a department).
  expectError(await asse.put(`/api/v1/units/${u.park}`, { parent_id: u.org }), 400, 'bad_parent', '$.parent_id');
  expectError(await asse.put(`/api/v1/units/${u.zone}`, { kind: 'department' }), 400, 'bad_parent');
  expectError(await asse.put(`/api/v1/units/${u.zone}`, { parent_id: 99999 }), 400, 'unknown_parent', '$.parent_id');
  expectError(await asse.put('/api/v1/units/99999', { name: '无' }), 404, 'not_found');
  expectError(await asse.put(`/api/v1/units/${u.zone}`, { colour: 'red' }), 400, 'unknown_field', '$.colour');

  // Nothing of that changed the tree.
  const list = await asse.get('/api/v1/units');
  assert.equal(list.json.total, 5);
  assert.equal(list.json.items.find((x) => x.id === u.park).parent_id, u.zone);
  assert.equal(list.json.items.find((x) => x.id === u.zone).kind, 'zone');
});

test('rename and move: the answer is the unit as it is now', async () => {
  let res = await asse.put(`/api/v1/units/${u.park}`, { name: '泰达第一园区' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.unit.name, '泰达第一园区');
  assert.equal(res.json.unit.parent_id, u.zone);
  // A park may sit under the committee too; and back into the zone.
  res = await asse.put(`/api/v1/units/${u.park}`, { parent_id: u.committee });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.unit.depth, 1);
  res = await asse.put(`/api/v1/units/${u.park}`, { parent_id: u.zone });
  assert.equal(res.json.unit.depth, 2);
});

test('functions: at most 20, no blank or repeated names', async () => {
  const many = Array.from({ length: 21 }, (_, i) => `职能${i}`);
  expectError(await asse.put(`/api/v1/units/${u.org}/functions`, { functions: many }),
    400, 'invalid_field', '$.functions');
  expectError(await asse.put(`/api/v1/units/${u.org}/functions`, { functions: ['组织', '组织'] }),
    400, 'invalid_field', '$.functions[1]');
  expectError(await asse.put(`/api/v1/units/${u.org}/functions`, { functions: ['组织', ''] }),
    400, 'invalid_field', '$.functions[1]');
  expectError(await asse.put(`/api/v1/units/${u.org}/functions`, { functions: [3] }),
    400, 'invalid_field', '$.functions[0]');
  expectError(await asse.put(`/api/v1/units/${u.org}/functions`, { functions: '组织' }),
    400, 'invalid_field', '$.functions');
  const res = await asse.put(`/api/v1/units/${u.org}/functions`, { functions: [] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.unit.functions, []);
});

test('quotas: refusals name the field; lines set, replaced and rolled up', async () => {
  expectError(await quota(u.policy, { line_kind: 'staff', line: 'civil_servant', count: -1 }),
    400, 'invalid_count', '$.count');
  expectError(await quota(u.policy, { line_kind: 'staff', line: 'civil_servant' }),
    400, 'invalid_field', '$.count');
  expectError(await quota(u.policy, { line_kind: 'staff', line: 'civil_servant', count: 3, document: ' ' }),
    400, 'document_required', '$.document');
  expectError(await quota(u.policy, { line_kind: 'staff', line: 'civil_servant', count: 3, approved_on: '2999-01-01' }),
    400, 'invalid_date', '$.approved_on');
  expectError(await quota(u.policy, { line_kind: 'staff', line: 'civil_servant', count: 3, approved_on: '2014-02-30' }),
    400, 'invalid_date', '$.approved_on');
  expectError(await quota(u.policy, { line_kind: 'staff', line: 'civil_servant', count: 3, approved_on: '1 March 2014' }),
    400, 'invalid_date', '$.approved_on');
  expectError(await quota(u.policy, { line_kind: 'staff', line: 'clerk', count: 3 }), 400, 'invalid_field', '$.line');
  expectError(await quota(u.policy, { line_kind: 'post', line: 'civil_servant', count: 3 }), 400, 'invalid_field', '$.line');
  expectError(await quota(u.policy, { line_kind: 'cap', line: 'civil_servant', count: 3 }), 400, 'invalid_field', '$.line_kind');
  expectError(await quota(99999, { line_kind: 'staff', line: 'civil_servant', count: 3 }), 404, 'not_found');

  // Civil servants (own quota): committee 10, 政策研究室 11 then 12 (a
  // later approval replaces the line), 组织部 15, zone 30, park 5.
  // 副处级 posts: 政策研究室 2, 组织部 2. The Chinese name of a line is
  // accepted and stored as its id.
  const lines = [
    [u.committee, 'staff', 'civil_servant', 10],
    [u.policy, 'staff', 'civil_servant', 11],
    [u.policy, 'staff', '公务员', 12, '津滨编〔2016〕3号', '2016-05-20'],
    [u.org, 'staff', 'civil_servant', 15],
    [u.zone, 'staff', 'civil_servant', 30],
    [u.park, 'staff', 'civil_servant', 5],
    [u.policy, 'post', 'division_deputy', 2],
    [u.org, 'post', '副处级', 2],
  ];
  for (const [id, lineKind, line, count, document, approvedOn] of lines) {
    const body = { line_kind: lineKind, line, count };
    if (document) Object.assign(body, { document, approved_on: approvedOn });
    const res = await quota(id, body);
    assert.equal(res.status, 200, res.text);
  }
  const policy = (await asse.get(`/api/v1/units/${u.policy}`)).json;
  assert.deepEqual(policy.quotas, [
    { line_kind: 'staff', line: 'civil_servant', count: 12, document: '津滨编〔2016〕3号', approved_on: '2016-05-20' },
    { line_kind: 'post', line: 'division_deputy', count: 2, document: '津滨编〔2014〕12号', approved_on: '2014-03-01' },
  ]);

  // Filled is 0 until people and employments come, so own vacant = quota
  // and over = 0 everywhere.
  // 泰达功能区 rolled up: itself 30 + 第一园区 5 = 35; vacant 35, net vacant 35.
  const zone = (await asse.get(`/api/v1/units/${u.zone}`)).json;
  assert.deepEqual(fig(zone, 'staff', 'civil_servant'), {
    line_kind: 'staff', line: 'civil_servant',
    own: { quota: 30, filled: 0, vacant: 30, over: 0 },
    rolled: { quota: 35, filled: 0, vacant: 35, over: 0, net_vacant: 35, net_over: 0 },
  });
  assert.equal(fig(zone, 'post', 'division_deputy'), undefined, 'no post line in the zone');
  // 泰达管委会: 10 + 12 + 15 + 35 = 72 civil servants; 副处级 2 + 2 = 4,
  // none of its own.
  const committee = (await asse.get(`/api/v1/units/${u.committee}`)).json;
  assert.deepEqual(fig(committee, 'staff', 'civil_servant').own, { quota: 10, filled: 0, vacant: 10, over: 0 });
  assert.deepEqual(fig(committee, 'staff', 'civil_servant').rolled,
    { quota: 72, filled: 0, vacant: 72, over: 0, net_vacant: 72, net_over: 0 });
  assert.deepEqual(fig(committee, 'post', 'division_deputy').own, { quota: 0, filled: 0, vacant: 0, over: 0 });
  assert.deepEqual(fig(committee, 'post', 'division_deputy').rolled,
    { quota: 4, filled: 0, vacant: 4, over: 0, net_vacant: 4, net_over: 0 });
  // 第一园区 (a leaf): rolled = own = 5.
  const park = (await asse.get(`/api/v1/units/${u.park}`)).json;
  assert.deepEqual(fig(park, 'staff', 'civil_servant').rolled,
    { quota: 5, filled: 0, vacant: 5, over: 0, net_vacant: 5, net_over: 0 });
  // The list shows the same figures.
  const list = (await asse.get('/api/v1/units')).json;
  assert.equal(fig(list.items[0], 'staff', 'civil_servant').rolled.quota, 72);
});

test('delete: refused with sub-units or quotas (409); a bare unit goes', async () => {
  let err = expectError(await asse.del(`/api/v1/units/${u.committee}`), 409, 'unit_has_children');
  assert.match(err.message, /sub-unit/);
  err = expectError(await asse.del(`/api/v1/units/${u.org}`), 409, 'unit_has_quotas');
  assert.match(err.message, /quota/);
  const tmp = (await add({ name: '临时专班', kind: 'affiliate', parent_id: u.committee })).json.unit.id;
  await asse.put(`/api/v1/units/${tmp}/functions`, { functions: ['专班'] });
  const res = await asse.del(`/api/v1/units/${tmp}`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { id: tmp, deleted: true });
  expectError(await asse.get(`/api/v1/units/${tmp}`), 404, 'not_found');
  expectError(await asse.del(`/api/v1/units/${tmp}`), 404, 'not_found');
  u.deleted = tmp;
});

test('every write has its audit record, by the assessor, with before and after', async () => {
  const all = (await auditRecords(auditor)).filter((r) => r.action.startsWith('unit.'))
    .sort((a, b) => a.seq - b.seq);
  for (const r of all) assert.equal(r.account, 'orgd');
  const of = (action, id) => all.filter((r) => r.action === action && r.object === `unit:${id}`);
  const [added] = of('unit.add', u.policy);
  assert.equal(added.before, null);
  assert.deepEqual(added.after, { id: u.policy, parent_id: u.committee, kind: 'department', name: '政策研究室', functions: [] });
  const [fns] = of('unit.functions', u.policy);
  assert.deepEqual(fns.before.functions, []);
  assert.deepEqual(fns.after.functions, ['政策研究室', '法制办公室', '司法局']);
  const updates = of('unit.update', u.park);
  assert.equal(updates.length, 3, 'rename and two moves; refused changes leave no record');
  assert.equal(updates[0].before.name, '第一园区');
  assert.equal(updates[0].after.name, '泰达第一园区');
  assert.equal(updates[1].after.parent_id, u.committee);
  const quotas = of('unit.quota', u.policy).filter((r) => r.after.line === 'civil_servant');
  assert.equal(quotas.length, 2);
  assert.equal(quotas[0].before, null);
  assert.equal(quotas[0].after.count, 11);
  assert.equal(quotas[1].before.count, 11, 'the replaced approval');
  assert.equal(quotas[1].after.count, 12);
  assert.equal(quotas[1].after.document, '津滨编〔2016〕3号');
  const [gone] = of('unit.delete', u.deleted);
  assert.equal(gone.before.name, '临时专班');
  assert.equal(gone.after, null);
  const verify = await auditor.get('/api/v1/audit/verify');
  assert.equal(verify.json.ok, true);
});

test('a reporter of the zone sees the zone and its park, not 组织部, and writes nothing', async () => {
  const sec = await activate(s.url, 'secadmin', s.passwords.secadmin, strong());
  reporter = await newAccount(s, 'zrep');
  const set = await sec.put(`/api/v1/users/${reporter.id}/roles`, { roles: ['reporter'], unit_id: u.zone });
  assert.equal(set.status, 200, set.text);

  const list = await reporter.get('/api/v1/units');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.total, 2);
  assert.deepEqual(list.json.items.map((x) => x.name), ['泰达功能区', '泰达第一园区']);
  // Its figures are those of its subtree.
  assert.equal(fig(list.json.items[0], 'staff', 'civil_servant').rolled.quota, 35);
  assert.equal((await reporter.get(`/api/v1/units/${u.park}`)).status, 200);
  expectError(await reporter.get(`/api/v1/units/${u.org}`), 404, 'not_found');
  expectError(await reporter.get(`/api/v1/units/${u.committee}`), 404, 'not_found');

  expectError(await reporter.post('/api/v1/units', { name: '新园区', kind: 'park', parent_id: u.zone }), 403, 'forbidden');
  expectError(await reporter.put(`/api/v1/units/${u.zone}`, { name: '改名' }), 403, 'forbidden');
  expectError(await reporter.put(`/api/v1/units/${u.zone}/quotas`,
    { line_kind: 'staff', line: 'civil_servant', count: 99, document: 'x', approved_on: '2020-01-01' }), 403, 'forbidden');
  expectError(await reporter.del(`/api/v1/units/${u.park}`), 403, 'forbidden');
  const zone = (await asse.get(`/api/v1/units/${u.zone}`)).json;
  assert.equal(zone.name, '泰达功能区');
  assert.equal(fig(zone, 'staff', 'civil_servant').own.quota, 30);

  // The zone keeps its park, so it cannot be deleted.
  expectError(await asse.del(`/api/v1/units/${u.zone}`), 409, 'unit_has_children');
});

test('the other roles read no units: 403', async () => {
  const cadre = await newAccount(s, 'cdr1', { roles: 'cadre' });
  expectError(await cadre.get('/api/v1/units'), 403, 'forbidden');
  expectError(await auditor.get('/api/v1/units'), 403, 'forbidden');
  expectError(await auditor.get(`/api/v1/units/${u.zone}`), 403, 'forbidden');
});
