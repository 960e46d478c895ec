// Spreadsheets of the frontline and of open selection campaigns
// (docs/api.md: Imports and exports; docs/formats.md; docs/deployment.md:
// Spreadsheets): the import of frontline assignments from XLSX and a GBK
// CSV, all rows or none, every refusal named by row and column (a bad
// date, an unknown unit, an overlap with a stored assignment and with an
// earlier row of the same file); each written row audited. The XLSX
// files are made and read with tests/lib/xlsx.py, not kaohe's own code;
// every expected value is written out by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { gbk, makeXlsx, readXlsx } from '../lib/xlsx.mjs';
import { activate, auditRecords, expectError, newAccount, ok, strong } from './client.mjs';

let s;
let asse;
let auditor;
const u = {};
const p = {};

const HEAD = ['身份证号', '类型', '派出单位', '工作单位', '起始日期', '计划截止日期', '平时考核', '任务', '文号'];
const A = idNumber('120116', '19800101', 11);
const B = idNumber('120116', '19810202', 21);
const C = idNumber('120116', '19820303', 31);

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  u.teda = await unit({ name: '泰达管委会', kind: 'committee' });
  u.commerce = await unit({ name: '商务局', kind: 'department', parent_id: u.teda });
  u.west = await unit({ name: '西区', kind: 'zone', parent_id: u.teda });
  u.office = await unit({ name: '办公室', kind: 'department', parent_id: u.teda });
  u.taifeng = await unit({ name: '泰丰社区', kind: 'community', parent_id: u.west });
  for (const [k, name, id, unitId] of [['a', '甲某', A, u.commerce], ['b', '乙某', B, u.commerce],
    ['c', '丙某', C, null]]) {
    p[k] = (await ok(await asse.post('/api/v1/people', { name, id_number: id, ethnicity: '01',
      political_status: '01', education: '21', unit_id: unitId }), 201)).person.id;
  }
});
after(async () => { await s?.cleanup(); });

const assignmentsOf = async (person) =>
  (await ok(await asse.get(`/api/v1/assignments?person_id=${person}`))).items;
const total = async () => (await ok(await asse.get('/api/v1/assignments'))).items.length;

test('the assignments template: XLSX and CSV with the Chinese headers and an example row', async () => {
  let res = await asse.download('/api/v1/imports/assignments/template');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const rows = readXlsx(res.bytes);
  assert.deepEqual(rows[0], HEAD);
  assert.equal(rows.length, 2);
  assert.equal(rows[1][1], '招商一线');
  res = await asse.download('/api/v1/imports/assignments/template?format=csv');
  assert.equal(res.status, 200);
  assert.ok(res.bytes.toString('utf8').startsWith(`\ufeff${HEAD.join(',')}\r\n`));
});

test('assignments from XLSX: kinds in Chinese, units by path or name, the home unit by default', async () => {
  const res = await asse.upload('/api/v1/imports/assignments?name=一线.xlsx', makeXlsx([
    HEAD,
    [A, '招商一线', '', '泰达管委会/西区', '2026-03-01', '2026-12-31', '', '驻西区招商', '津开组〔2026〕5号'],
    [B, '挂职', '泰达管委会/商务局', '泰丰社区', '2026/3/1', '2027.2.28', '派出单位', '社区治理', '津开组〔2026〕6号'],
  ]));
  assert.deepEqual(await ok(res), { kind: 'assignments', rows: 2, imported: 2 });
  const [a] = await assignmentsOf(p.a);
  assert.equal(a.kind, 'frontline');
  assert.equal(a.home_unit_id, u.commerce, "the person's current unit");
  assert.equal(a.working_unit_id, u.west);
  assert.equal(a.start_date, '2026-03-01');
  assert.equal(a.end_date, '2026-12-31');
  assert.equal(a.assessed_by, 'working');
  assert.equal(a.purpose, '驻西区招商');
  assert.equal(a.document, '津开组〔2026〕5号');
  const [b] = await assignmentsOf(p.b);
  assert.equal(b.kind, 'secondment');
  assert.equal(b.working_unit_id, u.taifeng);
  assert.equal(b.start_date, '2026-03-01');
  assert.equal(b.end_date, '2027-02-28');
  assert.equal(b.assessed_by, 'home');
});

test('a bad row among good ones: every problem named by row and column, nothing written', async () => {
  const before0 = await total();
  const res = await asse.upload('/api/v1/imports/assignments?name=bad.xlsx', makeXlsx([
    HEAD,
    [C, '下沉基层', '商务局', '泰丰社区', '2027-01-01', '2027-06-30', '', '网格化管理', '津开组〔2027〕1号'],
    [C, '下沉基层', '商务局', '泰丰社区', '2027-02-30', '2027-12-31', '', '网格化管理', '津开组〔2027〕2号'],
    [C, '下沉基层', '商务局', '无此单位', '2028-01-01', '2028-06-30', '', '网格化管理', '津开组〔2027〕3号'],
    [A, '招商一线', '', '西区', '2026-06-01', '2026-07-31', '', '驻西区招商', '津开组〔2027〕4号'],
    [C, '服务专员', '商务局', '西区', '2027-06-01', '2027-08-31', '', '项目代办', '津开组〔2027〕5号'],
    [C, '出差', '商务局', '西区', '2029-01-01', '2029-02-28', '', '项目代办', '津开组〔2027〕6号'],
    [C, '挂职', '商务局', '西区', '2030-01-01', '2030-02-28', '上级', '项目代办', '津开组〔2027〕7号'],
    [C, '挂职', '', '西区', '2031-01-01', '2031-02-28', '', '项目代办', '津开组〔2027〕8号'],
    [C, '挂职', '办公室', '西区', '2032-01-01', '2032-02-28', '', '项目代办', ''],
  ]));
  assert.equal(res.status, 400, res.text);
  const err = res.json.error;
  assert.equal(err.code, 'import_refused');
  assert.equal(err.rows, 9);
  assert.deepEqual(err.details.map((d) => [d.field, d.code]), [
    ['bad.xlsx row 3 column E (起始日期)', 'invalid_date'],
    ['bad.xlsx row 4 column D (工作单位)', 'unknown_unit'],
    ['bad.xlsx row 5 column E (起始日期)', 'overlapping_assignment'],
    ['bad.xlsx row 6 column E (起始日期)', 'overlapping_assignment'],
    ['bad.xlsx row 7 column B (类型)', 'invalid_field'],
    ['bad.xlsx row 8 column G (平时考核)', 'invalid_field'],
    ['bad.xlsx row 9 column C (派出单位)', 'missing_field'],
    ['bad.xlsx row 10 column I (文号)', 'invalid_field'],
  ]);
  // Row 5 meets 甲某's stored assignment, named as the service names it;
  // row 6 meets row 2 of the same file, whose id the refusal rolls back.
  assert.match(err.details[2].message, /frontline at 西区\) from 2026-03-01 to 2026-12-31/);
  assert.equal(err.details[3].message,
    'the person is on the assignment of row 2 of this file from 2027-01-01 to 2027-06-30 in that time');
  assert.equal(await total(), before0, 'the good row 2 was not kept');
  assert.deepEqual(await assignmentsOf(p.c), []);
});

test('assignments from a GBK CSV; each written row audited as by hand', async () => {
  const csv = `${HEAD.join(',')}\r\n${C},下沉基层,泰达管委会/商务局,泰丰社区,2027-01-01,2027-06-30,工作单位,网格化管理,津开组〔2027〕1号\r\n`;
  let res = await asse.upload('/api/v1/imports/assignments?name=jobs.csv', gbk(csv));
  assert.deepEqual(await ok(res), { kind: 'assignments', rows: 1, imported: 1 });
  const [c] = await assignmentsOf(p.c);
  assert.equal(c.kind, 'grassroots');
  assert.equal(c.home_unit_id, u.commerce);
  assert.equal(c.purpose, '网格化管理');
  // The same file again overlaps itself in the database: named by line.
  res = await asse.upload('/api/v1/imports/assignments?name=jobs.csv', gbk(csv));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]),
    [['jobs.csv line 2 column E (起始日期)', 'overlapping_assignment']]);
  const adds = await auditRecords(auditor, 'action=assignment.add');
  assert.equal(adds.length, 3, 'two from the XLSX file, one from the CSV file, none from the refused ones');
  assert.deepEqual(adds.map((r) => r.account), ['orgd', 'orgd', 'orgd']);
  assert.equal(adds[0].after.person_id, p.c);
});

test('a reporter may download the template but import nothing', async () => {
  const rep = await newAccount(s, 'rep1', { roles: 'reporter', unit: u.west });
  assert.equal((await rep.download('/api/v1/imports/assignments/template')).status, 200);
  expectError(await rep.upload('/api/v1/imports/assignments', Buffer.from(`${HEAD.join(',')}\r\n`)), 403, 'forbidden');
});
