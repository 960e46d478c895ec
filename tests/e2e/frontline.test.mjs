// Browser test of the frontline section (docs/deployment.md): units and
// people are made through the API as an assessor, and one grassroots
// posting whose planned end has passed. In the browser the assessor finds
// it among the overdue assignments, sees it on the person's page and on
// the units page (out of its home unit, into its working unit), and ends
// it. Then one project from signing to the start of construction: added
// through the form with its commissioner (the template's steps shown with
// their due dates from the signing), the start refused while steps are
// missing (the server's reason shown), each step completed on the
// timeline, the start recorded, the days from signing to start (worked by
// hand: 2026-01-10 to 2026-05-20 is 21 + 28 + 31 + 30 + 20 = 130 days) and
// the commissioner's figures. A reporter sees the assignments without the
// projects.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage as openPage, text, logInAs } from './browser.mjs';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { newAccount, ok } from '../api/client.mjs';

let server;
let browser;
let asse;
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);
const u = {};
const p = {};

const day = (offset) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  asse = await newAccount(server, 'zzb', { roles: 'assessor' });
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  u.lj = await unit({ name: '两江新区管委会', kind: 'committee' });
  u.invest = await unit({ name: '招商投资局', kind: 'department', parent_id: u.lj });
  u.finance = await unit({ name: '财政局', kind: 'department', parent_id: u.lj });
  u.zone = await unit({ name: '礼嘉街道', kind: 'district', parent_id: u.lj });
  for (const [key, name, n, unitId] of [['cmr', '专员某甲', 11, u.invest], ['cadre', '干部某乙', 13, u.finance]]) {
    p[key] = (await ok(await asse.post('/api/v1/people', { name, id_number: idNumber('500112', '19850101', n),
      ethnicity: '01', political_status: '01', education: '21', unit_id: unitId }), 201)).person.id;
  }
  // Overdue: its planned end was 10 days ago and nobody ended it.
  await ok(await asse.post('/api/v1/assignments', { person_id: p.cadre, kind: 'grassroots', working_unit_id: u.zone,
    start_date: day(-200), end_date: day(-10), purpose: '下沉街道抓网格化管理', document: '两江组〔2026〕8号' }), 201);
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const logIn = (page, username, password) => logInAs(page, server, username, password);

test('assessor: the overdue assignment, on the person and the units, then ended', async () => {
  await withPage('frontline-assignments', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    await page.click('#nav a[href="/frontline"]');
    await page.waitForSelector('[data-page="frontline"]');
    const overdue = '#fl-overdue-table tr[data-person-name="干部某乙"]';
    await page.waitForSelector(overdue);
    assert.equal(await text(page, '#fl-overdue [data-testid="fl-count"]'), '1');
    assert.equal(await text(page, `${overdue} [data-testid="fl-kind"]`), '下沉基层');
    assert.equal(await text(page, `${overdue} [data-testid="fl-home"]`), '财政局');
    assert.equal(await text(page, `${overdue} [data-testid="fl-working"]`), '礼嘉街道');
    assert.equal(await text(page, `${overdue} [data-testid="fl-state"]`), '逾期未结束');
    assert.equal(await text(page, '#fl-ending [data-testid="fl-count"]'), '0');

    // The filters: by kind, and the export links carry them.
    await page.selectOption('#fl-kind', 'secondment');
    await page.waitForSelector('#fl-list[data-query="kind=secondment"]:not([aria-busy])');
    assert.equal(await page.locator('#fl-list tr[data-assignment-id]').count(), 0);
    assert.equal(await page.getAttribute('#fl-export-csv', 'href'), '/api/v1/exports/assignments?kind=secondment&format=csv');
    await page.selectOption('#fl-kind', 'grassroots');
    await page.selectOption('#fl-state', 'overdue');
    await page.waitForSelector('#fl-list[data-query="kind=grassroots&state=overdue"] tr[data-person-name="干部某乙"]');

    // The person's page lists it; the units page names who is out and in.
    await page.click(`${overdue} [data-testid="fl-person"] a`);
    await page.waitForSelector('[data-page="person"]');
    await page.waitForSelector('#person-assignments tr[data-state="overdue"]');
    assert.equal(await text(page, '#person-assignments [data-testid="fl-working"]'), '礼嘉街道');
    await page.click('#nav a[href="/units"]');
    await page.waitForSelector('[data-page="units"]');
    assert.match(await text(page, `li[data-unit-id="${u.finance}"] [data-testid="unit-out"]`), /外派 1 人：干部某乙（下沉基层·礼嘉街道）/);
    assert.match(await text(page, `li[data-unit-id="${u.zone}"] [data-testid="unit-in"]`), /派入 1 人：干部某乙（下沉基层·财政局）/);

    // End it on its actual last day: it leaves the overdue list.
    await page.click('#nav a[href="/frontline"]');
    await page.waitForSelector(overdue);
    await page.click(`${overdue} [data-testid="fl-end-button"]`);
    await page.waitForSelector('#fl-end-card:not([hidden])');
    await page.fill('#fl-end-date', day(-12));
    await page.click('#fl-end-submit');
    await page.waitForSelector('#fl-overdue [data-testid="fl-count"]:text-is("0")');
    await page.waitForSelector('#fl-list tr[data-person-name="干部某乙"][data-state="ended"]');
  });
});

test('assessor: one project from signing to the start of construction', async () => {
  await withPage('frontline-project', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    await page.goto(server.url + '/frontline');
    await page.click('#fl-tab-projects');
    await page.waitForSelector('[data-page="projects"]');
    await page.click('#project-add-toggle');
    await page.fill('#project-name-input', '某智能网联汽车项目');
    await page.fill('#project-investor', '某汽车集团');
    await page.fill('#project-industry', '汽车');
    await page.fill('#project-amount', '12,345.6');
    await page.selectOption('#project-unit', String(u.lj));
    await page.fill('#project-commissioner-q', '专员');
    await page.click('#project-commissioner-find');
    await page.waitForSelector('#project-commissioner[data-found="1"]');
    await page.fill('#project-signed', '2026-01-10');
    await page.fill('#project-target', '2026-06-30');
    // The template's due dates from the signing: +15, +60, +90, +90, +120.
    assert.deepEqual(await page.locator('[data-testid="template-due"]').allInnerTexts(),
      ['2026-01-25', '2026-03-11', '2026-04-10', '2026-04-10', '2026-05-10']);
    await page.click('#project-add-submit');
    await page.waitForSelector('#project-add-done:not([hidden])');
    const row = '#projects-table tr[data-project-name="某智能网联汽车项目"]';
    assert.equal(await text(page, `${row} [data-testid="project-amount"]`), '12,345.60');
    assert.equal(await text(page, `${row} [data-testid="project-commissioner"]`), '专员某甲');
    assert.equal(await page.getAttribute(`${row} [data-testid="project-progress"]`, 'data-done'), '0');
    // Every step is past due today (2026-05-10 has passed).
    assert.equal(await text(page, `${row} [data-testid="project-overdue"]`), '逾期 5 项');
    assert.equal(await page.getAttribute('#projects-export-xlsx', 'href'), '/api/v1/exports/projects?format=xlsx');

    await page.click('#project-add-open');
    await page.waitForSelector('[data-page="project"]');
    assert.equal(await page.locator('#project-steps li[data-state="overdue"]').count(), 5);
    // The start while steps are missing: refused, with the server's reason.
    await page.fill('#project-start-date', '2026-05-20');
    await page.click('#project-start');
    await page.waitForSelector('#project-start-error:not([hidden])');
    assert.equal(await page.getAttribute('#project-start-error', 'data-code'), 'steps_pending');
    assert.match(await text(page, '#project-start-error'), /还有审批事项未办结/);
    assert.match(await text(page, '#project-start-error [data-testid="server-message"]'), /5 approval step\(s\) are not done/);

    // Each step done, in order, on its date.
    const dates = ['2026-01-20', '2026-03-01', '2026-04-01', '2026-04-08', '2026-05-06'];
    for (const [i, d] of dates.entries()) {
      const step = `#project-steps li:nth-child(${i + 1})`;
      await page.fill(`${step} [data-testid="step-date"]`, d);
      await page.click(`${step} [data-testid="step-done"]`);
      await page.waitForSelector(`${step}[data-state="done"]`);
      assert.equal(await text(page, `${step} [data-testid="step-done-on"]`), `${d} 完成`);
    }
    assert.equal(await page.getAttribute('[data-testid="project-progress-fact"] [data-testid="project-progress"]', 'data-done'), '5');
    await page.fill('#project-start-date', '2026-05-20');
    await page.click('#project-start');
    await page.waitForSelector('[data-page="project"][data-started="true"]');
    assert.equal(await text(page, '#project-started-on'), '2026-05-20');
    assert.equal(await text(page, '#project-days'), '130');
    assert.equal(await page.locator('#project-start-card').count(), 0);
    // The enterprise rates the commissioner: 101 refused under the field, 92 kept.
    await page.fill('#project-rating', '101');
    await page.fill('#project-rating-date', '2026-05-20');
    await page.click('#project-rate');
    await page.waitForSelector('#project-rating-error:not([hidden])');
    assert.equal(await page.getAttribute('#project-rating', 'aria-invalid'), 'true');
    await page.fill('#project-rating', '92');
    await page.click('#project-rate');
    await page.waitForSelector('#project-rating-given');
    assert.equal(await text(page, '#project-rating-given'), '92 分（2026-05-20）');

    // The commissioner's figures.
    await page.click('#fl-tab-commissioners');
    await page.waitForSelector('[data-page="commissioners"]');
    const c = `#commissioners-table tr[data-person-id="${p.cmr}"]`;
    assert.deepEqual([await text(page, `${c} [data-testid="c-projects"]`), await text(page, `${c} [data-testid="c-started"]`),
      await text(page, `${c} [data-testid="c-mean"]`), await text(page, `${c} [data-testid="c-overdue"]`),
      await text(page, `${c} [data-testid="c-rating"]`)], ['1', '1', '130', '0', '92']);
    // In English too.
    await page.selectOption('#lang-switch', 'en');
    assert.equal(await text(page, '#commissioners-table thead th:nth-child(4)'), 'Mean days to start');
  });
});

test('reporter: the assignments of its units, no projects', async () => {
  const rep = await newAccount(server, 'ljrep', { roles: 'reporter', unit: u.zone });
  await withPage('frontline-reporter', {}, async (page) => {
    await logIn(page, 'ljrep', rep.password);
    await page.click('#nav a[href="/frontline"]');
    await page.waitForSelector('#fl-list tr[data-person-name="干部某乙"]');
    assert.equal(await page.locator('#fl-tab-projects').count(), 0);
    assert.equal(await page.locator('#fl-add').count(), 0);
    assert.equal(await page.locator('[data-testid="fl-end-button"]').count(), 0);
  });
});
