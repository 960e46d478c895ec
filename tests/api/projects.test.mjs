// Investment projects and service commissioners (S5; docs/api.md:
// Projects): the template of approval steps with due dates from the
// signing, overdue steps, no start of construction before every step is
// done, the days from signing to start, and the figures per commissioner.
// Dates worked by hand in the comments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe, startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { expectError, newAccount } from './client.mjs';

let s;
let asse;
let unit;
const p = {};
const pr = {};

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  let res = await asse.post('/api/v1/units', { name: '两江新区管委会', kind: 'committee' });
  res = await asse.post('/api/v1/units', { name: '招商投资局', kind: 'department', parent_id: res.json.unit.id });
  unit = res.json.unit.id;
  for (const [k, n] of [['a', 11], ['b', 13]]) {
    res = await asse.post('/api/v1/people', { name: `专员${k}`, id_number: idNumber('500112', '19800101', n),
      ethnicity: '01', political_status: '01', education: '21', unit_id: unit });
    p[k] = res.json.person.id;
  }
});
const dir = mkdtempSync(join(tmpdir(), 'kaohe-projects-'));
after(async () => { await s?.cleanup(); rmSync(dir, { recursive: true, force: true }); });

const project = (over) => asse.post('/api/v1/projects', { name: '某新能源汽车整车项目', investor: '某汽车集团',
  industry: '汽车制造', amount_fen: 5000000000000, unit_id: unit, commissioner_id: p.a,
  signed_on: '2026-01-10', target_start: '2026-06-30', ...over });

test('the template of steps, due from the signing; overdue today', async () => {
  const res = await project({});
  assert.equal(res.status, 201, res.text);
  pr.one = res.json;
  // 2026-01-10 + 15 = 01-25; + 60: 21 days to 01-31, 28 of February, 11
  // of March = 03-11; + 90 = 04-10; + 120 = 05-10.
  assert.deepEqual(res.json.steps.map((x) => [x.name, x.due_on]), [
    ['项目备案', '2026-01-25'], ['用地手续', '2026-03-11'], ['规划许可', '2026-04-10'],
    ['环境影响评价', '2026-04-10'], ['施工许可', '2026-05-10']]);
  // Today (2026-11-29 or later) every one of them is past due.
  assert.equal(res.json.steps_overdue, 5);
  assert.ok(res.json.steps.every((x) => x.state === 'overdue'));
  expectError(await project({ target_start: '2025-12-31' }), 400, 'invalid_date', '$.target_start');
  expectError(await project({ commissioner_id: 999999 }), 400, 'unknown_person', '$.commissioner_id');
});

test('construction starts only when every step is done; days from signing', async () => {
  const id = pr.one.id;
  expectError(await asse.post(`/api/v1/projects/${id}/start`, { started_on: '2026-07-10' }), 409, 'steps_pending');
  const [first] = pr.one.steps;
  expectError(await asse.post(`/api/v1/projects/${id}/steps/${first.id}/done`, { done_on: '2026-01-09' }),
    400, 'invalid_date', '$.done_on');
  let res;
  for (const st of pr.one.steps) {
    res = await asse.post(`/api/v1/projects/${id}/steps/${st.id}/done`, { done_on: '2026-05-01' });
    assert.equal(res.status, 200, res.text);
  }
  expectError(await asse.post(`/api/v1/projects/${id}/steps/${first.id}/done`, { done_on: '2026-05-02' }), 409, 'not_pending');
  assert.equal(res.json.steps_done, 5);
  assert.equal(res.json.steps_overdue, 0);
  res = await asse.post(`/api/v1/projects/${id}/start`, { started_on: '2026-07-10' });
  assert.equal(res.status, 200, res.text);
  // 01-10 to 07-10: 21 + 28 + 31 + 30 + 31 + 30 + 10 = 181 days.
  assert.equal(res.json.days_to_start, 181);
  expectError(await asse.post(`/api/v1/projects/${id}/start`, { started_on: '2026-07-11' }), 409, 'cannot_start');
});

test('per commissioner: projects, starts, the mean days to start, overdue steps', async () => {
  let res = await project({ name: '某智能制造项目', signed_on: '2026-03-01', target_start: '2026-05-01',
    steps: [{ name: '项目备案', authority: '经济运行局', due_on: '2026-03-31' }] });
  assert.equal(res.status, 201, res.text);
  const two = res.json;
  await asse.post(`/api/v1/projects/${two.id}/steps/${two.steps[0].id}/done`, { done_on: '2026-03-20' });
  res = await asse.post(`/api/v1/projects/${two.id}/start`, { started_on: '2026-04-30' });
  // 03-01 to 04-30: 30 + 30 = 60 days.
  assert.equal(res.json.days_to_start, 60);
  res = await project({ name: '某生物医药项目', commissioner_id: p.b, signed_on: '2026-02-01', target_start: '2026-08-01' });
  assert.equal(res.status, 201, res.text);
  res = await asse.get('/api/v1/commissioners');
  const by = Object.fromEntries(res.json.items.map((c) => [c.name, c]));
  // A: (181 + 60) / 2 = 120.5; B: nothing started, 5 steps past due.
  assert.deepEqual([by.专员a.projects, by.专员a.started, by.专员a.mean_days_to_start, by.专员a.steps_overdue],
    [2, 2, 120.5, 0]);
  assert.deepEqual([by.专员b.projects, by.专员b.started, by.专员b.mean_days_to_start, by.专员b.steps_overdue],
    [1, 0, null, 5]);
  const list = (await asse.get('/api/v1/projects')).json.items;
  assert.equal(list.length, 3);
});

test('the enterprise rates the commissioner; the figures go into a cycle as values', async () => {
  const list = (await asse.get('/api/v1/projects')).json.items;
  const byName = Object.fromEntries(list.map((x) => [x.name, x]));
  const car = byName['某新能源汽车整车项目'].id;
  const smart = byName['某智能制造项目'].id;
  const bio = byName['某生物医药项目'].id;
  expectError(await asse.post(`/api/v1/projects/${car}/rating`, { rating: 101, rated_on: '2026-07-10' }),
    400, 'invalid_score', '$.rating');
  expectError(await asse.post(`/api/v1/projects/${car}/rating`, { rating: 90, rated_on: '2026-01-09' }),
    400, 'invalid_date', '$.rated_on');
  expectError(await asse.post(`/api/v1/projects/${car}/rating`, { rated_on: '2026-07-10' }),
    400, 'missing_field', '$.rating');
  let res = await asse.post(`/api/v1/projects/${car}/rating`, { rating: 90, rated_on: '2026-07-10' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.rating, 90);
  await asse.post(`/api/v1/projects/${smart}/rating`, { rating: 85, rated_on: '2026-05-01' });
  await asse.post(`/api/v1/projects/${bio}/rating`, { rating: 70, rated_on: '2026-06-01' });
  // A's mean: (90 + 85) / 2 = 87.5; B's: 70.
  res = await asse.get('/api/v1/commissioners');
  const by = Object.fromEntries(res.json.items.map((c) => [c.name, c]));
  assert.equal(by.专员a.mean_rating, 87.5);
  assert.equal(by.专员b.mean_rating, 70);

  // A cycle of the two commissioners and one other cadre.
  const d = join(dir, 'commissioners');
  mkdirSync(join(d, 'schemes'), { recursive: true });
  writeFileSync(join(d, 'cycle.json'), JSON.stringify({ id: 'lj-commissioners-2026', name: '服务专员 2026 年度考核',
    kind: 'annual', components: [{ id: 'performance', name: '实绩', weight: 100, kind: 'scheme' }],
    grades: [{ id: 'excellent', name: '优秀', min: 90 }, { id: 'competent', name: '称职' }] }));
  writeFileSync(join(d, 'schemes', 'commissioner.json'), JSON.stringify({ id: 'commissioner', name: '服务专员',
    indicators: [
      { id: 'days', name: '签约到开工天数', weight: 50, rule: { kind: 'ratio', target: 150, better: 'lower' } },
      { id: 'rating', name: '企业评价', weight: 50, rule: { kind: 'score' } }] }));
  writeFileSync(join(d, 'subjects.csv'), 'id,name,category,unit,scheme\nA,专员a,c,U,commissioner\n' +
    'B,专员b,c,U,commissioner\nC,其他干部,c,U,commissioner\n');
  writeFileSync(join(d, 'values.csv'), 'subject,indicator,actual\n');
  const r = kaohe(['cycle', 'import', d, '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  const cycle = (await asse.get('/api/v1/cycles')).json.items.find((x) => x.code === 'lj-commissioners-2026').id;
  for (const [k, person] of [['A', p.a], ['B', p.b]]) {
    res = await asse.put(`/api/v1/cycles/${cycle}/subjects/${k}/person`, { person_id: person });
    assert.equal(res.status, 200, res.text);
  }
  expectError(await asse.post(`/api/v1/cycles/${cycle}/commissioner-values`, { indicators: { speed: 'days' } }),
    400, 'unknown_field', '$.indicators.speed');
  res = await asse.post(`/api/v1/cycles/${cycle}/commissioner-values`,
    { indicators: { mean_days_to_start: 'days', mean_rating: 'rating' } });
  assert.equal(res.status, 200, res.text);
  // A: 120.5 days and 87.5; B has started nothing: only the rating 70.
  // C is nobody's commissioner: nothing.
  assert.deepEqual(res.json.subjects.map((x) => [x.subject, x.values]), [
    ['A', { days: '120.5000', rating: '87.5000' }], ['B', { rating: '70.0000' }]]);
  res = await asse.get(`/api/v1/cycles/${cycle}/values`);
  const vals = res.json.items.map((v) => [v.subject, v.indicator, v.actual, v.source]);
  assert.deepEqual(vals.sort(), [
    ['A', 'days', '120.5000', '招商项目服务专员统计'], ['A', 'rating', '87.5000', '招商项目服务专员统计'],
    ['B', 'rating', '70.0000', '招商项目服务专员统计']]);
  // Computed: A's days 150 / 120.5 > 1, capped at 1: 50 points; rating
  // 87.5 / 100 x 50 = 43.75; total 93.75, excellent. B: no days (0) and
  // 35 points from the rating: competent.
  res = await asse.post(`/api/v1/cycles/${cycle}/compute`);
  assert.equal(res.status, 200, res.text);
  const a = res.json.items.find((x) => x.subject === 'A').row;
  const b = res.json.items.find((x) => x.subject === 'B').row;
  assert.equal(Number(a.total), 93.75);
  assert.equal(a.grade, 'excellent');
  assert.equal(Number(b.total), 35);
  assert.equal(b.grade, 'competent');
});
