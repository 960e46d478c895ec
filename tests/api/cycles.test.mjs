// Assessment cycles in the server (docs/api.md: Cycles; docs/cycles.md):
// a cycle imported from the demo workbook, a subject given to a unit,
// reporting by that unit's reporter only while open and before the
// deadline, values with who entered them, compute by the engine with the
// results equal to what `kaohe assess run` gives on the exported workbook,
// a bad value refused by the loader with the place named, explanations,
// a reporter's scope, and confirmation freezing the cycle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe, startServer } from '../lib/server.mjs';
import { expectError, newAccount } from './client.mjs';

let s;
let asse;
let rep;
let id;
let unit;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-cycles-'));

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const r = kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  let res = await asse.post('/api/v1/units', { name: '珠海市委组织部', kind: 'committee' });
  res = await asse.post('/api/v1/units', { name: '横琴新区', kind: 'zone', parent_id: res.json.unit.id });
  assert.equal(res.status, 201, res.text);
  unit = res.json.unit.id;
  rep = await newAccount(s, 'hqrep', { roles: 'reporter', unit });
  id = (await asse.get('/api/v1/cycles')).json.items[0].id;
});
after(async () => {
  await s?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('the imported cycle: draft, 8 subjects, values with their source', async () => {
  const res = await asse.get(`/api/v1/cycles/${id}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.code, 'zhuhai-2026');
  assert.equal(res.json.status, 'draft');
  assert.equal(res.json.subjects.length, 8);
  // The definition pages name things with (from cycle.json).
  assert.deepEqual(res.json.grades.map((g) => [g.id, g.name]),
    [['excellent', '优秀'], ['competent', '良好'], ['basic', '一般'], ['incompetent', '较差']]);
  assert.deepEqual(res.json.components.map((c) => [c.id, c.kind, c.weight, c.groups, c.levels]), [
    ['performance', 'scheme', 70, [], []],
    ['survey', 'ratings', 30, ['enterprise', 'resident'], ['satisfied', 'fair', 'dissatisfied']]]);
  const hq = res.json.subjects.find((x) => x.subject === 'hengqin');
  assert.equal(hq.name, '横琴新区');
  assert.equal(hq.unit_id, null);
  const values = (await asse.get(`/api/v1/cycles/${id}/values?subject=hengqin`)).json.items;
  const gdp = values.find((v) => v.indicator === 'gdp_growth');
  assert.deepEqual([gdp.actual, gdp.source, gdp.entered_by], ['5.2', 'values.csv', 'cli']);
});

test('a reporter sees only cycles with its subjects, and enters only while open', async () => {
  assert.equal((await rep.get('/api/v1/cycles')).json.items.length, 0);
  expectError(await rep.get(`/api/v1/cycles/${id}`), 404, 'not_found');
  let res = await asse.put(`/api/v1/cycles/${id}/subjects/hengqin/unit`, { unit_id: unit });
  assert.equal(res.status, 200, res.text);
  res = await rep.get(`/api/v1/cycles/${id}`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.subjects.map((x) => x.subject), ['hengqin']);
  const value = { subject: 'hengqin', indicator: 'gdp_growth', actual: '6.1', source: '横琴统计局快报' };
  expectError(await rep.put(`/api/v1/cycles/${id}/values`, value), 409, 'cycle_not_open');
  expectError(await asse.post(`/api/v1/cycles/${id}/open`, { deadline: '2026-02-30' }), 400, 'invalid_date', '$.deadline');
  res = await asse.post(`/api/v1/cycles/${id}/open`, { deadline: '2000-01-31' });
  assert.equal(res.status, 200, res.text);
  expectError(await rep.put(`/api/v1/cycles/${id}/values`, value), 409, 'deadline_passed');
  res = await asse.post(`/api/v1/cycles/${id}/open`, { deadline: '2099-12-31' });
  assert.equal(res.json.status, 'open');
  assert.equal(res.json.deadline, '2099-12-31');
  res = await rep.put(`/api/v1/cycles/${id}/values`, value);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.items.find((v) => v.indicator === 'gdp_growth'),
    { subject: 'hengqin', indicator: 'gdp_growth', actual: '6.1', target: null, source: '横琴统计局快报',
      entered_by: 'hqrep', entered_at: res.json.items.find((v) => v.indicator === 'gdp_growth').entered_at });
  expectError(await rep.put(`/api/v1/cycles/${id}/values`, { ...value, subject: 'xiangzhou' }), 403, 'outside_scope');
  expectError(await rep.put(`/api/v1/cycles/${id}/values`, { ...value, actual: '6.1%' }), 400, 'invalid_number', '$.actual');
  // A subject outside its scope, existing or not, is the same refusal.
  expectError(await rep.put(`/api/v1/cycles/${id}/values`, { ...value, subject: 'atlantis' }), 403, 'outside_scope');
  expectError(await asse.put(`/api/v1/cycles/${id}/values`, { ...value, subject: 'atlantis' }), 400, 'unknown_subject');
  expectError(await rep.post(`/api/v1/cycles/${id}/compute`), 403, 'forbidden');
});

test('compute: a value for an indicator no scheme has is refused with its place; removed, it computes', async () => {
  let res = await asse.put(`/api/v1/cycles/${id}/values`, { subject: 'hengqin', indicator: 'moon_landings', actual: '1' });
  assert.equal(res.status, 200, res.text);
  res = await asse.post(`/api/v1/cycles/${id}/compute`);
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error.code, 'workbook_refused');
  assert.ok(res.json.error.details.some((d) => d.field.startsWith('values.csv line ') && /moon_landings/.test(d.message)),
    JSON.stringify(res.json.error.details));
  res = await asse.del(`/api/v1/cycles/${id}/values?subject=hengqin&indicator=moon_landings`);
  assert.equal(res.status, 200, res.text);
  expectError(await asse.del(`/api/v1/cycles/${id}/values?subject=hengqin&indicator=moon_landings`), 404, 'not_found');
  res = await asse.post(`/api/v1/cycles/${id}/compute`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.items.length, 8);
});

test('completeness: which subject has not reported which value', async () => {
  let res = await asse.del(`/api/v1/cycles/${id}/values?subject=hengqin&indicator=pm25`);
  assert.equal(res.status, 200, res.text);
  res = await asse.get(`/api/v1/cycles/${id}/completeness`);
  assert.equal(res.status, 200, res.text);
  const hq = res.json.items.find((x) => x.subject === 'hengqin');
  assert.deepEqual(hq.missing.map((m) => m.indicator), ['pm25']);
  assert.equal(hq.entered, hq.expected - 1);
  for (const x of res.json.items.filter((y) => y.subject !== 'hengqin')) {
    assert.deepEqual(x.missing, [], x.subject);
    assert.ok(x.expected > 0);
  }
  // A reporter sees its own subjects only.
  res = await rep.get(`/api/v1/cycles/${id}/completeness`);
  assert.deepEqual(res.json.items.map((x) => x.subject), ['hengqin']);
  res = await asse.put(`/api/v1/cycles/${id}/values`, { subject: 'hengqin', indicator: 'pm25', actual: '16' });
  assert.equal(res.status, 200, res.text);
  res = await asse.post(`/api/v1/cycles/${id}/compute`);
  assert.equal(res.status, 200, res.text);
});

test('the results are those of kaohe assess run on the exported workbook', async () => {
  const r = kaohe(['cycle', 'export', String(id), join(dir, 'wb'), '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(join(dir, 'wb', 'values.csv'), 'utf8'), /^hengqin,gdp_growth,6\.1,$/m);
  const run = kaohe(['assess', 'run', join(dir, 'wb'), '--out', join(dir, 'out')]);
  assert.equal(run.status, 0, run.stderr);
  const lines = readFileSync(join(dir, 'out', 'results.csv'), 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const items = (await asse.get(`/api/v1/cycles/${id}/results`)).json.items;
  assert.deepEqual(items.map((x) => x.subject), lines.slice(1).map((l) => l.split(',')[0]));
  for (const [i, line] of lines.slice(1).entries()) {
    const cells = line.split(',');
    assert.deepEqual(items[i].row, Object.fromEntries(head.map((h, k) => [h, cells[k] ?? ''])));
    assert.equal(items[i].position, i + 1);
  }
});

test('one subject: its row, trace and explanation; a reporter reads its own only', async () => {
  let res = await asse.get(`/api/v1/cycles/${id}/results/hengqin?lang=en`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.trace.subject, 'hengqin');
  assert.deepEqual(res.json.trace.indicator_columns, ['id', 'value', 'target', 's', 'points', 'detail']);
  assert.ok(res.json.trace.indicators.some((x) => x[0] === 'gdp_growth' && x[1] === 6.1));
  assert.match(res.json.explanation, /^Subject hengqin 横琴新区/);
  res = await rep.get(`/api/v1/cycles/${id}/results`);
  assert.deepEqual(res.json.items.map((x) => x.subject), ['hengqin']);
  expectError(await rep.get(`/api/v1/cycles/${id}/results/xiangzhou`), 404, 'not_found');
  expectError(await asse.get(`/api/v1/cycles/${id}/results/hengqin?lang=fr`), 400, 'invalid_query');
});

test('what-if: a draft cycle.json computed beside the results, nothing stored', async () => {
  const draft = JSON.parse(readFileSync('examples/zhuhai-2026/cycle.json', 'utf8'));
  // An excellent quota of 50% (floor of 4 of 8) instead of 25% (2): of
  // the totals at or above 90 — 横琴 96.5, 高新 95.2, 香洲 93.3 — 香洲 is
  // the one more who becomes excellent; 斗门 (89.8) stays below the min.
  draft.grades[0].quota.share = 0.5;
  const res = await asse.post(`/api/v1/cycles/${id}/whatif`, { cycle: draft });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.changes.map((c) => [c.subject, c.grade]), [['xiangzhou', ['competent', 'excellent']]]);
  assert.equal(res.json.draft.length, 8);
  const stored = (await asse.get(`/api/v1/cycles/${id}/results`)).json.items;
  assert.equal(stored.find((x) => x.subject === 'xiangzhou').row.grade, 'competent');
  // A draft the loader refuses names the place.
  draft.grades[3].min = 10;
  const bad = await asse.post(`/api/v1/cycles/${id}/whatif`, { cycle: draft });
  assert.equal(bad.status, 400, bad.text);
  assert.equal(bad.json.error.code, 'workbook_refused');
  assert.ok(bad.json.error.details.some((d) => d.field.startsWith('cycle.json')), bad.text);
  expectError(await asse.post(`/api/v1/cycles/${id}/whatif`, { cycle: [] }), 400, 'invalid_field', '$.cycle');
});

test('adjustments: a cap with its reason, applied by the next computation', async () => {
  expectError(await asse.post(`/api/v1/cycles/${id}/adjustments`, { subject: 'gaoxin', grade: 'competent' }),
    400, 'reason_required', '$.reason');
  expectError(await asse.post(`/api/v1/cycles/${id}/adjustments`, { subject: 'gaoxin', grade: 'great', reason: 'x' }),
    400, 'unknown_grade', '$.grade');
  expectError(await asse.post(`/api/v1/cycles/${id}/adjustments`, { subject: 'atlantis', grade: 'competent', reason: 'x' }),
    400, 'unknown_subject', '$.subject');
  expectError(await rep.post(`/api/v1/cycles/${id}/adjustments`, { subject: 'gaoxin', grade: 'competent', reason: 'x' }),
    403, 'forbidden');
  let res = await asse.post(`/api/v1/cycles/${id}/adjustments`, { subject: 'gaoxin', grade: 'competent',
    reason: '2026年发生较大安全生产事故，经研究不得评为优秀' });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.items.length, 1);
  res = await asse.post(`/api/v1/cycles/${id}/compute`);
  assert.equal(res.status, 200, res.text);
  // 高新 capped at competent; the 2 excellent places (25% of 8) go to
  // 横琴 and the next at or above 90 points, 香洲.
  const grade = Object.fromEntries(res.json.items.map((x) => [x.subject, x.row.grade]));
  assert.equal(grade.gaoxin, 'competent');
  assert.equal(res.json.items.find((x) => x.subject === 'gaoxin').row.cap, 'competent');
  assert.deepEqual(Object.keys(grade).filter((k) => grade[k] === 'excellent').sort(), ['hengqin', 'xiangzhou']);
  const r = kaohe(['cycle', 'export', String(id), join(dir, 'wb2'), '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(join(dir, 'wb2', 'caps.csv'), 'utf8'),
    /^subject,grade,reason\ngaoxin,competent,2026年发生较大安全生产事故，经研究不得评为优秀\n$/);
});

test('exports: the results and the bonus list as files', async () => {
  let res = await asse.download(`/api/v1/exports/cycles/${id}?format=csv`);
  assert.equal(res.status, 200);
  const lines = res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], '名次,subject,name,category,pool,performance,survey,total,rank,pool_rank,grade,cap,bonus');
  assert.equal(lines.length, 9);
  assert.match(lines[1], /^1,hengqin,横琴新区,zone,zhuhai,/);
  res = await asse.download(`/api/v1/exports/cycles/${id}?list=bonus&format=csv`);
  const bonus = res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(bonus[0], '名次,对象,名称,等次,奖金（元）');
  // Every subject of the demo pool has a bonus; fen shown as yuan.
  assert.equal(bonus.length, 9);
  assert.match(bonus[1], /^1,hengqin,横琴新区,excellent,\d+\.\d{2}$/);
  expectError(await asse.get(`/api/v1/exports/cycles/${id}?list=salaries`), 400, 'invalid_query');
});

test('confirm freezes the cycle, only with results current to its data', async () => {
  // A change after the computation: the stored results are stale.
  let res = await asse.post(`/api/v1/cycles/${id}/adjustments`, { subject: 'jinwan', grade: 'basic',
    reason: '审计发现问题，经研究不得高于一般' });
  assert.equal(res.status, 201, res.text);
  expectError(await asse.post(`/api/v1/cycles/${id}/confirm`), 409, 'results_stale');
  assert.equal((await asse.post(`/api/v1/cycles/${id}/compute`)).status, 200);
  res = await asse.post(`/api/v1/cycles/${id}/confirm`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.status, 'confirmed');
  expectError(await asse.put(`/api/v1/cycles/${id}/values`, { subject: 'hengqin', indicator: 'gdp_growth', actual: '7' }),
    409, 'cycle_confirmed');
  expectError(await asse.post(`/api/v1/cycles/${id}/compute`), 409, 'cycle_confirmed');
  expectError(await asse.post(`/api/v1/cycles/${id}/confirm`), 409, 'cycle_confirmed');
  expectError(await asse.put(`/api/v1/cycles/${id}/subjects/hengqin/unit`, { unit_id: 0 }), 409, 'cycle_confirmed');
});
