// Subjects of a draft cycle from the records (docs/cycles.md: A new
// cycle): people (subject "p<id>", the person's unit reporting for it and
// linked to the person) or units ("u<id>"), in a category with one of the
// cycle's schemes; the whole workbook checked first; unknown ids, a
// scheme the cycle lacks, a subject already there and a cycle no longer
// a draft refused, and nothing changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { kaohe, startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { activate, auditRecords, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;
let auditor;
let id;
const u = {};
const p = {};

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  const r = kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  id = (await asse.get('/api/v1/cycles')).json.items[0].id;
  let res = await asse.post('/api/v1/units', { name: '珠海市', kind: 'committee' });
  u.city = res.json.unit.id;
  res = await asse.post('/api/v1/units', { name: '万山区', kind: 'zone', parent_id: u.city });
  u.wanshan = res.json.unit.id;
  res = await asse.post('/api/v1/people', { name: '区长甲', id_number: idNumber('440402', '19750101', 11),
    ethnicity: '01', political_status: '01', education: '21', unit_id: u.wanshan });
  p.a = res.json.person.id;
});
after(async () => { await s?.cleanup(); });

test('people and units become subjects, checked with the whole workbook', async () => {
  expectError(await asse.post(`/api/v1/cycles/${id}/subjects`, { people: [p.a, 999999], category: 'leaders',
    scheme: 'zhuhai-base-2026' }), 400, 'unknown_person', '$.people[1]');
  expectError(await asse.post(`/api/v1/cycles/${id}/subjects`, { people: [p.a], units: [u.wanshan],
    category: 'leaders', scheme: 'zhuhai-base-2026' }), 400, 'invalid_field');
  // A scheme the cycle does not have: the loader's refusal, nothing added.
  let res = await asse.post(`/api/v1/cycles/${id}/subjects`, { people: [p.a], category: 'leaders', scheme: 'nope' });
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error.code, 'workbook_refused');
  assert.equal((await asse.get(`/api/v1/cycles/${id}`)).json.subjects.length, 8);

  res = await asse.post(`/api/v1/cycles/${id}/subjects`, { people: [p.a], category: 'leaders', scheme: 'zhuhai-base-2026' });
  assert.equal(res.status, 201, res.text);
  const subj = res.json.subjects.find((x) => x.subject === `p${p.a}`);
  assert.deepEqual([subj.name, subj.category, subj.scheme, subj.unit_id, subj.person_id],
    ['区长甲', 'leaders', 'zhuhai-base-2026', u.wanshan, p.a]);
  res = await asse.post(`/api/v1/cycles/${id}/subjects`, { units: [u.wanshan], category: 'teams', scheme: 'wanshan-2026' });
  assert.equal(res.status, 201, res.text);
  const team = res.json.subjects.find((x) => x.subject === `u${u.wanshan}`);
  assert.deepEqual([team.name, team.category, team.unit_id, team.person_id], ['万山区', 'teams', u.wanshan, null]);
  assert.equal(res.json.subjects.length, 10);
  // subjects.csv carries them, so the cycle still exports and computes.
  const wb = kaohe(['cycle', 'export', String(id), `${s.dir}/wb`, '--db', s.db]);
  assert.equal(wb.status, 0, wb.stderr);
  const run = kaohe(['assess', 'check', `${s.dir}/wb`]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const rec = (await auditRecords(auditor, 'action=cycle.subjects'))[0];
  assert.deepEqual(rec.after.subjects, [`u${u.wanshan}`]);
});

test('a subject already there, or a cycle no longer a draft, is refused', async () => {
  // The workbook's loader sees it first: the same subject twice.
  const again = await asse.post(`/api/v1/cycles/${id}/subjects`, { people: [p.a], category: 'leaders',
    scheme: 'zhuhai-base-2026' });
  assert.equal(again.status, 400, again.text);
  assert.equal(again.json.error.code, 'workbook_refused');
  assert.equal(again.json.error.details[0].code, 'duplicate_row');
  const res = await asse.post(`/api/v1/cycles/${id}/open`, { deadline: '2099-12-31' });
  assert.equal(res.status, 200, res.text);
  expectError(await asse.post(`/api/v1/cycles/${id}/subjects`, { units: [u.city], category: 'teams',
    scheme: 'zhuhai-base-2026' }), 409, 'not_draft');
});
