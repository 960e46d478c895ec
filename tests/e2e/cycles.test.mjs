// Browser test of the assessment cycle screens on the demo data (`kaohe
// init`, `kaohe demo`, then `kaohe cycle import` of both example
// workbooks): the assessor zuzhibu lists the cycles, opens 两江新区 2026,
// gives a subject to a unit, opens the cycle with a deadline and enters a
// value ("6%" refused under the field); a reporter of that unit sees only
// that subject and enters a value of it; the assessor issues two ballot
// codes for evaluation/staff and prints them (one slip each, print CSS), a
// rater votes with one on a phone-sized page through /vote#CODE (no
// login), the turnout says 1 of 2, the same code again is spent; a value
// for an indicator no scheme has makes the compute refuse the workbook with
// the place named, removed it computes; the results table in ranking order
// with the grade chart, a subject's explanation in both languages and its
// indicators; the confirmation (a second step) freezes the cycle and a
// value entered on a page opened before it is refused.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, withPage as openPage, text, STRONG, logInAs } from './browser.mjs';
import { startServer, kaohe } from '../lib/server.mjs';
import { newAccount, sqlite } from '../api/client.mjs';

let server;
let browser;
let dir;
let oneTime;
let cycleId;
let rep;
const codes = [];
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const TEDA = '天津经济技术开发区管委会';
const SUBJECT = 'wang_jianguo';
const SUBJECT_NAME = '王建国';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaohe-e2e-cycles-'));
  const db = join(dir, 'kaohe.db');
  const init = kaohe(['init', '--db', db]);
  assert.equal(init.status, 0, init.stderr);
  const demo = kaohe(['demo', '--db', db]);
  assert.equal(demo.status, 0, demo.stderr);
  oneTime = demo.stdout.match(/^\s+zuzhibu\s+assessor\s+(\S+)\s*$/m)?.[1];
  assert.ok(oneTime, `zuzhibu's one-time password in: ${demo.stdout}`);
  for (const wb of ['examples/liangjiang-2026', 'examples/zhuhai-2026']) {
    const r = kaohe(['cycle', 'import', wb, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
  }
  cycleId = sqlite(db, "SELECT id FROM cycle WHERE code = 'liangjiang-2026'");
  assert.match(cycleId, /^\d+$/);
  server = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The first test logs in with the one-time password and sets a strong one.
async function logIn(page) {
  await logInAs(page, server, 'zuzhibu', oneTime ?? STRONG, oneTime ? STRONG : undefined);
  oneTime = null;
}

const cyclePage = (status) => `[data-page="cycle"][data-cycle-id="${cycleId}"]${status ? `[data-status="${status}"]` : ''}`;

async function openCycle(page, status) {
  await page.goto(`${server.url}/cycles/${cycleId}`);
  await page.waitForSelector(cyclePage(status));
}

// Chooses a subject in the values card and waits for its values.
async function showValues(page, subject) {
  await page.selectOption('#values-subject', subject);
  await page.waitForSelector(`#values-list[data-subject="${subject}"]:not([aria-busy])`);
}

test('cycles: the list, a cycle, a subject given to a unit, opened with a deadline, a value entered', async () => {
  await withPage('cycles-open', {}, async (page) => {
    await logIn(page);
    await page.click('#nav a[href="/cycles"]');
    await page.waitForSelector('[data-page="cycles"] #cycles-table');
    assert.equal(await page.getAttribute('#nav a[href="/cycles"]', 'aria-current'), 'page');
    assert.equal(await text(page, '#nav a[href="/cycles"]'), '考核');
    const row = `#cycles-table tr[data-cycle-code="liangjiang-2026"]`;
    assert.equal(await page.locator('#cycles-table tbody tr').count(), 2);
    assert.equal(await text(page, `${row} [data-testid="cycle-name"]`), '两江新区 2026 年度领导干部考核');
    assert.equal(await text(page, `${row} [data-testid="cycle-kind"]`), '年度考核');
    assert.equal(await text(page, `${row} [data-testid="cycle-status"]`), '草稿');
    assert.equal(await text(page, `${row} [data-testid="cycle-deadline"]`), '—');

    // The cycle page: the steps, the subjects.
    await page.click(`${row} a`);
    await page.waitForSelector(cyclePage('draft'));
    assert.equal(await text(page, '#cycle-name'), '两江新区 2026 年度领导干部考核');
    assert.deepEqual(await page.locator('#cycle-steps li').evaluateAll((ls) => ls.map((l) => `${l.dataset.step}:${l.dataset.state}`)),
      ['draft:current', 'open:todo', 'computed:todo', 'confirmed:todo']);
    assert.equal(await page.locator('#subjects-table tbody tr').count(), 23);
    const subj = `#subjects-table tr[data-subject="${SUBJECT}"]`;
    assert.equal(await text(page, `${subj} [data-testid="subject-name"]`), SUBJECT_NAME);
    assert.equal(await text(page, `${subj} [data-testid="subject-unit"]`), '—');
    assert.equal(await text(page, `${subj} [data-testid="subject-value-count"]`), '5');
    assert.equal(await text(page, `${subj} [data-testid="subject-position"]`), '—');
    assert.equal(await page.locator('#cycle-results-link').count(), 0, 'no results before computing');

    // Give the subject to TEDA's office.
    const office = sqlite(server.db, `SELECT u.id FROM unit u JOIN unit p ON p.id = u.parent_id
      WHERE u.name = '办公室' AND p.name = '${TEDA}'`);
    await page.selectOption('#subject-unit-subject', SUBJECT);
    await page.selectOption('#subject-unit-unit', office);
    await page.click('#subject-unit-submit');
    await page.waitForSelector(`${subj}[data-unit-id="${office}"]`);
    assert.equal(await text(page, `${subj} [data-testid="subject-unit"]`), '办公室');
    assert.match(await text(page, '#subject-unit-done'), /王建国.*办公室/);

    // Open with a deadline.
    await page.fill('#open-deadline', '2099-12-31');
    await page.click('#open-submit');
    await page.waitForSelector(cyclePage('open'));
    assert.match(await text(page, '#flash'), /已开放填报/);
    assert.equal(await text(page, '#cycle-deadline'), '2099-12-31');
    assert.equal(await page.getAttribute('#cycle-steps li[data-step="open"]', 'data-state'), 'current');
    assert.equal(await page.getAttribute('#cycle-steps li[data-step="draft"]', 'data-state'), 'done');

    // A value: "6%" is refused under the field; 96 is kept with who entered it.
    await showValues(page, SUBJECT);
    assert.equal(await page.locator('#values-table tbody tr').count(), 5);
    assert.equal(await text(page, '#values-table tr[data-indicator="key_tasks"] [data-testid="value-source"]'), 'values.csv');
    assert.equal(await text(page, '#values-table tr[data-indicator="key_tasks"] [data-testid="value-by"]'), 'cli');
    await page.fill('#value-indicator', 'key_tasks');
    await page.fill('#value-actual', '6%');
    await page.click('#value-submit');
    await page.waitForSelector('#value-error[data-code="invalid_number"]:not([hidden])');
    assert.equal(await page.getAttribute('#value-error', 'data-field'), 'value-actual');
    assert.equal(await page.getAttribute('#value-actual', 'aria-invalid'), 'true');
    assert.match(await text(page, '#value-error'), /不加 %/);
    await page.fill('#value-actual', '96');
    await page.fill('#value-source', '区目标办年终核定');
    await page.click('#value-submit');
    await page.waitForSelector('#value-done:not([hidden])');
    const kt = '#values-table tr[data-indicator="key_tasks"]';
    assert.equal(await text(page, `${kt} [data-testid="value-actual"]`), '96');
    assert.equal(await text(page, `${kt} [data-testid="value-source"]`), '区目标办年终核定');
    assert.equal(await text(page, `${kt} [data-testid="value-by"]`), 'zuzhibu');
    assert.match(await text(page, `${kt} [data-testid="value-at"]`), /^\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d$/);
    assert.ok(await page.locator('#value-error').isHidden());
  });
});

test('cycles: a reporter sees only its subject and enters its value while the cycle is open', async () => {
  const office = sqlite(server.db, `SELECT u.id FROM unit u JOIN unit p ON p.id = u.parent_id
    WHERE u.name = '办公室' AND p.name = '${TEDA}'`);
  rep = await newAccount(server, 'ljban', { roles: 'reporter', unit: office });
  await withPage('cycles-reporter', {}, async (page) => {
    await logInAs(page, server, 'ljban', rep.password);
    await page.click('#nav a[href="/cycles"]');
    await page.waitForSelector('[data-page="cycles"] #cycles-table');
    assert.deepEqual(await page.locator('#cycles-table tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.cycleCode)), ['liangjiang-2026']);
    await page.click('#cycles-table tr[data-cycle-code="liangjiang-2026"] a');
    await page.waitForSelector(cyclePage('open'));
    assert.deepEqual(await page.locator('#subjects-table tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.subject)), [SUBJECT]);
    for (const id of ['#cycle-actions', '#subject-unit-form', '#ballots-card']) {
      assert.equal(await page.locator(id).count(), 0, `no ${id} for a reporter`);
    }
    assert.match(await text(page, '#values-deadline'), /2099-12-31/);
    await page.waitForSelector(`#values-list[data-subject="${SUBJECT}"]:not([aria-busy])`);
    await page.fill('#value-indicator', 'party_duty');
    await page.fill('#value-actual', '1,000');
    await page.click('#value-submit');
    await page.waitForSelector('#value-error[data-code="invalid_number"][data-field="value-actual"]:not([hidden])');
    await page.fill('#value-actual', '91');
    await page.fill('#value-source', '办公室自评');
    await page.click('#value-submit');
    await page.waitForSelector('#values-table tr[data-indicator="party_duty"][data-actual="91"]');
    assert.equal(await text(page, '#values-table tr[data-indicator="party_duty"] [data-testid="value-by"]'), 'ljban');
    // The same from a sheet: an indicator the scheme lacks refuses the
    // whole file, row by row; then conduct (90, as it was) from the
    // office's sheet.
    const head = '考核对象编号,考核对象,指标编号,指标名称,计量单位,实际值,目标值,数据来源';
    const sheet = (lines) => ({ name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from([head, ...lines].join('\r\n')) });
    await page.setInputFiles('#values-import-file', sheet([`${SUBJECT},,moon_landings,,,1,,`, `${SUBJECT},,conduct,,,90,,办公室表格`]));
    await page.click('#values-import-submit');
    await page.waitForSelector('#values-import-problems:not([hidden]) tr[data-code="unknown_indicator"]');
    assert.equal(await page.locator('#values-import-problems tbody tr').count(), 1);
    await page.setInputFiles('#values-import-file', sheet([`${SUBJECT},,conduct,,,90,,办公室表格`]));
    await page.click('#values-import-submit');
    await page.locator('#values-table tr[data-indicator="conduct"] [data-testid="value-by"]', { hasText: 'ljban' }).waitFor();
    assert.match(await text(page, '#values-table tr[data-indicator="conduct"]'), /办公室表格/);
  });
});

test('ballots: two codes printed, a vote on a phone via /vote#CODE, turnout 1 of 2, a spent code', async () => {
  await withPage('cycles-ballots', {}, async (page) => {
    await logIn(page);
    await openCycle(page, 'open');
    await page.waitForSelector('#turnout-empty:not([hidden])');
    // An unknown group is the server's refusal, under the field.
    await page.fill('#tokens-component', 'evaluation');
    await page.fill('#tokens-group', 'nobody');
    await page.fill('#tokens-count', '2');
    await page.click('#tokens-submit');
    await page.waitForSelector('#tokens-error[data-code="unknown_group"][data-field="tokens-group"]:not([hidden])');
    await page.fill('#tokens-group', 'staff');
    await page.click('#tokens-submit');
    await page.waitForSelector('#tokens-done[data-count="2"]:not([hidden])');
    const row = '#turnout-table tr[data-component="evaluation"][data-group="staff"]';
    await page.waitForSelector(`${row}[data-issued="2"][data-spent="0"]`);
    assert.equal(await text(page, `${row} [data-testid="turnout-percent"]`), '0.0%');

    // The sheet: a slip per code with the cycle, component, group, code and link.
    await page.click('#tokens-print');
    await page.waitForSelector('[data-page="sheet"][data-count="2"]');
    const slips = page.locator('#sheet-slips .slip');
    assert.equal(await slips.count(), 2);
    for (const code of await slips.evaluateAll((ls) => ls.map((l) => l.dataset.token))) {
      assert.match(code, /^[0-9A-Z]{16}$/);
      codes.push(code);
      const slip = `#sheet-slips .slip[data-token="${code}"]`;
      assert.equal(await text(page, `${slip} .slip-cycle`), '两江新区 2026 年度领导干部考核');
      assert.equal(await text(page, `${slip} .slip-component`), '民主测评 (evaluation)');
      assert.equal(await text(page, `${slip} .slip-group`), 'staff');
      assert.equal((await text(page, `${slip} .slip-code`)).replace(/ /g, ''), code);
      assert.equal(await text(page, `${slip} .slip-link`), `${server.url}/vote#${code}`);
    }
    // Printed: the slips without the header or the buttons.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('#topbar').isHidden(), 'no header on the printed sheet');
    assert.ok(await page.locator('#sheet-print').isHidden());
    assert.ok(await page.locator('#sheet-slips .slip').first().isVisible());
    await page.emulateMedia({ media: 'screen' });
    // After a reload the codes are gone: they are shown once.
    await page.reload();
    await page.waitForSelector('[data-page="sheet"] #sheet-missing');
  });

  // A rater on a phone, without an account.
  await withPage('cycles-vote', PHONE, async (page) => {
    await page.goto(`${server.url}/vote#${codes[0]}`);
    await page.waitForSelector('[data-page="vote"] #vote-form');
    assert.equal(new URL(page.url()).hash, '', 'the code is taken out of the address');
    assert.ok(await page.locator('#nav').isHidden(), 'no navigation without a session');
    assert.equal(await text(page, '#vote-cycle'), '两江新区 2026 年度领导干部考核');
    assert.equal(await text(page, '#vote-component'), '民主测评');
    assert.equal(await text(page, '#vote-group'), 'staff');
    const sets = page.locator('#vote-form fieldset.vote-subject');
    assert.equal(await sets.count(), 23);
    const first = `#vote-form fieldset[data-subject="${SUBJECT}"]`;
    assert.deepEqual(await page.locator(`${first} label.vote-choice`).allInnerTexts(), ['优秀', '称职', '基本称职', '不称职', '弃权']);
    // Not every subject chosen: said in the browser, nothing sent.
    await page.click(`${first} label[data-level="excellent"]`);
    await page.click('#vote-submit');
    await page.waitForSelector('#vote-error[data-code="missing"]:not([hidden])');
    assert.match(await text(page, '#vote-error'), /还有 22 项未选择/);
    assert.equal(await page.locator('fieldset.vote-subject.is-missing').count(), 22);
    // Choose the rest: competent, the last one abstains.
    const subjects = await sets.evaluateAll((fs) => fs.map((f) => f.dataset.subject));
    for (const [i, s] of subjects.entries()) {
      if (s === SUBJECT) continue;
      await page.click(`#vote-form fieldset[data-subject="${s}"] label[data-level="${i === subjects.length - 1 ? 'abstain' : 'competent'}"]`);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scroll on a phone: ${width}`);
    await page.click('#vote-submit');
    await page.waitForSelector('#vote-thanks:not([hidden])');
    assert.match(await text(page, '#vote-thanks'), /已计入/);
    assert.equal(await page.locator('#vote-form').count(), 0);

    // The same code again, typed in lower case with spaces: spent.
    await page.goto(`${server.url}/vote`);
    await page.waitForSelector('[data-page="vote"] #vote-code');
    await page.fill('#vote-code', codes[0].toLowerCase().replace(/(.{4})/g, '$1 '));
    await page.click('#vote-start');
    await page.waitForSelector('#vote-code-error[data-code="token_spent"]:not([hidden])');
    assert.match(await text(page, '#vote-code-error'), /已经投过票/);
    // A code that is not one.
    await page.fill('#vote-code', 'ABCDEFGHJKLMNPQR');
    await page.click('#vote-start');
    await page.waitForSelector('#vote-code-error[data-code="unknown_token"]:not([hidden])');
    // In English too.
    await page.selectOption('#lang-switch', 'en');
    assert.match(await text(page, '#vote-code-error strong'), /not known/);
  });

  // The assessor sees 1 of 2.
  await withPage('cycles-turnout', {}, async (page) => {
    await logIn(page);
    await openCycle(page, 'open');
    const row = '#turnout-table tr[data-component="evaluation"][data-group="staff"]';
    await page.waitForSelector(`${row}[data-issued="2"][data-spent="1"]`);
    assert.equal(await text(page, `${row} [data-testid="turnout-issued"]`), '2');
    assert.equal(await text(page, `${row} [data-testid="turnout-spent"]`), '1');
    assert.equal(await text(page, `${row} [data-testid="turnout-percent"]`), '50.0%');
  });
});

test('compute: a refused workbook lists its problems; the results, the grade chart and why', async () => {
  await withPage('cycles-compute', {}, async (page) => {
    await logIn(page);
    await openCycle(page, 'open');
    // A value for an indicator no scheme has: the compute is refused with the place.
    await showValues(page, SUBJECT);
    await page.fill('#value-indicator', 'moon_landings');
    await page.fill('#value-actual', '1');
    await page.click('#value-submit');
    await page.waitForSelector('#values-table tr[data-indicator="moon_landings"]');
    await page.click('#compute-submit');
    await page.waitForSelector('#compute-problems:not([hidden])');
    assert.equal(await page.getAttribute('#compute-error', 'data-code'), 'workbook_refused');
    assert.match(await text(page, '#compute-error strong'), /未作计算/);
    const problem = page.locator('#compute-problem-table tbody tr');
    assert.equal(await problem.count(), 1);
    assert.match(await problem.locator('[data-testid="problem-field"]').innerText(), /^values\.csv line \d+, column \d+$/);
    assert.equal(await problem.locator('[data-testid="problem-code"]').innerText(), 'unknown_indicator');
    assert.match(await problem.locator('[data-testid="problem-message"]').innerText(), /moon_landings/);
    assert.equal(await page.getAttribute(cyclePage(), 'data-status'), 'open', 'nothing changed');
    // Removed, it computes.
    await page.click('#values-table tr[data-indicator="moon_landings"] .value-remove');
    await page.waitForSelector('#value-done:not([hidden])');
    assert.equal(await page.locator('#values-table tr[data-indicator="moon_landings"]').count(), 0);
    await page.click('#compute-submit');
    await page.waitForSelector(cyclePage('computed'));
    assert.match(await text(page, '#flash'), /已计算/);
    const position = Number(await page.getAttribute(`#subjects-table tr[data-subject="${SUBJECT}"]`, 'data-position'));
    assert.ok(position >= 1 && position <= 23, `a position: ${position}`);

    // The results in ranking order, every column.
    await page.click('#cycle-results-link');
    await page.waitForSelector('[data-page="results"] #results-table');
    const rows = page.locator('#results-table tbody tr');
    assert.equal(await rows.count(), 23);
    assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => Number(r.dataset.position))), Array.from({ length: 23 }, (_, i) => i + 1));
    const heads = await page.locator('#results-table thead th').allInnerTexts();
    assert.deepEqual(heads, ['名次', '考核对象', '类别', '考核池', '实绩考核', '民主测评', '民意调查', '总分', '总排名', '池内排名', '等次', '等次上限', '绩效奖金（元）', '说明']);
    const mine = `#results-table tr[data-subject="${SUBJECT}"]`;
    assert.equal(await page.getAttribute(mine, 'data-position'), String(position));
    const api = await page.evaluate(async (url) => (await fetch(url)).json(), `/api/v1/cycles/${cycleId}/results`);
    const row = api.items.find((x) => x.subject === SUBJECT).row;
    for (const k of ['performance', 'evaluation', 'survey', 'total', 'rank', 'pool_rank']) {
      assert.equal(await text(page, `${mine} td[data-column="${k}"]`), row[k], k);
    }
    // The grade by its name in the cycle's definition (liangjiang-2026:
    // excellent 优秀, competent 称职, basic 基本称职, incompetent 不称职).
    const gradeName = { excellent: '优秀', competent: '称职', basic: '基本称职', incompetent: '不称职' };
    assert.equal(await text(page, `${mine} td[data-column="grade"]`), gradeName[row.grade]);
    assert.equal(await page.getAttribute(`${mine} td[data-column="grade"] span`, 'data-grade'), row.grade);
    const bonus = Number(row.bonus);
    const yuan = `${Math.floor(bonus / 100).toLocaleString('en-US')}${bonus % 100 ? `.${String(bonus % 100).padStart(2, '0')}` : ''}`;
    assert.equal(await text(page, `${mine} td[data-column="bonus"]`), yuan);
    // The grade chart: a bar per grade, the counts adding up to 23.
    const bars = await page.locator('#grade-chart g.grade-bar').evaluateAll((gs) => gs.map((g) => [g.dataset.grade, Number(g.dataset.count)]));
    const counts = {};
    for (const it of api.items) counts[it.row.grade] = (counts[it.row.grade] ?? 0) + 1;
    assert.deepEqual(Object.fromEntries(bars), counts);
    // Bars in the definition's order, best first.
    const order = ['excellent', 'competent', 'basic', 'incompetent'];
    assert.deepEqual(bars.map(([g]) => g), order.filter((g) => counts[g]));
    assert.equal(await page.locator('#grade-chart g.grade-bar rect.chart-bar').count(), bars.length);

    // Why: the explanation and the indicators of the trace.
    await page.click(`${mine} a.why-link`);
    await page.waitForSelector(`[data-page="explain"][data-subject="${SUBJECT}"] #explanation`);
    assert.equal(await text(page, '#explain-name'), SUBJECT_NAME);
    // The grade by its name in the definition, the id kept beside it.
    assert.equal(await text(page, '#explain-grade'), gradeName[row.grade]);
    assert.equal(await page.getAttribute('#explain-grade', 'data-grade'), row.grade);
    assert.match(await text(page, '#explanation'), new RegExp(`^考核对象 ${SUBJECT} ${SUBJECT_NAME}`));
    assert.match(await text(page, '#explanation'), /【民主测评】/);
    const kt = '#trace-indicators tr[data-indicator="key_tasks"]';
    assert.equal(await text(page, `${kt} [data-testid="trace-value"]`), '96');
    assert.equal(await text(page, `${kt} [data-testid="trace-target"]`), '100');
    assert.equal(await text(page, `${kt} [data-testid="trace-s"]`), '0.96');
    assert.equal(await text(page, '#trace-indicators tr[data-indicator="party_duty"] [data-testid="trace-value"]'), '91');
    // The radar of first-level indicators (liangjiang-cadre-2026): targets
    // 0.96 x 36 + 0.82 x 24 = 54.24 of 60 (90.4%), reform 0.80 x 15 = 12
    // of 15 (80%), party 0.91 x 12.5 + 0.90 x 12.5 = 22.625 of 25 (90.5%).
    assert.equal(await page.getAttribute('#profile-chart', 'data-count'), '3');
    const rate = (id) => text(page, `#profile-table tr[data-indicator="${id}"] [data-testid="profile-rate"]`);
    assert.deepEqual([await rate('targets'), await rate('reform'), await rate('party')], ['90.4', '80', '90.5']);
    const mean = Number(await text(page, '#profile-table tr[data-indicator="party"] [data-testid="profile-mean"]'));
    assert.ok(mean > 0 && mean <= 100, String(mean));
    // The explanation follows the language.
    await page.selectOption('#lang-switch', 'en');
    await page.waitForSelector('#explanation[data-lang="en"]');
    assert.match(await text(page, '#explanation'), new RegExp(`^Subject ${SUBJECT} ${SUBJECT_NAME}`));
    assert.equal(await text(page, '#trace-indicators thead th:first-child'), 'Indicator');
    await page.selectOption('#lang-switch', 'zh-CN');
    await page.waitForSelector('#explanation[data-lang="zh"]');
    await page.click('#explain-back');
    await page.waitForSelector('[data-page="results"] #results-table');
  });
});

test('confirm: a second step, then the cycle is frozen and a value is refused', async () => {
  await withPage('cycles-confirm', {}, async (page, context) => {
    await logIn(page);
    // A page opened before the confirmation, with the value form.
    const stale = await context.newPage();
    await stale.goto(`${server.url}/cycles/${cycleId}`);
    await stale.waitForSelector(cyclePage('computed'));
    await stale.waitForSelector('#value-form');

    // (A page in the background is slow to click: bring each to the front.)
    await page.bringToFront();
    await openCycle(page, 'computed');
    assert.ok(await page.locator('#confirm-box').isHidden());
    await page.click('#confirm-start');
    await page.waitForSelector('#confirm-box:not([hidden])');
    assert.match(await text(page, '#confirm-warning'), /冻结/);
    await page.click('#confirm-no');
    assert.ok(await page.locator('#confirm-box').isHidden());
    assert.equal(await page.getAttribute(cyclePage(), 'data-status'), 'computed');
    await page.click('#confirm-start');
    await page.click('#confirm-yes');
    await page.waitForSelector(cyclePage('confirmed'));
    assert.equal(await page.getAttribute('#cycle-steps li[data-step="confirmed"]', 'data-state'), 'current');
    await page.waitForSelector('#cycle-frozen');
    await page.waitForSelector('#values-frozen');
    for (const id of ['#value-form', '#cycle-actions', '#subject-unit-form', '#tokens-form']) {
      assert.equal(await page.locator(id).count(), 0, `no ${id} once confirmed`);
    }
    assert.equal(await page.locator('.value-remove').count(), 0);

    // The page opened before: entering a value is refused by the server.
    await stale.bringToFront();
    await showValues(stale, SUBJECT);
    await stale.fill('#value-indicator', 'key_tasks');
    await stale.fill('#value-actual', '99');
    await stale.click('#value-submit');
    await stale.waitForSelector('#value-error[data-code="cycle_confirmed"]:not([hidden])');
    assert.match(await text(stale, '#value-error'), /已确认并冻结/);
    await stale.close();
    await page.bringToFront();
    await showValues(page, SUBJECT);
    assert.equal(await text(page, '#values-table tr[data-indicator="key_tasks"] [data-testid="value-actual"]'), '96');

    // The list says so too.
    await page.click('#cycle-back');
    await page.waitForSelector('[data-page="cycles"] #cycles-table');
    assert.equal(await text(page, '#cycles-table tr[data-cycle-code="liangjiang-2026"] [data-testid="cycle-status"]'), '已确认');
  });
});

test('cycles: a phone-sized screen keeps the cycle and results pages within the width', async () => {
  await withPage('cycles-phone', PHONE, async (page) => {
    await logIn(page);
    for (const path of [`/cycles/${cycleId}`, `/cycles/${cycleId}/results`]) {
      await page.goto(server.url + path);
      await page.waitForSelector('[data-page="cycle"], [data-page="results"]');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no sideways scroll on ${path}: ${width}`);
    }
  });
});

test('cycles: next year\'s cycle as a copy of the confirmed one, a draft with its subjects and no values', async () => {
  await withPage('cycles-copy', {}, async (page) => {
    await logIn(page);
    await page.goto(`${server.url}/cycles`);
    await page.waitForSelector('#new-cycle');
    await page.selectOption('#copy-from', String(cycleId));
    // The code of a cycle that exists is refused.
    await page.fill('#copy-code', 'liangjiang-2026');
    await page.fill('#copy-name', '两江新区 2027 年度领导干部考核');
    await page.click('#copy-submit');
    await page.waitForSelector('#copy-error:not([hidden])');
    await page.fill('#copy-code', 'liangjiang-2027');
    await page.click('#copy-submit');
    await page.waitForSelector('[data-page="cycle"][data-status="draft"]');
    assert.equal(await text(page, '#cycle-name'), '两江新区 2027 年度领导干部考核');
    // The 23 subjects, none with a value yet.
    assert.equal(await page.locator('#subjects-table tbody tr').count(), 23);
    const values = await page.locator('#subjects-table tbody tr [data-testid="subject-value-count"]').allInnerTexts();
    assert.ok(values.length === 23 && values.every((v) => v === '0'), values.join(','));
    // A leadership team from the records: the unit itself as a subject.
    const unitId = sqlite(server.db, `SELECT u.id FROM unit u JOIN unit p ON p.id = u.parent_id
      WHERE u.name = '办公室' AND p.name = '${TEDA}'`);
    await page.selectOption('#more-kind', 'units');
    await page.selectOption('#more-unit', unitId);
    await page.fill('#more-category', 'teams');
    await page.click('#more-submit');
    await page.waitForSelector(`#subjects-table tr[data-subject="u${unitId}"]`);
    assert.equal(await page.locator('#subjects-table tbody tr').count(), 24);
    assert.equal(await text(page, `#subjects-table tr[data-subject="u${unitId}"] [data-testid="subject-name"]`), '办公室');
  });
});
