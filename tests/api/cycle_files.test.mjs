// A draft cycle's configuration files over HTTP (docs/api.md: Cycles):
// a scheme read as JSON, a change that breaks the workbook refused with
// the loader's problems and nothing changed, a good change kept (and in
// the exported workbook), the audit record, and no change once open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe, startServer } from '../lib/server.mjs';
import { activate, auditRecords, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;
let auditor;
let id;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-files-'));
const path = 'schemes/hengqin-2026.json';

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  assert.equal(kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', s.db]).status, 0);
  id = (await asse.get('/api/v1/cycles')).json.items[0].id;
});
after(async () => {
  await s?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('a scheme as JSON; a change that breaks the weights is refused whole', async () => {
  let res = await asse.get(`/api/v1/cycles/${id}/files?path=${encodeURIComponent(path)}`);
  assert.equal(res.status, 200, res.text);
  const scheme = res.json.content;
  assert.equal(scheme.id, 'hengqin-2026');
  assert.equal(scheme.extends, 'zhuhai-base-2026');
  // The first-level weights sum to 100 (30 + 15 + 10 + 15 + 30); make it 105.
  const broken = structuredClone(scheme);
  broken.indicators.find((x) => x.id === 'economy').weight = 35;
  res = await asse.put(`/api/v1/cycles/${id}/files`, { path, content: broken });
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error.code, 'workbook_refused');
  assert.ok(res.json.error.details.length >= 1, res.text);
  res = await asse.get(`/api/v1/cycles/${id}/files?path=${encodeURIComponent(path)}`);
  assert.equal(res.json.content.indicators.find((x) => x.id === 'economy').weight, 30);
});

test('a good change is kept, exported and audited', async () => {
  const res0 = await asse.get(`/api/v1/cycles/${id}/files?path=${encodeURIComponent(path)}`);
  const scheme = res0.json.content;
  // Move 5 points from 国际化 (30) to 经济 (30): still 100.
  scheme.indicators.find((x) => x.id === 'economy').weight = 35;
  scheme.indicators.find((x) => x.id === 'intl_environment').weight = 25;
  let res = await asse.put(`/api/v1/cycles/${id}/files`, { path, content: scheme });
  assert.equal(res.status, 200, res.text);
  const r = kaohe(['cycle', 'export', String(id), join(dir, 'wb'), '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  const written = JSON.parse(readFileSync(join(dir, 'wb', path), 'utf8'));
  assert.equal(written.indicators.find((x) => x.id === 'economy').weight, 35);
  const rec = (await auditRecords(auditor, 'action=cycle.file'))[0];
  assert.equal(rec.after.path, path);
  assert.match(rec.after.before, /"economy", "weight": 30/);
  expectError(await asse.put(`/api/v1/cycles/${id}/files`, { path: '../evil.json', content: {} }), 400, 'invalid_field', '$.path');
  expectError(await asse.put(`/api/v1/cycles/${id}/files`, { path, content: [] }), 400, 'invalid_field', '$.content');
  expectError(await asse.get(`/api/v1/cycles/${id}/files?path=schemes/none.json`), 404, 'not_found');
  res = await asse.post(`/api/v1/cycles/${id}/open`, { deadline: '2099-12-31' });
  assert.equal(res.status, 200, res.text);
  expectError(await asse.put(`/api/v1/cycles/${id}/files`, { path, content: scheme }), 409, 'not_draft');
});

test('the list of configuration files: cycle.json first, then each scheme with its id', async () => {
  const res = await asse.get(`/api/v1/cycles/${id}/files`);
  assert.equal(res.status, 200, res.text);
  // examples/zhuhai-2026: cycle.json and nine schemes, each named for its id.
  const ids = ['bonded-2026', 'doumen-2026', 'gaolangang-2026', 'gaoxin-2026', 'hengqin-2026', 'jinwan-2026',
    'wanshan-2026', 'xiangzhou-2026', 'zhuhai-base-2026'];
  assert.deepEqual(res.json.items.map((f) => f.path), ['cycle.json', ...ids.map((x) => `schemes/${x}.json`)]);
  assert.deepEqual(res.json.items.slice(1).map((f) => f.id), ids);
  assert.ok(res.json.items.every((f) => f.bytes > 0));
  expectError(await asse.get(`/api/v1/cycles/${id}/files?path=results.csv`), 400, 'invalid_query', '$.path');
});
