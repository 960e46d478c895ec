// The people list (docs/api.md: People): the orders officials use — by
// pinyin (the default) and by surname strokes (姓氏笔画, ICU's stroke
// collation: docs/people.md says where it differs from the mainland
// rule) — and the filters by unit (with or without the units below),
// staff type and rank of the current employment, and age.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { expectError, newAccount } from './client.mjs';

let s;
let asse;
const u = {};
const p = {};

// Pinyin: an < bai < ding < li < wang < zhao.
// Strokes: 丁 2 < 王 4 < 白 5 < 安 6 < 李 7 < 赵 9.
const PEOPLE = [
  ['zhao', '赵一', '19500101', 'park'],
  ['an', '安二', '19750101', 'zone'],
  ['bai', '白三', '20000101', 'park'],
  ['li', '李四', '19750601', 'dept'],
  ['wang', '王五', '19500601', 'dept'],
  ['ding', '丁六', '20000601', 'zone'],
];

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => {
    const res = await asse.post('/api/v1/units', body);
    assert.equal(res.status, 201, res.text);
    return res.json.unit.id;
  };
  u.committee = await unit({ name: '横琴管委会', kind: 'committee' });
  u.dept = await unit({ name: '商务局', kind: 'department', parent_id: u.committee });
  u.zone = await unit({ name: '横琴片区', kind: 'zone', parent_id: u.committee });
  u.park = await unit({ name: '科技园', kind: 'park', parent_id: u.zone });
  let n = 1;
  for (const [k, name, born, where] of PEOPLE) {
    const res = await asse.post('/api/v1/people', {
      name, id_number: idNumber('440402', born, n++ * 2), ethnicity: '01',
      political_status: '01', education: '21', unit_id: u[where] });
    assert.equal(res.status, 201, res.text);
    p[k] = res.json.person.id;
  }
  const res = await asse.put(`/api/v1/units/${u.dept}/quotas`, { line_kind: 'staff',
    line: 'civil_servant', count: 5, document: '珠横编〔2020〕1号', approved_on: '2020-01-01' });
  assert.equal(res.status, 200, res.text);
  for (const [k, rank] of [['li', 'principal_4'], ['wang', 'researcher_2']]) {
    const r = await asse.post('/api/v1/employments', { person_id: p[k], unit_id: u.dept,
      staff_type: 'civil_servant', title: '科员', rank, start_date: '2020-01-01',
      start_document: '珠横组〔2020〕1号' });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { await s?.cleanup(); });

const names = async (query) => {
  const res = await asse.get(`/api/v1/people?${query}`);
  assert.equal(res.status, 200, res.text);
  return res.json.items.map((x) => x.name);
};

test('by pinyin (the default) and by strokes', async () => {
  assert.deepEqual(await names(''), ['安二', '白三', '丁六', '李四', '王五', '赵一']);
  assert.deepEqual(await names('sort=pinyin'), ['安二', '白三', '丁六', '李四', '王五', '赵一']);
  assert.deepEqual(await names('sort=stroke'), ['丁六', '王五', '白三', '安二', '李四', '赵一']);
  assert.deepEqual(await names('sort=birth'), ['赵一', '王五', '安二', '李四', '白三', '丁六']);
  expectError(await asse.get('/api/v1/people?sort=height'), 400, 'invalid_query', '$.sort');
});

test('paging keeps the order', async () => {
  const res = await asse.get('/api/v1/people?sort=stroke&offset=2&limit=2');
  assert.equal(res.json.total, 6);
  assert.deepEqual(res.json.items.map((x) => x.name), ['白三', '安二']);
});

test('by unit, alone or with the units below', async () => {
  assert.deepEqual(await names(`unit_id=${u.zone}`), ['安二', '丁六']);
  assert.deepEqual(await names(`unit_id=${u.zone}&below=true`), ['安二', '白三', '丁六', '赵一']);
});

test('by staff type and rank of the current employment', async () => {
  assert.deepEqual(await names('staff_type=civil_servant'), ['李四', '王五']);
  assert.deepEqual(await names('rank=principal_4'), ['李四']);
  assert.deepEqual(await names('staff_type=dispatched'), []);
});

test('by age: born 1950, 1975 and 2000 are far from the bounds 40..65', async () => {
  assert.deepEqual(await names('age_min=40&age_max=65'), ['安二', '李四']);
  assert.deepEqual(await names('age_min=66'), ['王五', '赵一']);
  assert.deepEqual(await names('age_max=39'), ['白三', '丁六']);
  expectError(await asse.get('/api/v1/people?age_min=-1'), 400, 'invalid_query', '$.age_min');
  expectError(await asse.get('/api/v1/people?age_max=abc'), 400, 'invalid_query', '$.age_max');
});

test('filters combine with the search', async () => {
  assert.deepEqual(await names(`q=${encodeURIComponent('四')}&staff_type=civil_servant`), ['李四']);
  assert.deepEqual(await names(`q=${encodeURIComponent('五')}&age_max=39`), []);
});
