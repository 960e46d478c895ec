// Person records (docs/api.md: People; docs/people.md): adding with every
// field checked (the ID number by core/idnum, the codes by core/codes,
// gender and birth date against the number), duplicates refused, ID
// numbers masked everywhere but one audited route for the assessor, the
// audit records of writes (masked), and a reporter's scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { activate, auditRecords, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;     // the organisation department (assessor)
let auditor;
let reporter; // a reporter of the zone
const u = {}; // units: name -> id
const p = {}; // people: name -> id

// 44010619900307123 + check digit, by hand: digits 4 4 0 1 0 6 1 9 9 0 0 3
// 0 7 1 2 3 times weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 give
// 28+36+0+5+0+24+2+9+54+0+0+27+0+35+8+8+6 = 242; 242 mod 11 = 0, and 0
// maps to 1. The 17th digit 3 is odd: male (GB/T 2261.1 code 1).
const WANG = '440106199003071231';
// 12010119850615002 + check digit: 7+18+0+5+0+4+2+9+48+15+0+54+10+25+0+0+4
// = 201; 201 mod 11 = 3, and 3 maps to 9. The 17th digit 2: female.
const LI = '120101198506150029';
// The standard's own example: sum 167, 167 mod 11 = 2, which maps to X.
const ZHAO = '11010519491231002X';

const person = (over) => ({
  name: '王小明', id_number: WANG, gender: '1', birth_date: '1990-03-07',
  ethnicity: '01', political_status: '01', education: '21',
  school: '南开大学', school_tier: '985', phone: '022-66290000', ...over,
});

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => {
    const res = await asse.post('/api/v1/units', body);
    assert.equal(res.status, 201, res.text);
    return res.json.unit.id;
  };
  u.committee = await unit({ name: '泰达管委会', kind: 'committee' });
  u.org = await unit({ name: '组织部', kind: 'department', parent_id: u.committee });
  u.zone = await unit({ name: '泰达功能区', kind: 'zone', parent_id: u.committee });
  u.park = await unit({ name: '第一园区', kind: 'park', parent_id: u.zone });
});
after(async () => { await s?.cleanup(); });

test('add: a valid person, answered with the ID number masked', async () => {
  const res = await asse.post('/api/v1/people', person({ unit_id: u.org }));
  assert.equal(res.status, 201, res.text);
  const w = res.json.person;
  p.wang = w.id;
  assert.equal(w.id_number, '4401**********1231');
  assert.deepEqual({ ...w, id: 0, created_at: '', updated_at: '' }, {
    id: 0, name: '王小明', gender: '1', birth_date: '1990-03-07',
    id_number: '4401**********1231', ethnicity: '01', political_status: '01',
    education: '21', school: '南开大学', school_tier: '985', phone: '022-66290000',
    unit_id: u.org, created_at: '', updated_at: '', staff_type: null, rank: null,
  });
  assert.ok(!res.text.includes(WANG), 'the whole number is not in the answer');
});

test('gender and birth date may be left out: read from the number', async () => {
  const res = await asse.post('/api/v1/people', {
    name: '李红', id_number: LI, ethnicity: '03', political_status: '13',
    education: '11', unit_id: u.park,
  });
  assert.equal(res.status, 201, res.text);
  p.li = res.json.person.id;
  assert.equal(res.json.person.gender, '2');
  assert.equal(res.json.person.birth_date, '1985-06-15');
  assert.equal(res.json.person.school, null);
  assert.equal(res.json.person.id_number, '1201**********0029');
});

test('a lowercase x is accepted and stored as X', async () => {
  const res = await asse.post('/api/v1/people', person({
    name: '赵敏', id_number: ZHAO.toLowerCase(), gender: '2', birth_date: '1949-12-31',
    unit_id: u.zone,
  }));
  assert.equal(res.status, 201, res.text);
  p.zhao = res.json.person.id;
  assert.equal(res.json.person.id_number, '1101**********002X');
  const whole = await asse.get(`/api/v1/people/${p.zhao}/id-number`);
  assert.equal(whole.status, 200, whole.text);
  assert.equal(whole.json.id_number, ZHAO);
});

test('refusals name the field at fault', async () => {
  let err = expectError(await asse.post('/api/v1/people', person({ id_number: '440106199003071234' })),
    400, 'invalid_id_number', '$.id_number');
  assert.match(err.message, /should be 1, not 4/);
  err = expectError(await asse.post('/api/v1/people', person({ id_number: '440106199002301231' })),
    400, 'invalid_id_number', '$.id_number');
  assert.match(err.message, /19900230.*not a date/);
  err = expectError(await asse.post('/api/v1/people', person({ gender: '2' })),
    400, 'gender_mismatch', '$.gender');
  assert.match(err.message, /17th digit says 1/);
  expectError(await asse.post('/api/v1/people', person({ birth_date: '1990-03-08' })),
    400, 'birth_date_mismatch', '$.birth_date');
  err = expectError(await asse.post('/api/v1/people', person({ ethnicity: '57' })),
    400, 'unknown_code', '$.ethnicity');
  assert.match(err.message, /'57' is not an ethnicity code/);
  expectError(await asse.post('/api/v1/people', person({ political_status: '99' })),
    400, 'unknown_code', '$.political_status');
  expectError(await asse.post('/api/v1/people', person({ education: '24' })),
    400, 'unknown_code', '$.education');
  expectError(await asse.post('/api/v1/people', person({ name: '' })), 400, 'invalid_field', '$.name');
  expectError(await asse.post('/api/v1/people', person({ name: '名'.repeat(51) })),
    400, 'invalid_field', '$.name');
  expectError(await asse.post('/api/v1/people', person({ phone: '022 6629' })), 400, 'invalid_field', '$.phone');
  expectError(await asse.post('/api/v1/people', person({ phone: '1'.repeat(21) })), 400, 'invalid_field', '$.phone');
  expectError(await asse.post('/api/v1/people', person({ school_tier: 'double-first-class' })),
    400, 'invalid_field', '$.school_tier');
  expectError(await asse.post('/api/v1/people', person({ unit_id: 99999 })), 400, 'unknown_unit', '$.unit_id');
  // None of them was stored.
  assert.equal((await asse.get('/api/v1/people')).json.total, 3);
});

test('a duplicate ID number: 409 naming $.id_number (also with a lowercase x)', async () => {
  let err = expectError(await asse.post('/api/v1/people', person({ name: '王二' })),
    409, 'duplicate_id_number', '$.id_number');
  assert.ok(!err.message.includes(WANG), 'the message does not repeat the number');
  expectError(await asse.post('/api/v1/people', person({
    name: '赵二', id_number: ZHAO.toLowerCase(), gender: '2', birth_date: '1949-12-31',
  })), 409, 'duplicate_id_number', '$.id_number');
  // An update may not take another's number either.
  expectError(await asse.put(`/api/v1/people/${p.wang}`, person({
    id_number: LI, gender: '2', birth_date: '1985-06-15',
  })), 409, 'duplicate_id_number', '$.id_number');
});

test('list and get: masked, ordered by name then id, with search and filters', async () => {
  const list = await asse.get('/api/v1/people');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.total, 3);
  for (const x of list.json.items) assert.match(x.id_number, /^\d{4}\*{10}[\dX]{4}$/);
  assert.ok(![WANG, LI, ZHAO].some((n) => list.text.includes(n)), 'no whole number in the list');
  // Byte order of UTF-8 for now (李 U+674E < 王 U+738B < 赵 U+8D75).
  assert.deepEqual(list.json.items.map((x) => x.name), ['李红', '王小明', '赵敏']);
  const one = await asse.get(`/api/v1/people/${p.wang}`);
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.id_number, '4401**********1231');

  const names = async (query) => {
    const res = await asse.get(`/api/v1/people?${query}`);
    assert.equal(res.status, 200, res.text);
    return res.json.items.map((x) => x.name);
  };
  assert.deepEqual(await names(`q=${encodeURIComponent('小明')}`), ['王小明']);
  assert.deepEqual(await names(`q=${WANG}`), ['王小明']);
  assert.deepEqual(await names(`q=${ZHAO.toLowerCase()}`), ['赵敏']);
  assert.deepEqual(await names('q=4401'), [], 'part of a number finds nobody');
  assert.deepEqual(await names('q=%25'), [], 'a % is a character, not a wildcard');
  assert.deepEqual(await names('gender=2'), ['李红', '赵敏']);
  assert.deepEqual(await names('education=11'), ['李红']);
  assert.deepEqual(await names(`unit_id=${u.org}`), ['王小明']);
  assert.deepEqual(await names('limit=1&offset=1'), ['王小明']);
  expectError(await asse.get('/api/v1/people?unit_id=x'), 400, 'invalid_query', '$.unit_id');
  expectError(await asse.get('/api/v1/people/99999'), 404, 'not_found');
});

test('update replaces the record; audited with masked numbers', async () => {
  const res = await asse.put(`/api/v1/people/${p.wang}`, person({
    name: '王晓明', school: null, school_tier: null, phone: '+8613800000000', unit_id: u.zone,
  }));
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.person.name, '王晓明');
  assert.equal(res.json.person.school, null);
  assert.equal(res.json.person.unit_id, u.zone);
  expectError(await asse.put(`/api/v1/people/${p.wang}`, person({ gender: '2' })),
    400, 'gender_mismatch', '$.gender');
  expectError(await asse.put('/api/v1/people/99999', person({ name: '无人' })), 404, 'not_found');
});

test('the whole ID number: only for the assessor, audited without the number', async () => {
  const res = await asse.get(`/api/v1/people/${p.wang}/id-number`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { id: p.wang, id_number: WANG });
  expectError(await asse.get('/api/v1/people/99999/id-number'), 404, 'not_found');
  expectError(await auditor.get(`/api/v1/people/${p.wang}/id-number`), 403, 'forbidden');

  const all = (await auditRecords(auditor)).filter((r) => r.action.startsWith('person.'))
    .sort((a, b) => a.seq - b.seq);
  const views = all.filter((r) => r.action === 'person.id_number_view');
  assert.deepEqual(views.map((r) => [r.object, r.account]),
    [[`person:${p.zhao}`, 'orgd'], [`person:${p.wang}`, 'orgd']]);
  const text = JSON.stringify(all);
  for (const n of [WANG, LI, ZHAO]) assert.ok(!text.includes(n), `no whole number ${n.slice(0, 4)}… in the audit log`);
  const [added] = all.filter((r) => r.action === 'person.add' && r.object === `person:${p.wang}`);
  assert.equal(added.before, null);
  assert.equal(added.after.id_number, '4401**********1231');
  assert.equal(added.after.name, '王小明');
  const updates = all.filter((r) => r.action === 'person.update');
  assert.equal(updates.length, 1, 'refused updates leave no record');
  assert.equal(updates[0].before.name, '王小明');
  assert.equal(updates[0].after.name, '王晓明');
  assert.equal(updates[0].before.id_number, '4401**********1231');
  assert.equal(all.filter((r) => r.action === 'person.add').length, 3);
  assert.equal((await auditor.get('/api/v1/audit/verify')).json.ok, true);
});

test('a reporter of the zone sees the people of the zone and its park only', async () => {
  reporter = await newAccount(s, 'zrep', { roles: 'reporter', unit: u.zone });
  // Move 王晓明 back to 组织部, outside the zone.
  const moved = await asse.put(`/api/v1/people/${p.wang}`, person({ name: '王晓明', unit_id: u.org }));
  assert.equal(moved.status, 200, moved.text);
  const list = await reporter.get('/api/v1/people');
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items.map((x) => x.name), ['李红', '赵敏']);
  assert.equal(list.json.total, 2);
  assert.equal(list.json.items[1].id_number, '1101**********002X');
  assert.equal((await reporter.get(`/api/v1/people/${p.li}`)).status, 200);
  expectError(await reporter.get(`/api/v1/people/${p.wang}`), 404, 'not_found');
  assert.equal((await reporter.get(`/api/v1/people?q=${WANG}`)).json.total, 0);
  expectError(await reporter.get(`/api/v1/people/${p.li}/id-number`), 403, 'forbidden');
});

test('a reporter keeps the records of its unit and below, and no others', async () => {
  const li = (await asse.get(`/api/v1/people/${p.li}`)).json;
  const body = { name: '李红', id_number: LI, ethnicity: '03', political_status: '13',
    education: '11', unit_id: u.park, phone: '0756-1234567' };
  let res = await reporter.put(`/api/v1/people/${p.li}`, body);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.person.phone, '0756-1234567');
  // Without id_number the stored number is kept (a reporter sees it
  // masked only).
  const { id_number: _, ...noNumber } = body;
  res = await reporter.put(`/api/v1/people/${p.li}`, { ...noNumber, phone: '0756-7654321' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.person.phone, '0756-7654321');
  assert.equal(res.json.person.id_number, '1201**********0029');
  assert.equal(li.unit_id, u.park);
  // Not out of its scope, not another unit's person, not without a unit.
  expectError(await reporter.put(`/api/v1/people/${p.li}`, { ...body, unit_id: u.org }),
    403, 'outside_scope', '$.unit_id');
  expectError(await reporter.put(`/api/v1/people/${p.wang}`, person({ name: '改名', unit_id: u.zone })),
    404, 'not_found');
  // Out of scope is not found before any check could tell about the
  // stored record (a wrong gender against the stored number).
  expectError(await reporter.put(`/api/v1/people/${p.wang}`, { name: '改名', gender: '2', ethnicity: '01',
    political_status: '01', education: '21', unit_id: u.zone }), 404, 'not_found');
  const NEW = idNumber('440402', '19920202', 31);
  expectError(await reporter.post('/api/v1/people', person({ name: '新人', id_number: NEW, gender: null,
    birth_date: null })), 403, 'outside_scope', '$.unit_id');
  res = await reporter.post('/api/v1/people', person({ name: '新人', id_number: NEW, gender: null,
    birth_date: null, unit_id: u.zone }));
  assert.equal(res.status, 201, res.text);
  assert.equal((await asse.get(`/api/v1/people/${p.wang}`)).json.name, '王晓明');
});

test('the server log carries no whole ID number (searches by number included)', () => {
  assert.match(s.log, /GET \/api\/v1\/people/);
  for (const n of [WANG, LI, ZHAO]) {
    assert.ok(!s.log.includes(n) && !s.log.includes(n.toLowerCase()), `no ${n.slice(0, 4)}… in the log`);
  }
});

test('the other roles read no people: 403', async () => {
  const cadre = await newAccount(s, 'cdr1', { roles: 'cadre' });
  expectError(await cadre.get('/api/v1/people'), 403, 'forbidden');
  expectError(await auditor.get('/api/v1/people'), 403, 'forbidden');
  expectError(await auditor.get(`/api/v1/people/${p.li}`), 403, 'forbidden');
});
