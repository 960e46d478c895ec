// Browser test on the demo data (`kaohe init` then `kaohe demo`): the
// assessor zuzhibu logs in with the demo's one-time password and changes
// it, downloads the people template (XLSX) from the People page, uploads
// that very file through the import form (its example row 示例某甲 fits the
// demo's units) and finds the new person; uploads a broken CSV (one good
// row, one with a bad ID number) and sees every problem by row and column
// and that the good row was not imported; a damaged file; the exports of
// the people list (with its filters), a person's employments and the
// units, each a download with the server's file name; and the equal-pay
// report with in-system and dispatched figures and its chart; the frontline
// of demo_deploy.c (the overdue and ending-soon postings, the projects with
// their progress and the commissioners' figures, their exports) and the
// redeployment plan of demo_plans.c with its counts. A reporter exports its
// own unit's people and has no import.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, withPage as openPage, text, STRONG, logInAs } from './browser.mjs';
import { startServer, kaohe } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { readXlsx } from '../lib/xlsx.mjs';
import { newAccount, sqlite } from '../api/client.mjs';

let server;
let browser;
let dir;
let oneTime;
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);

const TEDA = '天津经济技术开发区管委会';
const EXAMPLE = '示例某甲';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaohe-e2e-demo-'));
  const db = join(dir, 'kaohe.db');
  const init = kaohe(['init', '--db', db]);
  assert.equal(init.status, 0, init.stderr);
  const demo = kaohe(['demo', '--db', db]);
  assert.equal(demo.status, 0, demo.stderr);
  oneTime = demo.stdout.match(/^\s+zuzhibu\s+assessor\s+(\S+)\s*$/m)?.[1];
  assert.ok(oneTime, `zuzhibu's one-time password in: ${demo.stdout}`);
  server = await startServer({ db });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Logs in with the one-time password and sets a strong one in the UI.
async function logIn(page) {
  await logInAs(page, server, 'zuzhibu', oneTime, STRONG);
  oneTime = null;
}

const logInAgain = (page) => logInAs(page, server, 'zuzhibu', STRONG);

const names = (page) => page.locator('#people-table tbody tr [data-testid="person-name"]').allInnerTexts();

async function listed(page, query) {
  await page.waitForSelector(`#people-results[data-query="${query}"]:not([aria-busy])`);
}

async function search(page, q) {
  await page.fill('#people-q', q);
  await page.click('#people-search');
  await listed(page, new URLSearchParams({ q }).toString());
}

// Clicks a download link; answers { name, file } (the file saved under
// its own name in a folder of dir).
async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  assert.equal(await dl.failure(), null, `the download of ${selector} failed`);
  const name = dl.suggestedFilename();
  const file = join(mkdtempSync(join(dir, 'download-')), name);
  await dl.saveAs(file);
  return { name, file };
}

// The Content-Disposition of a link's address, fetched with the page's
// session cookie.
async function disposition(page, selector) {
  const href = await page.getAttribute(selector, 'href');
  const res = await page.context().request.get(server.url + href);
  assert.equal(res.status(), 200, await res.text());
  return res.headers()['content-disposition'];
}

const filenameStar = (name) => new RegExp(`^attachment;.*filename\\*=UTF-8''${encodeURIComponent(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');

test('demo data: import the people template, a refused file, exports, the equal-pay report', async () => {
  await withPage('demo-import', { acceptDownloads: true }, async (page) => {
    await logIn(page);
    await page.click('#nav a[href="/people"]');
    await page.waitForSelector('[data-page="people"]');
    await listed(page, '');
    const before = Number(await page.getAttribute('#people-results', 'data-total'));
    assert.ok(before >= 612, `the demo's people are listed (${before})`);

    // The import card: the kind chooses the template's address.
    await page.click('#import-toggle');
    await page.waitForSelector('#import-form', { state: 'visible' });
    assert.equal(await page.inputValue('#import-kind'), 'people');
    assert.equal(await page.getAttribute('#import-template-xlsx', 'href'), '/api/v1/imports/people/template?format=xlsx');
    await page.selectOption('#import-kind', 'employments');
    assert.equal(await page.getAttribute('#import-template-csv', 'href'), '/api/v1/imports/employments/template?format=csv');
    assert.match(await text(page, '#import-kind-hint'), /先导入人员信息/);
    await page.selectOption('#import-kind', 'people');
    assert.match(await text(page, '#import-kind-hint'), /身份证号/);

    // Download the people template and upload that very file.
    const tpl = await download(page, '#import-template-xlsx');
    assert.equal(tpl.name, '人员信息模板.xlsx');
    const rows = readXlsx(readFileSync(tpl.file));
    assert.deepEqual(rows[0].slice(0, 2), ['姓名', '身份证号']);
    assert.equal(rows[1][0], EXAMPLE);
    assert.match(await disposition(page, '#import-template-xlsx'), filenameStar('人员信息模板.xlsx'));

    // Nothing chosen: said in the browser.
    await page.click('#import-submit');
    await page.waitForSelector('#import-error:not([hidden])');
    assert.match(await text(page, '#import-error'), /请选择要导入的文件/);

    await page.setInputFiles('#import-file', tpl.file);
    await page.click('#import-submit');
    await page.waitForSelector('#import-done:not([hidden])');
    assert.match(await text(page, '#import-done'), /已导入 1 行/);
    assert.match(await text(page, '#import-done'), /（人员信息模板\.xlsx）/);
    assert.equal(await page.getAttribute('#import-done', 'data-imported'), '1');
    assert.ok(await page.locator('#import-error').isHidden());
    assert.ok(await page.locator('#import-problems').isHidden());
    // The list was read again.
    await page.waitForSelector(`#people-results[data-total="${before + 1}"]:not([aria-busy])`);

    // The new person, found by name, and its page.
    await search(page, EXAMPLE);
    assert.deepEqual(await names(page), [EXAMPLE]);
    const exampleRow = `#people-table tr[data-person-name="${EXAMPLE}"]`;
    assert.equal(await text(page, `${exampleRow} [data-testid="person-unit"]`), '办公室');
    assert.equal(await text(page, `${exampleRow} [data-testid="person-gender"]`), '女');

    // The export carries the filters and the order.
    await page.selectOption('#people-sort', 'stroke');
    await listed(page, new URLSearchParams({ q: EXAMPLE, sort: 'stroke' }).toString());
    const href = new URL(await page.getAttribute('#people-export-xlsx', 'href'), server.url);
    assert.equal(href.pathname, '/api/v1/exports/people');
    assert.equal(href.searchParams.get('q'), EXAMPLE);
    assert.equal(href.searchParams.get('sort'), 'stroke');
    assert.equal(href.searchParams.get('format'), 'xlsx');
    assert.equal(href.searchParams.get('offset'), null);
    assert.equal(new URL(await page.getAttribute('#people-export-csv', 'href'), server.url).searchParams.get('format'), 'csv');
    const list = await download(page, '#people-export-xlsx');
    assert.equal(list.name, '人员名单.xlsx');
    const exported = readXlsx(readFileSync(list.file));
    assert.equal(exported.length, 2, 'the header and the one person found');
    assert.ok(exported[1].includes(EXAMPLE), JSON.stringify(exported));
    assert.match(await disposition(page, '#people-export-xlsx'), filenameStar('人员名单.xlsx'));
    const csv = await download(page, '#people-export-csv');
    assert.equal(csv.name, '人员名单.csv');
    assert.match(readFileSync(csv.file, 'utf8'), new RegExp(EXAMPLE));

    await page.click(`${exampleRow} a`);
    await page.waitForSelector('[data-page="person"]');
    assert.equal(await text(page, '#person-name'), EXAMPLE);
    assert.equal(await text(page, '[data-testid="person-unit"]'), '办公室');
    assert.equal(await text(page, '[data-testid="person-education"]'), '硕士研究生毕业');
    const personId = await page.getAttribute('[data-page="person"]', 'data-person-id');
    assert.equal(new URL(await page.getAttribute('#history-export-xlsx', 'href'), server.url).searchParams.get('person_id'), personId);
    const history = await download(page, '#history-export-xlsx');
    assert.equal(history.name, '任职记录.xlsx');
    assert.equal(readXlsx(readFileSync(history.file)).length, 1, 'no employments yet: the header only');

    // A broken CSV: row 2 is good, row 3 has a wrong check digit. Nothing
    // is imported, and the problem is named by line and column.
    await page.click('#person-back');
    await page.waitForSelector('[data-page="people"]');
    const good = idNumber('120116', '19910305', 977);
    const wrong = idNumber('120116', '19920406', 988);
    const bad = `${wrong.slice(0, 17)}${wrong[17] === '0' ? '1' : '0'}`;
    const badCsv = join(dir, 'bad.csv');
    writeFileSync(badCsv, '姓名,身份证号,民族,政治面貌,学历,单位\r\n' +
      `测试某乙,${good},汉族,群众,大学本科毕业,${TEDA}/办公室\r\n` +
      `测试某丙,${bad},汉族,群众,21,${TEDA}/办公室\r\n`);
    await page.click('#import-toggle');
    await page.setInputFiles('#import-file', badCsv);
    await page.click('#import-submit');
    await page.waitForSelector('#import-problems:not([hidden])');
    assert.equal(await page.getAttribute('#import-error', 'data-code'), 'import_refused');
    assert.match(await text(page, '#import-error strong'), /未导入任何数据/);
    assert.match(await text(page, '#import-error [data-testid="server-message"]'), /bad\.csv/);
    const problems = page.locator('#import-problem-table tbody tr');
    assert.equal(await problems.count(), 1, 'one problem: the good row is not one');
    assert.match(await problems.locator('[data-testid="problem-field"]').innerText(), /^bad\.csv (line|row) 3 column B \(身份证号\)$/);
    assert.notEqual((await problems.locator('[data-testid="problem-code"]').innerText()).trim(), '');
    assert.notEqual((await problems.locator('[data-testid="problem-message"]').innerText()).trim(), '');
    assert.match(await text(page, '#import-nothing'), /未导入任何数据/);
    assert.ok(await page.locator('#import-done').isHidden());
    // The good row was not imported either.
    await search(page, '测试某乙');
    assert.deepEqual(await names(page), []);
    assert.match(await text(page, '#people-summary'), /没有符合条件的人员/);

    // In English the refusal keeps its table.
    await page.selectOption('#lang-switch', 'en');
    assert.match(await text(page, '#import-error strong'), /nothing was imported/);
    assert.equal(await text(page, '#import-problem-table thead th:first-child'), 'Where');
    assert.match(await text(page, '#import-nothing'), /Nothing was imported/);
    await page.selectOption('#lang-switch', 'zh-CN');

    // A file that is no spreadsheet: the server's error, no problem table.
    const damaged = join(dir, 'damaged.xlsx');
    writeFileSync(damaged, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
    await page.setInputFiles('#import-file', damaged);
    await page.click('#import-submit');
    await page.waitForSelector('#import-error[data-code="bad_xlsx"]:not([hidden])');
    assert.match(await text(page, '#import-error strong'), /文件已损坏/);
    assert.match(await text(page, '#import-error [data-testid="server-message"]'), /damaged\.xlsx/);
    assert.ok(await page.locator('#import-problems').isHidden());

    // The units with their figures, as a file.
    await page.click('#nav a[href="/units"]');
    await page.waitForSelector('[data-page="units"] li.unit');
    assert.equal(await page.getAttribute('#units-export-csv', 'href'), '/api/v1/exports/units?format=csv');
    const units = await download(page, '#units-export-xlsx');
    assert.equal(units.name, '单位编制.xlsx');
    assert.ok(readXlsx(readFileSync(units.file)).some((r) => r.includes(TEDA)), 'the committee is in the units export');

    // The equal-pay report: comparable ranks with in-system and dispatched
    // figures, and the chart.
    await page.goto(`${server.url}/pay/parity`);
    await page.waitForSelector('[data-page="parity"] #parity-report[data-date]');
    await page.waitForSelector('#parity-chart');
    const ranks = await page.locator('#parity-table tbody[data-rank]').evaluateAll((bs) => bs.map((b) => b.dataset.rank));
    assert.ok(ranks.length >= 3, `comparable ranks: ${ranks}`);
    const cell = (rank, side, k) => `#parity-table tr[data-rank="${rank}"][data-side="${side}"] [data-testid="${k}"]`;
    let both = 0;
    for (const rank of ranks) {
      const inSystem = Number(await text(page, cell(rank, 'in_system', 'count')));
      const dispatched = Number(await text(page, cell(rank, 'dispatched', 'count')));
      if (inSystem > 0 && dispatched > 0) {
        both += 1;
        for (const side of ['in_system', 'dispatched']) {
          assert.match(await text(page, cell(rank, side, 'median')), /^\d{1,3}(,\d{3})*(\.\d\d)?$/);
          const mark = `#parity-chart g[data-rank="${rank}"] g[data-side="${side}"]`;
          assert.equal(await page.getAttribute(mark, 'data-count'), String(side === 'in_system' ? inSystem : dispatched));
          assert.equal(await page.locator(`${mark} rect.chart-range`).count(), 1);
          assert.equal(await page.locator(`${mark} rect.chart-median`).count(), 1);
        }
      }
    }
    assert.ok(both >= 3, `ranks with both in-system and dispatched pay: ${both}`);
  });
});

test('demo data: the frontline — postings to follow up, the projects, the commissioners\' figures', async () => {
  await withPage('demo-frontline', { acceptDownloads: true }, async (page) => {
    await logInAgain(page);
    await page.click('#nav a[href="/frontline"]');
    await page.waitForSelector('[data-page="frontline"]');
    // demo_deploy.c, dated from today: one grassroots posting overdue, one
    // ending within 30 days.
    await page.waitForSelector('#fl-overdue-table');
    assert.equal(await text(page, '#fl-overdue [data-testid="fl-count"]'), '1');
    assert.equal(await text(page, '#fl-overdue-table [data-testid="fl-working"]'), '泰康社区');
    assert.equal(await text(page, '#fl-overdue-table [data-testid="fl-kind"]'), '下沉基层');
    assert.equal(await text(page, '#fl-ending [data-testid="fl-count"]'), '1');
    assert.equal(await text(page, '#fl-ending-table [data-testid="fl-working"]'), '泰丰社区');
    // 9 of demo_deploy.c and 18 made by the plan's decisions (demo_plans.c).
    assert.equal(await page.getAttribute('#fl-table', 'data-count'), '27');
    const csv = await download(page, '#fl-export-csv');
    assert.equal(csv.name, '一线干部.csv');
    assert.equal(readFileSync(csv.file, 'utf8').trim().split('\r\n').length, 28, 'the header and 27 assignments');

    // Six projects: two started (120 and 150 days), one with an overdue step.
    await page.click('#fl-tab-projects');
    await page.waitForSelector('#projects-list[data-count="6"]');
    const started = await page.locator('#projects-table [data-testid="project-started"]').allInnerTexts();
    assert.deepEqual(started.filter((t) => /天/.test(t)).map((t) => t.replace(/.*（(\d+) 天）/, '$1')).sort(), ['120', '150']);
    assert.deepEqual(await page.locator('#projects-table [data-testid="project-overdue"]').allInnerTexts(), ['逾期 1 项']);
    const projects = await download(page, '#projects-export-csv');
    assert.equal(projects.name, '招商项目.csv');
    assert.equal(readFileSync(projects.file, 'utf8').trim().split('\r\n').length, 31, 'the header and 6 x 5 steps');
    await page.click('#projects-table tr[data-project-name="某生物医药产业园项目"] a');
    await page.waitForSelector('[data-page="project"]');
    assert.deepEqual(await page.locator('#project-steps li').evaluateAll((l) => l.map((x) => x.dataset.state)),
      ['done', 'overdue', 'pending', 'pending', 'pending']);

    // The commissioners: 程某午 follows the started project of 120 days and
    // the one with the overdue step.
    await page.click('#fl-tab-commissioners');
    await page.waitForSelector('#commissioners-table');
    assert.equal(await page.locator('#commissioners-table tbody tr').count(), 3);
    const c = '#commissioners-table tr[data-name="程某午"]';
    // The enterprise of its started project rated 程某午 92 (demo_deploy.c).
    assert.deepEqual(await page.locator(`${c} td`).allInnerTexts(), ['2', '1', '120', '1', '92']);
    assert.deepEqual(await page.locator('#commissioners-table tr[data-name="蒋某申"] td').allInnerTexts(), ['2', '0', '—', '0', '—']);
  });
});

test('demo data: Binhai\'s redeployment plan in progress, its counts by route and unit', async () => {
  await withPage('demo-plan', { acceptDownloads: true }, async (page) => {
    await logInAgain(page);
    await page.click('#nav a[href="/frontline"]');
    await page.click('#fl-tab-plans');
    // demo_plans.c: 42 division-level cadres of seven TEDA departments,
    // 22 decided, 14 only proposed, 6 (统计局's) not proposed: 20 pending.
    const listed = '#plans-table tr[data-plan-name="滨海新区功能区体制机制改革干部调整安置方案"]';
    await page.waitForSelector(listed);
    assert.equal(await text(page, `${listed} [data-testid="plan-state"]`), '实施中');
    assert.deepEqual(await Promise.all(['total', 'pending', 'decided'].map((k) => text(page, `${listed} [data-testid="plan-${k}"]`))),
      ['42', '20', '22']);
    await page.click(`${listed} [data-testid="plan-name"] a`);
    await page.waitForSelector('#plan-entries-table');
    assert.deepEqual(await Promise.all(['total', 'decided', 'pending', 'unproposed']
      .map((k) => page.getAttribute(`[data-testid="count-${k}"]`, 'data-value'))), ['42', '22', '20', '6']);
    // Pending (proposed) / decided by route, from the fates in demo_plans.c.
    const routes = await Promise.all(['secondment', 'frontline', 'grassroots', 'stay'].map(async (r) => {
      const row = `#plan-by-route tr[data-route="${r}"]`;
      return `${await text(page, `${row} [data-testid="route-pending"]`)}/${await text(page, `${row} [data-testid="route-decided"]`)}`;
    }));
    assert.deepEqual(routes, ['4/5', '4/6', '4/7', '2/4']);
    // Grassroots all go to 泰达社区管理区: 4 proposed, 7 decided.
    const zone = page.locator('#plan-by-receiving tr', { hasText: '泰达社区管理区' });
    assert.deepEqual([await zone.locator('[data-testid="receiving-pending"]').innerText(),
      await zone.locator('[data-testid="receiving-decided"]').innerText()], ['4', '7']);
    assert.equal(await page.locator('#plan-by-home tbody tr').count(), 7);
    assert.equal(await page.getAttribute('#plan-entries', 'data-total'), '42');
    assert.equal(await page.locator('#plan-entries-table tr[data-decision="decided"]').count(), 22);
    const csv = await download(page, '#plan-export-csv');
    assert.equal(readFileSync(csv.file, 'utf8').trim().split('\r\n').length, 43, 'the header and 42 cadres');
  });
});

test('demo data: a phone-sized screen keeps the import and export controls within the width', async () => {
  await withPage('demo-phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
    await logInAgain(page);
    await page.goto(`${server.url}/people`);
    await listed(page, '');
    await page.click('#import-toggle');
    await page.waitForSelector('#import-form', { state: 'visible' });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scroll: ${width}`);
  });
});

test('demo data: a reporter exports its unit\'s people and has no import', async () => {
  const unit = sqlite(server.db, `SELECT u.id FROM unit u JOIN unit p ON p.id = u.parent_id
    WHERE u.name = '办公室' AND p.name = '${TEDA}'`);
  assert.match(unit, /^\d+$/);
  const rep = await newAccount(server, 'tedaban', { roles: 'reporter', unit });
  await withPage('demo-reporter', { acceptDownloads: true }, async (page) => {
    await logInAs(page, server, 'tedaban', rep.password);
    await page.click('#nav a[href="/people"]');
    await listed(page, '');
    assert.equal(await page.locator('#import-card').count(), 0, 'no import for a reporter');
    const total = Number(await page.getAttribute('#people-results', 'data-total'));
    assert.ok(total >= 1 && total < 100, `the office's people only: ${total}`);
    const list = await download(page, '#people-export-xlsx');
    assert.equal(list.name, '人员名单.xlsx');
    assert.equal(readXlsx(readFileSync(list.file)).length, total + 1, 'the header and the people of its unit');
  });
});
