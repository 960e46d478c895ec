// Browser test of an open selection campaign from posts to appointment
// (docs/deployment.md: Open selection). The units and four people with
// their posts are made through the API; everything else in the browser as
// the organisation department would: a new campaign (written 50%, 1:2), a
// post with rules (35 or under, principal_4 or above), four applications
// found by name (王老 is 40: refused with the reason shown), written
// scores, the shortlist (one place at 1:2: two go through), interview
// scores, the ranking, an appointment out of turn refused, the first
// withdraws and the next is appointed; the person page then shows the new
// post. Totals worked by hand below.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, withPage as openPage, text, STRONG, logInAs } from './browser.mjs';
import { kaohe, startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { newAccount } from '../api/client.mjs';

let server;
let browser;
let asse;
const u = {};
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  asse = await newAccount(server, 'zuzhi', { roles: 'assessor' });
  let res = await asse.post('/api/v1/units', { name: '横琴新区管委会', kind: 'committee' });
  u.committee = res.json.unit.id;
  res = await asse.post('/api/v1/units', { name: '商务局', kind: 'department', parent_id: u.committee });
  u.commerce = res.json.unit.id;
  res = await asse.post('/api/v1/units', { name: '香洲区商务局', kind: 'department', parent_id: u.committee });
  u.home = res.json.unit.id;
  for (const [id, count] of [[u.commerce, 5], [u.home, 10]]) {
    res = await asse.put(`/api/v1/units/${id}/quotas`, { document: '珠编〔2012〕3号', approved_on: '2012-01-01',
      line_kind: 'staff', line: 'civil_servant', count });
    assert.equal(res.status, 200, res.text);
  }
  let seq = 21;
  // As of 2026-12-01: 陈一 31, 林二 33, 黄三 29, 王老 40.
  for (const [name, birth] of [['陈一', '19950301'], ['林二', '19930601'], ['黄三', '19970901'], ['王老', '19860101']]) {
    res = await asse.post('/api/v1/people', { name, id_number: idNumber('440402', birth, seq++), ethnicity: '01',
      political_status: '01', education: '21', unit_id: u.home });
    assert.equal(res.status, 201, res.text);
    res = await asse.post('/api/v1/employments', { person_id: res.json.person.id, unit_id: u.home,
      staff_type: 'civil_servant', title: '科员', rank: 'principal_4', start_date: '2020-01-01',
      start_document: '香组任〔2020〕5号' });
    assert.equal(res.status, 201, res.text);
  }
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const row = (name) => `#applications-table tr[data-person="${name}"]`;

test('an open selection from posts to appointment', async () => {
  await withPage('selection', {}, async (page) => {
    await logInAs(page, server, 'zuzhi', asse.password);
    await page.click('#nav a[href="/selections"]');
    await page.waitForSelector('[data-page="selections"] #selections-empty');

    // A campaign; a bad weight is refused under its field.
    await page.fill('#sel-name', '横琴新区2026年公开选拔');
    await page.fill('#sel-as-of', '2026-12-01');
    await page.fill('#sel-written-weight', '0');
    await page.fill('#sel-ratio', '2');
    await page.fill('#sel-document', '珠组通〔2026〕18号');
    await page.click('#sel-create');
    await page.waitForSelector('#sel-new-error:not([hidden])');
    assert.equal(await page.getAttribute('#sel-written-weight', 'aria-invalid'), 'true');
    await page.fill('#sel-written-weight', '50');
    await page.click('#sel-create');
    await page.waitForSelector('[data-page="selection"][data-state="open"]');

    // A post: 35 or under, principal_4 or above.
    await page.selectOption('#post-unit', String(u.commerce));
    await page.fill('#post-title', '外经贸科科长');
    await page.selectOption('#post-rank', 'principal_3');
    await page.fill('#post-age-max', '35');
    await page.selectOption('#post-rank-lowest', 'principal_4');
    await page.click('#post-add');
    await page.waitForSelector('#posts-table tbody tr');
    assert.match(await text(page, '#posts-table [data-testid="post-rules"]'), /35 周岁以下/);

    // Four applications, each found by name.
    for (const name of ['陈一', '林二', '黄三', '王老']) {
      await page.fill('#apply-search', name);
      await page.click('#apply-find');
      await page.locator('#apply-person option', { hasText: name }).waitFor({ state: 'attached' });
      await page.click('#apply-submit');
      await page.waitForSelector(row(name));
    }
    assert.equal(await page.getAttribute(row('王老'), 'data-eligible'), 'false');
    assert.match(await text(page, `${row('王老')} [data-testid="eligibility"]`), /年龄 40 周岁，岗位要求不超过 35 周岁/);
    assert.equal(await page.getAttribute(row('陈一'), 'data-eligible'), 'true');

    // Written: 陈一 88, 林二 84, 黄三 70. One place at 1:2: 陈一 and 林二.
    await page.fill(`${row('陈一')} input.score`, '88');
    await page.fill(`${row('林二')} input.score`, '84');
    await page.fill(`${row('黄三')} input.score`, '70');
    await page.click('#save-written');
    await page.waitForSelector('[data-page="selection"][data-state="written"]');
    await page.click('#make-shortlist');
    await page.waitForSelector('[data-page="selection"][data-state="interview"]');
    assert.equal(await page.getAttribute(row('陈一'), 'data-shortlisted'), 'true');
    assert.equal(await page.getAttribute(row('林二'), 'data-shortlisted'), 'true');
    assert.equal(await page.getAttribute(row('黄三'), 'data-shortlisted'), 'false');

    // Interviews: 陈一 80, 林二 90. Totals at 50/50: 陈一 84, 林二 87.
    await page.fill(`${row('陈一')} input.score`, '80');
    await page.fill(`${row('林二')} input.score`, '90');
    await page.click('#save-interview');
    await page.waitForSelector('#selection-done:not([hidden])');
    await page.click('#rank');
    await page.waitForSelector('[data-page="selection"][data-state="ranked"]');
    assert.equal(await text(page, `${row('林二')} [data-testid="total"]`), '87');
    assert.equal(await text(page, `${row('陈一')} [data-testid="total"]`), '84');
    assert.equal(await page.getAttribute(row('林二'), 'data-place'), '1');
    assert.equal(await page.getAttribute(row('陈一'), 'data-place'), '2');

    // 陈一 before 林二: refused; 林二 withdraws, 陈一 is appointed.
    await page.fill('#appoint-start', '2027-01-01');
    await page.fill('#appoint-document', '珠组任〔2026〕70号');
    await page.click(`${row('陈一')} [data-testid="appoint"]`);
    await page.waitForSelector('#selection-error[data-code="not_next_in_line"]');
    await page.click(`${row('林二')} [data-testid="withdraw"]`);
    await page.waitForSelector(`${row('林二')}[data-state="withdrawn"]`);
    await page.fill('#appoint-start', '2027-01-01');
    await page.fill('#appoint-document', '珠组任〔2026〕70号');
    await page.click(`${row('陈一')} [data-testid="appoint"]`);
    await page.waitForSelector(`${row('陈一')}[data-state="appointed"]`);

    // The person's page shows the new post.
    await page.click(`${row('陈一')} a`);
    await page.waitForSelector('[data-page="person"]');
    assert.match(await page.locator('[data-page="person"]').innerText(), /外经贸科科长/);
  });
});

test('the demo: the ranked Hengqin selection and the open TEDA recruitment on screen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-e2e-select-'));
  const db = join(dir, 'kaohe.db');
  assert.equal(kaohe(['init', '--db', db]).status, 0);
  const demo = kaohe(['demo', '--db', db]);
  assert.equal(demo.status, 0, demo.stderr);
  const oneTime = demo.stdout.match(/^\s+zuzhibu\s+assessor\s+(\S+)\s*$/m)?.[1];
  const demoServer = await startServer({ db });
  try {
    await openPage(browser, demoServer, 'selection-demo', {}, async (page) => {
      await logInAs(page, demoServer, 'zuzhibu', oneTime, STRONG);
      await page.goto(`${demoServer.url}/selections`);
      await page.waitForSelector('#selections-table');
      assert.equal(await page.locator('#selections-table tbody tr').count(), 2);
      await page.click('#selections-table tr[data-state="ranked"] a');
      await page.waitForSelector('[data-page="selection"][data-state="ranked"]');
      assert.equal(await page.locator('#posts-table tbody tr').count(), 2);
      // Nothing stray between the sections (no "null" where the closed
      // application form would be).
      assert.doesNotMatch(await page.locator('[data-page="selection"]').innerText(), /\bnull\b/);
      // One place a post at 1:3: three ranked a post, each with an appoint button.
      assert.equal(await page.locator('#applications-table tr[data-place="1"]').count(), 2);
      assert.equal(await page.locator('#applications-table [data-testid="appoint"]').count(), 6);
      await page.goto(`${demoServer.url}/selections`);
      await page.click('#selections-table tr[data-state="open"] a');
      await page.waitForSelector('[data-page="selection"][data-state="open"]');
      // 潘某丁's school is not on the 211 list.
      assert.match(await text(page, '#applications-table tr[data-person="潘某丁"] [data-testid="eligibility"]'),
        /毕业院校不是211院校/);
      assert.equal(await page.locator('#applications-table tr[data-eligible="true"]').count(), 4);
    });
  } finally {
    await demoServer.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
