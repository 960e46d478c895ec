// Routine assessment (docs/api.md: Routine; docs/cycles.md): a cadre's
// quarterly work notes and self-summary, the supervisor's rating under the
// cap on the share of good, who may write and rate what, the rated
// quarters in the cycle's routine.csv, and a cadre seeing his or her own
// result and nobody else's.
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
let cadre;
let id;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-routine-'));
const note = (over) => ({ notes: '1月：完成招商项目签约3个；2月：……', summary: '本季度完成主要工作任务。', ...over });

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const r = kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  id = (await asse.get('/api/v1/cycles')).json.items[0].id;
  let res = await asse.post('/api/v1/units', { name: '珠海市', kind: 'committee' });
  res = await asse.post('/api/v1/units', { name: '行政区', kind: 'district', parent_id: res.json.unit.id });
  const unit = res.json.unit.id;
  // Three subjects in the unit: 40% of 3 is 1.2, so one good a quarter.
  for (const sub of ['xiangzhou', 'doumen', 'jinwan']) {
    res = await asse.put(`/api/v1/cycles/${id}/subjects/${sub}/unit`, { unit_id: unit });
    assert.equal(res.status, 200, res.text);
  }
  rep = await newAccount(s, 'qrep', { roles: 'reporter', unit });
  cadre = await newAccount(s, 'xzcadre', { roles: 'cadre' });
  res = await asse.put(`/api/v1/cycles/${id}/subjects/xiangzhou/account`, { account_id: cadre.id });
  assert.equal(res.status, 200, res.text);
});
after(async () => {
  await s?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('the cadre writes his own quarter only; the organisation department any', async () => {
  let res = await cadre.put(`/api/v1/cycles/${id}/routine/xiangzhou/2026Q1`, note());
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.written_by, 'xzcadre');
  assert.equal(res.json.rating, null);
  expectError(await cadre.put(`/api/v1/cycles/${id}/routine/doumen/2026Q1`, note()), 403, 'not_yours');
  expectError(await cadre.put(`/api/v1/cycles/${id}/routine/xiangzhou/2026Q5`, note()), 400, 'invalid_period');
  expectError(await cadre.put(`/api/v1/cycles/${id}/routine/xiangzhou/2026Q2`, note({ summary: ' ' })),
    400, 'missing_field', '$.summary');
  expectError(await rep.put(`/api/v1/cycles/${id}/routine/doumen/2026Q1`, note()), 403, 'forbidden');
  for (const sub of ['doumen', 'jinwan']) {
    res = await asse.put(`/api/v1/cycles/${id}/routine/${sub}/2026Q1`, note());
    assert.equal(res.status, 200, res.text);
  }
});

test('the rating: the unit\'s reporter or the department, under the share of good', async () => {
  let res = await rep.post(`/api/v1/cycles/${id}/routine/xiangzhou/2026Q1/rating`, { rating: 'good' });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual([res.json.rating, res.json.rated_by], ['good', 'qrep']);
  const err = expectError(await rep.post(`/api/v1/cycles/${id}/routine/doumen/2026Q1/rating`, { rating: 'good' }),
    409, 'good_share_exceeded', '$.rating');
  assert.match(err.message, /40% of the unit's 3 subject\(s\) in 2026Q1: 1, and 1 already have it/);
  res = await rep.post(`/api/v1/cycles/${id}/routine/doumen/2026Q1/rating`, { rating: 'fair' });
  assert.equal(res.status, 200, res.text);
  expectError(await rep.post(`/api/v1/cycles/${id}/routine/jinwan/2026Q2/rating`, { rating: 'fair' }), 409, 'not_written');
  expectError(await rep.post(`/api/v1/cycles/${id}/routine/jinwan/2026Q1/rating`, { rating: 'excellent' }),
    400, 'invalid_field', '$.rating');
  expectError(await rep.post(`/api/v1/cycles/${id}/routine/atlantis/2026Q1/rating`, { rating: 'fair' }), 400, 'unknown_subject');
  expectError(await rep.post(`/api/v1/cycles/${id}/routine/hengqin/2026Q1/rating`, { rating: 'fair' }), 403, 'outside_scope');
  expectError(await cadre.post(`/api/v1/cycles/${id}/routine/xiangzhou/2026Q1/rating`, { rating: 'good' }), 403, 'forbidden');
  // A rated quarter is not rewritten.
  expectError(await cadre.put(`/api/v1/cycles/${id}/routine/xiangzhou/2026Q1`, note()), 409, 'already_rated');
  // 70% of 3 is 2.1: a second good is allowed.
  res = await asse.put(`/api/v1/cycles/${id}/routine-share`, { share: 0.7 });
  assert.equal(res.status, 200, res.text);
  expectError(await asse.put(`/api/v1/cycles/${id}/routine-share`, { share: 1.5 }), 400, 'invalid_field', '$.share');
  res = await rep.post(`/api/v1/cycles/${id}/routine/doumen/2026Q1/rating`, { rating: 'good' });
  assert.equal(res.status, 200, res.text);
});

test('who reads which records', async () => {
  const subjects = async (c) => (await c.get(`/api/v1/cycles/${id}/routine?period=2026Q1`)).json.items.map((x) => x.subject);
  assert.deepEqual(await subjects(cadre), ['xiangzhou']);
  assert.deepEqual(await subjects(rep), ['xiangzhou', 'doumen', 'jinwan']);
  assert.deepEqual(await subjects(asse), ['xiangzhou', 'doumen', 'jinwan']);
});

test('rated quarters are the cycle\'s routine.csv; a cadre sees his own result only', async () => {
  const r = kaohe(['cycle', 'export', String(id), join(dir, 'wb'), '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(dir, 'wb', 'routine.csv'), 'utf8'),
    'subject,period,rating\ndoumen,2026Q1,good\nxiangzhou,2026Q1,good\n');
  let res = await asse.post(`/api/v1/cycles/${id}/compute`);
  assert.equal(res.status, 200, res.text);
  res = await cadre.get('/api/v1/my/results');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.items.map((x) => [x.code, x.subject, x.row.grade]),
    [['zhuhai-2026', 'xiangzhou', res.json.items[0].row.grade]]);
  res = await cadre.get(`/api/v1/cycles/${id}/results/xiangzhou?lang=en`);
  assert.equal(res.status, 200, res.text);
  assert.match(res.json.explanation, /^Subject xiangzhou 香洲区/);
  expectError(await cadre.get(`/api/v1/cycles/${id}/results/doumen`), 404, 'not_found');
  expectError(await cadre.get(`/api/v1/cycles/${id}/results`), 403, 'forbidden');
  expectError(await rep.get('/api/v1/my/results'), 403, 'forbidden');
});
