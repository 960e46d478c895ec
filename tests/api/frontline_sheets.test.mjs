// The frontline's other spreadsheets (docs/api.md: Imports and exports;
// docs/formats.md; docs/deployment.md: Spreadsheets): investment projects
// (kind projects), the cadres of a redeployment plan with their proposals
// (POST /imports/plans/{id}/entries) and the applications of an open
// selection campaign (POST /imports/selections/{id}/applications). Each
// all rows or none, every refusal named by row and column, each written
// row through the service (its rules, its audit record). The XLSX files
// are made and read with tests/lib/xlsx.py; every expected value is
// written out by hand:
//   projects: 5 亿元 = 500000000 yuan = 50000000000 fen; signed
//   2026-03-01, the template's steps due 15, 60, 90, 90, 120 days later:
//   03-16, 04-30, 05-30, 05-30, 06-29;
//   applications: the post takes 35 or under and a bachelor's; on the
//   campaign's date 2026-12-01 甲某 (born 1995-01-01, bachelor's) is 31:
//   eligible; 丁某 (born 1980-01-01, college) is 46: too old and short of
//   the education, recorded with both reasons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { gbk, makeXlsx, readXlsx } from '../lib/xlsx.mjs';
import { activate, auditRecords, expectError, newAccount, ok, strong } from './client.mjs';

let s;
let asse;
let auditor;
let plan;
let sel;
const u = {};
const p = {};
const id = {};
const post = {};

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  u.bh = await unit({ name: '滨海新区管委会', kind: 'committee' });
  u.commerce = await unit({ name: '商务局', kind: 'department', parent_id: u.bh });
  u.econ = await unit({ name: '经济发展局', kind: 'department', parent_id: u.bh });
  u.zone = await unit({ name: '中新生态城', kind: 'zone', parent_id: u.bh });
  u.comm = await unit({ name: '新港社区', kind: 'community', parent_id: u.zone });
  let seq = 11;
  for (const [k, name, birth, education, unitId] of [
    ['jia', '甲某', '19950101', '21', u.commerce], ['yi', '乙某', '19960101', '21', u.commerce],
    ['bing', '丙某', '19970101', '21', u.econ], ['ding', '丁某', '19800101', '31', u.econ],
    ['wu', '戊某', '19900101', '21', null]]) {
    id[k] = idNumber('120116', birth, seq++);
    p[k] = (await ok(await asse.post('/api/v1/people', { name, id_number: id[k], ethnicity: '01',
      political_status: '01', education, unit_id: unitId }), 201)).person.id;
  }
  plan = (await ok(await asse.post('/api/v1/plans', { name: '滨海新区机构改革人员调整安置方案' }), 201)).id;
  sel = (await ok(await asse.post('/api/v1/selections', { name: '滨海新区2026年公开选调', kind: 'selection',
    as_of: '2026-12-01', written_weight: 40, ratio: 2, document: '滨组通〔2026〕20号' }), 201)).selection.id;
  for (const [k, unitId, title] of [['econ', u.econ, '综合科科员'], ['zone', u.zone, '综合科科员'],
    ['comm', u.comm, '社区专干']]) {
    const c = await ok(await asse.post(`/api/v1/selections/${sel}/posts`, { unit_id: unitId, title,
      staff_type: 'civil_servant', places: 1, rules: { age_max: 35, education: 'bachelor' } }), 201);
    post[k] = c.posts.find((x) => x.unit_id === unitId).id;
  }
});
after(async () => { await s?.cleanup(); });

// --- investment projects -------------------------------------------------------------

const PHEAD = ['项目名称', '投资方', '行业', '投资额（元）', '建设单位', '服务专员身份证号', '签约日期', '计划开工日期'];
const projects = async () => (await ok(await asse.get('/api/v1/projects'))).items;

test('the projects template: the Chinese headers and an example row', async () => {
  const rows = readXlsx((await asse.download('/api/v1/imports/projects/template')).bytes);
  assert.deepEqual(rows[0], PHEAD);
  assert.equal(rows.length, 2);
  const res = await asse.download('/api/v1/imports/projects/template?format=csv');
  assert.ok(res.bytes.toString('utf8').startsWith(`\ufeff${PHEAD.join(',')}\r\n`));
});

test('projects: a bad row among good ones leaves nothing; each problem named by row and column', async () => {
  const res = await asse.upload('/api/v1/imports/projects?name=项目.xlsx', makeXlsx([
    PHEAD,
    ['电池项目', '某新能源公司', '新能源', '500000000', '滨海新区管委会/中新生态城', id.jia, '2026-03-01', '2026-09-01'],
    ['芯片项目', '', '集成电路', '100000000', '中新生态城', '', '2026-03-01', '2026-09-01'],
    ['港口项目', '某港口集团', '物流', '1亿', '中新生态城', '', '2026-03-01', '2026-09-01'],
    ['园区项目', '某园区公司', '园区', '100', '无此单位', '', '2026-03-01', '2026-09-01'],
    ['医药项目', '某医药公司', '医药', '100', '中新生态城', '120116199901019999', '2026-03-01', '2026-09-01'],
    ['物流项目', '某物流公司', '物流', '100', '中新生态城', '', '2026-03-01', '2026-02-01'],
  ]));
  assert.equal(res.status, 400, res.text);
  const err = res.json.error;
  assert.equal(err.code, 'import_refused');
  assert.equal(err.rows, 6);
  assert.deepEqual(err.details.map((d) => [d.field, d.code]), [
    ['项目.xlsx row 3 column B (投资方)', 'invalid_field'],
    ['项目.xlsx row 4 column D (投资额（元）)', 'invalid_field'],
    ['项目.xlsx row 5 column E (建设单位)', 'unknown_unit'],
    ['项目.xlsx row 6 column F (服务专员身份证号)', 'unknown_person'],
    ['项目.xlsx row 7 column H (计划开工日期)', 'invalid_date'],
  ]);
  assert.deepEqual(await projects(), [], 'the good row 2 was not kept');
});

test('projects from a GBK CSV: amounts in yuan, the commissioner by ID number, the template\'s steps', async () => {
  const csv = `${PHEAD.join(',')}\r\n电池项目,某新能源公司,新能源,500000000,滨海新区管委会/中新生态城,${id.jia},2026/3/1,2026-09-01\r\n` +
    '芯片项目,某芯片公司,集成电路,1200.5,商务局,,2026-04-01,2026-10-01\r\n';
  assert.deepEqual(await ok(await asse.upload('/api/v1/imports/projects?name=项目.csv', gbk(csv))),
    { kind: 'projects', rows: 2, imported: 2 });
  const list = await projects();
  const battery = list.find((x) => x.name === '电池项目');
  assert.deepEqual([battery.investor, battery.industry, battery.amount_fen, battery.unit_id, battery.commissioner_id,
    battery.signed_on, battery.target_start], ['某新能源公司', '新能源', 50000000000, u.zone, p.jia, '2026-03-01', '2026-09-01']);
  const chip = list.find((x) => x.name === '芯片项目');
  assert.deepEqual([chip.amount_fen, chip.unit_id, chip.commissioner_id], [120050, u.commerce, null]);
  const one = await ok(await asse.get(`/api/v1/projects/${battery.id}`));
  const steps = (one.project ?? one).steps;
  assert.deepEqual(steps.map((x) => [x.name, x.due_on]), [
    ['项目备案', '2026-03-16'], ['用地手续', '2026-04-30'], ['规划许可', '2026-05-30'],
    ['环境影响评价', '2026-05-30'], ['施工许可', '2026-06-29']]);
  const adds = await auditRecords(auditor, 'action=project.add');
  assert.equal(adds.length, 2);
  assert.deepEqual(adds.map((r) => r.account), ['orgd', 'orgd']);
});

// --- the entries of a redeployment plan ----------------------------------------------------

const EHEAD = ['身份证号', '安置去向', '接收单位'];
const entries = async () => (await ok(await asse.get(`/api/v1/plans/${plan}/entries`))).items;

test("the plan's entries template", async () => {
  const rows = readXlsx((await asse.download(`/api/v1/imports/plans/${plan}/entries/template`)).bytes);
  assert.deepEqual(rows[0], EHEAD);
  assert.equal(rows.length, 2);
  expectError(await asse.get('/api/v1/imports/plans/9999/entries/template'), 404, 'not_found');
});

test("a plan's entries: a bad row among good ones leaves the plan as it was", async () => {
  const res = await asse.upload(`/api/v1/imports/plans/${plan}/entries?name=名单.xlsx`, makeXlsx([
    EHEAD,
    [id.jia, '招商一线', '滨海新区管委会/中新生态城'],
    [id.yi, '度假', ''],
    [id.jia, '留任', ''],
    [id.wu, '', ''],
    [id.bing, '', '新港社区'],
    [id.ding, '挂职', '经济发展局'],
    ['120116199901019999', '', ''],
  ]));
  assert.equal(res.status, 400, res.text);
  const err = res.json.error;
  assert.equal(err.code, 'import_refused');
  assert.deepEqual(err.details.map((d) => [d.field, d.code]), [
    ['名单.xlsx row 3 column B (安置去向)', 'invalid_field'],
    ['名单.xlsx row 4 column A (身份证号)', 'already_in_plan'],
    ['名单.xlsx row 5 column A (身份证号)', 'no_home_unit'],
    ['名单.xlsx row 6 column B (安置去向)', 'missing_field'],
    ['名单.xlsx row 7 column C (接收单位)', 'same_unit'],
    ['名单.xlsx row 8 column A (身份证号)', 'unknown_person'],
  ]);
  assert.equal(err.details[1].message, 'the person is added on row 2 of this file already');
  assert.deepEqual(await entries(), []);
  const one = await ok(await asse.get(`/api/v1/plans/${plan}`));
  assert.equal(one.counts.total, 0);
});

test("a plan's entries from XLSX and a GBK CSV: added with their proposals; a second time refused by row", async () => {
  let res = await asse.upload(`/api/v1/imports/plans/${plan}/entries?name=名单.xlsx`, makeXlsx([
    EHEAD,
    [id.jia, '招商一线', '滨海新区管委会/中新生态城'],
    [id.yi, 'stay', ''],
    [id.bing, '', ''],
  ]));
  assert.deepEqual(await ok(res), { kind: 'plan_entries', rows: 3, imported: 3 });
  res = await asse.upload(`/api/v1/imports/plans/${plan}/entries?name=名单.csv`,
    gbk(`${EHEAD.join(',')}\r\n${id.ding},下沉基层,新港社区\r\n`));
  assert.deepEqual(await ok(res), { kind: 'plan_entries', rows: 1, imported: 1 });
  const got = Object.fromEntries((await entries()).map((x) => [x.person_name,
    [x.home_unit_id, x.route, x.receiving_unit_id, x.decision]]));
  assert.deepEqual(got, {
    甲某: [u.commerce, 'frontline', u.zone, 'pending'],
    乙某: [u.commerce, 'stay', null, 'pending'],
    丙某: [u.econ, null, null, 'pending'],
    丁某: [u.econ, 'grassroots', u.comm, 'pending'],
  });
  res = await asse.upload(`/api/v1/imports/plans/${plan}/entries?name=again.csv`,
    Buffer.from(`${EHEAD.join(',')}\r\n${id.bing},留任,\r\n`));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code, d.message]),
    [['again.csv line 2 column A (身份证号)', 'already_in_plan', 'the person is in the plan already']]);
  assert.equal((await auditRecords(auditor, 'action=plan.add_entry')).length, 4);
  assert.equal((await auditRecords(auditor, 'action=plan.propose')).length, 3);
  expectError(await asse.upload('/api/v1/imports/plans/9999/entries', Buffer.from(`${EHEAD.join(',')}\r\n`)),
    404, 'not_found');
});

// --- the applications of an open selection campaign ------------------------------------------

const AHEAD = ['身份证号', '岗位', '单位'];
const applications = async () => (await ok(await asse.get(`/api/v1/selections/${sel}`))).applications;

test("the applications template names the campaign's first post", async () => {
  const res = await asse.download(`/api/v1/imports/selections/${sel}/applications/template?format=csv`);
  assert.equal(res.status, 200);
  const lines = res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.deepEqual(lines, ['身份证号,岗位,单位', '120116198808089029,综合科科员,经济发展局']);
  expectError(await asse.get('/api/v1/imports/selections/9999/applications/template'), 404, 'not_found');
});

test('applications: a bad row among good ones records none', async () => {
  const res = await asse.upload(`/api/v1/imports/selections/${sel}/applications?name=报名.xlsx`, makeXlsx([
    AHEAD,
    [id.jia, '综合科科员', '经济发展局'],
    [id.yi, '综合科科员', ''],
    [id.bing, '不存在的岗位', ''],
    [id.jia, '社区专干', ''],
    ['120116199901019999', '社区专干', ''],
    [id.wu, '综合科科员', '新港社区'],
  ]));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]), [
    ['报名.xlsx row 3 column C (单位)', 'ambiguous_post'],
    ['报名.xlsx row 4 column B (岗位)', 'unknown_post'],
    ['报名.xlsx row 5 column A (身份证号)', 'already_applied'],
    ['报名.xlsx row 6 column A (身份证号)', 'unknown_person'],
    ['报名.xlsx row 7 column C (单位)', 'unknown_post'],
  ]);
  assert.equal(res.json.error.details[0].message, "2 posts of the campaign are titled '综合科科员': write the unit (单位) too");
  assert.equal(res.json.error.details[2].message, 'the person applies on row 2 of this file already');
  assert.deepEqual(await applications(), []);
});

test('applications from a GBK CSV: each checked for eligibility, the ineligible recorded with the reasons', async () => {
  const csv = `${AHEAD.join(',')}\r\n${id.jia},综合科科员,滨海新区管委会/中新生态城\r\n${id.ding},社区专干,\r\n`;
  assert.deepEqual(await ok(await asse.upload(`/api/v1/imports/selections/${sel}/applications?name=报名.csv`, gbk(csv))),
    { kind: 'applications', rows: 2, imported: 2 });
  const got = Object.fromEntries((await applications()).map((a) => [a.person_name,
    [a.post_id, a.eligible, a.reasons.map((r) => r.code)]]));
  assert.deepEqual(got, {
    甲某: [post.zone, true, []],
    丁某: [post.comm, false, ['too_old', 'education']],
  });
  const res = await asse.upload(`/api/v1/imports/selections/${sel}/applications?name=again.csv`,
    gbk(`${AHEAD.join(',')}\r\n${id.jia},社区专干,\r\n`));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]),
    [['again.csv line 2 column A (身份证号)', 'already_applied']]);
  assert.equal((await auditRecords(auditor, 'action=selection.apply')).length, 2);
});

test('a closed campaign takes no applications: refused as a whole; a reporter imports nothing', async () => {
  const rep = await newAccount(s, 'rep1', { roles: 'reporter', unit: u.zone });
  expectError(await rep.upload(`/api/v1/imports/selections/${sel}/applications`, Buffer.from(`${AHEAD.join(',')}\r\n`)),
    403, 'forbidden');
  expectError(await rep.upload(`/api/v1/imports/plans/${plan}/entries`, Buffer.from(`${EHEAD.join(',')}\r\n`)),
    403, 'forbidden');
  // The first written score closes the applications.
  const apps = await applications();
  const jia = apps.find((a) => a.person_name === '甲某');
  await ok(await asse.post(`/api/v1/selections/${sel}/scores`, { stage: 'written', scores: [{ application_id: jia.id, score: 80 }] }));
  expectError(await asse.upload(`/api/v1/imports/selections/${sel}/applications?name=late.csv`,
    Buffer.from(`${AHEAD.join(',')}\r\n${id.yi},社区专干,\r\n`)), 409, 'wrong_state');
  assert.equal((await applications()).length, 2);
});
