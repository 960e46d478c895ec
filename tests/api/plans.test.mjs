// Redeployment plans (S5, Binhai's restructuring; docs/api.md: Redeployment
// plans, docs/deployment.md): cadres added one by one and by a filter,
// routes proposed and decided by a document, the assignment a decision
// makes (an overlap refused with the one in the way), the receiving
// unit's free places (refused, then allowed with a reason), the counts by
// route and unit as the plan proceeds, the states, a reporter's scope and
// the export. Every expected figure is worked by hand in the comments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { readXlsx } from '../lib/xlsx.mjs';
import { activate, auditRecords, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;
let auditor;
const u = {};
const p = {};
const ent = {}; // person key -> entry id
let plan;
let blocking; // the assignment in a4's way

const job = (over) => ({
  staff_type: 'civil_servant', title: '科员', rank: 'clerk_1',
  start_date: '2020-01-01', start_document: '滨海组任〔2020〕1号', ...over,
});
const base = () => `/api/v1/plans/${plan}`;
const entryOf = (k) => `${base()}/entries/${ent[k]}`;
const decide = (k, body) => asse.post(`${entryOf(k)}/decision`, { decided_on: '2026-02-20', ...body });

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => {
    const res = await asse.post('/api/v1/units', body);
    assert.equal(res.status, 201, res.text);
    return res.json.unit.id;
  };
  u.bh = await unit({ name: '滨海新区管委会', kind: 'committee' });
  u.a = await unit({ name: '商务局', kind: 'department', parent_id: u.bh });
  u.b = await unit({ name: '发展改革委', kind: 'department', parent_id: u.bh });
  u.z = await unit({ name: '中新生态城', kind: 'zone', parent_id: u.bh });
  u.p = await unit({ name: '临港园区', kind: 'park', parent_id: u.z });
  u.c = await unit({ name: '新港社区', kind: 'community', parent_id: u.z });
  const quota = async (id, line_kind, line, count) => {
    const res = await asse.put(`/api/v1/units/${id}/quotas`, {
      line_kind, line, count, document: '津滨编〔2014〕12号', approved_on: '2014-03-01' });
    assert.equal(res.status, 200, res.text);
  };
  await quota(u.a, 'staff', 'civil_servant', 4);
  await quota(u.a, 'post', 'division_chief', 1);
  await quota(u.a, 'post', 'division_deputy', 1);
  await quota(u.b, 'staff', 'civil_servant', 2);
  await quota(u.b, 'post', 'division_chief', 1);
  await quota(u.z, 'staff', 'civil_servant', 2); // 1 filled by 胡七: 1 free
  await quota(u.p, 'staff', 'civil_servant', 1);
  await quota(u.c, 'staff', 'civil_servant', 5);
  // Names in pinyin order within each unit: an, bai, chen; deng, fang.
  const people = [
    ['a1', '安一', 11, u.a, { title: '处长', post_level: 'division_chief', rank: 'researcher_1' }],
    ['a2', '白二', 13, u.a, { title: '副处长', post_level: 'division_deputy', rank: 'researcher_3' }],
    ['a3', '高三', 15, u.a, {}],
    ['a4', '陈四', 17, u.a, { rank: 'researcher_2' }],
    ['b1', '邓五', 22, u.b, { title: '主任', post_level: 'division_chief', rank: 'researcher_1' }],
    ['b2', '方六', 24, u.b, {}],
    ['h', '胡七', 26, u.z, {}],
    ['n0', '金八', 28, null, null],
  ];
  for (const [k, name, n, unitId, post] of people) {
    let res = await asse.post('/api/v1/people', { name, id_number: idNumber('120116', '19750101', n),
      ethnicity: '01', political_status: '01', education: '21' });
    assert.equal(res.status, 201, res.text);
    p[k] = res.json.person.id;
    if (!post) continue;
    res = await asse.post('/api/v1/employments', job({ person_id: p[k], unit_id: unitId, ...post }));
    assert.equal(res.status, 201, res.text);
  }
  // 陈四 is already sent to the community for 2026.
  const res = await asse.post('/api/v1/assignments', { person_id: p.a4, kind: 'grassroots', working_unit_id: u.c,
    start_date: '2026-01-01', end_date: '2026-12-31', purpose: '社区治理', document: '滨海组〔2025〕30号' });
  assert.equal(res.status, 201, res.text);
  blocking = res.json.id;
});
after(async () => { await s?.cleanup(); });

test('a plan is drawn up as a draft; it starts only under its document', async () => {
  expectError(await asse.post('/api/v1/plans', { name: ' ' }), 400, 'invalid_field', '$.name');
  expectError(await asse.post('/api/v1/plans', { name: '方案', due_on: '2026-02-30' }), 400, 'invalid_date', '$.due_on');
  const res = await asse.post('/api/v1/plans', { name: '滨海新区机构改革人员调整安置方案', due_on: '2026-06-30' });
  assert.equal(res.status, 201, res.text);
  plan = res.json.id;
  assert.deepEqual([res.json.state, res.json.state_zh, res.json.document, res.json.created_by, res.json.counts.total],
    ['draft', '草拟', null, 'orgd', 0]);
  expectError(await asse.post(`${base()}/start`, {}), 400, 'document_required', '$.document');
  expectError(await asse.post(`${base()}/close`), 409, 'invalid_transition');
});

test('cadres added by a filter and one by one', async () => {
  // 商务局's division-level cadres: a post of 正处 or 副处 (安一, 白二), or a
  // 调研员 rank (安一, 白二, 陈四); 高三 (一级科员, no post) is not one.
  let res = await asse.post(`${base()}/entries/bulk`, { unit_id: u.a, levels: ['division_chief', 'division_deputy'],
    ranks: ['researcher_1', 'researcher_2', 'researcher_3', 'researcher_4'] });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual(res.json, { added: 3, already: 0 });
  // The whole area's 正处 posts: 安一 (in already) and 邓五.
  res = await asse.post(`${base()}/entries/bulk`, { unit_id: u.bh, below: true, levels: ['division_chief'] });
  assert.deepEqual(res.json, { added: 1, already: 1 });
  // Without below, only the committee's own people: none.
  res = await asse.post(`${base()}/entries/bulk`, { unit_id: u.bh, levels: ['division_chief'] });
  assert.deepEqual(res.json, { added: 0, already: 0 });
  expectError(await asse.post(`${base()}/entries/bulk`, { unit_id: u.a, levels: ['chief'] }), 400, 'invalid_field', '$.levels');
  expectError(await asse.post(`${base()}/entries/bulk`, { levels: [] }), 400, 'missing_field', '$.unit_id');
  res = await asse.post(`${base()}/entries`, { person_id: p.b2 });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual([res.json.person_name, res.json.home_unit_id, res.json.decision, res.json.route],
    ['方六', u.b, 'pending', null]);
  expectError(await asse.post(`${base()}/entries`, { person_id: p.b2 }), 409, 'already_in_plan', '$.person_id');
  expectError(await asse.post(`${base()}/entries`, { person_id: p.n0 }), 400, 'no_home_unit', '$.person_id');
  expectError(await asse.post(`${base()}/entries`, { person_id: 9999 }), 400, 'unknown_person', '$.person_id');
  // A cadre added by mistake comes off again.
  res = await asse.post(`${base()}/entries`, { person_id: p.a3 });
  assert.equal(res.status, 201, res.text);
  res = await asse.del(`${base()}/entries/${res.json.id}`);
  assert.equal(res.status, 200, res.text);

  res = await asse.get(`${base()}/entries`);
  assert.equal(res.status, 200, res.text);
  // By home unit (商务局 before 发展改革委), then pinyin.
  assert.deepEqual(res.json.items.map((x) => x.person_name), ['安一', '白二', '陈四', '邓五', '方六']);
  assert.equal(res.json.total, 5);
  for (const x of res.json.items) ent[Object.keys(p).find((k) => p[k] === x.person_id)] = x.id;
  assert.deepEqual(res.json.items.map((x) => x.rank_zh), ['一级调研员', '三级调研员', '二级调研员', '一级调研员', '一级科员']);
});

test('routes proposed; decisions wait for the start', async () => {
  const propose = (k, body) => asse.put(`${entryOf(k)}/proposal`, body);
  expectError(await propose('a1', { route: 'holiday' }), 400, 'invalid_field', '$.route');
  expectError(await propose('a1', { route: 'frontline', receiving_unit_id: u.a }), 400, 'same_unit', '$.receiving_unit_id');
  expectError(await propose('b2', { route: 'stay', receiving_unit_id: u.z }), 400, 'invalid_field', '$.receiving_unit_id');
  for (const [k, route, unit] of [['a1', 'frontline', u.z], ['a2', '招商一线', u.z], ['a4', 'grassroots', u.c],
    ['b1', 'secondment', undefined], ['b2', 'stay', undefined]]) {
    const res = await propose(k, { route, receiving_unit_id: unit });
    assert.equal(res.status, 200, res.text);
  }
  expectError(await decide('b2', { document: '滨海组〔2026〕20号' }), 409, 'plan_draft');
  let res = await asse.post(`${base()}/start`, { document: '滨海组〔2026〕8号' });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual([res.json.state, res.json.document], ['in_progress', '滨海组〔2026〕8号']);
  // Proposed: frontline 2 (安一, 白二, both to 中新生态城), grassroots 1
  // (陈四 to 新港社区), secondment 1 (邓五, no unit yet), stay 1 (方六).
  const c = res.json.counts;
  assert.deepEqual([c.total, c.pending, c.decided, c.unproposed], [5, 5, 0, 0]);
  assert.deepEqual(c.by_route.map((r) => [r.route, r.pending, r.decided]),
    [['secondment', 1, 0], ['frontline', 2, 0], ['grassroots', 1, 0], ['stay', 1, 0]]);
  assert.deepEqual(c.by_receiving_unit.map((r) => [r.unit, r.pending, r.decided]),
    [['中新生态城', 2, 0], ['新港社区', 1, 0]]);
});

test('what a decision needs; a refused one changes nothing', async () => {
  const period = { start_date: '2026-03-01', end_date: '2027-02-28' };
  expectError(await decide('a1', { ...period }), 400, 'document_required', '$.document');
  expectError(await decide('a1', { document: '滨海组〔2026〕20号', start_date: '2026-03-01' }), 400, 'invalid_date', '$.end_date');
  // 邓五's secondment has no receiving unit yet.
  expectError(await decide('b1', { document: '滨海组〔2026〕20号', ...period }), 400, 'receiving_unit_required',
    '$.receiving_unit_id');
  expectError(await decide('b2', { document: '滨海组〔2026〕20号', receiving_unit_id: u.z }), 400, 'invalid_field',
    '$.receiving_unit_id');
  const res = await asse.get(`${base()}/entries?decision=pending`);
  assert.equal(res.json.total, 5);
  assert.equal((await asse.get(`/api/v1/assignments?unit_id=${u.z}&direction=in`)).json.items.length, 0);
});

test('the receiving unit\'s free places: refused, then allowed with a reason', async () => {
  const period = { start_date: '2026-03-01', end_date: '2027-02-28' };
  // 中新生态城: 2 civil-servant places, 胡七 fills 1, nobody in: 1 free.
  let res = await decide('a1', { document: '滨海组〔2026〕20号', ...period });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual([res.json.decision, res.json.route, res.json.receiving_unit_id, res.json.document, res.json.decided_on],
    ['decided', 'frontline', u.z, '滨海组〔2026〕20号', '2026-02-20']);
  const made = (await asse.get(`/api/v1/assignments?person_id=${p.a1}`)).json.items;
  assert.deepEqual(made.map((a) => [a.id, a.kind, a.home_unit_id, a.working_unit_id, a.start_date, a.end_date, a.document,
    a.purpose]), [[res.json.assignment_id, 'frontline', u.a, u.z, '2026-03-01', '2027-02-28', '滨海组〔2026〕20号',
    '滨海新区机构改革人员调整安置方案']]);
  expectError(await decide('a1', { document: '滨海组〔2026〕20号', ...period }), 409, 'already_decided');
  // Now 2 places, 1 filled, 1 in (安一): none free for 白二.
  const err = expectError(await decide('a2', { document: '滨海组〔2026〕21号', ...period }), 409, 'quota_exceeded',
    '$.receiving_unit_id');
  assert.match(err.message, /中新生态城/);
  assert.match(err.message, /2 approved, 1 filled, 1 in on assignment/);
  expectError(await decide('a2', { document: '滨海组〔2026〕21号', ...period, allow_over: true, reason: ' ' }), 400,
    'reason_required', '$.reason');
  assert.equal((await asse.get(`/api/v1/assignments?unit_id=${u.z}&direction=in`)).json.items.length, 1);
  res = await decide('a2', { document: '滨海组〔2026〕21号', ...period, allow_over: true, reason: '+招商攻坚急需' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.over_quota_reason, '+招商攻坚急需');
  assert.equal((await asse.get(`/api/v1/assignments?unit_id=${u.z}&direction=in`)).json.items.length, 2);
});

test('stay makes nothing; an overlap is refused naming the assignment', async () => {
  let res = await decide('b2', { document: '滨海组〔2026〕22号' });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual([res.json.route, res.json.receiving_unit_id, res.json.assignment_id], ['stay', null, null]);
  assert.equal((await asse.get(`/api/v1/assignments?person_id=${p.b2}`)).json.items.length, 0);
  // As the plan proceeds: 安一 and 白二 frontline, 方六 stays; 陈四 and 邓五 pending.
  const c = (await asse.get(base())).json.counts;
  assert.deepEqual([c.total, c.pending, c.decided], [5, 2, 3]);
  assert.deepEqual(c.by_route.map((r) => [r.route, r.pending, r.decided]),
    [['secondment', 1, 0], ['frontline', 0, 2], ['grassroots', 1, 0], ['stay', 0, 1]]);
  // 陈四 is in 新港社区 until 2026-12-31 already.
  const err = expectError(await decide('a4', { document: '滨海组〔2026〕23号', start_date: '2026-06-01',
    end_date: '2027-05-31' }), 409, 'overlapping_assignment', '$.start_date');
  assert.match(err.message, new RegExp(`assignment ${blocking}`));
  expectError(await asse.post(`${base()}/close`), 409, 'entries_pending');
  res = await decide('a4', { document: '滨海组〔2026〕23号', start_date: '2027-01-01', end_date: '2027-12-31' });
  assert.equal(res.status, 200, res.text);
  // 临港园区: 1 place, none filled, nobody in.
  res = await decide('b1', { document: '滨海组〔2026〕24号', receiving_unit_id: u.p, start_date: '2026-03-01',
    end_date: '2027-02-28' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.route_zh, '挂职');
});

test('the counts when all is decided, and the close', async () => {
  let res = await asse.get(base());
  const c = res.json.counts;
  assert.deepEqual([c.total, c.pending, c.decided, c.unproposed], [5, 0, 5, 0]);
  assert.deepEqual(c.by_route.map((r) => [r.route_zh, r.pending, r.decided]),
    [['挂职', 0, 1], ['招商一线', 0, 2], ['下沉基层', 0, 1], ['留任', 0, 1]]);
  // 商务局: 安一, 白二 frontline, 陈四 grassroots; 发展改革委: 邓五
  // secondment, 方六 stays.
  assert.deepEqual(c.by_home_unit.map((h) => [h.unit, h.total, h.pending, h.decided, h.secondment, h.frontline,
    h.grassroots, h.stay]), [['商务局', 3, 0, 3, 0, 2, 1, 0], ['发展改革委', 2, 0, 2, 1, 0, 0, 1]]);
  // Receiving, by unit id: 中新生态城 2, 临港园区 1, 新港社区 1.
  assert.deepEqual(c.by_receiving_unit.map((r) => [r.unit_id, r.pending, r.decided]),
    [[u.z, 0, 2], [u.p, 0, 1], [u.c, 0, 1]]);
  res = await asse.get(`${base()}/entries?route=frontline&receiving_unit_id=${u.z}`);
  assert.deepEqual(res.json.items.map((x) => x.person_name), ['安一', '白二']);
  expectError(await asse.get(`${base()}/entries?decision=maybe`), 400, 'invalid_query', '$.decision');

  res = await asse.post(`${base()}/close`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.state, 'closed');
  expectError(await asse.post(`${base()}/entries`, { person_id: p.a3 }), 409, 'plan_closed');
  const list = (await asse.get('/api/v1/plans')).json.items;
  assert.deepEqual(list.map((x) => [x.id, x.state, x.total, x.decided]), [[plan, 'closed', 5, 5]]);

  // One audit record per decision made (5), each with its assignment's
  // own record for the four that send someone.
  const decided = await auditRecords(auditor, 'action=plan.decide');
  assert.equal(decided.length, 5);
  assert.equal((await auditRecords(auditor, 'action=assignment.add')).length, 1 + 4);
});

test('the export: every entry, formulas escaped', async () => {
  const res = await asse.download(`/api/v1/exports/plans/${plan}?format=csv`);
  assert.equal(res.status, 200);
  const lines = res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.deepEqual(lines, [
    '姓名,职级,原单位,安置去向,接收单位,状态,决定文号,决定日期,超编理由',
    '安一,一级调研员,滨海新区管委会/商务局,招商一线,滨海新区管委会/中新生态城,已决定,滨海组〔2026〕20号,2026-02-20,',
    '白二,三级调研员,滨海新区管委会/商务局,招商一线,滨海新区管委会/中新生态城,已决定,滨海组〔2026〕21号,2026-02-20,\'+招商攻坚急需',
    '陈四,二级调研员,滨海新区管委会/商务局,下沉基层,滨海新区管委会/中新生态城/新港社区,已决定,滨海组〔2026〕23号,2026-02-20,',
    '邓五,一级调研员,滨海新区管委会/发展改革委,挂职,滨海新区管委会/中新生态城/临港园区,已决定,滨海组〔2026〕24号,2026-02-20,',
    '方六,一级科员,滨海新区管委会/发展改革委,留任,,已决定,滨海组〔2026〕22号,2026-02-20,',
  ]);
  const x = await asse.download(`/api/v1/exports/plans/${plan}?format=xlsx&home_unit_id=${u.b}`);
  assert.equal(x.status, 200);
  const rows = readXlsx(x.bytes);
  assert.deepEqual(rows.map((r) => r[0]), ['姓名', '邓五', '方六']);
  assert.equal((await asse.download('/api/v1/exports/plans/999?format=csv')).status, 404);
});

test('a reporter reads its units\' entries only, and changes nothing', async () => {
  const rep = await newAccount(s, 'xgrep', { roles: 'reporter', unit: u.c });
  let res = await rep.get('/api/v1/plans');
  assert.deepEqual(res.json.items.map((x) => [x.id, x.total]), [[plan, 1]]);
  res = await rep.get(`${base()}/entries`);
  assert.deepEqual(res.json.items.map((x) => x.person_name), ['陈四']);
  res = await rep.get(base());
  assert.deepEqual([res.json.counts.total, res.json.counts.by_home_unit.map((h) => [h.unit, h.grassroots])],
    [1, [['商务局', 1]]]);
  res = await rep.download(`/api/v1/exports/plans/${plan}?format=csv`);
  assert.equal(res.bytes.toString('utf8').trim().split('\r\n').length, 2, 'header + 陈四');
  expectError(await rep.post('/api/v1/plans', { name: 'x' }), 403, 'forbidden');
  // A reporter of a unit with no entry sees no plan.
  const other = await newAccount(s, 'bhrep', { roles: 'reporter', unit: u.bh });
  assert.equal((await other.get(base())).status, 200, 'the committee is above every unit');
  const none = await asse.post('/api/v1/units', { name: '无关局', kind: 'department', parent_id: u.bh });
  const stranger = await newAccount(s, 'wgrep', { roles: 'reporter', unit: none.json.unit.id });
  assert.deepEqual((await stranger.get('/api/v1/plans')).json.items, []);
  expectError(await stranger.get(base()), 404, 'not_found');
});
