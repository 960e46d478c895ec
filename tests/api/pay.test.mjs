// The parallel pay scale of dispatched staff and the pay-parity report
// (S3; docs/pay.md, docs/api.md: Pay scale): Hengqin's scale built through
// the API as the seed gives it, the checks of grades, positions and
// assignments, the history of a dispatched employment's pay, and the
// equal-pay report on a small set worked out by hand.
// Dates: dispatched employments run 2026-01-01 to 2027-12-31 (their
// contract's period); the report is asked for on fixed dates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { activate, auditRecords, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;
let auditor;
let rep;
const u = {};
const p = {};
const emp = {};
const seq = {};
const pos = {};

// The seed's scale (yuan a month). The endpoints are the seed's; the grades
// between are evenly spaced and rounded to 100 yuan (docs/pay.md):
//   civilian  (14,900 - 3,500) / 10 = 1,140 a step: 4,640 → 4,600, ...
//   technical (11,900 - 3,300) / 8 = 1,075 a step: 4,375 → 4,400, ...
//   other     (5,100 - 1,950) / 7 = 450 a step: 2,850 → 2,900, ...
const CIVILIAN = [3500, 4600, 5800, 6900, 8100, 9200, 10300, 11500, 12600, 13800, 14900];
const TECHNICAL = [3300, 4400, 5500, 6500, 7600, 8700, 9800, 10800, 11900];
const OTHER = [1950, 2400, 2900, 3300, 3800, 4200, 4700, 5100];
const grades = (yuan) => yuan.map((y, i) => ({ grade: i + 1, monthly_fen: y * 100 }));

// [level, name, min_grade, max_grade, comparable_rank]; the ranges are the
// test's choice (docs/pay.md): civilian k..k+4, technical k..k+2, other
// k..k+1 (the top one grade 8 only).
const CIVILIAN_POSITIONS = [
  [1, '行政助理', 1, 5], [2, '行政专员', 2, 6], [3, '高级行政专员', 3, 7],
  [4, '行政主管', 4, 8, 'principal_4'], [5, '高级行政主管', 5, 9],
  [6, '行政经理', 6, 10, 'principal_2'], [7, '高级行政经理', 7, 11]];
const TECHNICAL_POSITIONS = [
  [1, '技术员', 1, 3], [2, '助理工程师', 2, 4], [3, '工程师', 3, 5],
  [4, '高级工程师', 4, 6, '四级主任科员'], [5, '主任工程师', 5, 7],
  [6, '技术专家', 6, 8], [7, '高级技术专家', 7, 9]];
const OTHER_POSITIONS = [
  [1, '勤杂工', 1, 2], [2, '普通工', 2, 3], [3, '初级技工', 3, 4], [4, '中级技工', 4, 5],
  [5, '高级技工', 5, 6], [6, '技师', 6, 7], [7, '高级技师', 7, 8], [8, '首席技师', 8, 8]];

async function position(sequence, [level, name, min, max, rank]) {
  const res = await asse.post('/api/v1/pay/positions', { sequence_id: seq[sequence], level, name,
    min_grade: min, max_grade: max, comparable_rank: rank ?? null });
  assert.equal(res.status, 201, res.text);
  pos[name] = res.json.position.id;
  return res.json.position;
}

const assign = (over) => asse.post('/api/v1/pay/assignments', {
  start_date: '2026-01-01', document: '横琴人〔2026〕1号', ...over });

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => {
    const res = await asse.post('/api/v1/units', body);
    assert.equal(res.status, 201, res.text);
    return res.json.unit.id;
  };
  u.committee = await unit({ name: '横琴新区管委会', kind: 'committee' });
  u.dept = await unit({ name: '综合管理局', kind: 'department', parent_id: u.committee });
  for (const [line, count] of [['civil_servant', 10], ['dispatched', 10]]) {
    const res = await asse.put(`/api/v1/units/${u.dept}/quotas`, { line_kind: 'staff', line, count,
      document: '珠编〔2009〕30号', approved_on: '2009-12-16' });
    assert.equal(res.status, 200, res.text);
  }
  rep = await newAccount(s, 'hq1', { roles: 'reporter', unit: u.dept });
  let res = await asse.post('/api/v1/agencies', { name: '横琴人才派遣有限公司', kind: 'staffing_company' });
  assert.equal(res.status, 201, res.text);
  res = await asse.post('/api/v1/contracts', { agency_id: res.json.agency.id, unit_id: u.dept,
    staff_type: 'dispatched', document: 'HQ-PQ-2026-01', headcount: 10, start_date: '2026-01-01',
    end_date: '2027-12-31', price_fen: 1200000000 });
  assert.equal(res.status, 201, res.text);
  const contract = res.json.contract.id;
  const person = async (name, n) => {
    res = await asse.post('/api/v1/people', { name, id_number: idNumber('440404', '19880101', n),
      ethnicity: '01', political_status: '01', education: '21' });
    assert.equal(res.status, 201, res.text);
    return res.json.person.id;
  };
  const employ = async (k, body) => {
    res = await asse.post('/api/v1/employments', { person_id: p[k], unit_id: u.dept,
      start_document: '横琴组任〔2020〕1号', ...body });
    assert.equal(res.status, 201, res.text);
    emp[k] = res.json.employment.id;
  };
  const names = [['c1', '陈一'], ['c2', '陈二'], ['c3', '陈三'], ['c4', '陈四'], ['c5', '陈五'],
    ['d1', '邓一'], ['d2', '邓二'], ['d3', '邓三'], ['d4', '邓四']];
  for (const [i, [k, name]] of names.entries()) p[k] = await person(name, 11 + 2 * i);
  // In-system staff on principal_4 (四级主任科员): 8,000, 9,000 and 10,500
  // yuan; c4 has no pay recorded; c5's employment ended in 2025.
  const cs = (over) => ({ staff_type: 'civil_servant', title: '科员', rank: 'principal_4',
    start_date: '2020-01-01', ...over });
  await employ('c1', cs({ monthly_pay_fen: 800000 }));
  await employ('c2', cs({ monthly_pay_fen: 900000 }));
  await employ('c3', cs({ monthly_pay_fen: 1050000 }));
  await employ('c4', cs({}));
  await employ('c5', cs({ monthly_pay_fen: 2000000, end_date: '2025-12-31' }));
  for (const k of ['d1', 'd2', 'd3', 'd4'])
    await employ(k, { staff_type: 'dispatched', title: '派遣人员', contract_id: contract,
      start_date: '2026-01-01', end_date: '2027-12-31', start_document: 'HQ-PQ-2026-01' });
});
after(async () => { await s?.cleanup(); });

test('sequences: the seed\'s three, once each; a position needs its sequence\'s grades', async () => {
  for (const [code, name] of [['civilian'], ['technical'], ['其它', '其它（技工及勤杂工）']]) {
    const res = await asse.post('/api/v1/pay/sequences', { code, name });
    assert.equal(res.status, 201, res.text);
    seq[res.json.sequence.code] = res.json.sequence.id;
    assert.deepEqual(res.json.sequence.grades, []);
  }
  assert.deepEqual(Object.keys(seq), ['civilian', 'technical', 'other']);
  expectError(await asse.post('/api/v1/pay/sequences', { code: '文职' }), 409, 'duplicate_sequence', '$.code');
  expectError(await asse.post('/api/v1/pay/sequences', { code: 'manager' }), 400, 'invalid_field', '$.code');
  expectError(await asse.post('/api/v1/pay/positions', { sequence_id: seq.civilian, level: 1,
    name: '行政助理', min_grade: 1, max_grade: 5 }), 400, 'no_grades', '$.sequence_id');
  expectError(await asse.post('/api/v1/pay/positions', { sequence_id: 999, level: 1,
    name: '行政助理', min_grade: 1, max_grade: 5 }), 400, 'unknown_sequence', '$.sequence_id');
});

test('grades: 1..n rising; the seed\'s scale set whole', async () => {
  // Not rising: grade 3 pays what grade 2 does (the 3rd entry, index 2).
  const flat = grades(CIVILIAN);
  flat[2].monthly_fen = flat[1].monthly_fen;
  let err = expectError(await asse.put(`/api/v1/pay/sequences/${seq.civilian}/grades`, { grades: flat }),
    400, 'grades_not_rising', '$.grades[2].monthly_fen');
  assert.match(err.message, /grade 3 pays 460000 fen, no more than grade 2/);
  const gap = grades(CIVILIAN).filter((g) => g.grade !== 4);
  expectError(await asse.put(`/api/v1/pay/sequences/${seq.civilian}/grades`, { grades: gap }),
    400, 'invalid_field', '$.grades[3].grade');
  expectError(await asse.put(`/api/v1/pay/sequences/${seq.civilian}/grades`, { grades: [] }),
    400, 'invalid_field', '$.grades');
  expectError(await asse.put(`/api/v1/pay/sequences/${seq.civilian}/grades`,
    { grades: [{ grade: 1, monthly_fen: 350000, note: 'x' }] }), 400, 'unknown_field');
  expectError(await asse.put(`/api/v1/pay/sequences/${seq.civilian}/grades`,
    { grades: [{ grade: 1 }] }), 400, 'missing_field', '$.grades[0].monthly_fen');
  expectError(await asse.put('/api/v1/pay/sequences/999/grades', { grades: grades(OTHER) }), 404, 'not_found');
  for (const [code, yuan] of [['civilian', CIVILIAN], ['technical', TECHNICAL], ['other', OTHER]]) {
    const res = await asse.put(`/api/v1/pay/sequences/${seq[code]}/grades`, { grades: grades(yuan) });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.sequence.grades, grades(yuan));
  }
  const rec = (await auditRecords(auditor, 'action=pay.grades_set'))
    .find((r) => r.object === `pay_sequence:${seq.other}`);
  assert.ok(rec, 'a pay.grades_set audit record');
  assert.deepEqual(rec.before, []);
  assert.equal(rec.after.length, 8);
});

test('positions: the seed\'s 7 + 7 + 8, and the two special posts with negotiated pay', async () => {
  for (const row of CIVILIAN_POSITIONS) await position('civilian', row);
  for (const row of TECHNICAL_POSITIONS) await position('technical', row);
  for (const row of OTHER_POSITIONS) await position('other', row);
  for (const [sequence, name] of [['civilian', '特级行政专员'], ['technical', '特级技术顾问']]) {
    const res = await asse.post('/api/v1/pay/positions', { sequence_id: seq[sequence], level: 8, name,
      negotiated: true });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.position.min_grade, null);
    assert.equal(res.json.position.max_grade, null);
    pos[name] = res.json.position.id;
  }
  const bad = (over) => asse.post('/api/v1/pay/positions', { sequence_id: seq.civilian, level: 9,
    name: '特级', ...over });
  // A negotiated post has no range and no comparable rank.
  expectError(await bad({ negotiated: true, min_grade: 1, max_grade: 11 }), 400, 'invalid_field', '$.min_grade');
  expectError(await bad({ negotiated: true, comparable_rank: 'inspector_2' }), 400, 'invalid_field',
    '$.comparable_rank');
  // An ordinary range within the sequence's 11 grades, low before high.
  expectError(await bad({ min_grade: 9, max_grade: 12 }), 400, 'invalid_field', '$.max_grade');
  expectError(await bad({ min_grade: 9, max_grade: 8 }), 400, 'invalid_field', '$.max_grade');
  expectError(await bad({ min_grade: 9, max_grade: 11, comparable_rank: 'general' }), 400, 'invalid_field',
    '$.comparable_rank');
  // Level 9 paid by grade would sit above the special commissioner (8).
  let err = expectError(await bad({ min_grade: 9, max_grade: 11 }), 409, 'level_order', '$.level');
  assert.match(err.message, /特级行政专员/);
  err = expectError(await bad({ level: 3, min_grade: 3, max_grade: 7 }), 409, 'duplicate_level', '$.level');
  assert.match(err.message, /高级行政专员/);
  expectError(await bad({ level: 0, min_grade: 1, max_grade: 2 }), 400, 'invalid_field', '$.level');

  // The scale as a reporter reads it: sequences in order, grades and
  // positions by level, the seed's endpoints and counts.
  const res = await rep.get('/api/v1/pay/scale');
  assert.equal(res.status, 200, res.text);
  const [civ, tech, oth] = res.json.sequences;
  assert.deepEqual(res.json.sequences.map((q) => [q.code, q.name, q.ord]),
    [['civilian', '文职', 1], ['technical', '技术', 2], ['other', '其它（技工及勤杂工）', 3]]);
  assert.deepEqual([civ, tech, oth].map((q) => q.grades.length), [11, 9, 8]);
  assert.deepEqual([civ, tech, oth].map((q) => [q.grades[0].monthly_fen, q.grades.at(-1).monthly_fen]),
    [[350000, 1490000], [330000, 1190000], [195000, 510000]]);
  assert.deepEqual([civ, tech, oth].map((q) => q.positions.filter((o) => !o.negotiated).length), [7, 7, 8]);
  assert.deepEqual(civ.positions.at(-1), { id: pos['特级行政专员'], sequence_id: seq.civilian,
    sequence: 'civilian', level: 8, name: '特级行政专员', negotiated: true, min_grade: null, max_grade: null,
    comparable_rank: null, comparable_rank_name: null });
  assert.equal(tech.positions.at(-1).name, '特级技术顾问');
  assert.deepEqual(oth.positions.map((o) => o.level), [1, 2, 3, 4, 5, 6, 7, 8]);
  const manager = civ.positions[3];
  assert.deepEqual([manager.name, manager.min_grade, manager.max_grade, manager.comparable_rank,
    manager.comparable_rank_name], ['行政主管', 4, 8, 'principal_4', '四级主任科员']);
  // The rank given in Chinese is stored as its id.
  assert.equal(tech.positions[3].comparable_rank, 'principal_4');
  expectError(await rep.post('/api/v1/pay/sequences', { code: 'other' }), 403, 'forbidden');
  expectError(await rep.get('/api/v1/pay/parity'), 403, 'forbidden');
  const add = (await auditRecords(auditor, 'action=pay.position_add'));
  assert.equal(add.length, 7 + 7 + 8 + 2);
});

test('an assignment\'s pay must fit its position', async () => {
  // 行政主管 has grades 4 to 8.
  let err = expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 9 }),
    400, 'grade_out_of_range', '$.pay_grade');
  assert.match(err.message, /行政主管 has grades 4 to 8/);
  expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 3 }),
    400, 'grade_out_of_range', '$.pay_grade');
  expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'] }),
    400, 'missing_field', '$.pay_grade');
  expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 5,
    negotiated_fen: 1500000 }), 400, 'negotiated_not_allowed', '$.negotiated_fen');
  expectError(await assign({ employment_id: emp.d3, position_id: pos['特级行政专员'], pay_grade: 11 }),
    400, 'grade_not_allowed', '$.pay_grade');
  expectError(await assign({ employment_id: emp.d3, position_id: pos['特级行政专员'] }),
    400, 'missing_field', '$.negotiated_fen');
  expectError(await assign({ employment_id: emp.d1, position_id: 9999, pay_grade: 5 }),
    400, 'unknown_position', '$.position_id');
  expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 5,
    document: ' ' }), 400, 'missing_field', '$.document');
  expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 5,
    start_date: '2026-02-30' }), 400, 'invalid_date', '$.start_date');
  // Only for dispatched staff, and within the employment (2026-01-01 to
  // 2027-12-31).
  err = expectError(await assign({ employment_id: emp.c1, position_id: pos['行政主管'], pay_grade: 5 }),
    400, 'not_dispatched', '$.employment_id');
  assert.match(err.message, /civil servant/);
  expectError(await assign({ employment_id: 9999, position_id: pos['行政主管'], pay_grade: 5 }),
    400, 'unknown_employment', '$.employment_id');
  expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 5,
    start_date: '2025-12-31' }), 400, 'outside_employment', '$.start_date');
  expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 5,
    end_date: '2028-01-31' }), 400, 'outside_employment', '$.end_date');
  // Nothing of these was written.
  assert.equal((await asse.get('/api/v1/pay/assignments')).json.total, 0);
});

test('history: a step up ends the previous assignment on the day before', async () => {
  let res = await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 4 });
  assert.equal(res.status, 201, res.text);
  const first = res.json.assignment;
  assert.deepEqual([first.person_name, first.position_name, first.sequence, first.pay_grade,
    first.negotiated_fen, first.monthly_fen, first.start_date, first.end_date],
  ['邓一', '行政主管', 'civilian', 4, null, 690000, '2026-01-01', null]);
  res = await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 5,
    start_date: '2026-04-01', document: '横琴人〔2026〕9号' });
  assert.equal(res.status, 201, res.text);
  const second = res.json.assignment;
  const hist = (await asse.get(`/api/v1/pay/assignments?employment_id=${emp.d1}`)).json;
  assert.equal(hist.total, 2);
  assert.deepEqual(hist.items.map((a) => [a.id, a.pay_grade, a.start_date, a.end_date]),
    [[second.id, 5, '2026-04-01', null], [first.id, 4, '2026-01-01', '2026-03-31']]);
  assert.equal((await asse.get(`/api/v1/pay/assignments?person_id=${p.d1}`)).json.total, 2);
  // Not after the latest start: refused (the same day, or earlier).
  for (const start_date of ['2026-04-01', '2026-02-01']) {
    const err = expectError(await assign({ employment_id: emp.d1, position_id: pos['行政主管'], pay_grade: 6,
      start_date }), 409, 'not_after_latest', '$.start_date');
    assert.match(err.message, /2026-04-01/);
  }
  const rec = (await auditRecords(auditor, 'action=pay.assign'))
    .find((r) => r.object === `pay_assignment:${second.id}`);
  assert.ok(rec, 'a pay.assign audit record');
  assert.equal(rec.before.previous.end_date, null);
  assert.equal(rec.after.previous.end_date, '2026-03-31');
  assert.equal(rec.after.assignment.pay_grade, 5);
  expectError(await asse.get('/api/v1/pay/assignments?person_id=x'), 400, 'invalid_query', '$.person_id');
});

test('positions and grades may not leave an assignment outside its range', async () => {
  // Holders of 行政主管: d1 at grade 4 (until 2026-03-31) then 5, d2 at 6.
  let res = await assign({ employment_id: emp.d2, position_id: pos['行政主管'], pay_grade: 6 });
  assert.equal(res.status, 201, res.text);
  const d2 = res.json.assignment.id;
  const put = (over) => asse.put(`/api/v1/pay/positions/${pos['行政主管']}`, { level: 4, name: '行政主管',
    min_grade: 4, max_grade: 8, comparable_rank: 'principal_4', ...over });
  let err = expectError(await put({ max_grade: 5 }), 409, 'assignment_out_of_range', '$.max_grade');
  assert.match(err.message, new RegExp(`pay assignment ${d2} \\(邓二, from 2026-01-01\\)`));
  // The ended assignment at grade 4 is history, and kept within range too.
  expectError(await put({ min_grade: 5 }), 409, 'assignment_out_of_range', '$.min_grade');
  // The civilian sequence cannot lose grade 11 while 高级行政经理 reaches it.
  err = expectError(await asse.put(`/api/v1/pay/sequences/${seq.civilian}/grades`,
    { grades: grades(CIVILIAN.slice(0, 10)) }), 409, 'position_out_of_range', '$.grades');
  assert.match(err.message, /高级行政经理/);
  // A change that keeps them: renamed, one grade wider.
  res = await put({ name: '行政主管（A）', max_grade: 9 });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.position.max_grade, 9);
  res = await put({});
  assert.equal(res.status, 200, res.text);
  expectError(await asse.put('/api/v1/pay/positions/9999', { level: 4, name: 'x', min_grade: 1, max_grade: 2 }),
    404, 'not_found');
  expectError(await asse.put(`/api/v1/pay/positions/${pos['行政主管']}`, { level: 4, name: 'x',
    sequence_id: seq.other, min_grade: 1, max_grade: 2 }), 400, 'unknown_field');
  const rec = (await auditRecords(auditor, 'action=pay.position_update'))
    .find((r) => r.after.name === '行政主管（A）');
  assert.ok(rec, 'a pay.position_update audit record');
  assert.equal(rec.before.max_grade, 8);
});

test('the pay-parity report on a hand-worked set', async () => {
  // d3: the special commissioner at 25,000 yuan negotiated; d4: 行政主管
  // grade 8 until 2026-05-31 only.
  let res = await assign({ employment_id: emp.d3, position_id: pos['特级行政专员'], negotiated_fen: 2500000 });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.assignment.monthly_fen, 2500000);
  res = await assign({ employment_id: emp.d4, position_id: pos['行政主管'], pay_grade: 8,
    end_date: '2026-05-31' });
  assert.equal(res.status, 201, res.text);

  res = await asse.get('/api/v1/pay/parity?date=2026-06-30');
  assert.equal(res.status, 200, res.text);
  const r = res.json;
  assert.equal(r.date, '2026-06-30');
  // A row per compared rank, highest first: principal_2 (行政经理) before
  // principal_4 (行政主管, 高级工程师).
  assert.deepEqual(r.rows.map((x) => x.rank), ['principal_2', 'principal_4']);
  const [p2, p4] = r.rows;
  assert.deepEqual(p2.positions.map((o) => o.name), ['行政经理']);
  const none = { count: 0, min_fen: null, median_fen: null, max_fen: null };
  assert.deepEqual(p2.in_system, none);
  assert.deepEqual(p2.dispatched, none);
  assert.equal(p2.median_difference_fen, null);
  assert.equal(p4.rank_name, '四级主任科员');
  assert.deepEqual(p4.positions.map((o) => [o.name, o.sequence, o.level]),
    [['行政主管', 'civilian', 4], ['高级工程师', 'technical', 4]]);
  // In-system on principal_4 on 2026-06-30: c1 8,000, c2 9,000, c3 10,500
  // yuan (c4 has no pay recorded, c5 left on 2025-12-31): sorted 800000,
  // 900000, 1050000 fen, the middle one 900000.
  assert.deepEqual(p4.in_system, { count: 3, min_fen: 800000, median_fen: 900000, max_fen: 1050000 });
  // Dispatched on 行政主管 on 2026-06-30: d1 grade 5 (8,100 yuan; its grade 4
  // ended 2026-03-31), d2 grade 6 (9,200); d4's grade 8 ended 2026-05-31.
  // Two values: median (810000 + 920000) / 2 = 865000 fen.
  assert.deepEqual(p4.dispatched, { count: 2, min_fen: 810000, median_fen: 865000, max_fen: 920000 });
  // 865000 - 900000 = -35000 fen: dispatched earn 350 yuan less.
  assert.equal(p4.median_difference_fen, -35000);
  // The negotiated posts: their own rows, dispatched side only.
  assert.deepEqual(r.negotiated.map((x) => [x.name, x.sequence, x.level, x.dispatched]), [
    ['特级行政专员', 'civilian', 8, { count: 1, min_fen: 2500000, median_fen: 2500000, max_fen: 2500000 }],
    ['特级技术顾问', 'technical', 8, none]]);

  // On 2026-02-15 d1 was still at grade 4 (6,900) and d4 at grade 8
  // (11,500), d2 at grade 6 (9,200): sorted 690000, 920000, 1150000 →
  // median 920000; 920000 - 900000 = +20000.
  res = await asse.get('/api/v1/pay/parity?date=2026-02-15');
  const q4 = res.json.rows[1];
  assert.deepEqual(q4.dispatched, { count: 3, min_fen: 690000, median_fen: 920000, max_fen: 1150000 });
  assert.equal(q4.median_difference_fen, 20000);
  // In 2025 no dispatched employment had started; c5 (20,000) was in post:
  // in-system 800000, 900000, 1050000, 2000000 → median (900000 +
  // 1050000) / 2 = 975000.
  res = await asse.get('/api/v1/pay/parity?date=2025-06-30');
  assert.deepEqual(res.json.rows[1].in_system, { count: 4, min_fen: 800000, median_fen: 975000,
    max_fen: 2000000 });
  assert.equal(res.json.rows[1].dispatched.count, 0);
  assert.equal(res.json.rows[1].median_difference_fen, null);
  // Today by default; a bad date names the argument.
  res = await asse.get('/api/v1/pay/parity');
  assert.equal(res.status, 200, res.text);
  assert.match(res.json.date, /^\d{4}-\d{2}-\d{2}$/);
  expectError(await asse.get('/api/v1/pay/parity?date=2026-13-01'), 400, 'invalid_date', '$.date');
});

test('pay assignments from a spreadsheet: all rows or none', async () => {
  const head = '身份证号,岗位序列,职位,工资级别,协商工资（元）,起始日期,文号\r\n';
  const d3 = idNumber('440404', '19880101', 25);
  const d4 = idNumber('440404', '19880101', 27);
  const c1 = idNumber('440404', '19880101', 11);
  const before0 = (await asse.get('/api/v1/pay/assignments')).json.total;
  // 工程师 spans grades 3..5: 6 is out of range; c1 is a civil servant;
  // 总监 is no position of 技术.
  let res = await asse.upload('/api/v1/imports/pay?name=pay.csv', Buffer.from(head +
    `${d3},技术,工程师,4,,2027-06-01,横琴人〔2027〕3号\r\n` +
    `${d4},技术,工程师,6,,2027-06-01,横琴人〔2027〕3号\r\n` +
    `${c1},技术,工程师,4,,2027-06-01,横琴人〔2027〕3号\r\n` +
    `${d3},技术,总监,4,,2027-07-01,横琴人〔2027〕3号\r\n`));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]), [
    ['pay.csv line 3 column D (工资级别)', 'grade_out_of_range'],
    ['pay.csv line 4 column A (身份证号)', 'unknown_employment'],
    ['pay.csv line 5 column C (职位)', 'unknown_position'],
  ]);
  assert.equal((await asse.get('/api/v1/pay/assignments')).json.total, before0);
  // By level instead of name, and the sequence by its code.
  res = await asse.upload('/api/v1/imports/pay?name=pay.csv', Buffer.from(head +
    `${d3},technical,3,4,,2027-06-01,横琴人〔2027〕3号\r\n`));
  assert.equal(res.status, 200, res.text);
  const hist = (await asse.get(`/api/v1/pay/assignments?employment_id=${emp.d3}`)).json.items;
  assert.deepEqual([hist[0].position_name, hist[0].pay_grade, hist[0].start_date], ['工程师', 4, '2027-06-01']);
});

test('exports: the pay scale, the parity report and the agencies as files', async () => {
  let res = await asse.download('/api/v1/exports/pay-scale?format=csv');
  assert.equal(res.status, 200);
  let lines = res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], '岗位序列,层级,职位,最低级别,最高级别,最低月工资（元）,最高月工资（元）,协议工资,可比职级');
  // 行政助理 spans grades 1..5 of the civilian sequence: 3,500 to 8,100.
  assert.ok(lines.includes('文职,1,行政助理,1,5,3500.00,8100.00,否,'), lines.join('\n'));
  assert.ok(lines.some((l) => /^文职,8,特级行政专员,,,,,是,$/.test(l)), lines.join('\n'));
  res = await asse.download('/api/v1/exports/pay-parity?format=csv&date=2026-06-30');
  lines = res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], '可比职级,在编人数,在编最低（元）,在编中位（元）,在编最高（元）,派遣人数,派遣最低（元）,派遣中位（元）,派遣最高（元）,中位差（元）');
  // The hand-worked report above: 8,000 / 9,000 / 10,500 in system,
  // 8,100 / 9,200 dispatched (median 8,650), 350 yuan less.
  assert.ok(lines.includes('四级主任科员,3,8000.00,9000.00,10500.00,2,8100.00,8650.00,9200.00,-350.00'), lines.join('\n'));
  res = await asse.download('/api/v1/exports/agencies?format=csv');
  lines = res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[1], '横琴人才派遣有限公司,人才派遣公司,HQ-PQ-2026-01,综合管理局,派遣,10,4,2026-01-01,2027-12-31,12000000.00');
  expectError(await rep.get('/api/v1/exports/pay-parity'), 403, 'forbidden');
});
