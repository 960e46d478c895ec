// Browser test of a cycle's definition page (issue 5, items 1 and 5) on the
// demo data (`kaohe init`, `kaohe demo`, `kaohe cycle import
// examples/liangjiang-2026`): the assessor zuzhibu follows the cycle page's
// link to /cycles/{id}/definition and sees cycle.json as a form; a
// component's weight making the sum 99 is marked and blocks the save; a
// rater group's weights likewise; a quota share of 2 is the server's
// refusal, listed with its JSON path and the field marked; a valid change
// (a component's name, two group weights) is saved and read back whole
// through GET …/files, every other key as it was. Then the cycle is
// computed through the API and the excellent quota's share 0.20 → 0.10
// tried: the subjects listed are those the quota rule says lose 优秀 — the
// stored excellent ones beyond floor(0.10 × the pool's size) in each pool,
// worked out here from GET …/results — and the grade distribution now
// against the draft; nothing is stored. Once computed the page says it is
// for the what-if only and offers no save.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
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
let assessor;
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);
const ORIGINAL = JSON.parse(readFileSync('examples/liangjiang-2026/cycle.json', 'utf8'));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaohe-e2e-definition-'));
  const db = join(dir, 'kaohe.db');
  const init = kaohe(['init', '--db', db]);
  assert.equal(init.status, 0, init.stderr);
  const demo = kaohe(['demo', '--db', db]);
  assert.equal(demo.status, 0, demo.stderr);
  oneTime = demo.stdout.match(/^\s+zuzhibu\s+assessor\s+(\S+)\s*$/m)?.[1];
  assert.ok(oneTime, `zuzhibu's one-time password in: ${demo.stdout}`);
  const r = kaohe(['cycle', 'import', 'examples/liangjiang-2026', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  cycleId = sqlite(db, "SELECT id FROM cycle WHERE code = 'liangjiang-2026'");
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

async function logIn(page) {
  await logInAs(page, server, 'zuzhibu', oneTime ?? STRONG, oneTime ? STRONG : undefined);
  oneTime = null;
}

const at = (path) => `[data-page="definition"] [data-path="${path}"]`;
const file = async () => {
  const r = await assessor.get(`/api/v1/cycles/${cycleId}/files?path=cycle.json`);
  assert.equal(r.status, 200, r.text);
  return r.json.content;
};

test('definition: cycle.json as a form; sums checked live; refusals by path; saved whole', async () => {
  await withPage('definition-edit', {}, async (page) => {
    await logIn(page);
    await page.goto(`${server.url}/cycles/${cycleId}`);
    await page.waitForSelector('[data-page="cycle"] #definition-card');
    await page.click('#definition-link');
    await page.waitForSelector('[data-page="definition"][data-editable="true"][data-savable="true"]');
    assert.equal(new URL(page.url()).pathname, `/cycles/${cycleId}/definition`);
    assert.match(await text(page, '#def-title'), /两江新区 2026 年度领导干部考核/);
    assert.equal(await page.locator('#def-readonly').count(), 0);

    // The form as the file says.
    assert.deepEqual(await page.locator('#def-components-table tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.component)),
      ['performance', 'evaluation', 'survey']);
    assert.equal(await page.inputValue(at('$.components[0].weight')), '60');
    assert.equal(await page.getAttribute('#def-component-sum', 'data-ok'), 'true');
    assert.equal(await page.inputValue(at('$.components[1].scale.excellent')), '100');
    assert.equal(await page.inputValue(at('$.components[1].trim.above')), '5');
    assert.equal(await page.inputValue(at('$.components[1].red_line.more_than[1]')), '3');
    assert.equal(await page.inputValue(at('$.components[1].red_line.cap')), 'basic');
    assert.equal(await page.inputValue(at('$.grades[0].quota.share')), '0.2');
    assert.equal(await page.locator(at('$.grades[3].min')).count(), 0, 'the last grade has no minimum');
    assert.equal(await page.locator('#def-caps tbody tr').count(), 2);
    assert.equal(await page.inputValue('#def-bonus-mode'), 'pool');
    assert.equal(await page.inputValue(at('$.bonus.coefficients.excellent')), '1.5');
    // Every input is named for a screen reader.
    const unnamed = await page.locator('[data-page="definition"] input, [data-page="definition"] select').evaluateAll((ns) => ns
      .filter((n) => !n.labels?.length && !n.getAttribute('aria-labelledby') && !n.getAttribute('aria-label')).map((n) => n.outerHTML));
    assert.deepEqual(unnamed, []);
    assert.equal(await page.isDisabled('#def-save'), true, 'nothing to save yet');

    // A component's weight making the sum 99: marked, the save blocked.
    await page.fill(at('$.components[0].weight'), '59');
    await page.waitForSelector('#def-component-sum[data-ok="false"][data-sum="99"]');
    assert.match(await text(page, '#def-component-sum'), /99.*应为 100/);
    assert.equal(await page.isDisabled('#def-save'), true);
    assert.equal(await page.isDisabled('#def-whatif'), true);
    assert.equal(await page.locator('#def-blockers li[data-code="component_sum"]').count(), 1);
    await page.fill(at('$.components[0].weight'), '60');
    await page.waitForSelector('#def-component-sum[data-ok="true"]');
    assert.equal(await page.isDisabled('#def-save'), true, 'back as it was: nothing to save');

    // A rater group's weights, and a number that is not one.
    await page.fill(at('$.components[1].groups[0].weight'), '35');
    await page.waitForSelector('.def-group-sum[data-component="evaluation"][data-ok="false"][data-sum="105"]');
    assert.equal(await page.isDisabled('#def-save'), true);
    await page.fill(at('$.components[1].groups[1].weight'), '25');
    await page.waitForSelector('.def-group-sum[data-component="evaluation"][data-ok="true"]');
    await page.fill(at('$.components[2].name'), '民意调查（企业和群众）');
    await page.fill(at('$.grades[1].min'), '七十');
    await page.waitForSelector(`#def-blockers li[data-code="number"]`);
    assert.equal(await page.getAttribute(at('$.grades[1].min'), 'aria-invalid'), 'true');
    assert.equal(await page.isDisabled('#def-save'), true);
    await page.fill(at('$.grades[1].min'), '70');

    // A share the engine refuses: every problem listed, the field marked.
    await page.fill(at('$.grades[0].quota.share'), '2');
    assert.equal(await page.isDisabled('#def-save'), false);
    await page.click('#def-save');
    await page.waitForSelector('#def-error[data-code="workbook_refused"]');
    await page.waitForSelector('#def-problems:not([hidden])');
    assert.match(await text(page, '#def-problem-table'), /cycle\.json \$\.grades\[0\]\.quota\.share/);
    assert.equal(await page.getAttribute(at('$.grades[0].quota.share'), 'aria-invalid'), 'true');
    assert.equal(await page.locator('#def-grades-table tr[data-grade="excellent"].has-problem').count(), 1);
    assert.deepEqual(await file(), ORIGINAL, 'a refusal changes nothing');

    // Valid: saved, and read back whole, every other key as it was.
    await page.fill(at('$.grades[0].quota.share'), '0.2');
    await page.click('#def-save');
    await page.waitForSelector('#def-done:not([hidden])');
    const want = structuredClone(ORIGINAL);
    want.components[1].groups[0].weight = 35;
    want.components[1].groups[1].weight = 25;
    want.components[2].name = '民意调查（企业和群众）';
    assert.deepEqual(await file(), want);
    assert.equal(await page.isDisabled('#def-save'), true);
    await page.reload();
    await page.waitForSelector('[data-page="definition"][data-editable="true"]');
    assert.equal(await page.inputValue(at('$.components[2].name')), '民意调查（企业和群众）');
  });
});

test('definition: the what-if of a smaller excellent quota lists whose grade would change; nothing is stored', async () => {
  const c = await assessor.post(`/api/v1/cycles/${cycleId}/compute`, {});
  assert.equal(c.status, 200, c.text);
  const res = await assessor.get(`/api/v1/cycles/${cycleId}/results`);
  assert.equal(res.status, 200, res.text);
  const items = res.json.items;
  // The quota rule (ASSESSMENT.md 7) at 0.10: in each pool the first
  // floor(0.10 × n) excellent subjects in ranking order keep 优秀, the rest
  // lose it; nobody else's grade moves (a smaller quota frees no place).
  const size = new Map();
  for (const it of items) size.set(it.row.pool, (size.get(it.row.pool) ?? 0) + 1);
  const kept = new Map();
  const expected = [];
  for (const it of items) {
    if (it.row.grade !== 'excellent') continue;
    const places = Math.floor(0.10 * size.get(it.row.pool) + 1e-9);
    const k = kept.get(it.row.pool) ?? 0;
    if (k < places) kept.set(it.row.pool, k + 1);
    else expected.push(it.subject);
  }
  assert.ok(expected.length > 0, 'the example has excellent subjects beyond 10%');
  const excellentNow = items.filter((it) => it.row.grade === 'excellent').length;

  await withPage('definition-whatif', {}, async (page) => {
    await logIn(page);
    await page.goto(`${server.url}/cycles/${cycleId}/definition`);
    await page.waitForSelector('[data-page="definition"][data-status="computed"][data-editable="true"][data-savable="false"]');
    assert.equal(await page.getAttribute('#def-readonly', 'data-reason'), 'status');
    assert.equal(await page.locator('#def-save').count(), 0, 'no save once computed');
    await page.fill(at('$.grades[0].quota.share'), '0.10');
    await page.click('#def-whatif');
    await page.waitForSelector('#whatif-card:not([hidden])');
    const rows = await page.locator('#whatif-changes tbody tr').evaluateAll((rs) => rs.map((r) => ({
      subject: r.dataset.subject, now: r.dataset.now, draft: r.dataset.draft,
    })));
    assert.deepEqual(rows.map((r) => r.subject).sort(), [...expected].sort());
    for (const r of rows) {
      assert.equal(r.now, 'excellent');
      assert.notEqual(r.draft, 'excellent');
    }
    assert.match(await text(page, '#whatif-changes-h'), new RegExp(`（${expected.length}）`));
    // The distribution: now against the draft.
    const ex = page.locator('#whatif-dist tr[data-grade="excellent"]');
    assert.equal(await ex.getAttribute('data-now'), String(excellentNow));
    assert.equal(await ex.getAttribute('data-draft'), String(excellentNow - expected.length));
    assert.equal(await text(page, '#whatif-dist tr[data-grade="excellent"] [data-column="delta"]'), `-${expected.length}`);
    assert.doesNotMatch(await text(page, '[data-page="definition"]'), /\bnull\b|\[object /);
    // Stored nothing.
    assert.equal((await file()).grades[0].quota.share, 0.2);
    const again = await assessor.get(`/api/v1/cycles/${cycleId}/results`);
    assert.deepEqual(again.json.items, items);
  });
});
