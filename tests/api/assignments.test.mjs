// Frontline assignments (S5; docs/api.md: Assignments): a cadre sent from
// the home unit (by default the current one) to a working unit, refused
// when it overlaps another of his, the states today (current, ending soon
// within 30 days, overdue), who is out of and into a unit, the end, and a
// reporter's scope. Dates near today are computed from the machine's
// date, as the server's are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { expectError, newAccount } from './client.mjs';

let s;
let asse;
const u = {};
const p = {};
const ids = {};

const day = (offset) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const send = (over) => asse.post('/api/v1/assignments', { kind: 'secondment', purpose: '招商引资一线锻炼',
  document: '两江组〔2026〕9号', ...over });

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => (await asse.post('/api/v1/units', body)).json.unit.id;
  u.lj = await unit({ name: '两江新区管委会', kind: 'committee' });
  u.dept = await unit({ name: '招商投资局', kind: 'department', parent_id: u.lj });
  u.zone = await unit({ name: '两江协同创新区', kind: 'zone', parent_id: u.lj });
  u.park = await unit({ name: '水土园区', kind: 'park', parent_id: u.zone });
  for (const [k, n, unitId] of [['x', 11, u.dept], ['y', 13, undefined], ['z', 15, u.dept], ['w', 17, u.dept]]) {
    const res = await asse.post('/api/v1/people', { name: `${k}某`, id_number: idNumber('500112', '19850101', n),
      ethnicity: '01', political_status: '01', education: '21', unit_id: unitId });
    assert.equal(res.status, 201, res.text);
    p[k] = res.json.person.id;
  }
});
after(async () => { await s?.cleanup(); });

test('send: the home unit by default, refusals named', async () => {
  let res = await send({ person_id: p.x, working_unit_id: u.zone, start_date: '2026-01-01', end_date: '2099-12-31' });
  assert.equal(res.status, 201, res.text);
  ids.x = res.json.id;
  assert.deepEqual([res.json.home_unit_id, res.json.working_unit_id, res.json.kind_zh, res.json.assessed_by, res.json.state],
    [u.dept, u.zone, '挂职', 'working', 'current']);
  const err = expectError(await send({ person_id: p.x, kind: 'frontline', working_unit_id: u.park,
    start_date: '2030-06-01', end_date: '2030-12-31' }), 409, 'overlapping_assignment', '$.start_date');
  assert.match(err.message, new RegExp(`assignment ${ids.x}`));
  expectError(await send({ person_id: p.x, working_unit_id: u.dept, start_date: '2100-01-01', end_date: '2100-12-31' }),
    400, 'same_unit', '$.working_unit_id');
  expectError(await send({ person_id: p.z, working_unit_id: u.zone, start_date: '2026-05-01', end_date: '2026-04-30' }),
    400, 'invalid_date', '$.end_date');
  expectError(await send({ person_id: p.y, working_unit_id: u.zone, start_date: '2026-01-01', end_date: '2026-12-31' }),
    400, 'missing_field', '$.home_unit_id');
  expectError(await send({ person_id: p.z, kind: 'vacation', working_unit_id: u.zone, start_date: '2026-01-01',
    end_date: '2026-12-31' }), 400, 'invalid_field', '$.kind');
  expectError(await send({ person_id: p.z, working_unit_id: u.zone, start_date: '2026-01-01', end_date: '2026-12-31',
    assessed_by: 'nobody' }), 400, 'invalid_field', '$.assessed_by');
});

test('states today: ending soon, overdue; in and out of a unit', async () => {
  let res = await send({ person_id: p.z, kind: 'commissioner', working_unit_id: u.park, start_date: day(-100),
    end_date: day(10), assessed_by: 'home' });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.state, 'ending_soon');
  res = await send({ person_id: p.w, kind: 'grassroots', working_unit_id: u.park, start_date: day(-100), end_date: day(-1) });
  assert.equal(res.json.state, 'overdue');
  ids.w = res.json.id;
  const names = async (q) => (await asse.get(`/api/v1/assignments?${q}`)).json.items.map((a) => a.person_name).sort();
  assert.deepEqual(await names(`unit_id=${u.park}&direction=in`), ['w某', 'z某']);
  assert.deepEqual(await names(`unit_id=${u.dept}&direction=out`), ['w某', 'x某', 'z某']);
  assert.deepEqual(await names(`unit_id=${u.dept}&direction=in`), []);
  assert.deepEqual(await names('state=overdue'), ['w某']);
  assert.deepEqual(await names('state=ending_soon'), ['z某']);
  assert.deepEqual(await names(`person_id=${p.x}`), ['x某']);
  expectError(await asse.get('/api/v1/assignments?direction=up'), 400, 'invalid_query');
});

test('filters by kind (its code or its Chinese name) and state; unknown values refused', async () => {
  const names = async (q) => (await asse.get(`/api/v1/assignments?${q}`)).json.items.map((a) => a.person_name).sort();
  // x: secondment (current); z: commissioner (ending soon); w: grassroots (overdue).
  assert.deepEqual(await names('kind=secondment'), ['x某']);
  assert.deepEqual(await names('kind=commissioner'), ['z某']);
  assert.deepEqual(await names(`kind=${encodeURIComponent('下沉基层')}`), ['w某']);
  assert.deepEqual(await names('kind=frontline'), []);
  assert.deepEqual(await names('kind=grassroots&state=current'), []);
  assert.deepEqual(await names(`kind=grassroots&state=overdue&unit_id=${u.park}&direction=in`), ['w某']);
  expectError(await asse.get('/api/v1/assignments?kind=vacation'), 400, 'invalid_query', '$.kind');
  expectError(await asse.get('/api/v1/assignments?state=late'), 400, 'invalid_query', '$.state');
});

test('the end: on its actual last day, once', async () => {
  expectError(await asse.post(`/api/v1/assignments/${ids.w}/end`, { ended_on: day(-200) }), 400, 'invalid_date', '$.ended_on');
  let res = await asse.post(`/api/v1/assignments/${ids.w}/end`, { ended_on: day(-2) });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual([res.json.state, res.json.ended_on], ['ended', day(-2)]);
  expectError(await asse.post(`/api/v1/assignments/${ids.w}/end`, { ended_on: day(-1) }), 409, 'already_ended');
  // Ended, it no longer blocks a new one after its last day.
  res = await send({ person_id: p.w, working_unit_id: u.zone, start_date: day(-1), end_date: day(300) });
  assert.equal(res.status, 201, res.text);
});

test('a reporter reads the assignments of its units, and sends nobody', async () => {
  const rep = await newAccount(s, 'parkrep', { roles: 'reporter', unit: u.park });
  const list = (await rep.get('/api/v1/assignments')).json.items.map((a) => a.person_name).sort();
  assert.deepEqual(list, ['w某', 'z某']);
  expectError(await rep.post('/api/v1/assignments', { person_id: p.x }), 403, 'forbidden');
});
