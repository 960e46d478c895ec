// `kaohe import KIND FILE` (docs/operations.md): the web import from the
// command line — all rows or none, every problem on stderr, exit 1 when
// refused, 2 on a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';

const count = (db) => execFileSync('/usr/bin/sqlite3', [db, 'SELECT count(*) FROM person'],
  { encoding: 'utf8' }).trim();

test('import people from CSV: all rows, or none with every problem listed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-import-'));
  const db = join(dir, 'k.db');
  try {
    assert.equal(kaohe(['init', '--db', db]).status, 0);
    const head = '姓名,身份证号,民族,政治面貌,学历\n';
    const good = join(dir, 'good.csv');
    writeFileSync(good, `${head}甲某一,${idNumber('120116', '19880808', 11)},汉族,群众,21\n` +
      `乙某二,${idNumber('120116', '19900101', 22)},01,13,大学本科毕业\n`);
    let r = kaohe(['import', 'people', good, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Imported 2 row\(s\) of people from .*good\.csv/);
    assert.equal(count(db), '2');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${head}丙某三,${idNumber('120116', '19920202', 31)},汉族,群众,21\n` +
      `丁某四,${idNumber('120116', '19880808', 11)},汉族,群众,21\n` +
      '戊某五,12345,汉族,群众,21\n');
    r = kaohe(['import', 'people', bad, '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^bad\.csv line 3 column B \(身份证号\): another person already has this ID number$/m);
    assert.match(r.stderr, /^bad\.csv line 4 column B \(身份证号\): /m);
    assert.match(r.stderr, /2 problem\(s\) in bad\.csv; nothing was imported/);
    assert.equal(count(db), '2', 'the good row 2 was not kept');

    assert.equal(kaohe(['import', 'salaries', good, '--db', db]).status, 2);
    r = kaohe(['import', 'people', join(dir, 'none.csv'), '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /none\.csv cannot be read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import frontline assignments from CSV: all rows or none, audited as the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-import-'));
  const db = join(dir, 'k.db');
  const sql = (q) => execFileSync('/usr/bin/sqlite3', [db, q], { encoding: 'utf8' }).trim();
  try {
    assert.equal(kaohe(['init', '--db', db]).status, 0);
    // Units written straight into the file: the command line has no
    // verb for units.
    sql("INSERT INTO unit (id, parent_id, kind, name, created_at) VALUES " +
      "(9001, NULL, 'committee', '泰达管委会', '2026-01-01T00:00:00Z'), " +
      "(9002, 9001, 'department', '商务局', '2026-01-01T00:00:00Z'), " +
      "(9003, 9001, 'zone', '西区', '2026-01-01T00:00:00Z')");
    const a = idNumber('120116', '19800101', 11);
    const people = join(dir, 'people.csv');
    writeFileSync(people, `姓名,身份证号,民族,政治面貌,学历,单位\n甲某,${a},汉族,群众,21,商务局\n`);
    assert.equal(kaohe(['import', 'people', people, '--db', db]).status, 0);

    const head = '身份证号,类型,工作单位,起始日期,计划截止日期,任务,文号\n';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${head}${a},招商一线,西区,2026-03-01,2026-12-31,驻西区招商,津开组〔2026〕5号\n` +
      `${a},挂职,西区,2026-12-01,2027-03-31,驻西区招商,津开组〔2026〕6号\n`);
    let r = kaohe(['import', 'assignments', bad, '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^bad\.csv line 3 column D \(起始日期\): the person is on the assignment of line 2 of this file from 2026-03-01 to 2026-12-31 in that time$/m);
    assert.equal(sql('SELECT count(*) FROM assignment'), '0');

    const good = join(dir, 'good.csv');
    writeFileSync(good, `${head}${a},招商一线,泰达管委会/西区,2026/3/1,2026-12-31,驻西区招商,津开组〔2026〕5号\n`);
    r = kaohe(['import', 'assignments', good, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Imported 1 row\(s\) of assignments from .*good\.csv/);
    assert.equal(sql('SELECT kind, home_unit_id, working_unit_id, start_date, end_date, assessed_by FROM assignment'),
      'frontline|9002|9003|2026-03-01|2026-12-31|working');
    assert.equal(sql("SELECT account FROM audit WHERE action = 'assignment.add'"), 'cli');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import investment projects from CSV: the approval steps of the template, all rows or none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-import-'));
  const db = join(dir, 'k.db');
  const sql = (q) => execFileSync('/usr/bin/sqlite3', [db, q], { encoding: 'utf8' }).trim();
  try {
    assert.equal(kaohe(['init', '--db', db]).status, 0);
    sql("INSERT INTO unit (id, parent_id, kind, name, created_at) VALUES " +
      "(9001, NULL, 'committee', '泰达管委会', '2026-01-01T00:00:00Z'), " +
      "(9003, 9001, 'zone', '西区', '2026-01-01T00:00:00Z')");
    const a = idNumber('120116', '19800101', 11);
    const people = join(dir, 'people.csv');
    writeFileSync(people, `姓名,身份证号,民族,政治面貌,学历\n甲某,${a},汉族,群众,21\n`);
    assert.equal(kaohe(['import', 'people', people, '--db', db]).status, 0);

    const head = '项目名称,投资方,行业,投资额（元）,建设单位,服务专员身份证号,签约日期,计划开工日期\n';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${head}电池项目,某新能源公司,新能源,500000000,泰达管委会/西区,${a},2026-03-01,2026-09-01\n` +
      '芯片项目,某芯片公司,集成电路,一亿,西区,,2026-04-01,2026-03-01\n');
    let r = kaohe(['import', 'projects', bad, '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^bad\.csv line 3 column D \(投资额（元）\): write the amount in yuan/m);
    assert.match(r.stderr, /1 problem\(s\) in bad\.csv; nothing was imported/);
    assert.equal(sql('SELECT count(*) FROM project'), '0');

    const good = join(dir, 'good.csv');
    writeFileSync(good, `${head}电池项目,某新能源公司,新能源,500000000.5,泰达管委会/西区,${a},2026/3/1,2026-09-01\n` +
      '芯片项目,某芯片公司,集成电路,120000000,西区,,2026-04-01,2026-10-01\n');
    r = kaohe(['import', 'projects', good, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Imported 2 row\(s\) of projects from .*good\.csv/);
    assert.equal(sql('SELECT name, amount_fen, unit_id, commissioner_id IS NOT NULL, signed_on, target_start FROM project ORDER BY id'),
      '电池项目|50000000050|9003|1|2026-03-01|2026-09-01\n芯片项目|12000000000|9003|0|2026-04-01|2026-10-01');
    // The template's five steps, due 15, 60, 90, 90 and 120 days after the signing.
    assert.equal(sql("SELECT group_concat(name || ':' || due_on, ',') FROM (SELECT s.name, s.due_on FROM approval_step s " +
      "JOIN project p ON p.id = s.project_id WHERE p.name = '电池项目' ORDER BY s.position)"),
    '项目备案:2026-03-16,用地手续:2026-04-30,规划许可:2026-05-30,环境影响评价:2026-05-30,施工许可:2026-06-29');
    assert.equal(sql("SELECT count(*) FROM audit WHERE action = 'project.add' AND account = 'cli'"), '2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
