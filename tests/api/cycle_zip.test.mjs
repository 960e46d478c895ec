// Cycles as ZIP files over HTTP (docs/api.md: Cycles): a workbook folder
// zipped by hand (as a right-click "compress" does, with its top folder)
// uploaded as a new cycle; the cycle downloaded as a ZIP that `kaohe
// assess run` turns into exactly the results of the original folder; a
// file that is not a ZIP, and a workbook the loader refuses, named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe, startServer } from '../lib/server.mjs';
import { expectError, newAccount } from './client.mjs';

let s;
let asse;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-zip-'));

// Zips examples/NAME under a top folder NAME/ with Python's zipfile;
// edit(path, text) may change a file on the way.
function zipExample(name, edit = (p, t) => t) {
  const out = join(dir, `${name}-${Math.random().toString(36).slice(2)}.zip`);
  execFileSync('python3', ['-c', `
import os, sys, zipfile, json
src, out, name = sys.argv[1], sys.argv[2], sys.argv[3]
edits = json.loads(sys.stdin.read())
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(src):
        for f in sorted(files):
            p = os.path.join(root, f)
            rel = os.path.relpath(p, src)
            data = open(p, 'rb').read()
            if rel in edits: data = edits[rel].encode()
            z.writestr(name + '/' + rel, data)
`, `examples/${name}`, out, name], { input: JSON.stringify(edit.edits ?? {}) });
  return readFileSync(out);
}

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
});
after(async () => {
  await s?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('upload a zipped workbook, download it again, and assess run reproduces the results', async () => {
  let res = await asse.upload('/api/v1/cycles', zipExample('zhuhai-2026'), 'application/zip');
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.code, 'zhuhai-2026');
  assert.equal(res.json.subjects.length, 8);
  const id = res.json.id;
  const dl = await asse.download(`/api/v1/cycles/${id}/workbook`);
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-type'), 'application/zip');
  assert.match(dl.headers.get('content-disposition'), /filename\*=UTF-8''zhuhai-2026\.zip$/);
  const zip = join(dir, 'dl.zip');
  writeFileSync(zip, dl.bytes);
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, join(dir, 'wb')]);
  let r = kaohe(['assess', 'run', join(dir, 'wb'), '--out', join(dir, 'again')]);
  assert.equal(r.status, 0, r.stderr);
  r = kaohe(['assess', 'run', 'examples/zhuhai-2026', '--out', join(dir, 'orig')]);
  assert.equal(r.status, 0, r.stderr);
  for (const f of ['results.csv', 'trace.jsonl'])
    assert.ok(readFileSync(join(dir, 'orig', f)).equals(readFileSync(join(dir, 'again', f))), f);
  expectError(await asse.upload('/api/v1/cycles', zipExample('zhuhai-2026'), 'application/zip'), 409, 'duplicate_cycle');
});

test('not a ZIP, and a workbook the loader refuses', async () => {
  let res = await asse.upload('/api/v1/cycles', Buffer.from('subject,name\n'), 'application/zip');
  assert.equal(res.status, 400, res.text);
  assert.match(res.json.error.message, /not a ZIP/);
  const edit = (p, t) => t;
  edit.edits = { 'subjects.csv': 'id,name,category,scheme\nx,X,zone,nosuch-scheme\n' };
  res = await asse.upload('/api/v1/cycles', zipExample('liangjiang-2026', edit), 'application/zip');
  assert.equal(res.status, 400, res.text);
  assert.equal(res.json.error.code, 'workbook_refused');
  assert.deepEqual(res.json.error.details.map((d) => [d.field, d.code]), [['subjects.csv line 1', 'missing_column']]);
  assert.match(res.json.error.message, /^the uploaded workbook has 1 problem\(s\); nothing was imported$/);
  assert.equal((await asse.get('/api/v1/cycles')).json.items.length, 1);
});
