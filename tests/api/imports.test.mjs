// Spreadsheets in and out (docs/api.md: Imports and exports;
// docs/formats.md): templates, imports of people and employments from
// XLSX and CSV (UTF-8 and GBK) with every problem named by row, column
// and header and nothing written when there is one, and exports of the
// lists as XLSX and CSV with formula injection escaped. The XLSX files
// are made and read with tests/lib/xlsx.py (Python's zipfile), not with
// kaohe's own writer and reader.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { gbk, makeXlsx, readXlsx } from '../lib/xlsx.mjs';
import { Client, expectError, newAccount } from './client.mjs';

let s;
let asse;
const u = {};

const PEOPLE_HEAD = ['姓名', '身份证号', '性别', '出生日期', '民族', '政治面貌', '学历',
  '毕业院校', '院校层次', '联系电话', '单位'];
const A = idNumber('120116', '19880808', 11); // 17th digit 1: male
const B = idNumber('120116', '19900101', 22); // 2: female
const C = idNumber('120116', '19920202', 31);

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => {
    const res = await asse.post('/api/v1/units', body);
    assert.equal(res.status, 201, res.text);
    return res.json.unit.id;
  };
  u.teda = await unit({ name: '泰达管委会', kind: 'committee' });
  u.office = await unit({ name: '办公室', kind: 'department', parent_id: u.teda });
  u.policy = await unit({ name: '政策研究室', kind: 'department', parent_id: u.teda });
  u.hq = await unit({ name: '横琴管委会', kind: 'committee' });
  u.hqOffice = await unit({ name: '办公室', kind: 'department', parent_id: u.hq });
  const res = await asse.put(`/api/v1/units/${u.office}/quotas`, { line_kind: 'staff',
    line: 'civil_servant', count: 1, document: '津开编〔2026〕3号', approved_on: '2026-01-01' });
  assert.equal(res.status, 200, res.text);
});
after(async () => { await s?.cleanup(); });

const count = async () => (await asse.get('/api/v1/people')).json.total;

test('templates: XLSX and CSV with the Chinese headers and an example row', async () => {
  let res = await asse.download('/api/v1/imports/people/template');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="export\.xlsx"; filename\*=UTF-8''%E4%BA%BA/);
  const rows = readXlsx(res.bytes);
  assert.deepEqual(rows[0], PEOPLE_HEAD);
  assert.equal(rows.length, 2);
  res = await asse.download('/api/v1/imports/employments/template?format=csv');
  assert.equal(res.status, 200);
  const text = res.bytes.toString('utf8');
  assert.ok(text.startsWith('\ufeff身份证号,单位,人员类别,职务名称,职务层次,职级,兼任,服务合同,月工资（元）,任职日期,任职文号,截止日期,超编理由\r\n'), text);
  expectError(await asse.get('/api/v1/imports/salaries/template'), 404, 'not_found');
  expectError(await asse.get('/api/v1/imports/people/template?format=pdf'), 400, 'invalid_query');
});

test('people from XLSX: codes by name, units by path or unique name', async () => {
  const before0 = await count();
  const res = await asse.upload('/api/v1/imports/people?name=people.xlsx', makeXlsx([
    PEOPLE_HEAD,
    ['甲某一', A, '男', '', '汉族', '中国共产党党员', '大学本科毕业', '南开大学', '985', '', '泰达管委会/办公室'],
    ['乙某二', B, '', '', '03', '13', '14', '', '', '022-1', '政策研究室'],
  ]));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { kind: 'people', rows: 2, imported: 2 });
  assert.equal(await count(), before0 + 2);
  const a = (await asse.get(`/api/v1/people?q=${A}`)).json.items[0];
  assert.equal(a.ethnicity, '01');
  assert.equal(a.political_status, '01');
  assert.equal(a.education, '21');
  assert.equal(a.unit_id, u.office);
  assert.equal(a.birth_date, '1988-08-08');
  const b = (await asse.get(`/api/v1/people?q=${B}`)).json.items[0];
  assert.equal(b.unit_id, u.policy);
  assert.equal(b.gender, '2');
});

test('a bad row among good ones: every problem named, nothing imported', async () => {
  const before0 = await count();
  const bad = A.slice(0, 17) + (A[17] === '0' ? '1' : '0');
  const res = await asse.upload('/api/v1/imports/people?name=people.xlsx', makeXlsx([
    PEOPLE_HEAD,
    ['丙某三', C, '', '', '汉族', '群众', '大学本科毕业', '', '', '', '泰达管委会/办公室'],
    ['丁某四', bad, '', '', '汉族', '群众', '大学本科毕业', '', '', '', ''],
    ['戊某五', idNumber('120116', '19930303', 41), '', '', '汉族', '群众', '大学本科毕业', '', '', '', '办公室'],
    ['己某六', idNumber('120116', '19940404', 51), '', '', '火星族', '群众', '大学本科毕业', '', '', '', '无此单位'],
  ]));
  assert.equal(res.status, 400, res.text);
  const err = res.json.error;
  assert.equal(err.code, 'import_refused');
  assert.match(err.message, /nothing was imported/);
  assert.equal(err.rows, 4);
  const fields = err.details.map((d) => d.field);
  assert.deepEqual(fields, [
    'people.xlsx row 3 column B (身份证号)',
    'people.xlsx row 4 column K (单位)',
    'people.xlsx row 5 column K (单位)',
  ]);
  assert.equal(err.details[1].code, 'ambiguous_unit');
  assert.match(err.details[1].message, /2 units are named '办公室'/);
  assert.equal(err.details[2].code, 'unknown_unit');
  assert.equal(await count(), before0, 'the good row 2 was not kept either');
  assert.equal((await asse.get(`/api/v1/people?q=${C}`)).json.total, 0);
});

test('the unknown ethnicity of a row with a good unit is named in its column', async () => {
  const res = await asse.upload('/api/v1/imports/people?name=p.csv', Buffer.from(
    `${PEOPLE_HEAD.join(',')}\r\n己某六,${idNumber('120116', '19940404', 51)},,,火星族,群众,大学本科毕业,,,,政策研究室\r\n`));
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error.details[0].field, 'p.csv line 2 column E (民族)');
});

test('columns not of the template are refused before any row', async () => {
  const res = await asse.upload('/api/v1/imports/people?name=x.csv',
    Buffer.from('姓名,身份证号,民族,政治面貌,学历,工资卡号\r\n'));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]),
    [['x.csv line 1 column F', 'unknown_column']]);
  const res2 = await asse.upload('/api/v1/imports/people?name=y.csv', Buffer.from('姓名,民族\r\n'));
  assert.deepEqual(res2.json.error.details.map((d) => d.code),
    ['missing_column', 'missing_column', 'missing_column']);
});

test('employments from a GBK CSV: quota refusal per row, with a reason allowed', async () => {
  const head = '身份证号,单位,人员类别,职务名称,职级,任职日期,任职文号,超编理由,月工资（元）\r\n';
  // 办公室 has a civil-servant quota of 1: the second row is beyond it.
  let res = await asse.upload('/api/v1/imports/employments?name=jobs.csv', gbk(head +
    `${A},泰达管委会/办公室,公务员,科员,一级科员,2024/3/1,津开组任〔2024〕1号,,8500.5\r\n` +
    `${B},泰达管委会/办公室,civil_servant,科员,clerk_2,2024-03-01,津开组任〔2024〕2号,,\r\n`));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]),
    [['jobs.csv line 3 column C (人员类别)', 'quota_exceeded']]);
  assert.equal((await asse.get('/api/v1/employments')).json.total, 0);
  res = await asse.upload('/api/v1/imports/employments?name=jobs.csv', gbk(head +
    `${A},泰达管委会/办公室,公务员,科员,一级科员,2024/3/1,津开组任〔2024〕1号,,8500.5\r\n` +
    `${B},泰达管委会/办公室,civil_servant,科员,clerk_2,2024-03-01,津开组任〔2024〕2号,机构改革过渡期,\r\n`));
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.imported, 2);
  const jobs = (await asse.get('/api/v1/employments')).json.items;
  const a = jobs.find((m) => m.person_name === '甲某一');
  assert.equal(a.start_date, '2024-03-01');
  assert.equal(a.rank, 'clerk_1');
  assert.equal(a.monthly_pay_fen, 850050);
  assert.equal(jobs.find((m) => m.person_name === '乙某二').over_quota_reason, '机构改革过渡期');
});

test('exports: people as XLSX (masked, paths, Chinese names), formula injection escaped in CSV', async () => {
  const res0 = await asse.post('/api/v1/people', { name: '=1+2', id_number: C, ethnicity: '01',
    political_status: '13', education: '21', unit_id: u.policy });
  assert.equal(res0.status, 201, res0.text);
  let res = await asse.download('/api/v1/exports/people');
  assert.equal(res.status, 200);
  const rows = readXlsx(res.bytes);
  assert.deepEqual(rows[0], ['姓名', '性别', '出生日期', '身份证号', '民族', '政治面貌', '学历',
    '毕业院校', '院校层次', '联系电话', '单位', '人员类别', '职级']);
  const a = rows.find((r) => r[0] === '甲某一');
  assert.deepEqual(a, ['甲某一', '男性', '1988-08-08', `${A.slice(0, 4)}**********${A.slice(14)}`,
    '汉族', '中国共产党党员', '大学本科毕业', '南开大学', '985', '', '泰达管委会/办公室', '公务员', '一级科员']);
  assert.equal(rows.find((r) => r[0].includes('1+2'))[0], "'=1+2");
  res = await asse.download(`/api/v1/exports/people?format=csv&unit_id=${u.policy}`);
  const csv = res.bytes.toString('utf8');
  assert.match(csv, /^\ufeff姓名,/);
  assert.match(csv, /\r\n'=1\+2,/);
  // 乙某二 moved to 办公室 with her employment: only '=1+2' is left there.
  assert.equal(csv.trim().split('\r\n').length, 2, 'the filter holds: header + 1 person');
});

test('exports: employments and units with their figures', async () => {
  let res = await asse.download('/api/v1/exports/employments?format=csv');
  const lines = res.bytes.toString('utf8').trim().split('\r\n');
  assert.equal(lines.length, 3);
  assert.ok(lines.some((l) => l.startsWith('甲某一,泰达管委会/办公室,公务员,科员,,一级科员,否,8500.50,2024-03-01,')));
  res = await asse.download('/api/v1/exports/units?format=csv');
  const units = res.bytes.toString('utf8').trim().split('\r\n');
  assert.ok(units.includes('泰达管委会/办公室,部门,,公务员,1,2,0,1'), units.join('\n'));
});

test('a reporter imports nothing and exports its own unit only', async () => {
  const rep = await newAccount(s, 'rep1', { roles: 'reporter', unit: u.policy });
  expectError(await rep.upload('/api/v1/imports/people', Buffer.from('姓名\r\n')), 403, 'forbidden');
  const res = await rep.download('/api/v1/exports/people?format=csv');
  assert.equal(res.status, 200);
  const lines = res.bytes.toString('utf8').trim().split('\r\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^'=1\+2,.*,泰达管委会\/政策研究室,,$/);
});

test('an upload may be larger than body_limit (1 MiB), up to upload_limit', async () => {
  const big = Buffer.concat([Buffer.from(`${PEOPLE_HEAD.join(',')}\r\n`), Buffer.alloc(2 << 20, '\n')]);
  const res = await asse.upload('/api/v1/imports/people?name=big.csv', big);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { kind: 'people', rows: 0, imported: 0 });
  expectError(await asse.post('/api/v1/people', 'x'.repeat(2 << 20)), 413, 'body_too_large');
  // Without a session allowed to import, the upload limit is not granted.
  expectError(await new Client(s.url).upload('/api/v1/imports/people?name=big.csv', big), 413, 'body_too_large');
});
