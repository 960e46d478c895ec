// `kaohe cycle` (docs/cycles.md): a workbook folder imported as a cycle
// in the database, computed there, and exported as a folder that `kaohe
// assess run` reproduces exactly — results.csv and trace.jsonl byte for
// byte equal to those of the original folder, and to what the server
// stored. A refused workbook stores nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe } from '../lib/server.mjs';

const sql = (db, q) => execFileSync('/usr/bin/sqlite3', [db, q], { encoding: 'utf8' });

for (const example of ['zhuhai-2026', 'liangjiang-2026']) {
  test(`${example}: import, compute, export, and assess run reproduces it exactly`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-cycle-'));
    const db = join(dir, 'k.db');
    try {
      assert.equal(kaohe(['init', '--db', db]).status, 0);
      let r = kaohe(['cycle', 'import', `examples/${example}`, '--db', db]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Cycle 1 \\(${example}\\) imported`));
      r = kaohe(['cycle', 'compute', example, '--db', db]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(sql(db, 'SELECT status FROM cycle').trim(), 'computed');
      r = kaohe(['cycle', 'export', '1', join(dir, 'out'), '--db', db]);
      assert.equal(r.status, 0, r.stderr);
      r = kaohe(['assess', 'run', join(dir, 'out'), '--out', join(dir, 'again')]);
      assert.equal(r.status, 0, r.stderr);
      r = kaohe(['assess', 'run', `examples/${example}`, '--out', join(dir, 'orig')]);
      assert.equal(r.status, 0, r.stderr);
      for (const f of ['results.csv', 'trace.jsonl']) {
        const orig = readFileSync(join(dir, 'orig', f));
        assert.ok(orig.equals(readFileSync(join(dir, 'again', f))), `${f} of the export`);
        // sqlite3 prints a line break after the value.
        assert.equal(sql(db, `SELECT body FROM cycle_file WHERE path = '${f}'`), `${orig}\n`, `${f} stored`);
      }
      // The stored rows: one per subject, in ranking order.
      const lines = readFileSync(join(dir, 'orig', 'results.csv'), 'utf8').trim().split('\n');
      assert.equal(sql(db, 'SELECT group_concat(subject) FROM (SELECT subject FROM cycle_result ORDER BY position)').trim(),
        lines.slice(1).map((l) => l.split(',')[0]).join(','));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a workbook the loader refuses is not imported; explain names the subject', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-cycle-'));
  const db = join(dir, 'k.db');
  try {
    assert.equal(kaohe(['init', '--db', db]).status, 0);
    cpSync('examples/zhuhai-2026', join(dir, 'bad'), { recursive: true });
    const values = join(dir, 'bad', 'values.csv');
    writeFileSync(values, readFileSync(values, 'utf8').replace('xiangzhou,gdp_growth,5.4,', 'xiangzhou,gdp_growth,five,'));
    let r = kaohe(['cycle', 'import', join(dir, 'bad'), '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^values\.csv line 2, column 22: 'five' is not a number$/m);
    assert.equal(sql(db, 'SELECT count(*) FROM cycle').trim(), '0');
    assert.equal(kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', db]).status, 0);
    r = kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /there is a cycle 'zhuhai-2026' already/);
    r = kaohe(['cycle', 'explain', 'zhuhai-2026', 'hengqin', '--lang', 'en', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Subject hengqin 横琴新区/);
    r = kaohe(['cycle', 'explain', 'zhuhai-2026', 'atlantis', '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no subject 'atlantis'/);
    assert.equal(kaohe(['cycle', 'compute', 'nosuch', '--db', db]).status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
