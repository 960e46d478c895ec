// Spreadsheets of an open selection campaign (docs/api.md: Imports and
// exports; docs/formats.md; docs/deployment.md: Spreadsheets): the
// scores sheet of a stage to fill in, written and interview scores
// imported from XLSX and a GBK CSV by application number or ID number,
// all or none, every refusal named by row and column (the file's own
// problems all at once, the campaign's rules mapped back from
// selections_scores' `scores[i]`), and the export of the applications in
// ranking order with the reasons in Chinese and formula injection
// escaped. Worked by hand:
//   one post, 1 place, interviews 1:2, written 40 % and interview 60 %;
//   甲某 written 80, 乙某 90.5, '=1+1' absent (缺考), 丁某 not eligible
//   (aged 46 on 2026-12-01, the post takes 35 or under; college, the post
//   asks for a bachelor's);
//   shortlist: the 2 best written scores: 乙某 (90.5), 甲某 (80);
//   interview 甲某 95, 乙某 70: totals 80 × 0.4 + 95 × 0.6 = 32 + 57 = 89
//   and 90.5 × 0.4 + 70 × 0.6 = 36.2 + 42 = 78.2: 甲某 1st, 乙某 2nd.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { gbk, makeXlsx, readXlsx } from '../lib/xlsx.mjs';
import { activate, auditRecords, expectError, newAccount, ok, strong } from './client.mjs';

let s;
let asse;
let auditor;
let sel;
let base;
const u = {};
const p = {};
const id = {};
const app = {};

const lines = (res) => res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
const campaign = async () => ok(await asse.get(`/api/v1/selections/${sel}`));

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  u.hq = await unit({ name: '横琴新区管委会', kind: 'committee' });
  u.econ = await unit({ name: '经济发展局', kind: 'department', parent_id: u.hq });
  let seq = 11;
  for (const [k, name, birth, education] of [['jia', '甲某', '19950101', '21'], ['yi', '乙某', '19960101', '21'],
    ['eq', '=1+1', '19970101', '21'], ['ding', '丁某', '19800101', '31'], ['wu', '戊某', '19900101', '21']]) {
    id[k] = idNumber('440402', birth, seq++);
    p[k] = (await ok(await asse.post('/api/v1/people', { name, id_number: id[k], ethnicity: '01',
      political_status: '01', education }), 201)).person.id;
  }
  sel = (await ok(await asse.post('/api/v1/selections', { name: '横琴新区2026年公开招录', kind: 'recruitment',
    as_of: '2026-12-01', written_weight: 40, ratio: 2, document: '珠组通〔2026〕20号' }), 201)).selection.id;
  base = `/api/v1/imports/selections/${sel}/scores`;
  const c = await ok(await asse.post(`/api/v1/selections/${sel}/posts`, { unit_id: u.econ, title: '综合科科员',
    staff_type: 'civil_servant', places: 1, rules: { age_max: 35, education: 'bachelor' } }), 201);
  const post = c.posts[0].id;
  for (const k of ['jia', 'yi', 'eq', 'ding']) {
    app[k] = (await ok(await asse.post(`/api/v1/selections/${sel}/applications`,
      { post_id: post, person_id: p[k] }), 201)).application.id;
  }
});
after(async () => { await s?.cleanup(); });

const WHEAD = ['报名号', '身份证号', '姓名', '成绩'];

test('the written scores sheet: the eligible applications to fill in', async () => {
  const res = await asse.download(`${base}/template?stage=written&format=csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''%E7%AC%94%E8%AF%95%E6%88%90%E7%BB%A9\.csv/);
  assert.deepEqual(lines(res), ['报名号,姓名,成绩', `${app.jia},甲某,`, `${app.yi},乙某,`, `${app.eq},'=1+1,`]);
  const x = readXlsx((await asse.download(`${base}/template?stage=written`)).bytes);
  assert.deepEqual(x[0], ['报名号', '姓名', '成绩']);
  assert.equal(x.length, 4);
  expectError(await asse.get(`${base}/template`), 400, 'invalid_query', '$.stage');
  expectError(await asse.get('/api/v1/imports/selections/9999/scores/template?stage=written'), 404, 'not_found');
});

test("the file's own problems: every one named by row and column, no score entered", async () => {
  const res = await asse.upload(`${base}?stage=written&name=笔试.xlsx`, makeXlsx([
    WHEAD,
    [String(app.jia), '', '', '80'],
    ['99999', '', '', '70'],
    ['', id.wu, '', '70'],
    [String(app.yi), '', '', 'abc'],
    [String(app.jia), '', '', '81'],
    [String(app.yi), '', '错名', '90'],
    [String(app.yi), id.jia, '', '90'],
    ['', '', '', ''],
    [String(app.yi), '', '', ''],
  ]));
  assert.equal(res.status, 400, res.text);
  const err = res.json.error;
  assert.equal(err.code, 'import_refused');
  assert.match(err.message, /7 problem\(s\) in 笔试\.xlsx; no score was entered/);
  assert.deepEqual(err.details.map((d) => [d.field, d.code]), [
    ['笔试.xlsx row 3 column A (报名号)', 'unknown_application'],
    ['笔试.xlsx row 4 column B (身份证号)', 'not_applied'],
    ['笔试.xlsx row 5 column D (成绩)', 'invalid_score'],
    ['笔试.xlsx row 6 column A (报名号)', 'duplicate_application'],
    ['笔试.xlsx row 7 column C (姓名)', 'name_mismatch'],
    ['笔试.xlsx row 8 column B (身份证号)', 'application_mismatch'],
    ['笔试.xlsx row 10 column D (成绩)', 'missing_field'],
  ]);
  assert.equal(err.details[3].message, "the application's score is given on row 2 already");
  const c = await campaign();
  assert.equal(c.selection.state, 'open');
  assert.ok(c.applications.every((a) => a.written === null));
});

test("the campaign's rules, from selections_scores, mapped back to the row", async () => {
  // 丁某 is not eligible: row 3, by application number.
  let res = await asse.upload(`${base}?stage=written&name=w.xlsx`, makeXlsx([
    ['报名号', '成绩'], [String(app.jia), '80'], [String(app.ding), '60']]));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]),
    [['w.xlsx row 3 column A (报名号)', 'not_examined']]);
  // A score above 100, by ID number in a CSV.
  res = await asse.upload(`${base}?stage=written&name=w.csv`, Buffer.from(
    `身份证号,成绩\r\n${id.jia},80\r\n${id.yi},120\r\n`));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]),
    [['w.csv line 3 column B (成绩)', 'invalid_score']]);
  // The interview is not open yet: the campaign's answer as it is.
  expectError(await asse.upload(`${base}?stage=interview`, Buffer.from(`报名号,成绩\r\n${app.jia},80\r\n`)),
    409, 'wrong_state');
  expectError(await asse.upload(`${base}?stage=final`, Buffer.from('报名号,成绩\r\n')), 400, 'invalid_query', '$.stage');
  expectError(await asse.upload(base, Buffer.from('报名号,成绩\r\n')), 400, 'invalid_query', '$.stage');
  res = await asse.upload(`${base}?stage=written`, Buffer.from('姓名,成绩\r\n'));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => d.code), ['missing_column']);
  const c = await campaign();
  assert.equal(c.selection.state, 'open');
  assert.ok(c.applications.every((a) => a.written === null));
});

test('written scores from XLSX, interview scores from a GBK CSV; each import audited', async () => {
  let res = await asse.upload(`${base}?stage=written&name=笔试.xlsx`, makeXlsx([
    WHEAD,
    [String(app.jia), '', '甲某', '80'],
    ['', id.yi, '', '90.5'],
    [String(app.eq), id.eq, '=1+1', '缺考'],
  ]));
  assert.deepEqual(await ok(res), { kind: 'scores', stage: 'written', rows: 3, imported: 3 });
  let c = await campaign();
  assert.equal(c.selection.state, 'written');
  const by = (cc) => Object.fromEntries(cc.applications.map((a) => [a.id, a]));
  assert.equal(by(c)[app.jia].written, 80);
  assert.equal(by(c)[app.yi].written, 90.5);
  assert.equal(by(c)[app.eq].written, null);
  await ok(await asse.post(`/api/v1/selections/${sel}/shortlist`, {}));

  // The interview sheet lists the shortlisted only, in their order.
  res = await asse.download(`${base}/template?stage=interview&format=csv`);
  assert.deepEqual(lines(res), ['报名号,姓名,成绩', `${app.yi},乙某,`, `${app.jia},甲某,`]);
  res = await asse.upload(`${base}?stage=interview&name=面试.csv`, gbk(
    `身份证号,姓名,成绩\r\n${id.jia},甲某,95\r\n${id.yi},乙某,70\r\n`));
  assert.deepEqual(await ok(res), { kind: 'scores', stage: 'interview', rows: 2, imported: 2 });
  c = await campaign();
  assert.equal(by(c)[app.jia].interview, 95);
  assert.equal(by(c)[app.yi].interview, 70);
  const records = await auditRecords(auditor, 'action=selection.scores');
  assert.equal(records.length, 2, 'one record an import; none of the refused files');
  assert.deepEqual(records.map((r) => r.after.detail.stage), ['interview', 'written']);
  assert.deepEqual(records[1].after.detail.scores, [
    { application_id: app.jia, score: 80 }, { application_id: app.yi, score: 90.5 },
    { application_id: app.eq, score: null }]);
});

test('the export: applications in ranking order, reasons in Chinese, formula injection escaped', async () => {
  await ok(await asse.post(`/api/v1/selections/${sel}/rank`, {}));
  let res = await asse.download(`/api/v1/exports/selections/${sel}?format=csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''%E9%80%89%E6%8B%94%E6%88%90%E7%BB%A9\.csv/);
  const post = '横琴新区管委会/经济发展局,综合科科员';
  assert.deepEqual(lines(res), [
    '单位,岗位,名次,姓名,资格审查,笔试,面试,综合成绩,排名,状态,报名号',
    `${post},1,甲某,合格,80,95,89,1,进入面试,${app.jia}`,
    `${post},2,乙某,合格,90.5,70,78.2,2,进入面试,${app.yi}`,
    `${post},,'=1+1,合格,,,,,已报名,${app.eq}`,
    `${post},,丁某,不合格：年龄 46 周岁，岗位要求不超过 35 周岁；学历低于大学本科,,,,,已报名,${app.ding}`,
  ]);
  res = await asse.download(`/api/v1/exports/selections/${sel}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const rows = readXlsx(res.bytes);
  assert.equal(rows.length, 5);
  assert.deepEqual(rows[0], ['单位', '岗位', '名次', '姓名', '资格审查', '笔试', '面试', '综合成绩', '排名', '状态', '报名号']);
  assert.equal(rows[3][3], "'=1+1");
  assert.equal(rows[2][7], '78.2');
  expectError(await asse.get('/api/v1/exports/selections/9999'), 404, 'not_found');
  const rep = await newAccount(s, 'rep1', { roles: 'reporter', unit: u.econ });
  expectError(await rep.get(`/api/v1/exports/selections/${sel}`), 403, 'forbidden');
});
