// Browser test of the agencies page, reporters keeping their unit's
// records, and the drill-down from Units to People. Units and people are
// made through the API as an assessor; then in the browser the assessor adds
// an agency (a bad credit code refused in the browser, a duplicate name by
// the server, each under its field) and a service contract (headcount 0
// refused under the headcount), sees filled go up once an employment is made
// under the contract through the API, and opens the employments under it; a
// reporter adds a person in its unit, edits the phone, and is refused when
// putting a person in a unit outside its own; the link of a unit on the
// Units page lists only the people of that unit and the units below it.
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
let rep;
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);
const u = {};
const p = {};
const ids = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  asse = await newAccount(server, 'zzb', { roles: 'assessor' });
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  u.committee = await unit({ name: '测试新区管委会', kind: 'committee' });
  u.dept = await unit({ name: '综合管理局', kind: 'department', parent_id: u.committee });
  u.zone1 = await unit({ name: '第一功能区', kind: 'zone', parent_id: u.committee });
  u.k1 = await unit({ name: '甲社区', kind: 'community', parent_id: u.zone1 });
  u.zone2 = await unit({ name: '第二功能区', kind: 'zone', parent_id: u.committee });
  u.k2 = await unit({ name: '乙社区', kind: 'community', parent_id: u.zone2 });
  // Dispatched staff take places on the unit's dispatched line.
  await ok(await asse.put(`/api/v1/units/${u.dept}/quotas`, {
    line_kind: 'staff', line: 'dispatched', count: 10, document: '津滨编〔2016〕3号', approved_on: '2016-05-20' }));
  for (const [key, name, birth, seq, unitId] of [
    ['zhang', '张一', '19800101', 11, u.zone1], ['li', '李二', '19810202', 22, u.k1],
    ['wang', '王三', '19820303', 33, u.k2], ['zhao', '赵四', '19830404', 44, u.dept]]) {
    ids[key] = idNumber('120116', birth, seq);
    p[key] = (await ok(await asse.post('/api/v1/people', {
      name, id_number: ids[key], ethnicity: '01', political_status: '01', education: '21', unit_id: unitId }), 201)).person.id;
  }
  rep = await newAccount(server, 'dq1', { roles: 'reporter', unit: u.zone1 });
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const logIn = (page, username, password) => logInAs(page, server, username, password);

const names = (page) => page.locator('#people-table tbody tr [data-testid="person-name"]').allInnerTexts();
const row = (name) => `#people-table tr[data-person-name="${name}"]`;
const listed = (page, query) => page.waitForSelector(`#people-results[data-query="${query}"]:not([aria-busy])`);
const agency = (name) => `#agencies-list section.agency[data-agency-name="${name}"]`;
const contract = (doc) => `#agencies-list tr[data-document="${doc}"]`;
const AGENCY = '泰达人才派遣有限公司';
const DOC = 'TEDA-PQ-2026-01';

test('assessor: add an agency and a contract, see it filled, open its employments', async () => {
  await withPage('agencies-assessor', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    assert.match(await text(page, '#nav'), /派遣与购买服务/);
    await page.click('#nav a[href="/agencies"]');
    await page.waitForSelector('[data-page="agencies"] #agencies-summary');
    assert.equal(await page.getAttribute('#nav a[href="/agencies"]', 'aria-current'), 'page');
    assert.match(await text(page, '#agencies-summary'), /还没有机构/);
    assert.match(await text(page, '#contract-agency'), /请先新增机构/);

    // A credit code of 17 characters: refused in the browser, under its field.
    await page.fill('#agency-name', AGENCY);
    await page.selectOption('#agency-kind', 'staffing_company');
    await page.fill('#agency-credit-code', '91120116MA05X0001');
    await page.fill('#agency-contact', '王经理 022-66290000');
    await page.click('#agency-submit');
    await page.waitForSelector('#agency-add-error:not([hidden])');
    assert.equal(await page.getAttribute('#agency-add-error', 'data-field'), 'agency-credit-code');
    await page.fill('#agency-credit-code', '91120116ma05x00012');
    await page.click('#agency-submit');
    await page.waitForSelector('#agency-add-done:not([hidden])');
    await page.waitForSelector(agency(AGENCY));
    assert.equal(await text(page, `${agency(AGENCY)} [data-testid="agency-kind"]`), '人才派遣公司');
    assert.equal(await text(page, `${agency(AGENCY)} [data-testid="agency-credit-code"]`), '91120116MA05X00012');
    assert.equal(await text(page, `${agency(AGENCY)} [data-testid="agency-contact"]`), '王经理 022-66290000');
    assert.match(await text(page, `${agency(AGENCY)} [data-testid="agency-no-contracts"]`), /尚无服务合同/);
    assert.equal(await page.inputValue('#agency-name'), '');

    // The same name again: the server's 409, under the name.
    await page.fill('#agency-name', AGENCY);
    await page.click('#agency-submit');
    await page.waitForSelector('#agency-add-error[data-code="duplicate_name"]');
    assert.equal(await page.getAttribute('#agency-add-error', 'data-field'), 'agency-name');
    assert.equal(await page.locator('[data-field="agency-name"] #agency-add-error').count(), 1);

    // A social service centre too.
    await page.fill('#agency-name', '泰达社会服务中心');
    await page.selectOption('#agency-kind', 'social_service_centre');
    await page.click('#agency-submit');
    await page.waitForSelector(agency('泰达社会服务中心'));
    assert.equal(await text(page, `${agency('泰达社会服务中心')} [data-testid="agency-kind"]`), '社会服务中心');
    assert.match(await text(page, '#agencies-summary'), /共 2 家机构，0 份服务合同/);

    // A contract of headcount 0: the server's refusal under the headcount.
    const agencyId = await page.getAttribute(agency(AGENCY), 'data-agency-id');
    await page.selectOption('#contract-agency', agencyId);
    await page.selectOption('#contract-unit', String(u.dept));
    await page.selectOption('#contract-staff-type', 'dispatched');
    await page.fill('#contract-document', DOC);
    await page.fill('#contract-headcount', '0');
    await page.fill('#contract-start-date', '2020-01-01');
    await page.fill('#contract-end-date', '2099-12-31');
    await page.fill('#contract-price', '1,200,000.50');
    await page.click('#contract-submit');
    await page.waitForSelector('#contract-error[data-code="invalid_field"]');
    assert.equal(await page.getAttribute('#contract-error', 'data-field'), 'contract-headcount');
    assert.equal(await page.locator('[data-field="contract-headcount"] #contract-error').count(), 1);
    assert.match(await text(page, '#contract-error [data-testid="server-message"]'), /headcount/);
    assert.equal(await page.getAttribute('#contract-headcount', 'aria-invalid'), 'true');

    await page.fill('#contract-headcount', '2');
    await page.click('#contract-submit');
    await page.waitForSelector('#contract-done:not([hidden])');
    await page.waitForSelector(contract(DOC));
    const c = contract(DOC);
    assert.equal(await text(page, `${c} [data-testid="contract-unit"]`), '综合管理局');
    assert.equal(await text(page, `${c} [data-testid="contract-staff-type"]`), '派遣');
    assert.equal(await text(page, `${c} [data-testid="contract-headcount"]`), '2');
    assert.equal(await text(page, `${c} [data-testid="contract-filled"]`), '0');
    assert.equal(await text(page, `${c} [data-testid="contract-start"]`), '2020-01-01');
    assert.equal(await text(page, `${c} [data-testid="contract-end"]`), '2099-12-31');
    assert.equal(await text(page, `${c} [data-testid="contract-price"]`), '1,200,000.50');
    assert.equal(await page.getAttribute(`${c} rect.gauge-filled`, 'width'), '0');
    // The price went as whole fen.
    const listed_ = (await ok(await asse.get('/api/v1/agencies'))).items.find((a) => a.name === AGENCY);
    assert.equal(listed_.contracts[0].price_fen, 120000050);
    const contractId = listed_.contracts[0].id;
    assert.equal(await page.getAttribute(c, 'data-contract-id'), String(contractId));
    // Nobody under it yet.
    await page.click(`${c} [data-testid="contract-people-toggle"]`);
    await page.waitForSelector(`#contract-people-${contractId} [data-testid="contract-people-empty"]`);
    assert.equal(await page.getAttribute(`${c} [data-testid="contract-people-toggle"]`, 'aria-expanded'), 'true');

    // 赵四 employed under the contract (through the API): filled 1 of 2.
    await ok(await asse.post('/api/v1/employments', {
      person_id: p.zhao, unit_id: u.dept, staff_type: 'dispatched', title: '综合岗', contract_id: contractId,
      start_date: '2024-01-01', start_document: '泰达组任〔2024〕1号', end_date: '2099-12-31' }), 201);
    await page.reload();
    await page.waitForSelector(contract(DOC));
    assert.equal(await text(page, `${c} [data-testid="contract-filled"]`), '1');
    assert.equal(await page.getAttribute(`${c} rect.gauge-filled`, 'width'), '50');
    assert.match(await text(page, '#agencies-summary'), /共 2 家机构，1 份服务合同/);
    await page.click(`${c} [data-testid="contract-people-toggle"]`);
    const emp = `#contract-people-${contractId} tr[data-person-id="${p.zhao}"]`;
    await page.waitForSelector(emp);
    assert.equal(await text(page, `${emp} [data-testid="emp-person"]`), '赵四');
    assert.equal(await text(page, `${emp} [data-testid="emp-title"]`), '综合岗');
    assert.equal(await text(page, `${emp} [data-testid="emp-start"]`), '2024-01-01');
    assert.equal(await page.getAttribute(emp, 'data-current'), 'true');
    // The toggle closes it again.
    await page.click(`${c} [data-testid="contract-people-toggle"]`);
    assert.equal(await page.isHidden(`tr.contract-people[data-contract-id="${contractId}"]`), true);
    await page.click(`${c} [data-testid="contract-people-toggle"]`);
    await page.click(`${emp} a`);
    await page.waitForSelector('[data-page="person"] #history-table');
    assert.match(page.url(), new RegExp(`/people/${p.zhao}$`));
    assert.equal(await text(page, '#person-name'), '赵四');

    // English.
    await page.goto(server.url + '/agencies');
    await page.waitForSelector(contract(DOC));
    await page.selectOption('#lang-switch', 'en');
    await page.waitForSelector('html[lang="en"]');
    assert.match(await text(page, '#nav'), /Agencies and contracts/);
    assert.equal(await text(page, `${agency(AGENCY)} [data-testid="agency-kind"]`), 'Staffing agency');
    assert.equal(await text(page, `${c} [data-testid="contract-staff-type"]`), 'Dispatched staff');
    assert.match(await text(page, '#agencies-summary'), /Agencies: 2; service contracts: 1/);
    await page.selectOption('#lang-switch', 'zh-CN');
    await page.waitForSelector('html[lang="zh-CN"]');
  });

  // A phone-sized screen: no sideways scroll.
  await withPage('agencies-phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
    await logIn(page, 'zzb', asse.password);
    await page.goto(server.url + '/agencies');
    await page.waitForSelector(contract(DOC));
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.client, `/agencies scrolls sideways: ${JSON.stringify(widths)}`);
  });
});

test('reporter: adds a person in its unit, edits the phone, cannot put a person outside its units', async () => {
  await withPage('staffing-reporter', {}, async (page) => {
    await logIn(page, 'dq1', rep.password);
    // The agencies are the assessor's.
    assert.equal(await page.locator('#nav a[href="/agencies"]').count(), 0);
    await page.click('#nav a[href="/people"]');
    await listed(page, '');
    assert.deepEqual(await names(page), ['李二', '张一']);

    // The add form, with the reporter's own units only (no "none").
    await page.click('#person-add-toggle');
    assert.deepEqual(await page.locator('#person-unit option').evaluateAll((os) => os.map((o) => o.value)),
      ['', String(u.zone1), String(u.k1)]);
    ids.sun = idNumber('120116', '19900505', 55);
    await page.fill('#person-name', '孙五');
    await page.fill('#person-id-number', ids.sun);
    await page.selectOption('#person-political-status', '13');
    await page.selectOption('#person-education', '31');
    await page.click('#person-submit');
    await page.waitForSelector('#person-add-error:not([hidden])');
    assert.equal(await page.getAttribute('#person-add-error', 'data-field'), 'person-unit');
    await page.selectOption('#person-unit', String(u.k1));
    await page.click('#person-submit');
    await page.waitForSelector('#person-add-done:not([hidden])');
    await page.waitForSelector(row('孙五'));
    assert.equal(await text(page, `${row('孙五')} [data-testid="person-unit"]`), '甲社区');
    assert.deepEqual(await names(page), ['李二', '孙五', '张一']);

    // Its page: edit the record. The ID number is typed whole.
    await page.click('#person-add-open');
    await page.waitForSelector('[data-page="person"] #person-edit');
    assert.equal(await text(page, '#person-name'), '孙五');
    assert.equal(await page.locator('#appoint-form').count(), 0);
    await page.click('#person-edit-toggle');
    assert.equal(await page.inputValue('#edit-name'), '孙五');
    assert.equal(await page.inputValue('#edit-unit'), String(u.k1));
    assert.equal(await page.inputValue('#edit-education'), '31');
    assert.equal(await page.inputValue('#edit-id-number'), '');
    assert.match(await text(page, '#edit-id-number-hint'), /\*{10}/);
    await page.fill('#edit-phone', '022-12345678');
    await page.click('#edit-submit');
    await page.waitForSelector('#person-edit-error:not([hidden])');
    assert.equal(await page.getAttribute('#person-edit-error', 'data-field'), 'edit-id-number');
    // Another valid number is said to differ from the one on record.
    await page.fill('#edit-id-number', idNumber('440106', '19900505', 66));
    await page.waitForSelector('#edit-id-changed:not([hidden])');
    await page.fill('#edit-id-number', ids.sun);
    await page.waitForSelector('#edit-id-changed', { state: 'hidden' });
    await page.click('#edit-submit');
    await page.waitForSelector('#person-edit-done:not([hidden])');
    assert.equal(await text(page, '[data-testid="person-phone"]'), '022-12345678');
    assert.equal(await text(page, '[data-testid="person-education"]'), '大学专科毕业');
    assert.equal(await text(page, '[data-testid="person-unit"]'), '甲社区');
    assert.equal(await page.inputValue('#edit-id-number'), '');
    const stored = await ok(await asse.get(`/api/v1/people/${await page.getAttribute('[data-page="person"]', 'data-person-id')}`));
    assert.equal(stored.phone, '022-12345678');
    assert.equal(stored.birth_date, '1990-05-05');

    // 张一's page is open with 甲社区 among the units when the assessor
    // moves 甲社区 under the other zone: putting 张一 there is refused.
    await page.goto(`${server.url}/people/${p.zhang}`);
    await page.waitForSelector('#person-edit');
    await page.click('#person-edit-toggle');
    await ok(await asse.put(`/api/v1/units/${u.k1}`, { parent_id: u.zone2 }));
    try {
      await page.fill('#edit-id-number', ids.zhang);
      await page.selectOption('#edit-unit', String(u.k1));
      await page.click('#edit-submit');
      await page.waitForSelector('#person-edit-error[data-code="outside_scope"]');
      assert.equal(await page.getAttribute('#person-edit-error', 'data-field'), 'edit-unit');
      assert.equal(await page.locator('[data-field="edit-unit"] #person-edit-error').count(), 1);
      assert.match(await text(page, '#person-edit-error'), /只能填报本单位及下级单位的人员/);
      assert.equal(await text(page, '[data-testid="person-unit"]'), '第一功能区');
      assert.equal((await ok(await asse.get(`/api/v1/people/${p.zhang}`))).unit_id, u.zone1);
    } finally {
      await ok(await asse.put(`/api/v1/units/${u.k1}`, { parent_id: u.zone1 }));
    }
  });
});

test('drill-down: a unit\'s link lists the people of it and the units below it only', async () => {
  await withPage('staffing-drilldown', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    await page.click('#nav a[href="/units"]');
    await page.waitForSelector('#units-tree li[data-unit-name="第一功能区"]');
    await page.click('#units-tree li[data-unit-name="第一功能区"] a[data-testid="unit-people"]');
    await listed(page, `unit_id=${u.zone1}&below=true`);
    assert.match(page.url(), new RegExp(`/people\\?unit_id=${u.zone1}&below=true$`));
    assert.equal(await page.getAttribute('#nav a[href="/people"]', 'aria-current'), 'page');
    assert.equal(await page.inputValue('#people-unit'), String(u.zone1));
    assert.equal(await page.isChecked('#people-below'), true);
    assert.deepEqual(await names(page), ['李二', '孙五', '张一']);

    await page.goBack();
    await page.waitForSelector('#units-tree li[data-unit-name="第二功能区"]');
    await page.click('#units-tree li[data-unit-name="乙社区"] a[data-testid="unit-people"]');
    await listed(page, `unit_id=${u.k2}&below=true`);
    assert.deepEqual(await names(page), ['王三']);

    // The whole tree from the committee: everybody.
    await page.goto(server.url + '/units');
    await page.click('#units-tree li[data-unit-name="测试新区管委会"] a[data-testid="unit-people"]');
    await listed(page, `unit_id=${u.committee}&below=true`);
    assert.deepEqual(await names(page), ['李二', '孙五', '王三', '张一', '赵四']);
  });

  // A reporter's units link the same way, within its scope.
  await withPage('staffing-drilldown-reporter', {}, async (page) => {
    await logIn(page, 'dq1', rep.password);
    await page.click('#nav a[href="/units"]');
    await page.waitForSelector('#units-tree li[data-unit-name="甲社区"]');
    await page.click('#units-tree li[data-unit-name="甲社区"] a[data-testid="unit-people"]');
    await listed(page, `unit_id=${u.k1}&below=true`);
    assert.deepEqual(await names(page), ['李二', '孙五']);
  });
});
