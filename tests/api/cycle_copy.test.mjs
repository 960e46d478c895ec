// Next year's cycle as a copy of this year's (docs/cycles.md: A new cycle):
// the definition, schemes and subjects under a new code and name, as a
// draft; the subjects' reporting units and people carried over; none of
// the year's data (values, ballots, routine results, caps, unit grades,
// bonus pools); a code already taken is refused; audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { kaohe, startServer } from '../lib/server.mjs';
import { activate, auditRecords, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;
let auditor;
let id;
let unit;

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  const r = kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  id = (await asse.get('/api/v1/cycles')).json.items[0].id;
  let res = await asse.post('/api/v1/units', { name: '横琴新区', kind: 'committee' });
  unit = res.json.unit.id;
  res = await asse.put(`/api/v1/cycles/${id}/subjects/hengqin/unit`, { unit_id: unit });
  assert.equal(res.status, 200, res.text);
});
after(async () => { await s?.cleanup(); });

test('a copy: the same schemes and subjects, a new code and name, a draft without the year\'s data', async () => {
  expectError(await asse.post(`/api/v1/cycles/${id}/copy`, { code: 'zhuhai-2027' }), 400, 'missing_field', '$.name');
  const res = await asse.post(`/api/v1/cycles/${id}/copy`, { code: 'zhuhai-2027', name: '珠海市 2027 年度区（功能区）考核' });
  assert.equal(res.status, 201, res.text);
  const copy = res.json;
  assert.notEqual(copy.id, id);
  assert.equal(copy.code, 'zhuhai-2027');
  assert.equal(copy.name, '珠海市 2027 年度区（功能区）考核');
  assert.equal(copy.status, 'draft');
  const orig = (await asse.get(`/api/v1/cycles/${id}`)).json;
  assert.deepEqual(copy.subjects.map((x) => [x.subject, x.scheme, x.values]),
    orig.subjects.map((x) => [x.subject, x.scheme, 0]));
  assert.equal(copy.subjects.find((x) => x.subject === 'hengqin').unit_id, unit);
  assert.deepEqual(copy.grades, orig.grades);
  const files = (await asse.get(`/api/v1/cycles/${copy.id}/files`)).json.items.map((f) => f.path);
  assert.deepEqual(files, (await asse.get(`/api/v1/cycles/${id}/files`)).json.items.map((f) => f.path));
  const cj = (await asse.get(`/api/v1/cycles/${copy.id}/files?path=cycle.json`)).json.content;
  assert.equal(cj.id, 'zhuhai-2027');
  assert.equal((await asse.get(`/api/v1/cycles/${copy.id}/values`)).json.items.length, 0);
  const rec = (await auditRecords(auditor, 'action=cycle.copy'))[0];
  assert.equal(rec.object, `cycle:${copy.id}`);
  assert.equal(rec.after.copied_from, id);
});

test('a code already taken is refused and nothing is made', async () => {
  const before = (await asse.get('/api/v1/cycles')).json.items.length;
  const res = await asse.post(`/api/v1/cycles/${id}/copy`, { code: 'zhuhai-2026', name: '重复' });
  assert.equal(res.status, 409, res.text);
  assert.equal((await asse.get('/api/v1/cycles')).json.items.length, before);
  expectError(await asse.post('/api/v1/cycles/999999/copy', { code: 'x', name: 'y' }), 404, 'not_found');
});
