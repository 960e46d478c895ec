// Employments, agencies and service contracts (docs/api.md: Employments;
// docs/people.md): appointing within and beyond a quota (refused, or
// allowed with a reason that is kept and audited), leader-post quotas,
// overlapping main employments, concurrent posts, purchased staff under a
// contract (its staff type, buyer, period and headcount), ending an
// employment, the filled figures of units, the person's current staff
// type and rank, and a reporter's scope.
// Dates: the server's today is the real date; past dates are used for
// employments that must be active today, and 2000-01-01 for ended ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { auditRecords, activate, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;
let auditor;
const u = {};
const p = {};
const ids = {};

const fig = (unit, lineKind, line) =>
  unit.figures.find((f) => f.line_kind === lineKind && f.line === line);

async function unitGet(id) {
  const res = await asse.get(`/api/v1/units/${id}`);
  assert.equal(res.status, 200, res.text);
  return res.json.unit ?? res.json;
}

const job = (over) => ({
  staff_type: 'civil_servant', title: '科员', rank: 'clerk_1',
  start_date: '2020-01-01', start_document: '泰达组任〔2020〕1号', ...over,
});

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => {
    const res = await asse.post('/api/v1/units', body);
    assert.equal(res.status, 201, res.text);
    return res.json.unit.id;
  };
  u.committee = await unit({ name: '泰达管委会', kind: 'committee' });
  u.policy = await unit({ name: '政策研究室', kind: 'department', parent_id: u.committee });
  u.bureau = await unit({ name: '城市管理局', kind: 'department', parent_id: u.committee });
  u.zone = await unit({ name: '泰达功能区', kind: 'zone', parent_id: u.committee });
  u.community = await unit({ name: '第一社区', kind: 'community', parent_id: u.zone });
  u.station = await unit({ name: '第一社工站', kind: 'station', parent_id: u.community });
  u.other = await unit({ name: '第二社区', kind: 'community', parent_id: u.zone });
  const quota = async (id, body) => {
    const res = await asse.put(`/api/v1/units/${id}/quotas`, {
      document: '津滨编〔2014〕12号', approved_on: '2014-03-01', ...body });
    assert.equal(res.status, 200, res.text);
  };
  await quota(u.policy, { line_kind: 'staff', line: 'civil_servant', count: 2 });
  await quota(u.policy, { line_kind: 'post', line: 'division_chief', count: 1 });
  await quota(u.bureau, { line_kind: 'staff', line: 'civil_servant', count: 5 });
  await quota(u.station, { line_kind: 'staff', line: 'social_worker', count: 8 });
  const person = async (name, n) => {
    const res = await asse.post('/api/v1/people', {
      name, id_number: idNumber('120116', '19850101', n), ethnicity: '01',
      political_status: '01', education: '21' });
    assert.equal(res.status, 201, res.text);
    return res.json.person.id;
  };
  for (const [k, name, n] of [['zhao', '赵一', 11], ['qian', '钱二', 13], ['sun', '孙三', 15],
    ['li', '李四', 17], ['zhou', '周五', 22], ['wu', '吴六', 24], ['zheng', '郑七', 26]]) {
    p[k] = await person(name, n);
  }
});
after(async () => { await s?.cleanup(); });

test('appoint within the quota: 201, the unit filled, the person current', async () => {
  const res = await asse.post('/api/v1/employments', job({ person_id: p.zhao, unit_id: u.policy }));
  assert.equal(res.status, 201, res.text);
  const m = res.json.employment;
  ids.zhao = m.id;
  assert.equal(m.person_name, '赵一');
  assert.equal(m.unit_name, '政策研究室');
  assert.equal(m.staff_type, 'civil_servant');
  assert.equal(m.rank, 'clerk_1');
  assert.equal(m.end_date, null);
  assert.equal(m.over_quota_reason, null);
  assert.equal(m.concurrent, false);
  const unit = await unitGet(u.policy);
  assert.deepEqual(fig(unit, 'staff', 'civil_servant').own,
    { quota: 2, filled: 1, vacant: 1, over: 0 });
  const person = (await asse.get(`/api/v1/people/${p.zhao}`)).json;
  assert.equal(person.unit_id, u.policy);
  assert.equal(person.staff_type, 'civil_servant');
  assert.equal(person.rank, 'clerk_1');
});

test('beyond the quota: refused; with allow_over, a reason is required; kept and audited', async () => {
  let res = await asse.post('/api/v1/employments', job({ person_id: p.qian, unit_id: u.policy }));
  assert.equal(res.status, 201, res.text);
  // Quota 2, filled 2: the third is refused, naming the numbers.
  const err = expectError(await asse.post('/api/v1/employments',
    job({ person_id: p.sun, unit_id: u.policy })), 409, 'quota_exceeded', '$.staff_type');
  assert.match(err.message, /政策研究室/);
  assert.match(err.message, /2, filled 2/);
  expectError(await asse.post('/api/v1/employments',
    job({ person_id: p.sun, unit_id: u.policy, allow_over: true })), 400, 'reason_required', '$.reason');
  expectError(await asse.post('/api/v1/employments',
    job({ person_id: p.sun, unit_id: u.policy, allow_over: true, reason: '   ' })), 400, 'reason_required');
  res = await asse.post('/api/v1/employments', job({ person_id: p.sun, unit_id: u.policy,
    allow_over: true, reason: '法制办职能划入，编制调整文件待批' }));
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.employment.over_quota_reason, '法制办职能划入，编制调整文件待批');
  const unit = await unitGet(u.policy);
  assert.deepEqual(fig(unit, 'staff', 'civil_servant').own,
    { quota: 2, filled: 3, vacant: 0, over: 1 });
  const rec = (await auditRecords(auditor, 'action=employment.add'))
    .find((r) => r.object === `employment:${res.json.employment.id}`);
  assert.ok(rec, 'an employment.add audit record');
  assert.equal(rec.after.over_quota_reason, '法制办职能划入，编制调整文件待批');
});

test('a main employment may not overlap another; a concurrent leader post may', async () => {
  const err = expectError(await asse.post('/api/v1/employments',
    job({ person_id: p.zhao, unit_id: u.bureau, start_date: '2024-06-01' })), 409,
  'overlapping_employment', '$.start_date');
  assert.match(err.message, new RegExp(`employment ${ids.zhao}`));
  // A concurrent role without a leader post holds no place at all.
  let role = await asse.post('/api/v1/employments', job({ person_id: p.zhao, unit_id: u.policy,
    title: '法律顾问', concurrent: true, rank: null }));
  assert.equal(role.status, 201, role.text);
  assert.equal(fig(await unitGet(u.policy), 'staff', 'civil_servant').own.filled, 3);
  let res = await asse.post('/api/v1/employments', job({ person_id: p.zhao, unit_id: u.policy,
    title: '政策研究室主任', post_level: 'division_chief', concurrent: true, rank: null }));
  assert.equal(res.status, 201, res.text);
  // It takes the leader post (1 of 1) but no civil-servant place.
  const unit = await unitGet(u.policy);
  assert.deepEqual(fig(unit, 'post', 'division_chief').own, { quota: 1, filled: 1, vacant: 0, over: 0 });
  assert.equal(fig(unit, 'staff', 'civil_servant').own.filled, 3);
  // A second chief is beyond the leader-post quota.
  res = await asse.post('/api/v1/employments', job({ person_id: p.li, unit_id: u.policy,
    title: '主任', post_level: 'division_chief', concurrent: true, rank: null }));
  expectError(res, 409, 'quota_exceeded', '$.level');
});

test('purchased staff work under a contract: staff type, buyer, period and headcount', async () => {
  let res = await asse.post('/api/v1/agencies', { name: '泰达社会服务中心', kind: 'social_service_centre',
    credit_code: '52120116MJ0000001A' });
  assert.equal(res.status, 201, res.text);
  const agency = res.json.agency.id;
  expectError(await asse.post('/api/v1/agencies', { name: '泰达社会服务中心', kind: 'staffing_company' }),
    409, 'duplicate_name', '$.name');
  expectError(await asse.post('/api/v1/agencies', { name: '某公司', kind: 'bank' }), 400, 'invalid_field', '$.kind');
  const contract = (over) => ({ agency_id: agency, unit_id: u.community, staff_type: 'social_worker',
    document: 'TEDA-SW-2026-01', headcount: 2, start_date: '2026-01-01', end_date: '2027-12-31',
    price_fen: 96000000, ...over });
  expectError(await asse.post('/api/v1/contracts', contract({ staff_type: 'civil_servant' })),
    400, 'invalid_field', '$.staff_type');
  expectError(await asse.post('/api/v1/contracts', contract({ headcount: 0 })), 400, 'invalid_field', '$.headcount');
  expectError(await asse.post('/api/v1/contracts', contract({ end_date: '2025-12-31' })),
    400, 'invalid_date', '$.end_date');
  res = await asse.post('/api/v1/contracts', contract());
  assert.equal(res.status, 201, res.text);
  const c = res.json.contract;
  assert.equal(c.filled, 0);
  assert.equal(c.headcount, 2);

  const sw = (over) => ({ staff_type: 'social_worker', title: '社工', start_date: '2026-01-01',
    end_date: '2027-12-31', start_document: 'TEDA-SW-2026-01', unit_id: u.station, ...over });
  expectError(await asse.post('/api/v1/employments', sw({ person_id: p.li })),
    400, 'contract_required', '$.contract_id');
  expectError(await asse.post('/api/v1/employments', sw({ person_id: p.li, contract_id: c.id, rank: 'clerk_1' })),
    400, 'invalid_field', '$.rank');
  expectError(await asse.post('/api/v1/employments', job({ person_id: p.li, unit_id: u.bureau, contract_id: c.id })),
    400, 'invalid_field', '$.contract_id');
  // Outside the buyer's subtree, outside the contract's period.
  expectError(await asse.post('/api/v1/employments', sw({ person_id: p.li, contract_id: c.id, unit_id: u.other })),
    400, 'outside_contract', '$.unit_id');
  expectError(await asse.post('/api/v1/employments', sw({ person_id: p.li, contract_id: c.id, end_date: '2028-06-30' })),
    400, 'outside_contract', '$.end_date');
  expectError(await asse.post('/api/v1/employments', sw({ person_id: p.li, contract_id: c.id, start_date: '2025-12-31' })),
    400, 'outside_contract', '$.start_date');
  for (const k of ['li', 'zhou']) {
    res = await asse.post('/api/v1/employments', sw({ person_id: p[k], contract_id: c.id }));
    assert.equal(res.status, 201, res.text);
  }
  const err = expectError(await asse.post('/api/v1/employments', sw({ person_id: p.wu, contract_id: c.id })),
    409, 'contract_full', '$.contract_id');
  assert.match(err.message, /TEDA-SW-2026-01/);
  const list = (await asse.get('/api/v1/agencies')).json.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].contracts[0].filled, 2);
  const unit = await unitGet(u.station);
  assert.deepEqual(fig(unit, 'staff', 'social_worker').own, { quota: 8, filled: 2, vacant: 6, over: 0 });
  // Rolled up to the community.
  assert.equal(fig(await unitGet(u.community), 'staff', 'social_worker').rolled.filled, 2);
});

test('end an employment: dates checked, figures follow, never reopened', async () => {
  const res0 = await asse.post('/api/v1/employments', job({ person_id: p.zheng, unit_id: u.bureau,
    start_date: '1999-01-01' }));
  assert.equal(res0.status, 201, res0.text);
  const id = res0.json.employment.id;
  expectError(await asse.post(`/api/v1/employments/${id}/end`, { end_date: '1998-12-31', end_document: '免1号' }),
    400, 'invalid_date', '$.end_date');
  expectError(await asse.post(`/api/v1/employments/${id}/end`, { end_date: '2000-02-30', end_document: '免1号' }),
    400, 'invalid_date', '$.end_date');
  expectError(await asse.post(`/api/v1/employments/${id}/end`, { end_date: '2000-01-01' }),
    400, 'missing_field', '$.end_document');
  let res = await asse.post(`/api/v1/employments/${id}/end`, { end_date: '2000-01-01', end_document: '泰达组免〔2000〕3号' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.employment.end_date, '2000-01-01');
  assert.equal(res.json.employment.end_document, '泰达组免〔2000〕3号');
  expectError(await asse.post(`/api/v1/employments/${id}/end`, { end_date: '2001-01-01', end_document: 'x' }),
    409, 'already_ended', '$.end_date');
  // Not current: the person keeps the unit but has no staff type now.
  const person = (await asse.get(`/api/v1/people/${p.zheng}`)).json;
  assert.equal(person.unit_id, u.bureau);
  assert.equal(person.staff_type, null);
  // The history: a later employment in another unit, both listed.
  res = await asse.post('/api/v1/employments', job({ person_id: p.zheng, unit_id: u.policy,
    start_date: '2000-01-02', rank: 'principal_4', allow_over: true, reason: '试用' }));
  assert.equal(res.status, 201, res.text);
  const hist = (await asse.get(`/api/v1/employments?person_id=${p.zheng}`)).json;
  assert.equal(hist.total, 2);
  assert.deepEqual(hist.items.map((m) => m.start_date), ['2000-01-02', '1999-01-01']);
  const now = (await asse.get(`/api/v1/people/${p.zheng}`)).json;
  assert.equal(now.rank, 'principal_4');
  assert.equal(now.unit_id, u.policy);
});

test('bad input names the field', async () => {
  expectError(await asse.post('/api/v1/employments', job({ person_id: p.wu, unit_id: u.bureau, rank: 'general' })),
    400, 'invalid_field', '$.rank');
  expectError(await asse.post('/api/v1/employments', job({ person_id: p.wu, unit_id: u.bureau, start_date: '2025-02-29' })),
    400, 'invalid_date', '$.start_date');
  expectError(await asse.post('/api/v1/employments', job({ person_id: p.wu, unit_id: 999999 })),
    400, 'unknown_unit', '$.unit_id');
  expectError(await asse.post('/api/v1/employments', job({ person_id: 999999, unit_id: u.bureau })),
    400, 'unknown_person', '$.person_id');
  expectError(await asse.post('/api/v1/employments', job({ person_id: p.wu, unit_id: u.bureau, title: ' ' })),
    400, 'missing_field', '$.title');
  expectError(await asse.post('/api/v1/employments', job({ person_id: p.wu, unit_id: u.bureau, colour: 'red' })),
    400, 'unknown_field');
  // Nothing of these was written.
  const list = (await asse.get(`/api/v1/employments?person_id=${p.wu}`)).json;
  assert.equal(list.total, 0);
});

test('a reporter sees the employments of its unit and below, and writes none', async () => {
  const rep = await newAccount(s, 'community1', { roles: 'reporter', unit: u.community });
  const list = (await rep.get('/api/v1/employments')).json;
  assert.ok(list.total >= 2);
  for (const m of list.items) assert.ok([u.community, u.station].includes(m.unit_id));
  const other = (await asse.get(`/api/v1/employments?person_id=${p.zhao}`)).json.items[0];
  expectError(await rep.get(`/api/v1/employments/${other.id}`), 404, 'not_found');
  expectError(await rep.post('/api/v1/employments', job({ person_id: p.wu, unit_id: u.station })), 403, 'forbidden');
});
