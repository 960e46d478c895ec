// `kaohe demo` on a new database: the seed's units and quotas (seed
// README, S1, S2, S4), counted with the sqlite3 CLI. The expected numbers
// are the seed's: TEDA 35 departments and about 210 division-level cadres
// (the demo gives each department 1 正处 + 5 副处 posts: 210), Liangjiang
// 16 departments and 3 directly affiliated institutions, TEDA's 9
// communities each with a station of 8 social workers and 11 formal
// establishment posts in community management, Hengqin 108 civil servants
// and 9 public-institution staff; and the frontline of S5 (demo_deploy.c),
// dated from today: TEDA's postings in each state, Liangjiang's three
// service commissioners and six projects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe } from '../lib/server.mjs';

const TEDA = '天津经济技术开发区管委会';
const LJ = '重庆两江新区管委会';
const HQ = '珠海横琴新区管委会';

function sql(db, query) {
  return execFileSync('/usr/bin/sqlite3', [db, query], { encoding: 'utf8' }).trim();
}

// Units of a kind directly under the committee named name.
function under(db, name, kind) {
  return Number(sql(db, `SELECT count(*) FROM unit u JOIN unit p ON u.parent_id = p.id
    WHERE p.name = '${name}' AND u.kind = '${kind}'`));
}

// The sum of a quota line over the units of a kind under a committee's
// subtree.
function quotaSum(db, root, kind, line) {
  return Number(sql(db, `WITH RECURSIVE t(id) AS (
      SELECT id FROM unit WHERE name = '${root}' AND parent_id IS NULL
      UNION ALL SELECT u.id FROM unit u JOIN t ON u.parent_id = t.id)
    SELECT coalesce(sum(q.count), 0) FROM quota q JOIN unit u ON u.id = q.unit_id
    WHERE u.id IN (SELECT id FROM t) AND u.kind = '${kind}' AND q.line = '${line}'`));
}

test('demo fills a new database once with the seed units and quotas', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-demo-'));
  const db = join(dir, 'kaohe.db');
  try {
    const init = kaohe(['init', '--db', db]);
    assert.equal(init.status, 0, init.stderr);
    const demo = kaohe(['demo', '--db', db]);
    assert.equal(demo.status, 0, demo.stderr);
    assert.match(demo.stdout, /^\s+zuzhibu\s+assessor\s+\S{16}\s*$/m);
    const units = sql(db, 'SELECT count(*) FROM unit');

    const again = kaohe(['demo', '--db', db]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /no demo data was added/);
    assert.equal(sql(db, 'SELECT count(*) FROM unit'), units);

    assert.equal(sql(db, `SELECT group_concat(name, ',') FROM
      (SELECT name FROM unit WHERE parent_id IS NULL AND kind = 'committee' ORDER BY name)`),
      [TEDA, LJ, HQ].sort().join(','));
    assert.equal(under(db, TEDA, 'department'), 35);
    assert.equal(under(db, LJ, 'department'), 16);
    assert.equal(under(db, LJ, 'affiliate'), 3);
    assert.equal(sql(db, `SELECT group_concat(f.name, ',') FROM unit_function f
      JOIN unit u ON u.id = f.unit_id JOIN unit p ON p.id = u.parent_id
      WHERE u.name = '政策研究室' AND p.name = '${TEDA}' ORDER BY f.position`),
      '政策研究,法制办,司法局');

    assert.equal(sql(db, `SELECT count(*) FROM unit s JOIN unit c ON c.id = s.parent_id
      WHERE s.kind = 'station' AND c.kind = 'community'`), '9');
    assert.equal(sql(db, `SELECT count(*) FROM quota q JOIN unit s ON s.id = q.unit_id
      WHERE s.kind = 'station' AND q.line = 'social_worker' AND q.count = 8`), '9');
    assert.equal(quotaSum(db, TEDA, 'community', 'public_institution'), 11);

    assert.equal(quotaSum(db, TEDA, 'department', 'division_chief') +
      quotaSum(db, TEDA, 'department', 'division_deputy'), 210);
    assert.equal(quotaSum(db, HQ, 'department', 'civil_servant'), 108);
    assert.equal(quotaSum(db, HQ, 'department', 'public_institution'), 9);
    assert.ok(quotaSum(db, HQ, 'department', 'dispatched') >= 200);
    assert.match(sql(db, `SELECT DISTINCT document FROM quota WHERE document LIKE '津开编%'`),
      /^津开编〔2026〕\d+号$/);

    assert.equal(sql(db, `SELECT display_name FROM account WHERE username = 'zuzhibu'`),
      '组织部考核办');

    // The people (S1, S2, S4): TEDA's 210 division-level cadres, 8 social
    // workers at each of the 9 stations under one contract, 11 community
    // posts; Hengqin's 108 civil servants, 9 public-institution staff and
    // 202 dispatched staff; every one within its quotas.
    const staff = (root, type, extra = '') => Number(sql(db, `WITH RECURSIVE t(id) AS (
        SELECT id FROM unit WHERE name = '${root}' AND parent_id IS NULL
        UNION ALL SELECT u.id FROM unit u JOIN t ON u.parent_id = t.id)
      SELECT count(*) FROM employment e WHERE e.unit_id IN (SELECT id FROM t)
        AND e.staff_type = '${type}' ${extra}`));
    assert.equal(staff(TEDA, 'civil_servant', "AND e.post_level IN ('division_chief', 'division_deputy')"), 210);
    assert.equal(staff(TEDA, 'social_worker'), 72);
    assert.equal(sql(db, `SELECT group_concat(n) FROM (SELECT count(*) AS n FROM employment e
      JOIN unit s ON s.id = e.unit_id WHERE s.kind = 'station' GROUP BY s.id)`), '8,8,8,8,8,8,8,8,8');
    assert.equal(staff(TEDA, 'public_institution'), 11);
    assert.equal(staff(HQ, 'civil_servant'), 108);
    assert.equal(staff(HQ, 'public_institution'), 9);
    assert.equal(staff(HQ, 'dispatched'), 202);
    assert.equal(sql(db, 'SELECT count(*) FROM employment WHERE over_quota_reason IS NOT NULL'), '0');
    assert.equal(sql(db, `SELECT count(*) FROM employment WHERE staff_type IN ('dispatched', 'social_worker')
      AND contract_id IS NULL`), '0');
    // Fictional: every name is surname + 某 + one character, every ID
    // number's sequence is 9xx.
    assert.equal(sql(db, "SELECT count(*) FROM person WHERE name NOT LIKE '_某_' OR substr(id_number, 15, 1) <> '9'"), '0');
    // 632 of S1, S2, S4, Liangjiang's 3 service commissioners and TEDA's
    // 8 graduates applying in the recruitment campaign.
    assert.equal(sql(db, 'SELECT count(*) FROM person'), '643');
    // S5's campaigns: Zhuhai's selection for Hengqin ranked, two posts of
    // one place at 1:3, each ranked place on the shortlist; TEDA's
    // recruitment open: of the 8 graduates, 韩, 曹 (985 masters), 魏 (211
    // master) and 夏 (211 doctor) are eligible; 潘 (not 211), 杜 (a
    // bachelor, not 211), 戴 (born 1994-12-30: 32 on 2026-12-31) and 钟
    // (not 211) are not.
    assert.equal(sql(db, "SELECT group_concat(kind || ':' || state, ',') FROM selection"),
      'selection:ranked,recruitment:open');
    assert.equal(sql(db, `SELECT count(*) FROM selection_application a JOIN selection s ON s.id = a.selection_id
      WHERE s.kind = 'selection' AND a.place IS NOT NULL AND (a.shortlisted = 0 OR a.eligible = 0)`), '0');
    assert.equal(sql(db, `SELECT group_concat(p.name || ':' || a.eligible, ',') FROM (SELECT * FROM
      selection_application ORDER BY id) a JOIN person p ON p.id = a.person_id JOIN selection s ON
      s.id = a.selection_id WHERE s.kind = 'recruitment'`),
      '韩某甲:1,曹某乙:1,魏某丙:1,潘某丁:0,杜某戊:0,戴某己:0,夏某庚:1,钟某辛:0');
    // S2: TEDA's self-set establishment staff are graduates of 985 and
    // 211 universities.
    assert.equal(staff(TEDA, 'self_set'), 20);
    assert.equal(sql(db, `SELECT count(*) FROM person WHERE staff_type = 'self_set'
      AND school_tier IN ('985', '211') AND school IS NOT NULL`), '20');

    // The pay scale of S3, exactly: civilian 7 positions, 11 grades,
    // 3,500-14,900 yuan; technical 7, 9, 3,300-11,900; other 8 levels, 8
    // grades, 1,950-5,100; the two special posts with negotiated pay; all
    // 202 dispatched staff placed on it.
    assert.equal(sql(db, `SELECT group_concat(x, ';') FROM (SELECT s.code || ':' ||
        (SELECT count(*) FROM position p WHERE p.sequence_id = s.id AND p.negotiated = 0) || ':' ||
        count(g.grade) || ':' || min(g.monthly_fen) || ':' || max(g.monthly_fen) AS x
      FROM pay_sequence s JOIN pay_grade g ON g.sequence_id = s.id GROUP BY s.id ORDER BY s.ord)`),
      'civilian:7:11:350000:1490000;technical:7:9:330000:1190000;other:8:8:195000:510000');
    assert.equal(sql(db, `SELECT group_concat(name, ',') FROM (SELECT name FROM position
      WHERE negotiated = 1 ORDER BY name)`), ['特级技术顾问', '特级行政专员'].sort().join(','));
    assert.equal(sql(db, 'SELECT count(DISTINCT employment_id) FROM pay_assignment'), '202');

    // S5, dated from today: two of each kind of TEDA posting (one
    // secondment ended, the other current), three commissioners, and the
    // plan's decided postings (demo_plans.c): 6 frontline, 7 grassroots,
    // 5 secondments.
    assert.equal(sql(db, `SELECT group_concat(x, ';') FROM (SELECT kind || ':' || count(*) || ':' ||
      count(ended_on) AS x FROM assignment GROUP BY kind ORDER BY kind)`),
    'commissioner:3:0;frontline:8:0;grassroots:9:0;secondment:7:1');
    const today = "date('now', 'localtime')";
    // One grassroots posting overdue (ended 15 days ago, not ended), one
    // ending within 30 days; one frontline posting not begun.
    assert.equal(sql(db, `SELECT count(*) FROM assignment WHERE ended_on IS NULL AND end_date < ${today}`), '1');
    assert.equal(sql(db, `SELECT count(*) FROM assignment WHERE ended_on IS NULL AND end_date >= ${today}
      AND end_date <= date(${today}, '+30 days')`), '1');
    assert.equal(sql(db, `SELECT count(*) FROM assignment WHERE start_date > ${today}`), '1');
    // Six projects of three commissioners, five template steps each; two
    // started, 120 and 150 days after signing; one step overdue.
    assert.equal(sql(db, `SELECT group_concat(n) FROM (SELECT count(*) AS n FROM project
      GROUP BY commissioner_id)`), '2,2,2');
    assert.equal(sql(db, 'SELECT count(*) FROM approval_step'), '30');
    assert.equal(sql(db, `SELECT group_concat(d) FROM (SELECT CAST(julianday(started_on) - julianday(signed_on)
      AS INTEGER) AS d FROM project WHERE started_on IS NOT NULL ORDER BY d)`), '120,150');
    assert.equal(sql(db, `SELECT count(*) FROM approval_step WHERE done_on IS NULL AND due_on < ${today}`), '1');
    // The redeployment plan (demo_plans.c): in progress, 42 division-level
    // cadres of seven TEDA departments (6 each); by the fates written
    // there, 22 decided (F 6, S 5, G 7, T 4), 14 only proposed (f 4, s 4,
    // g 4, t 2), 6 not proposed (统计局's).
    assert.equal(sql(db, "SELECT name || ':' || state FROM plan"), '滨海新区功能区体制机制改革干部调整安置方案:in_progress');
    assert.equal(sql(db, `SELECT group_concat(x, ';') FROM (SELECT decision || ':' || coalesce(route, '-') || ':' ||
      count(*) AS x FROM plan_entry GROUP BY decision, route ORDER BY decision, route)`),
    'decided:frontline:6;decided:grassroots:7;decided:secondment:5;decided:stay:4;' +
      'pending:-:6;pending:frontline:4;pending:grassroots:4;pending:secondment:4;pending:stay:2');
    // Receiving units in turn (frontline 投资促进局, 投资促进局, 商务局;
    // secondment 行政审批局, 市场监督管理局; grassroots 泰达社区管理区),
    // every one within its free places: nothing over quota.
    assert.equal(sql(db, `SELECT group_concat(x, ';') FROM (SELECT u.name || ':' || count(*) AS x FROM plan_entry e
      JOIN unit u ON u.id = e.receiving_unit_id GROUP BY u.name ORDER BY count(*), u.name)`),
    '商务局:3;市场监督管理局:4;行政审批局:5;投资促进局:7;泰达社区管理区:11');
    assert.equal(sql(db, 'SELECT count(*) FROM plan_entry WHERE over_quota_reason IS NOT NULL'), '0');
    assert.equal(sql(db, `SELECT count(*) FROM plan_entry e JOIN assignment a ON a.id = e.assignment_id
      WHERE a.start_date <= ${today} AND a.end_date > date(${today}, '+30 days')`), '18');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
