// `kaohe assess check` and `explain` on the golden workbook `minimal`,
// whose numbers are worked out by hand in tests/golden/minimal/README.md:
// D1: gdp 8/8 -> 60 points, service (40-30)/15 -> 26.6667, performance
// 86.6667, evaluation 90, total 88.0000, competent (excellent needs 90);
// D2: gdp 6/8 -> 45, service 13.3333, performance 58.3333, evaluation 70,
// total 63.0000, basic (excellent needs 90, competent 70).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe } from '../lib/server.mjs';

const MINIMAL = 'tests/golden/minimal';

test('explain in Chinese gives every number of D1 and why not excellent', () => {
  const r = kaohe(['assess', 'explain', MINIMAL, 'D1', '--lang', 'zh']);
  assert.equal(r.status, 0, r.stderr);
  for (const line of [
    '总分 88.0000，总排名第 1 名，池内第 1 名，等次：称职',
    '【实绩考核】权重 60%，得分 86.6667',
    '地区生产总值增长率：实际值 8，目标 8，完成率法，得分比例 1.0000，得分 60.0000（满分 60.0000）',
    '服务业增加值比重：实际值 40，目标 45，区间线性法，得分比例 0.6667，得分 26.6667（满分 40.0000）',
    '【民主测评】权重 40%，得分 90.0000',
    '“优秀”需要总分不低于 90，本对象 88.0000',
  ]) assert.ok(r.stdout.includes(line), `missing: ${line}\n${r.stdout}`);
});

test('explain in English says why D2 is neither excellent nor competent', () => {
  const r = kaohe(['assess', 'explain', MINIMAL, 'D2', '--lang', 'en']);
  assert.equal(r.status, 0, r.stderr);
  for (const line of [
    'Total 63.0000, rank 2 overall and 2 in the pool, grade: 基本称职',
    'value 6, target 8, ratio rule, fraction 0.7500, points 45.0000 of 60.0000',
    '[民主测评] weight 40%, score 70.0000',
    '"优秀" needs a total of at least 90; this subject has 63.0000',
    '"称职" needs a total of at least 70; this subject has 63.0000',
  ]) assert.ok(r.stdout.includes(line), `missing: ${line}\n${r.stdout}`);
});

test('explain refuses an unknown subject (1) and a bad language (2)', () => {
  const r = kaohe(['assess', 'explain', MINIMAL, 'NOPE']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no subject 'NOPE'/);
  assert.equal(kaohe(['assess', 'explain', MINIMAL, 'D1', '--lang', 'fr']).status, 2);
  assert.equal(kaohe(['assess', 'frobnicate', MINIMAL]).status, 2);
});

test('check accepts a valid workbook and lists every problem of a bad one', () => {
  const ok = kaohe(['assess', 'check', MINIMAL]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /valid: 2 subjects/);

  const dir = mkdtempSync(join(tmpdir(), 'kaohe-check-'));
  try {
    cpSync(MINIMAL, dir, { recursive: true });
    rmSync(join(dir, 'expected'), { recursive: true, force: true });
    // Two problems in two files: a non-numeric value and an unknown subject.
    const values = readFileSync(join(dir, 'values.csv'), 'utf8').split('\n');
    values[1] = values[1].replace(/,[^,]*$/, ',abc');
    values.splice(values.length - 1, 0, 'D9,gdp,5,');
    writeFileSync(join(dir, 'values.csv'), values.join('\n') + '\n');
    const before = readdirSync(dir).sort();
    const bad = kaohe(['assess', 'check', dir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /values\.csv line 2/);
    assert.match(bad.stderr, /D9/);
    assert.match(bad.stderr, /2 problems; nothing was written/);
    const run = kaohe(['assess', 'run', dir]);
    assert.equal(run.status, 1);
    assert.deepEqual(readdirSync(dir).sort(), before, 'a refused run writes nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
