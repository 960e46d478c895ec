// Browser test of the redeployment plans (docs/deployment.md: Redeployment
// plans; the pages /frontline/plans and /frontline/plans/{id}). Units,
// quotas and people are made through the API as an assessor; in the
// browser the assessor draws up a plan, adds the division-level cadres of
// 商务局 in bulk and two people by name, takes one off again, starts the
// plan (refused without its document first), proposes a route for each,
// decides them — one refused without a document, one refused for the
// receiving unit's quota and then allowed with a reason —, sees the close
// refused while cadres are pending, and closes it; the counts on screen
// follow every step (worked by hand in the comments). A reporter of the
// community sees the one cadre received there, read only.
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
const PLAN = '滨海新区机构改革干部调整安置方案';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  asse = await newAccount(server, 'zzb', { roles: 'assessor' });
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  u.bh = await unit({ name: '滨海新区管委会', kind: 'committee' });
  u.a = await unit({ name: '商务局', kind: 'department', parent_id: u.bh });
  u.b = await unit({ name: '发展改革委', kind: 'department', parent_id: u.bh });
  u.z = await unit({ name: '中新生态城', kind: 'zone', parent_id: u.bh });
  u.c = await unit({ name: '新港社区', kind: 'community', parent_id: u.z });
  const quotas = [[u.a, 'staff', 'civil_servant', 6], [u.a, 'post', 'division_chief', 1], [u.a, 'post', 'division_deputy', 2],
    [u.b, 'staff', 'civil_servant', 3], [u.b, 'post', 'division_chief', 1], [u.z, 'staff', 'civil_servant', 1],
    [u.c, 'staff', 'civil_servant', 3]];
  for (const [id, lineKind, line, count] of quotas) {
    await ok(await asse.put(`/api/v1/units/${id}/quotas`, { line_kind: lineKind, line, count,
      document: '津滨编〔2014〕12号', approved_on: '2014-03-01' }));
  }
  // 商务局: a chief and two deputies (division level) and a clerk; 发展改革委: a chief.
  const people = [
    ['安一', 11, u.a, { title: '局长', post_level: 'division_chief', rank: 'researcher_1' }],
    ['白二', 13, u.a, { title: '副局长', post_level: 'division_deputy', rank: 'researcher_3' }],
    ['陈三', 15, u.a, { title: '副局长', post_level: 'division_deputy', rank: 'researcher_3' }],
    ['高四', 17, u.a, { title: '科员', rank: 'clerk_1' }],
    ['邓五', 19, u.b, { title: '主任', post_level: 'division_chief', rank: 'researcher_1' }],
  ];
  for (const [name, n, unitId, post] of people) {
    const person = (await ok(await asse.post('/api/v1/people', { name, id_number: idNumber('120116', '19750101', n),
      ethnicity: '01', political_status: '01', education: '21' }), 201)).person.id;
    await ok(await asse.post('/api/v1/employments', { person_id: person, unit_id: unitId, staff_type: 'civil_servant',
      start_date: '2020-01-01', start_document: '滨海组任〔2020〕1号', ...post }), 201);
  }
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const logIn = (page, username, password) => logInAs(page, server, username, password);

// The counts on screen: [total, decided, pending, unproposed].
const counts = async (page) => Promise.all(['total', 'decided', 'pending', 'unproposed']
  .map((k) => page.getAttribute(`[data-testid="count-${k}"]`, 'data-value')));
// By route, in order: "pending/decided" of secondment, frontline, grassroots, stay.
const byRoute = async (page) => Promise.all(['secondment', 'frontline', 'grassroots', 'stay'].map(async (r) => {
  const row = `#plan-by-route tr[data-route="${r}"]`;
  return `${await text(page, `${row} [data-testid="route-pending"]`)}/${await text(page, `${row} [data-testid="route-decided"]`)}`;
}));
const row = (name) => `#plan-entries-table tr[data-person-name="${name}"]`;

async function handle(page, name) {
  await page.click(`${row(name)} [data-testid="entry-handle"]`);
  await page.waitForSelector('#plan-entry-card:not([hidden])');
}

async function propose(page, name, route, unitId) {
  await handle(page, name);
  await page.selectOption('#plan-e-route', route);
  if (unitId) await page.selectOption('#plan-e-receiving', String(unitId));
  await page.click('#plan-propose');
  await page.waitForSelector(`${row(name)}[data-route="${route}"]`);
}

async function decide(page, name, { document, end }) {
  await handle(page, name);
  await page.fill('#plan-e-document', document);
  if (end) {
    await page.fill('#plan-e-start', '2026-03-01');
    await page.fill('#plan-e-end', end);
  }
  await page.click('#plan-decide');
}

test('assessor: a plan drawn up, filled, started, decided and closed', async () => {
  await withPage('plans-assessor', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    await page.click('#nav a[href="/frontline"]');
    await page.click('#fl-tab-plans');
    await page.waitForSelector('[data-page="plans"] #plans-empty');

    // Draw up a plan: a draft, its page opens.
    await page.click('#plan-add-toggle');
    await page.fill('#plan-name-input', PLAN);
    await page.fill('#plan-due-input', '2026-12-31');
    await page.click('#plan-add-submit');
    await page.waitForSelector('[data-page="plan"][data-state="draft"]');
    assert.equal(await text(page, '#plan-name'), PLAN);
    assert.equal(await text(page, '#plan-state'), '草拟');
    assert.deepEqual(await counts(page), ['0', '0', '0', '0']);

    // In bulk: 商务局's division-level cadres (正处, 副处): 安一, 白二, 陈三, not the clerk 高四.
    await page.click('#plan-add-cadres-toggle');
    await page.selectOption('#plan-b-unit', String(u.a));
    await page.check('#plan-b-level-division_chief');
    await page.check('#plan-b-level-division_deputy');
    await page.click('#plan-bulk-submit');
    await page.waitForSelector('#plan-bulk-done[data-added="3"]');
    assert.equal(await text(page, '#plan-bulk-done'), '列入 3 人；已在方案中 0 人。');
    assert.deepEqual(await counts(page), ['3', '0', '3', '3']);
    // Again: nobody new, three already in.
    await page.click('#plan-bulk-submit');
    await page.waitForSelector('#plan-bulk-done[data-added="0"]');
    assert.equal(await text(page, '#plan-bulk-done'), '列入 0 人；已在方案中 3 人。');

    // One by name (邓五 of 发展改革委), another (高四) taken off again.
    for (const name of ['邓五', '高四']) {
      await page.fill('#plan-person-q', name);
      await page.click('#plan-person-find');
      await page.waitForSelector('#plan-person[data-found="1"]');
      await page.click('#plan-add-one-submit');
      await page.waitForSelector(row(name));
    }
    assert.deepEqual(await counts(page), ['5', '0', '5', '5']);
    await page.click('#plan-add-one-submit'); // 高四 again: refused as the server says
    await page.waitForSelector('#plan-add-one-error:not([hidden])');
    assert.equal(await page.getAttribute('#plan-add-one-error', 'data-code'), 'already_in_plan');
    assert.match(await text(page, '#plan-add-one-error'), /此人已在方案中/);
    await page.click(`${row('高四')} [data-testid="entry-remove"]`);
    await page.waitForSelector(`${row('高四')}`, { state: 'detached' });
    assert.deepEqual(await counts(page), ['4', '0', '4', '4']);
    // By home unit: 商务局 3, 发展改革委 1.
    assert.equal(await text(page, `#plan-by-home tr[data-unit-id="${u.a}"] [data-testid="home-total"]`), '3');
    assert.equal(await text(page, `#plan-by-home tr[data-unit-id="${u.b}"] [data-testid="home-total"]`), '1');

    // Proposals (a draft takes them): 安一 to the frontline at 中新生态城,
    // 陈三 seconded there too, 白二 to the grassroots at 新港社区, 邓五 stays.
    await propose(page, '安一', 'frontline', u.z);
    await propose(page, '陈三', 'secondment', u.z);
    await propose(page, '白二', 'grassroots', u.c);
    await propose(page, '邓五', 'stay');
    assert.deepEqual(await counts(page), ['4', '0', '4', '0']);
    assert.deepEqual(await byRoute(page), ['1/0', '1/0', '1/0', '1/0']);
    assert.equal(await text(page, `#plan-by-receiving tr[data-unit-id="${u.z}"] [data-testid="receiving-pending"]`), '2');
    // A draft is not decided: the decision's fields are not offered.
    await handle(page, '安一');
    assert.equal(await page.isVisible('#plan-decide'), false);
    await page.click('#plan-e-cancel');

    // Start: refused without the plan's document, then started under it.
    await page.click('#plan-start');
    await page.waitForSelector('#plan-start-error:not([hidden])');
    assert.equal(await page.getAttribute('#plan-start-error', 'data-code'), 'document_required');
    await page.fill('#plan-start-document', '津滨党〔2026〕5号');
    await page.click('#plan-start');
    await page.waitForSelector('[data-page="plan"][data-state="in_progress"]');
    assert.equal(await text(page, '#plan-state'), '实施中');
    assert.equal(await text(page, '[data-testid="plan-document"]'), '津滨党〔2026〕5号');

    // 安一: refused without a document, then decided; his assignment takes
    // 中新生态城's one place (quota 1, nobody there).
    await decide(page, '安一', { document: '', end: '2026-12-31' });
    await page.waitForSelector('#plan-entry-error:not([hidden])');
    assert.equal(await page.getAttribute('#plan-entry-error', 'data-code'), 'document_required');
    assert.match(await text(page, '#plan-entry-error'), /请填写文号/);
    await page.fill('#plan-e-document', '津滨组〔2026〕11号');
    await page.click('#plan-decide');
    await page.waitForSelector(`${row('安一')}[data-decision="decided"]`);
    assert.equal(await text(page, '#plan-notice'), '已决定：安一。');
    assert.deepEqual(await counts(page), ['4', '1', '3', '0']);
    assert.deepEqual(await byRoute(page), ['1/0', '0/1', '1/0', '1/0']);
    assert.doesNotMatch(await text(page, '[data-page="plan"]'), /null|undefined/);

    // 陈三 into 中新生态城 too: no free place (1 approved, 0 filled, 1 in on
    // assignment), refused with the figures; beyond it only with a reason.
    await decide(page, '陈三', { document: '津滨组〔2026〕12号', end: '2026-12-31' });
    await page.waitForSelector('#plan-entry-error[data-code="quota_exceeded"]');
    assert.match(await text(page, '#plan-entry-error'), /接收单位没有空余编制/);
    assert.match(await text(page, '#plan-entry-error [data-testid="server-message"]'), /1 approved, 0 filled, 1 in on assignment/);
    await page.waitForSelector('#plan-e-over:not([hidden])');
    await page.check('#plan-e-allow-over');
    await page.click('#plan-decide');
    await page.waitForSelector('#plan-entry-error[data-code="reason_required"]');
    assert.equal(await page.getAttribute('#plan-entry-error', 'data-field'), 'plan-e-reason');
    await page.fill('#plan-e-reason', '生态城招商任务重，经编委同意临时超编');
    await page.click('#plan-decide');
    await page.waitForSelector(`${row('陈三')}[data-decision="decided"]`);
    assert.match(await text(page, `${row('陈三')} [data-testid="entry-over"]`), /生态城招商任务重/);
    assert.deepEqual(await counts(page), ['4', '2', '2', '0']);
    assert.deepEqual(await byRoute(page), ['0/1', '0/1', '1/0', '1/0']);
    assert.equal(await text(page, `#plan-by-receiving tr[data-unit-id="${u.z}"] [data-testid="receiving-decided"]`), '2');

    // Close refused while 白二 and 邓五 are pending.
    await page.click('#plan-close');
    await page.waitForSelector('#plan-close-error:not([hidden])');
    assert.equal(await page.getAttribute('#plan-close-error', 'data-code'), 'entries_pending');
    assert.match(await text(page, '#plan-close-error'), /还有人员未决定/);

    await decide(page, '白二', { document: '津滨组〔2026〕13号', end: '2026-12-31' });
    await page.waitForSelector(`${row('白二')}[data-decision="decided"]`);
    await decide(page, '邓五', { document: '津滨组〔2026〕14号' });
    await page.waitForSelector(`${row('邓五')}[data-decision="decided"]`);
    assert.deepEqual(await counts(page), ['4', '4', '0', '0']);
    assert.deepEqual(await byRoute(page), ['0/1', '0/1', '0/1', '0/1']);
    // 商务局: 3 decided, one each of secondment, frontline, grassroots.
    const home = `#plan-by-home tr[data-unit-id="${u.a}"]`;
    assert.deepEqual(await Promise.all(['decided', 'secondment', 'frontline', 'grassroots', 'stay']
      .map((k) => text(page, `${home} [data-testid="home-${k}"]`))), ['3', '1', '1', '1', '0']);

    // The filters and the export carry them.
    await page.selectOption('#plan-f-route', 'grassroots');
    await page.waitForSelector('#plan-entries[data-query="route=grassroots"]:not([aria-busy])');
    assert.deepEqual(await page.locator('#plan-entries-table [data-testid="entry-person"]').allInnerTexts(), ['白二']);
    assert.equal(await text(page, `${row('白二')} [data-testid="entry-receiving"]`), '新港社区');
    const id = await page.getAttribute('[data-page="plan"]', 'data-plan-id');
    assert.equal(await page.getAttribute('#plan-export-csv', 'href'), `/api/v1/exports/plans/${id}?route=grassroots&format=csv`);
    await page.selectOption('#plan-f-route', '');
    await page.selectOption('#plan-f-receiving', String(u.z));
    await page.waitForSelector(`#plan-entries[data-query="receiving_unit_id=${u.z}"]:not([aria-busy])`);
    assert.deepEqual(await page.locator('#plan-entries-table [data-testid="entry-person"]').allInnerTexts(), ['安一', '陈三']);

    // Closed: nothing to change any more.
    await page.click('#plan-close');
    await page.waitForSelector('[data-page="plan"][data-state="closed"]');
    assert.equal(await text(page, '#plan-state'), '已完成');
    assert.equal(await page.locator('[data-testid="entry-handle"]').count(), 0);
    assert.equal(await page.isVisible('#plan-add-cadres'), false);

    // The list: one plan, all decided; in English too.
    await page.click('#plan-back');
    const listed = `#plans-table tr[data-plan-name="${PLAN}"]`;
    await page.waitForSelector(listed);
    assert.deepEqual(await Promise.all(['total', 'pending', 'decided'].map((k) => text(page, `${listed} [data-testid="plan-${k}"]`))),
      ['4', '0', '4']);
    await page.selectOption('#lang-switch', 'en');
    assert.equal(await text(page, `${listed} [data-testid="plan-state"]`), 'Closed');
    assert.equal(await text(page, '#fl-tab-plans'), 'Redeployment plans');
  });
});

test('reporter: the cadre received by its unit, read only', async () => {
  const rep = await newAccount(server, 'xgrep', { roles: 'reporter', unit: u.c });
  await withPage('plans-reporter', {}, async (page) => {
    await logIn(page, 'xgrep', rep.password);
    await page.click('#nav a[href="/frontline"]');
    await page.click('#fl-tab-plans');
    const listed = `#plans-table tr[data-plan-name="${PLAN}"]`;
    await page.waitForSelector(listed);
    assert.equal(await text(page, `${listed} [data-testid="plan-total"]`), '1');
    assert.equal(await page.locator('#plan-add').count(), 0);
    await page.click(`${listed} [data-testid="plan-name"] a`);
    await page.waitForSelector('#plan-entries-table');
    assert.deepEqual(await page.locator('#plan-entries-table [data-testid="entry-person"]').allInnerTexts(), ['白二']);
    assert.deepEqual(await counts(page), ['1', '1', '0', '0']);
    assert.equal(await page.locator('#plan-add-cadres').count(), 0);
    assert.equal(await page.locator('#plan-entry-card').count(), 0);
    assert.equal(await page.locator('#plan-close').count(), 0);
    assert.doesNotMatch(await text(page, '[data-page="plan"]'), /null|undefined/);
  });
});
