// Results linked to the next year (S12; docs/pay.md: Steps): dispatched
// employees linked to the subjects of two confirmed annual cycles; the one
// with two results at competent or better since the current grade is due
// a one-grade step, the others are not; approving the step makes a new
// assignment one grade up, after which the results before it no longer
// count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe, startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { expectError, newAccount } from './client.mjs';

let s;
let asse;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-steps-'));
const p = {};
const emp = {};
const cycles = {};

// A one-indicator annual cycle: ratio against 100, so each total is the
// value: 95 excellent (min 90), 75 competent (min 70), 65 basic (min 60),
// 50 incompetent.
function workbook(code, scores) {
  const d = join(dir, code);
  mkdirSync(join(d, 'schemes'), { recursive: true });
  writeFileSync(join(d, 'cycle.json'), JSON.stringify({
    id: code, name: `派遣人员 ${code} 年度考核`, kind: 'annual',
    components: [{ id: 'performance', name: '业绩', weight: 100, kind: 'scheme' }],
    grades: [{ id: 'excellent', name: '优秀', min: 90 }, { id: 'competent', name: '称职', min: 70 },
      { id: 'basic', name: '基本称职', min: 60 }, { id: 'incompetent', name: '不称职' }] }));
  writeFileSync(join(d, 'schemes', 'staff.json'), JSON.stringify({ id: 'staff', name: '岗位业绩',
    indicators: [{ id: 'score', name: '综合得分', weight: 100, rule: { kind: 'ratio', target: 100 } }] }));
  writeFileSync(join(d, 'subjects.csv'), 'id,name,category,unit,scheme\n' +
    Object.keys(scores).map((k) => `${k},${k},staff,U1,staff\n`).join(''));
  writeFileSync(join(d, 'values.csv'), 'subject,indicator,actual,target\n' +
    Object.entries(scores).map(([k, v]) => `${k},score,${v},\n`).join(''));
  return d;
}

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  let res = await asse.post('/api/v1/units', { name: '横琴管委会', kind: 'committee' });
  const unit = res.json.unit.id;
  res = await asse.put(`/api/v1/units/${unit}/quotas`, { line_kind: 'staff', line: 'dispatched', count: 10,
    document: '珠编〔2026〕1号', approved_on: '2026-01-01' });
  res = await asse.post('/api/v1/agencies', { name: '某派遣公司', kind: 'staffing_company' });
  res = await asse.post('/api/v1/contracts', { agency_id: res.json.agency.id, unit_id: unit, staff_type: 'dispatched',
    document: 'HQ-2026', headcount: 10, start_date: '2026-01-01', end_date: '2028-12-31', price_fen: 1 });
  const contract = res.json.contract.id;
  res = await asse.post('/api/v1/pay/sequences', { code: 'civilian' });
  const seq = res.json.sequence.id;
  res = await asse.put(`/api/v1/pay/sequences/${seq}/grades`, { grades: [3500, 4600, 5800, 6900, 8100]
    .map((y, i) => ({ grade: i + 1, monthly_fen: y * 100 })) });
  assert.equal(res.status, 200, res.text);
  res = await asse.post('/api/v1/pay/positions', { sequence_id: seq, level: 1, name: '专员', min_grade: 1, max_grade: 5 });
  assert.equal(res.status, 201, res.text);
  const position = res.json.position.id;
  for (const [k, n] of [['P1', 11], ['P2', 13], ['P3', 15]]) {
    res = await asse.post('/api/v1/people', { name: `${k}某`, id_number: idNumber('440404', '19900101', n),
      ethnicity: '01', political_status: '13', education: '21' });
    p[k] = res.json.person.id;
    res = await asse.post('/api/v1/employments', { person_id: p[k], unit_id: unit, staff_type: 'dispatched',
      title: '专员', contract_id: contract, start_date: '2026-01-01', end_date: '2028-12-31', start_document: 'HQ-2026' });
    assert.equal(res.status, 201, res.text);
    emp[k] = res.json.employment.id;
    res = await asse.post('/api/v1/pay/assignments', { employment_id: emp[k], position_id: position, pay_grade: 3,
      start_date: '2026-01-01', document: '定级〔2026〕1号' });
    assert.equal(res.status, 201, res.text);
  }
  for (const [code, scores] of [['staff-2025', { P1: 95, P2: 75, P3: 50 }], ['staff-2026', { P1: 75, P2: 65, P3: 95 }]]) {
    const r = kaohe(['cycle', 'import', workbook(code, scores), '--db', s.db]);
    assert.equal(r.status, 0, r.stderr);
    const c = (await asse.get('/api/v1/cycles')).json.items.find((x) => x.code === code);
    cycles[code] = c.id;
    for (const k of ['P1', 'P2', 'P3']) {
      res = await asse.put(`/api/v1/cycles/${c.id}/subjects/${k}/person`, { person_id: p[k] });
      assert.equal(res.status, 200, res.text);
    }
    assert.equal((await asse.post(`/api/v1/cycles/${c.id}/compute`)).status, 200);
    assert.equal((await asse.post(`/api/v1/cycles/${c.id}/confirm`)).status, 200);
  }
});
after(async () => {
  await s?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('due: two results at competent or better since the current grade', async () => {
  const res = await asse.get('/api/v1/pay/steps');
  assert.equal(res.status, 200, res.text);
  // P1: excellent then competent; P2: competent then basic (one);
  // P3: incompetent then excellent (one).
  assert.deepEqual(res.json.items.map((x) => [x.name, x.pay_grade, x.next_grade, x.qualifying.map((q) => q.grade)]),
    [['P1某', 3, 4, ['excellent', 'competent']]]);
  expectError(await asse.put(`/api/v1/cycles/${cycles['staff-2025']}/subjects/P1/person`, { person_id: 999999 }),
    400, 'unknown_person', '$.person_id');
});

test('approving the step: one grade up; the results before it no longer count', async () => {
  expectError(await asse.post('/api/v1/pay/steps', { employment_id: emp.P2, start_date: '2027-01-01', document: '晋级〔2027〕1号' }),
    409, 'not_due');
  let res = await asse.post('/api/v1/pay/steps', { employment_id: emp.P1, start_date: '2027-01-01', document: '晋级〔2027〕1号' });
  assert.equal(res.status, 201, res.text);
  const a = res.json.items[0];
  assert.deepEqual([a.pay_grade, a.start_date, a.document], [4, '2027-01-01', '晋级〔2027〕1号']);
  res = await asse.get('/api/v1/pay/steps');
  assert.deepEqual(res.json.items, []);
  const hist = (await asse.get(`/api/v1/pay/assignments?employment_id=${emp.P1}`)).json.items;
  assert.deepEqual(hist.map((x) => [x.pay_grade, x.start_date, x.end_date]),
    [[4, '2027-01-01', null], [3, '2026-01-01', '2026-12-31']]);
});

test('a unit team\'s grade sets its people\'s excellent places (绩效挂钩)', async () => {
  // The staff cycle: tests/golden/quota_by_unit without its units.csv.
  const staff = join(dir, 'staff-linked');
  cpSync('tests/golden/quota_by_unit', staff, { recursive: true });
  rmSync(join(staff, 'units.csv'));
  rmSync(join(staff, 'expected'), { recursive: true });
  rmSync(join(staff, 'README.md'));
  // The team cycle: one subject per unit team; its grades in order give
  // good, fair, average, poor: T1 (U1) 95 excellent → good, T5 (U5) 75
  // competent → fair, T4 (U4) 65 basic → average, T2 (U2) 50 incompetent
  // → poor; U3 has no team: no row. These are the units.csv rows the
  // golden folder's README works with.
  const team = workbook('teams-2025', { T1: 95, T2: 50, T4: 65, T5: 75 });
  writeFileSync(join(team, 'subjects.csv'), 'id,name,category,unit,scheme\n' +
    'T1,一组,team,U1,staff\nT2,二组,team,U2,staff\nT4,四组,team,U4,staff\nT5,五组,team,U5,staff\n');
  for (const d of [team, staff]) {
    const r = kaohe(['cycle', 'import', d, '--db', s.db]);
    assert.equal(r.status, 0, r.stderr);
  }
  const all = (await asse.get('/api/v1/cycles')).json.items;
  const teamId = all.find((x) => x.code === 'teams-2025').id;
  const staffId = all.find((x) => x.code !== 'teams-2025' && !x.code.startsWith('staff-')).id;
  expectError(await asse.post(`/api/v1/cycles/${staffId}/unit-grades`, { from_cycle_id: teamId }), 409, 'not_confirmed');
  assert.equal((await asse.post(`/api/v1/cycles/${teamId}/compute`)).status, 200);
  assert.equal((await asse.post(`/api/v1/cycles/${teamId}/confirm`)).status, 200);
  let res = await asse.post(`/api/v1/cycles/${staffId}/unit-grades`, { from_cycle_id: teamId });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.items.map((x) => [x.unit, x.grade]),
    [['U1', 'good'], ['U2', 'poor'], ['U4', 'average'], ['U5', 'fair']]);
  res = await asse.post(`/api/v1/cycles/${staffId}/compute`);
  assert.equal(res.status, 200, res.text);
  // The hand-worked results of the golden folder.
  const expected = readFileSync('tests/golden/quota_by_unit/expected/results.csv', 'utf8').trim().split('\n');
  const head = expected[0].split(',');
  assert.deepEqual(res.json.items.map((x) => head.map((h) => x.row[h]).join(',')), expected.slice(1));
});
