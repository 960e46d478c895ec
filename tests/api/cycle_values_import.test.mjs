// Indicator values from a spreadsheet (docs/formats.md: Indicator values;
// docs/cycles.md): a unit's reporter downloads the sheet of its subject
// (one row per indicator of the subject's scheme, the values so far
// filled in), fills it and uploads it; rows left without a value are not
// reported; a subject that is not the reporter's, an indicator the scheme
// does not have, or a value that is not a number refuses the whole file
// with each row and column named, and changes nothing; the values entered
// carry their source and who entered them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { kaohe, startServer } from '../lib/server.mjs';
import { expectError, newAccount } from './client.mjs';

let s;
let asse;
let rep;
let id;

// hengqin-2026 extends zhuhai-base-2026: the base's leaves without
// industrial_growth, then the added group's four, then the three
// adjustments of the base.
const HENGQIN = ['gdp_growth', 'fixed_investment_growth', 'trade_growth', 'investment_attraction', 'air_quality',
  'pm25', 'water_quality', 'waste_recycling', 'urban_jobs', 'income_growth', 'livelihood_spending',
  'livelihood_projects', 'party_responsibility', 'grassroots_party', 'cadre_team', 'macao_cooperation',
  'macao_enterprises', 'commercial_registration', 'three_zeros', 'honours', 'inspection_issue', 'major_accident'];
const HEAD = '考核对象编号,考核对象,指标编号,指标名称,计量单位,实际值,目标值,数据来源';

// CSV lines into rows of cells (the template has no quoted commas here).
const rows = (text) => text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const r = kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  let res = await asse.post('/api/v1/units', { name: '珠海市委组织部', kind: 'committee' });
  res = await asse.post('/api/v1/units', { name: '横琴新区', kind: 'zone', parent_id: res.json.unit.id });
  const unit = res.json.unit.id;
  rep = await newAccount(s, 'hqrep', { roles: 'reporter', unit });
  id = (await asse.get('/api/v1/cycles')).json.items[0].id;
  res = await asse.put(`/api/v1/cycles/${id}/subjects/hengqin/unit`, { unit_id: unit });
  assert.equal(res.status, 200, res.text);
  res = await asse.post(`/api/v1/cycles/${id}/open`, { deadline: '2099-12-31' });
  assert.equal(res.status, 200, res.text);
});
after(async () => { await s?.cleanup(); });

const upload = (who, text, name = 'values.csv') =>
  who.upload(`/api/v1/imports/cycles/${id}/values?name=${name}`, Buffer.from(text));

test('the sheet of a reporter: its subject, every indicator of its scheme, the values so far', async () => {
  const res = await rep.get(`/api/v1/imports/cycles/${id}/values/template?format=csv`);
  assert.equal(res.status, 200, res.text);
  const [head, ...body] = rows(res.text);
  assert.equal(head.join(','), HEAD);
  assert.deepEqual(body.map((r) => r[0]), HENGQIN.map(() => 'hengqin'));
  assert.deepEqual(body.map((r) => r[2]), HENGQIN);
  // values.csv of the workbook: gdp_growth 5.2; urban_jobs 2610 against
  // its own target 2500; inspection_issue has no value.
  const by = Object.fromEntries(body.map((r) => [r[2], r]));
  assert.deepEqual([by.gdp_growth[5], by.gdp_growth[4], by.gdp_growth[7]], ['5.2', '%', 'values.csv']);
  assert.deepEqual([by.urban_jobs[5], by.urban_jobs[6]], ['2610', '2500']);
  assert.equal(by.inspection_issue[5], '');
  // The assessor's sheet has every subject.
  const all = await asse.get(`/api/v1/imports/cycles/${id}/values/template?format=csv`);
  assert.equal(new Set(rows(all.text).slice(1).map((r) => r[0])).size, 8);
});

test('a bad row among good ones: every problem by row and column, nothing entered', async () => {
  const file = [HEAD,
    'hengqin,横琴新区,gdp_growth,,,6.1,,横琴统计局',
    'hengqin,横琴新区,moon_landings,,,1,,',
    'xiangzhou,香洲区,gdp_growth,,,7,,',
    'hengqin,横琴新区,pm25,,,十五,,',
    'hengqin,横琴新区,air_quality,,,,,',
  ].join('\r\n');
  const res = await upload(rep, file);
  assert.equal(res.status, 400, res.text);
  const err = res.json.error;
  assert.equal(err.code, 'import_refused');
  const where = err.details.map((d) => [d.field, d.code]);
  assert.deepEqual(where, [
    ['values.csv line 3 column C (指标编号)', 'unknown_indicator'],
    ['values.csv line 4 column A (考核对象编号)', 'unknown_subject'],
    ['values.csv line 5 column F (实际值)', 'invalid_number'],
  ]);
  const v = (await asse.get(`/api/v1/cycles/${id}/values?subject=hengqin`)).json.items;
  assert.equal(v.find((x) => x.indicator === 'gdp_growth').actual, '5.2');
});

test('a good file: the values entered with their source and who entered them; empty rows left alone', async () => {
  const file = [HEAD,
    'hengqin,横琴新区,gdp_growth,,,6.1,,横琴统计局',
    'hengqin,横琴新区,inspection_issue,,,1,,市委巡察反馈',
    'hengqin,横琴新区,air_quality,,,,,',
  ].join('\r\n');
  const res = await upload(rep, file);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { kind: 'values', rows: 3, imported: 3 });
  const v = (await asse.get(`/api/v1/cycles/${id}/values?subject=hengqin`)).json.items;
  const gdp = v.find((x) => x.indicator === 'gdp_growth');
  assert.deepEqual([gdp.actual, gdp.source, gdp.entered_by], ['6.1', '横琴统计局', 'hqrep']);
  assert.equal(v.find((x) => x.indicator === 'inspection_issue').actual, '1');
  assert.equal(v.find((x) => x.indicator === 'air_quality').actual, '95.1');
  // The reporter's sheet now shows them.
  const sheet = rows((await rep.get(`/api/v1/imports/cycles/${id}/values/template?format=csv`)).text);
  assert.equal(sheet.find((r) => r[2] === 'gdp_growth')[5], '6.1');
});

test('no such cycle; an empty body', async () => {
  expectError(await rep.get(`/api/v1/imports/cycles/999999/values/template?format=csv`), 404, 'not_found');
  const empty = await upload(rep, '');
  expectError(empty, 400, 'empty_body');
});
