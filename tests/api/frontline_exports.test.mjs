// Exports of frontline assignments and investment projects (docs/api.md:
// Imports and exports; docs/deployment.md): the assignments list with its
// filters and a reporter's scope, a row per assignment with its state
// today in Chinese; the projects, a row per approval step with the
// project's columns repeated, the days from signing to start. Headers in
// Chinese, units as their path, formula injection escaped. Every expected
// row is written out by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { readXlsx } from '../lib/xlsx.mjs';
import { expectError, newAccount, ok } from './client.mjs';

let s;
let asse;
const u = {};
const p = {};

const lines = (res) => res.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  u.lj = await unit({ name: '两江新区', kind: 'committee' });
  u.dept = await unit({ name: '招商投资局', kind: 'department', parent_id: u.lj });
  u.park = await unit({ name: '水土园区', kind: 'park', parent_id: u.lj });
  for (const [k, name, n] of [['a', '甲某', 11], ['b', '乙某', 13]]) {
    p[k] = (await ok(await asse.post('/api/v1/people', { name, id_number: idNumber('500112', '19850101', n),
      ethnicity: '01', political_status: '01', education: '21', unit_id: u.dept }), 201)).person.id;
  }
  // 甲某: ended; 乙某: planned far ahead, its purpose starting a formula.
  const a = await ok(await asse.post('/api/v1/assignments', { person_id: p.a, kind: 'frontline',
    working_unit_id: u.park, start_date: '2025-01-01', end_date: '2025-12-31', purpose: '驻园区招商',
    document: '两江组〔2025〕3号' }), 201);
  await ok(await asse.post(`/api/v1/assignments/${a.id}/end`, { ended_on: '2025-11-30' }));
  await ok(await asse.post('/api/v1/assignments', { person_id: p.b, kind: 'commissioner',
    working_unit_id: u.park, start_date: '2099-01-01', end_date: '2099-12-31', purpose: '=HYPERLINK("x")',
    document: '两江组〔2026〕7号', assessed_by: 'home' }), 201);
  // A project with two steps of its own: the first done, the second done
  // later, then the start: 2025-03-01 to 2025-06-30 is 30 + 30 + 31 + 30 =
  // 121 days.
  const pr = await ok(await asse.post('/api/v1/projects', { name: '某智能网联汽车项目', investor: '某汽车公司',
    industry: '汽车', amount_fen: 1234567, unit_id: u.park, commissioner_id: p.b, signed_on: '2025-03-01',
    target_start: '2025-09-01', steps: [{ name: '项目备案', authority: '发展改革局', due_on: '2025-03-16' },
      { name: '施工许可', authority: '建设管理局', due_on: '2025-06-29' }] }), 201);
  await ok(await asse.post(`/api/v1/projects/${pr.id}/steps/${pr.steps[0].id}/done`, { done_on: '2025-03-10' }));
  await ok(await asse.post(`/api/v1/projects/${pr.id}/steps/${pr.steps[1].id}/done`, { done_on: '2025-06-20' }));
  await ok(await asse.post(`/api/v1/projects/${pr.id}/start`, { started_on: '2025-06-30' }));
  // And one just signed without a commissioner, its template steps all
  // past due today (2025-01-05 + 120 = 2025-05-05).
  await ok(await asse.post('/api/v1/projects', { name: '=1+1', investor: '某基金', industry: '新材料',
    amount_fen: 0, unit_id: u.dept, signed_on: '2025-01-05', target_start: '2025-12-31' }), 201);
});
after(async () => { await s?.cleanup(); });

test('assignments as CSV and XLSX: Chinese headers, paths, states, the filters', async () => {
  let res = await asse.download('/api/v1/exports/assignments?format=csv');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''%E4%B8%80%E7%BA%BF%E5%B9%B2%E9%83%A8\.csv/);
  assert.deepEqual(lines(res), [
    '姓名,类型,派出单位,工作单位,起始日期,计划截止日期,实际结束日期,状态,平时考核,任务,文号',
    '乙某,服务专员,两江新区/招商投资局,两江新区/水土园区,2099-01-01,2099-12-31,,未开始,派出单位,"\'=HYPERLINK(""x"")",两江组〔2026〕7号',
    '甲某,招商一线,两江新区/招商投资局,两江新区/水土园区,2025-01-01,2025-12-31,2025-11-30,已结束,工作单位,驻园区招商,两江组〔2025〕3号',
  ]);
  res = await asse.download('/api/v1/exports/assignments?kind=frontline&format=csv');
  assert.deepEqual(lines(res).slice(1).map((l) => l.split(',')[0]), ['甲某']);
  res = await asse.download('/api/v1/exports/assignments?state=planned');
  assert.equal(res.status, 200);
  const rows = readXlsx(res.bytes);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[1].slice(0, 9), ['乙某', '服务专员', '两江新区/招商投资局', '两江新区/水土园区',
    '2099-01-01', '2099-12-31', '', '未开始', '派出单位']);
  assert.equal(rows[1][9], '\'=HYPERLINK("x")');
  expectError(await asse.get('/api/v1/exports/assignments?kind=holiday'), 400, 'invalid_query', '$.kind');
});

test('projects as CSV and XLSX: a row per step, days to start, steps overdue today', async () => {
  let res = await asse.download('/api/v1/exports/projects?format=csv');
  assert.equal(res.status, 200);
  const head = '项目名称,投资方,行业,投资额（元）,所在单位,服务专员,签约日期,计划开工日期,实际开工日期,签约至开工天数,序号,审批事项,审批部门,应完成日期,完成日期,事项状态';
  const a = '某智能网联汽车项目,某汽车公司,汽车,12345.67,两江新区/水土园区,乙某,2025-03-01,2025-09-01,2025-06-30,121';
  const b = "'=1+1,某基金,新材料,0.00,两江新区/招商投资局,,2025-01-05,2025-12-31,,";
  // Newest signing first: the project of 2025-03-01, then that of 01-05.
  assert.deepEqual(lines(res), [head,
    `${a},1,项目备案,发展改革局,2025-03-16,2025-03-10,已完成`,
    `${a},2,施工许可,建设管理局,2025-06-29,2025-06-20,已完成`,
    `${b},1,项目备案,发展改革局,2025-01-20,,逾期`,
    `${b},2,用地手续,规划和自然资源局,2025-03-06,,逾期`,
    `${b},3,规划许可,规划和自然资源局,2025-04-05,,逾期`,
    `${b},4,环境影响评价,生态环境局,2025-04-05,,逾期`,
    `${b},5,施工许可,建设管理局,2025-05-05,,逾期`,
  ]);
  res = await asse.download('/api/v1/exports/projects');
  const rows = readXlsx(res.bytes);
  assert.equal(rows.length, 8);
  assert.deepEqual(rows[0], head.split(','));
  assert.equal(rows[1][0], '某智能网联汽车项目');
  assert.equal(Number(rows[1][3]), 12345.67);
  assert.equal(Number(rows[1][9]), 121);
  assert.equal(rows[3][0], "'=1+1");
});

test('a reporter exports the assignments of its units only, and no projects', async () => {
  const rep = await newAccount(s, 'parkrep', { roles: 'reporter', unit: u.park });
  let res = await rep.download('/api/v1/exports/assignments?format=csv');
  assert.equal(res.status, 200);
  assert.equal(lines(res).length, 3, 'both work in its park');
  const other = await ok(await asse.post('/api/v1/units', { name: '鱼复园区', kind: 'park', parent_id: u.lj }), 201);
  const rep2 = await newAccount(s, 'yufurep', { roles: 'reporter', unit: other.unit.id });
  res = await rep2.download('/api/v1/exports/assignments?format=csv');
  assert.deepEqual(lines(res), ['姓名,类型,派出单位,工作单位,起始日期,计划截止日期,实际结束日期,状态,平时考核,任务,文号']);
  expectError(await rep.get('/api/v1/exports/projects'), 403, 'forbidden');
});
