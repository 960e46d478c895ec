// Browser test of the scheme editor (issue 5, point 1: 一区一体系) on the
// Zhuhai workbook (`kaohe init`, then `kaohe cycle import
// examples/zhuhai-2026`): an assessor follows the cycle page's link to the
// customised scheme hengqin-2026 and sees it as a diff against its base
// zhuhai-base-2026 (industrial_growth removed, intl_environment added,
// seven weights replaced); a rule the engine refuses (a ratio's target of
// 0) is the server's refusal, listed with its place and the row marked; a
// first-level weight changed so the top sums to 105 is marked and the save
// is not offered, a group's sum likewise; moving 5 points to another group
// makes it 100, the save is kept (read back through the API and after a
// reload); the base scheme has no diff; English; a phone-sized screen.
// Once the cycle is opened (POST …/open through the API) the editor is
// read-only with a note.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, withPage as openPage, text, logInAs } from './browser.mjs';
import { startServer, kaohe } from '../lib/server.mjs';
import { newAccount, sqlite } from '../api/client.mjs';

let server;
let browser;
let dir;
let assessor;
let cycleId;
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SCHEME = 'hengqin-2026';
const BASE = 'zhuhai-base-2026';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaohe-e2e-schemes-'));
  const db = join(dir, 'kaohe.db');
  const init = kaohe(['init', '--db', db]);
  assert.equal(init.status, 0, init.stderr);
  const imp = kaohe(['cycle', 'import', 'examples/zhuhai-2026', '--db', db]);
  assert.equal(imp.status, 0, imp.stderr);
  cycleId = sqlite(db, "SELECT id FROM cycle WHERE code = 'zhuhai-2026'");
  assert.match(cycleId, /^\d+$/);
  server = await startServer({ db });
  assessor = await newAccount(server, 'kaoping', { roles: 'assessor' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const logIn = (page) => logInAs(page, server, 'kaoping', assessor.password);

const editor = (scheme, editable) => `[data-page="scheme"][data-scheme="${scheme}"]${editable === undefined ? '' : `[data-editable="${editable}"]`}`;
const row = (id) => `#scheme-tree tr[data-id="${id}"]`;
const weight = (id) => `${row(id)} [data-field="weight"]`;
const ids = (page, sel) => page.locator(sel).evaluateAll((ls) => ls.map((l) => l.dataset.id));
const file = async (path) => {
  const r = await assessor.get(`/api/v1/cycles/${cycleId}/files?path=${encodeURIComponent(path)}`);
  assert.equal(r.status, 200, r.text);
  return r.json.content;
};

test('schemes: a customised scheme as a diff against its base; sums checked live; saved', async () => {
  await withPage('schemes-edit', {}, async (page) => {
    await logIn(page);
    await page.goto(`${server.url}/cycles/${cycleId}`);
    await page.waitForSelector('[data-page="cycle"] #schemes-card');
    // A link per scheme the subjects use: eight, each named by its id.
    assert.equal(await page.locator('#scheme-list li').count(), 8);
    assert.match(await text(page, `#scheme-list li[data-scheme="${SCHEME}"]`), /横琴新区/);
    await page.click(`#scheme-list a[data-scheme="${SCHEME}"]`);
    await page.waitForSelector(editor(SCHEME, true));
    assert.equal(new URL(page.url()).pathname, `/cycles/${cycleId}/schemes/${SCHEME}`);
    assert.equal(await text(page, '#scheme-title'), '横琴新区 2026 年度实绩考核指标体系');
    assert.equal(await text(page, '#scheme-base-link'), BASE);
    assert.equal(await text(page, '#scheme-users'), '横琴新区');
    assert.equal(await page.locator('#scheme-readonly').count(), 0);

    // The diff against the base.
    assert.deepEqual(await ids(page, '#diff-removed li'), ['industrial_growth']);
    assert.deepEqual(await ids(page, '#diff-added li'), ['intl_environment']);
    assert.match(await text(page, '#diff-added li[data-id="intl_environment"]'), /30.*4/s);
    assert.deepEqual(await ids(page, '#diff-replaced li'),
      ['economy', 'gdp_growth', 'fixed_investment_growth', 'investment_attraction', 'liveable', 'livelihood', 'party']);
    const economyChange = '#diff-replaced li[data-id="economy"] .diff-change[data-field="weight"]';
    assert.equal(await page.getAttribute(economyChange, 'data-from'), '40');
    assert.equal(await page.getAttribute(economyChange, 'data-to'), '30');
    assert.equal(await page.getAttribute('#diff-replaced li[data-id="economy"]', 'data-fields'), 'weight');
    // The same in the tree: rows marked, the removed one in place and flagged.
    assert.equal(await page.getAttribute(row('economy'), 'data-change'), 'replaced');
    assert.equal(await page.getAttribute(row('trade_growth'), 'data-change'), 'same');
    assert.equal(await page.getAttribute(row('industrial_growth'), 'data-change'), 'removed');
    assert.ok(await page.locator(`${row('industrial_growth')} [data-field="remove"]`).isChecked());
    assert.equal(await page.getAttribute(row('intl_environment'), 'data-change'), 'added');
    assert.equal(await page.getAttribute(row('macao_enterprises'), 'data-change'), 'added');
    assert.equal(await page.getAttribute(row('macao_enterprises'), 'data-depth'), '1');
    // Rules and their parameters.
    assert.equal(await page.inputValue(`${row('macao_enterprises')} [data-field="kind"]`), 'ratio');
    assert.equal(await page.inputValue(`${row('macao_enterprises')} [data-param="target"]`), '500');
    assert.equal(await page.inputValue(`${row('macao_enterprises')} [data-param="cap"]`), '1.2');
    assert.equal(await page.inputValue(`${row('pm25')} select[data-param="better"]`), 'lower');
    assert.equal(await page.inputValue(`${row('fixed_investment_growth')} [data-param="per_unit"]`), '0.04');
    // Sums and points: economy 30 × gdp_growth 35% = 10.5 points.
    assert.equal(await page.getAttribute('#scheme-top-sum', 'data-sum'), '100');
    assert.equal(await page.getAttribute(row('economy'), 'data-sum'), '100');
    assert.equal(await text(page, `${row('gdp_growth')} [data-testid="node-points"]`), '10.5');
    // Nothing changed yet: nothing to save.
    assert.ok(await page.locator('#scheme-save').isDisabled());
    await page.waitForSelector('#scheme-clean:not([hidden])');
    // Adjustments, inherited from the base.
    assert.deepEqual(await ids(page, '#scheme-adjustments tbody tr'), ['honours', 'inspection_issue', 'major_accident']);
    assert.equal(await page.inputValue('#scheme-adjustments tr[data-id="honours"] [data-field="max"]'), '3');

    // A rule the engine refuses (a ratio's target of 0): the server's
    // refusal is listed with its place, and the row is marked.
    await page.fill(`${row('macao_enterprises')} [data-param="target"]`, '0');
    assert.ok(await page.locator('#scheme-save').isEnabled());
    await page.click('#scheme-save');
    await page.waitForSelector('#scheme-problems:not([hidden])');
    assert.equal(await page.getAttribute('#scheme-error', 'data-code'), 'workbook_refused');
    const problem = page.locator('#scheme-problem-table tbody tr');
    assert.ok(await problem.count() >= 1);
    assert.match(await problem.first().locator('[data-testid="problem-field"]').innerText(), /^schemes\/hengqin-2026\.json \$\.indicators\[\d+\]\.children\[1\]\.rule\.target$/);
    await page.waitForSelector(`${row('macao_enterprises')}.has-problem`);
    assert.equal((await file(`schemes/${SCHEME}.json`)).indicators.find((p) => p.id === 'intl_environment').children[1].rule.target, 500, 'nothing changed');
    // Given up: back to the file as it is.
    await page.click('#scheme-reset');
    assert.equal(await page.inputValue(`${row('macao_enterprises')} [data-param="target"]`), '500');
    assert.ok(await page.locator('#scheme-problems').isHidden());
    assert.ok(await page.locator('#scheme-save').isDisabled());

    // A first-level weight up by 5: the top sums to 105, marked; no save.
    await page.fill(weight('economy'), '35');
    await page.waitForSelector('#scheme-top-sum[data-ok="false"][data-sum="105"]');
    assert.match(await text(page, '#scheme-top-sum'), /105.*100/s);
    assert.ok(await page.locator('#scheme-save').isDisabled());
    await page.waitForSelector('#scheme-blockers li[data-code="top_sum"]');
    assert.match(await text(page, '#scheme-blockers'), /105/);
    assert.equal(await page.getAttribute('#diff-replaced li[data-id="economy"] .diff-change[data-field="weight"]', 'data-to'), '35');
    // A group's children likewise (gdp_growth 35 → 40: economy's children sum to 105).
    await page.fill(weight('gdp_growth'), '40');
    await page.waitForSelector(`${row('economy')}.sum-bad[data-sum="105"][data-sum-ok="false"]`);
    assert.match(await text(page, `${row('economy')} [data-testid="node-sum"]`), /105.*100/s);
    assert.equal(await page.locator('#scheme-blockers li').count(), 2);
    await page.fill(weight('gdp_growth'), '35');
    await page.waitForSelector(`${row('economy')}[data-sum-ok="true"]:not(.sum-bad)`);
    assert.ok(await page.locator('#scheme-save').isDisabled(), 'the top still sums to 105');

    // 5 points moved from party: 100 again, and it saves.
    await page.fill(weight('party'), '10');
    await page.waitForSelector('#scheme-top-sum[data-ok="true"][data-sum="100"]');
    assert.ok(await page.locator('#scheme-blockers').isHidden());
    assert.ok(await page.locator('#scheme-save').isEnabled());
    assert.equal(await page.getAttribute('#diff-replaced li[data-id="party"] .diff-change[data-field="weight"]', 'data-to'), '10');
    assert.equal(await text(page, `${row('gdp_growth')} [data-testid="node-points"]`), '12.25');
    await page.click('#scheme-save');
    await page.waitForSelector('#scheme-done:not([hidden])');
    assert.ok(await page.locator('#scheme-save').isDisabled(), 'nothing left to save');
    // The file on the server: the same patches, with the new weights.
    const saved = await file(`schemes/${SCHEME}.json`);
    assert.equal(saved.extends, BASE);
    const patch = Object.fromEntries(saved.indicators.map((p) => [p.id, p]));
    assert.equal(patch.economy.weight, 35);
    assert.equal(patch.party.weight, 10);
    assert.deepEqual(patch.industrial_growth, { id: 'industrial_growth', remove: true });
    assert.equal(patch.intl_environment.children.length, 4);
    assert.equal(patch.trade_growth, undefined, 'an unchanged indicator is not patched');

    // Kept after a reload.
    await page.reload();
    await page.waitForSelector(editor(SCHEME, true));
    assert.equal(await page.inputValue(weight('economy')), '35');
    assert.equal(await page.inputValue(weight('party')), '10');
    assert.equal(await page.getAttribute('#scheme-top-sum', 'data-sum'), '100');
    assert.deepEqual(await ids(page, '#diff-removed li'), ['industrial_growth']);
    assert.deepEqual(await ids(page, '#diff-added li'), ['intl_environment']);
    assert.ok(await page.locator('#scheme-save').isDisabled());

    // In English.
    await page.selectOption('#lang-switch', 'en');
    assert.equal(await text(page, '#scheme-top-sum'), 'Top-level weights sum to 100');
    assert.equal(await text(page, '#scheme-save'), 'Save the scheme');
    await page.selectOption('#lang-switch', 'zh-CN');

    // The base: a whole scheme, no diff, used by no subject directly.
    await page.click('#scheme-base-link');
    await page.waitForSelector(editor(BASE, true));
    assert.equal(await page.locator('#scheme-diff').count(), 0);
    assert.equal(await page.inputValue(weight('economy')), '40');
    assert.equal(await page.inputValue(weight('industrial_growth')), '20');
    assert.equal(await page.getAttribute('#scheme-top-sum', 'data-sum'), '100');
  });
});

test('schemes: the editor fits a phone-sized screen', async () => {
  await withPage('schemes-phone', PHONE, async (page) => {
    await logIn(page);
    await page.goto(`${server.url}/cycles/${cycleId}/schemes/${SCHEME}`);
    await page.waitForSelector(editor(SCHEME));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scroll: ${width}`);
  });
});

test('schemes: once the cycle is open, the editor is read-only', async () => {
  const r = await assessor.post(`/api/v1/cycles/${cycleId}/open`, { deadline: '2099-12-31' });
  assert.equal(r.status, 200, r.text);
  await withPage('schemes-readonly', {}, async (page) => {
    await logIn(page);
    await page.goto(`${server.url}/cycles/${cycleId}`);
    await page.waitForSelector('[data-page="cycle"][data-status="open"] #schemes-card');
    assert.match(await text(page, `#scheme-list a[data-scheme="${SCHEME}"]`), /查看方案/);
    await page.click(`#scheme-list a[data-scheme="${SCHEME}"]`);
    await page.waitForSelector(editor(SCHEME, false));
    assert.match(await text(page, '#scheme-readonly'), /不能再修改/);
    assert.equal(await page.getAttribute('#scheme-readonly', 'data-reason'), 'status');
    for (const sel of ['#scheme-save', '#scheme-reset', '#scheme-name', '#add-top-leaf', '#adj-add',
      '#scheme-tree input', '#scheme-tree select', '#scheme-tree button', '#scheme-adjustments input', '#diff-replaced button']) {
      assert.equal(await page.locator(sel).count(), 0, `no ${sel} when read-only`);
    }
    // What was saved, shown as text; the diff still there.
    assert.equal(await text(page, `${row('economy')} [data-testid="node-weight"]`), '35');
    assert.equal(await text(page, `${row('macao_enterprises')} [data-testid="node-rule"]`), '完成率法');
    assert.match(await text(page, `${row('macao_enterprises')} .params-text`), /目标值 500/);
    assert.equal(await page.getAttribute(row('industrial_growth'), 'data-change'), 'removed');
    assert.deepEqual(await ids(page, '#diff-added li'), ['intl_environment']);
    assert.equal(await page.getAttribute('#scheme-top-sum', 'data-sum'), '100');
    // The server agrees: the configuration is fixed once open.
    const put = await assessor.put(`/api/v1/cycles/${cycleId}/files`, { path: `schemes/${SCHEME}.json`, content: await file(`schemes/${SCHEME}.json`) });
    assert.equal(put.status, 409);
    assert.equal(put.json.error.code, 'not_draft');
  });
});
