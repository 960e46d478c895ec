// Browser test of the people and person pages: the data (units, a quota,
// six people, employments) is made through the API as an assessor; then in
// the browser the assessor searches by name, filters, orders by pinyin and
// by surname strokes, adds a person (a bad ID number first: the server's
// error next to the field), opens a person and sees the history of posts,
// shows the whole ID number, appoints beyond a quota (refused, then allowed
// with a reason) and ends an employment; English; a phone-sized screen; and
// a reporter, who sees only its unit's people and no appointments or
// whole ID numbers.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage as openPage, text, logInAs } from './browser.mjs';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { activate, auditRecords, newAccount, ok, strong } from '../api/client.mjs';

let server;
let browser;
let asse;
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);
const u = {};
const p = {};
const ids = {};

// Surname strokes: 丁 2 < 王 4 < 白 5 < 安 6 < 李 7 < 赵 9;
// pinyin: 安 < 白 < 丁 < 李 < 王 < 赵.
const PEOPLE = [
  ['ding', '丁伟', '19700312', 11], ['wang', '王芳', '19850607', 22], ['bai', '白洁', '19900101', 33],
  ['an', '安娜', '19750815', 44], ['li', '李强', '19881120', 55], ['zhao', '赵磊', '19930228', 66],
];
const BY_PINYIN = ['安娜', '白洁', '丁伟', '李强', '王芳', '赵磊'];
const BY_STROKE = ['丁伟', '王芳', '白洁', '安娜', '李强', '赵磊'];
const BY_BIRTH = ['丁伟', '安娜', '王芳', '李强', '白洁', '赵磊'];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  asse = await newAccount(server, 'zzb', { roles: 'assessor' });
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  u.committee = await unit({ name: '测试新区管委会', kind: 'committee' });
  u.office = await unit({ name: '综合办公室', kind: 'department', parent_id: u.committee });
  u.finance = await unit({ name: '财政局', kind: 'department', parent_id: u.committee });
  // A unit without a quota line has none of it: the office has one
  // civil-servant place; the finance bureau room enough.
  const quota = (unitId, lineKind, line, count) => asse.put(`/api/v1/units/${unitId}/quotas`, {
    line_kind: lineKind, line, count, document: '津滨编〔2016〕3号', approved_on: '2016-05-20' }).then((r) => ok(r));
  await quota(u.office, 'staff', 'civil_servant', 1);
  await quota(u.finance, 'staff', 'civil_servant', 5);
  await quota(u.finance, 'staff', 'public_institution', 5);
  await quota(u.finance, 'post', 'section_deputy', 2);
  for (const [key, name, birth, seq] of PEOPLE) {
    ids[key] = idNumber('120116', birth, seq);
    p[key] = (await ok(await asse.post('/api/v1/people', {
      name, id_number: ids[key], ethnicity: '01', political_status: '01', education: '21',
      school: '南开大学', school_tier: '985', phone: '022-66290000' }), 201)).person.id;
  }
  const job = (over) => ({ staff_type: 'civil_servant', title: '科员', rank: 'clerk_1', ...over });
  // 王芳: a past post in the finance bureau (ended), then the office's only
  // civil-servant place.
  const past = (await ok(await asse.post('/api/v1/employments', job({
    person_id: p.wang, unit_id: u.finance, title: '预算科科员', rank: 'clerk_2',
    start_date: '2015-01-01', start_document: '泰达组任〔2015〕1号' })), 201)).employment;
  await ok(await asse.post(`/api/v1/employments/${past.id}/end`, {
    end_date: '2019-12-31', end_document: '泰达组免〔2019〕9号' }));
  await ok(await asse.post('/api/v1/employments', job({
    person_id: p.wang, unit_id: u.office, title: '综合科科员',
    start_date: '2020-01-01', start_document: '泰达组任〔2020〕1号' })), 201);
  await ok(await asse.post('/api/v1/employments', job({
    person_id: p.li, unit_id: u.finance, title: '预算科科员', staff_type: 'public_institution', rank: undefined,
    start_date: '2019-03-01', start_document: '泰达组任〔2019〕3号' })), 201);
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
});

const logIn = (page, username, password) => logInAs(page, server, username, password);

const names = (page) => page.locator('#people-table tbody tr [data-testid="person-name"]').allInnerTexts();
const row = (name) => `#people-table tr[data-person-name="${name}"]`;

// Waits for the list to answer a query (the address's form of it).
async function listed(page, query) {
  await page.waitForSelector(`#people-results[data-query="${query}"]:not([aria-busy])`);
}

test('assessor: search, filter and order the people', async () => {
  await withPage('people-list', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    assert.match(await text(page, '#nav'), /人员/);
    await page.click('#nav a[href="/people"]');
    await page.waitForSelector('[data-page="people"]');
    await listed(page, '');
    assert.match(await text(page, 'h1'), /人员/);
    assert.equal(await page.getAttribute('#nav a[href="/people"]', 'aria-current'), 'page');
    assert.deepEqual(await names(page), BY_PINYIN, 'pinyin is the default order');
    assert.match(await text(page, '#people-summary'), /共 6 人/);

    // The row of 王芳: masked ID number, unit, staff type and rank by name.
    const wang = row('王芳');
    const masked = await text(page, `${wang} [data-testid="person-id-number"]`);
    assert.equal(masked, `${ids.wang.slice(0, 4)}**********${ids.wang.slice(14)}`);
    assert.equal(await text(page, `${wang} [data-testid="person-unit"]`), '综合办公室');
    assert.equal(await text(page, `${wang} [data-testid="person-staff-type"]`), '公务员');
    assert.equal(await text(page, `${wang} [data-testid="person-rank"]`), '一级科员');
    assert.equal(await text(page, `${wang} [data-testid="person-gender"]`), '女');
    assert.equal(await text(page, `${wang} [data-testid="person-birth-date"]`), '1985-06-07');
    assert.equal(await text(page, `${row('李强')} [data-testid="person-staff-type"]`), '事业编制人员');

    // Search by part of a name, then by a whole ID number.
    await page.fill('#people-q', '芳');
    await page.click('#people-search');
    await listed(page, 'q=%E8%8A%B3');
    assert.deepEqual(await names(page), ['王芳']);
    assert.match(page.url(), /\/people\?q=%E8%8A%B3$/);
    await page.fill('#people-q', ids.zhao);
    await page.press('#people-q', 'Enter');
    await listed(page, `q=${ids.zhao}`);
    assert.deepEqual(await names(page), ['赵磊']);
    await page.fill('#people-q', '');
    await page.click('#people-search');
    await listed(page, '');

    // Surname strokes: 丁 2 < 王 4 < 白 5 < 安 6 < 李 7 < 赵 9.
    await page.selectOption('#people-sort', 'stroke');
    await listed(page, 'sort=stroke');
    assert.deepEqual(await names(page), BY_STROKE, 'by surname strokes');
    await page.selectOption('#people-sort', 'birth');
    await listed(page, 'sort=birth');
    assert.deepEqual(await names(page), BY_BIRTH, 'by birth date, oldest first');
    await page.selectOption('#people-sort', 'pinyin');
    await listed(page, '');
    assert.deepEqual(await names(page), BY_PINYIN, 'back to pinyin');

    // Filters: the committee alone has nobody; with the units below, two.
    await page.selectOption('#people-unit', String(u.committee));
    await listed(page, `unit_id=${u.committee}`);
    assert.deepEqual(await names(page), []);
    assert.match(await text(page, '#people-summary'), /没有符合条件的人员/);
    await page.check('#people-below');
    await listed(page, `unit_id=${u.committee}&below=true`);
    assert.deepEqual(await names(page), ['李强', '王芳']);
    await page.selectOption('#people-staff-type', 'civil_servant');
    await listed(page, `unit_id=${u.committee}&below=true&staff_type=civil_servant`);
    assert.deepEqual(await names(page), ['王芳']);
    await page.click('#people-clear');
    await listed(page, '');
    await page.selectOption('#people-rank', 'clerk_1');
    await listed(page, 'rank=clerk_1');
    assert.deepEqual(await names(page), ['王芳']);
    await page.selectOption('#people-rank', '');
    // Ages (whole years today): a bad one is refused next to its field.
    await page.fill('#people-age-min', '151');
    await page.click('#people-search');
    await page.waitForSelector('#people-filter-error:not([hidden])');
    assert.equal(await page.getAttribute('#people-filter-error', 'data-field'), 'people-age-min');
    await page.fill('#people-age-min', '0');
    await page.fill('#people-age-max', '150');
    await page.selectOption('#people-education', '21');
    await listed(page, 'age_min=0&age_max=150&education=21');
    assert.equal((await names(page)).length, 6);
    await page.selectOption('#people-education', '11');
    await listed(page, 'age_min=0&age_max=150&education=11');
    assert.deepEqual(await names(page), []);
    await page.click('#people-clear');
    await listed(page, '');

    // Seven people or fewer: one page.
    assert.equal(await page.isDisabled('#people-prev'), true);
    assert.equal(await page.isDisabled('#people-next'), true);

    // A reload keeps the order (it is in the address).
    await page.selectOption('#people-sort', 'stroke');
    await listed(page, 'sort=stroke');
    await page.reload();
    await listed(page, 'sort=stroke');
    assert.equal(await page.inputValue('#people-sort'), 'stroke');
    assert.deepEqual(await names(page), BY_STROKE);
  });
});

test('assessor: add a person; the server\'s error goes next to the ID number', async () => {
  await withPage('people-add', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    await page.goto(server.url + '/people');
    await listed(page, '');
    await page.click('#person-add-toggle');
    await page.fill('#person-name', '钱七');
    const good = idNumber('120116', '19950505', 77);
    const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    await page.fill('#person-id-number', wrong);
    await page.selectOption('#person-political-status', '13');
    await page.selectOption('#person-education', '31');
    await page.selectOption('#person-school-tier', 'other');
    await page.selectOption('#person-unit', String(u.finance));
    await page.click('#person-submit');
    await page.waitForSelector('#person-add-error[data-code="invalid_id_number"]');
    assert.equal(await page.getAttribute('#person-add-error', 'data-field'), 'person-id-number');
    assert.equal(await page.locator('[data-field="person-id-number"] #person-add-error').count(), 1);
    assert.match(await text(page, '#person-add-error [data-testid="server-message"]'), /check digit/);

    // A duplicate ID number: 409, also next to the number.
    await page.fill('#person-id-number', ids.wang);
    await page.click('#person-submit');
    await page.waitForSelector('#person-add-error[data-code="duplicate_id_number"]');
    assert.equal(await page.getAttribute('#person-add-error', 'data-field'), 'person-id-number');

    await page.fill('#person-id-number', good);
    await page.click('#person-submit');
    await page.waitForSelector('#person-add-done:not([hidden])');
    await page.waitForSelector(row('钱七'));
    assert.equal(await text(page, `${row('钱七')} [data-testid="person-unit"]`), '财政局');
    assert.equal(await text(page, `${row('钱七')} [data-testid="person-staff-type"]`), '—');
    assert.equal(await page.inputValue('#person-name'), '');
    await page.click('#person-add-open');
    await page.waitForSelector('[data-page="person"] #person-name');
    assert.equal(await text(page, '#person-name'), '钱七');
    assert.equal(await text(page, '[data-testid="person-education"]'), '大学专科毕业');
    assert.equal(await text(page, '[data-testid="person-political-status"]'), '群众');
    assert.equal(await text(page, '[data-testid="person-school-tier"]'), '其他');
  });
});

test('assessor: a person\'s history, the whole ID number, appointing beyond a quota, ending', async () => {
  await withPage('person-assessor', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    await page.click('#nav a[href="/people"]');
    await listed(page, '');
    await page.click(`${row('王芳')} a`);
    await page.waitForSelector('[data-page="person"] #history-table');
    assert.match(page.url(), new RegExp(`/people/${p.wang}$`));
    assert.equal(await text(page, '#person-name'), '王芳');
    assert.equal(await page.getAttribute('#nav a[href="/people"]', 'aria-current'), 'page');
    assert.equal(await text(page, '[data-testid="person-unit"]'), '综合办公室');
    assert.equal(await text(page, '[data-testid="person-ethnicity"]'), '汉族');
    assert.equal(await text(page, '[data-testid="person-education"]'), '大学本科毕业');
    assert.equal(await text(page, '[data-testid="person-school"]'), '南开大学');

    // The history, newest first: the office (current), then the finance bureau (ended).
    const rows = page.locator('#history-table tbody tr');
    assert.equal(await rows.count(), 2);
    assert.equal(await text(page, '#history-table tbody tr:nth-child(1) [data-testid="emp-unit"]'), '综合办公室');
    assert.equal(await page.getAttribute('#history-table tbody tr:nth-child(1)', 'data-open'), 'true');
    assert.match(await text(page, '#history-table tbody tr:nth-child(1) [data-testid="emp-end"]'), /在任/);
    assert.equal(await text(page, '#history-table tbody tr:nth-child(1) [data-testid="emp-start-date"]'), '2020-01-01');
    assert.equal(await text(page, '#history-table tbody tr:nth-child(1) [data-testid="emp-start-document"]'), '泰达组任〔2020〕1号');
    assert.equal(await text(page, '#history-table tbody tr:nth-child(2) [data-testid="emp-unit"]'), '财政局');
    assert.equal(await text(page, '#history-table tbody tr:nth-child(2) [data-testid="emp-rank"]'), '二级科员');
    assert.equal(await text(page, '#history-table tbody tr:nth-child(2) [data-testid="emp-end-date"]'), '2019-12-31');
    assert.equal(await page.getAttribute('#history-table tbody tr:nth-child(2)', 'data-open'), 'false');
    assert.equal(await page.locator('#history-table tbody tr:nth-child(2) [data-testid="emp-end-button"]').count(), 0);

    // The whole ID number, with the note that the view is audited.
    assert.match(await text(page, '#person-id-note'), /审计日志/);
    assert.match(await text(page, '#person-id-number'), /\*{10}/);
    await page.click('#person-show-id');
    await page.waitForSelector('#person-id-number[data-whole="true"]');
    assert.equal(await text(page, '#person-id-number'), ids.wang);
    assert.match(await text(page, '#person-id-note'), /已记入审计日志/);
    const auditor = await activate(server.url, 'auditor', server.passwords.auditor, strong());
    const views = await auditRecords(auditor, 'action=person.id_number_view');
    assert.ok(views.some((r) => r.object === `person:${p.wang}` && r.account === 'zzb'), 'the view is in the audit log');
    await page.click('#person-hide-id');
    await page.waitForSelector('#person-id-number:not([data-whole])');
    assert.match(await text(page, '#person-id-number'), /\*{10}/);

    // 赵磊 into the office: its one civil-servant place is 王芳's.
    await page.goto(`${server.url}/people/${p.zhao}`);
    await page.waitForSelector('[data-page="person"] #appoint-form');
    await page.waitForSelector('#history-empty:not([hidden])');
    await page.selectOption('#appoint-unit', String(u.office));
    await page.selectOption('#appoint-staff-type', 'civil_servant');
    await page.fill('#appoint-title', '综合科科员');
    await page.selectOption('#appoint-rank', 'clerk_2');
    await page.fill('#appoint-start-date', '2021-03-01');
    await page.fill('#appoint-start-document', '泰达组任〔2021〕5号');
    await page.click('#appoint-submit');
    await page.waitForSelector('#appoint-over:not([hidden])');
    assert.equal(await page.getAttribute('#appoint-over-message', 'data-code'), 'quota_exceeded');
    assert.match(await text(page, '#appoint-over-message [data-testid="server-message"]'), /综合办公室/);
    assert.equal(await page.locator('#history-table tbody tr').count(), 0);

    // Allowed, but without a reason: the browser asks for one.
    await page.check('#appoint-allow-over');
    await page.click('#appoint-submit');
    await page.waitForSelector('#appoint-error:not([hidden])');
    assert.equal(await page.getAttribute('#appoint-error', 'data-field'), 'appoint-reason');

    // With a reason: made, and the reason is in the history.
    await page.fill('#appoint-reason', '招商一线急需，待编制调整后消化');
    await page.click('#appoint-submit');
    await page.waitForSelector('#appoint-done:not([hidden])');
    await page.waitForSelector('#history-table tbody tr');
    assert.equal(await page.isHidden('#appoint-over'), true);
    assert.equal(await text(page, '#history-table tbody tr:nth-child(1) [data-testid="emp-reason"]'), '招商一线急需，待编制调整后消化');
    assert.equal(await text(page, '#history-table tbody tr:nth-child(1) [data-testid="emp-rank"]'), '二级科员');
    await page.waitForSelector('[data-testid="person-unit"]:has-text("综合办公室")');
    assert.equal(await text(page, '[data-testid="person-staff-type"]'), '公务员');

    // A concurrent post with a level, marked 兼任.
    await page.selectOption('#appoint-unit', String(u.finance));
    await page.fill('#appoint-title', '党支部书记');
    await page.check('#appoint-concurrent');
    await page.fill('#appoint-start-date', '2022-01-01');
    await page.fill('#appoint-start-document', '泰达组任〔2022〕1号');
    await page.selectOption('#appoint-post-level', 'section_deputy');
    await page.click('#appoint-submit');
    await page.waitForSelector('#appoint-done:not([hidden])');
    await page.waitForSelector('#history-table tbody tr[data-concurrent="true"]');
    assert.match(await text(page, '#history-table tbody tr[data-concurrent="true"] [data-testid="emp-concurrent"]'), /兼任/);
    assert.equal(await text(page, '#history-table tbody tr[data-concurrent="true"] [data-testid="emp-post-level"]'), '副科级');

    // End the office post: a date before its start is refused next to the date.
    const office = '#history-table tbody tr[data-concurrent="false"]';
    const empId = await page.getAttribute(office, 'data-employment-id');
    await page.click(`${office} [data-testid="emp-end-button"]`);
    await page.waitForSelector('#end-card:not([hidden])');
    assert.equal(await page.getAttribute('#end-card', 'data-employment-id'), empId);
    await page.fill('#end-date', '2020-01-01');
    await page.fill('#end-document', '泰达组免〔2023〕2号');
    await page.click('#end-submit');
    await page.waitForSelector('#end-error[data-code="invalid_date"]');
    assert.equal(await page.getAttribute('#end-error', 'data-field'), 'end-date');
    await page.fill('#end-date', '2023-06-30');
    await page.click('#end-submit');
    await page.waitForSelector('#history-done:not([hidden])');
    await page.waitForSelector(`${office}[data-open="false"]`);
    assert.equal(await text(page, `${office} [data-testid="emp-end-date"]`), '2023-06-30');
    assert.equal(await text(page, `${office} [data-testid="emp-end-document"]`), '泰达组免〔2023〕2号');
    assert.equal(await page.isHidden('#end-card'), true);

    // English: staff types and ranks by their English names.
    await page.goto(`${server.url}/people/${p.wang}`);
    await page.waitForSelector('#history-table');
    await page.selectOption('#lang-switch', 'en');
    await page.waitForSelector('html[lang="en"]');
    assert.match(await text(page, '#nav'), /People/);
    assert.equal(await text(page, '[data-testid="person-staff-type"]'), 'Civil servant');
    assert.equal(await text(page, '[data-testid="person-rank"]'), 'Clerk, level 1');
    assert.equal(await text(page, '[data-testid="person-ethnicity"]'), 'Han');
    assert.match(await text(page, '#history-heading'), /Posts and ranks/);
    assert.match(await text(page, '#person-id-note'), /audit log/);
    await page.click('#person-back');
    await listed(page, '');
    assert.equal(await text(page, `${row('王芳')} [data-testid="person-rank"]`), 'Clerk, level 1');
    assert.equal(await text(page, `${row('李强')} [data-testid="person-staff-type"]`), 'Public-institution staff');
    assert.equal(await text(page, `${row('王芳')} [data-testid="person-gender"]`), 'Female');
    await page.selectOption('#lang-switch', 'zh-CN');
    await page.waitForSelector('html[lang="zh-CN"]');
  });
});

test('phone-sized screen: the people pages do not scroll sideways', async () => {
  await withPage('people-phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
    await logIn(page, 'zzb', asse.password);
    for (const path of ['/people', `/people/${p.wang}`]) {
      await page.goto(server.url + path);
      await page.waitForSelector(path === '/people' ? '#people-results[data-query]' : '#history-table');
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
      }));
      assert.ok(widths.scroll <= widths.client, `${path} scrolls sideways: ${JSON.stringify(widths)}`);
    }
  });
});

test('reporter: only its unit\'s people, no appointments', async () => {
  const rep = await newAccount(server, 'czj', { roles: 'reporter', unit: u.finance });
  await withPage('people-reporter', {}, async (page) => {
    await logIn(page, 'czj', rep.password);
    await page.click('#nav a[href="/people"]');
    await listed(page, '');
    assert.deepEqual(await names(page), ['李强', '钱七']);
    // It adds people of its units (staffing.test.mjs), but imports nothing.
    assert.equal(await page.locator('#person-add').count(), 1);
    assert.equal(await page.locator('#import-card').count(), 0);
    // Its unit list has only its unit.
    assert.deepEqual(await page.locator('#people-unit option').evaluateAll((os) => os.map((o) => o.value)), ['', String(u.finance)]);
    await page.click(`${row('李强')} a`);
    await page.waitForSelector('[data-page="person"] #history-table');
    assert.equal(await page.locator('#person-show-id').count(), 0);
    assert.equal(await page.locator('#appoint-form').count(), 0);
    assert.equal(await page.locator('[data-testid="emp-end-button"]').count(), 0);
    assert.match(await text(page, '#person-id-number'), /\*{10}/);
    // Someone outside its unit: not found.
    await page.goto(`${server.url}/people/${p.wang}`);
    await page.waitForSelector('[data-testid="person-not-found"]');
  });
});

// The pay scale of dispatched staff, a dispatched person's pay and the
// equal-pay report. Dates are far from today on both sides, so the
// report's default date (today) finds everyone in post.
test('pay: the scale, a dispatched person\'s pay, the equal-pay report, a reporter', async () => {
  const unit = async (body) => (await ok(await asse.post('/api/v1/units', body), 201)).unit.id;
  const hq = await unit({ name: '横琴新区管委会', kind: 'committee' });
  const dept = await unit({ name: '综合管理局', kind: 'department', parent_id: hq });
  for (const line of ['civil_servant', 'dispatched']) {
    await ok(await asse.put(`/api/v1/units/${dept}/quotas`, {
      line_kind: 'staff', line, count: 10, document: '珠编〔2009〕30号', approved_on: '2009-12-16' }));
  }
  const agency = (await ok(await asse.post('/api/v1/agencies', {
    name: '横琴人才派遣有限公司', kind: 'staffing_company' }), 201)).agency.id;
  const contract = (await ok(await asse.post('/api/v1/contracts', {
    agency_id: agency, unit_id: dept, staff_type: 'dispatched', document: 'HQ-PQ-2020-01', headcount: 10,
    start_date: '2020-01-01', end_date: '2099-12-31', price_fen: 1200000000 }), 201)).contract.id;

  // The scale: the civilian sequence (11 grades) with four positions, one
  // of them negotiated; the other sequence with one.
  const seq = {};
  for (const code of ['civilian', 'other']) {
    seq[code] = (await ok(await asse.post('/api/v1/pay/sequences', { code }), 201)).sequence.id;
  }
  const grades = (yuan) => ({ grades: yuan.map((y, i) => ({ grade: i + 1, monthly_fen: y * 100 })) });
  await ok(await asse.put(`/api/v1/pay/sequences/${seq.civilian}/grades`,
    grades([3500, 4600, 5800, 6900, 8100, 9200, 10300, 11500, 12600, 13800, 14900])));
  await ok(await asse.put(`/api/v1/pay/sequences/${seq.other}/grades`,
    grades([1950, 2400, 2900, 3300, 3800, 4200, 4700, 5100])));
  const pos = {};
  for (const [s, level, name, min, max, rank, negotiated] of [
    ['civilian', 1, '行政助理', 1, 5], ['civilian', 4, '行政主管', 4, 8, 'principal_4'],
    ['civilian', 6, '行政经理', 6, 10, 'principal_2'], ['civilian', 8, '特级行政专员', null, null, null, true],
    ['other', 1, '勤杂工', 1, 2]]) {
    const body = { sequence_id: seq[s], level, name, comparable_rank: rank ?? null };
    if (negotiated) body.negotiated = true;
    else Object.assign(body, { min_grade: min, max_grade: max });
    pos[name] = (await ok(await asse.post('/api/v1/pay/positions', body), 201)).position.id;
  }

  // In-system on principal_4: 8,000, 9,000 and 10,500 yuan. Dispatched:
  // 邓一 行政主管 grade 5 then 6 (9,200), 邓二 grade 4 (6,900), 邓三 the
  // special commissioner at 25,000 negotiated.
  const person = async (name, n) => (await ok(await asse.post('/api/v1/people', {
    name, id_number: idNumber('440404', '19880101', n), ethnicity: '01', political_status: '01',
    education: '21' }), 201)).person.id;
  const employ = async (personId, body) => (await ok(await asse.post('/api/v1/employments', {
    person_id: personId, unit_id: dept, start_document: '横琴组任〔2020〕1号', ...body }), 201)).employment.id;
  for (const [name, n, fen] of [['陈一', 11, 800000], ['陈二', 13, 900000], ['陈三', 15, 1050000]]) {
    await employ(await person(name, n), { staff_type: 'civil_servant', title: '科员', rank: 'principal_4',
      start_date: '2020-01-01', monthly_pay_fen: fen });
  }
  const d = {};
  const e = {};
  for (const [k, name, n] of [['d1', '邓一', 17], ['d2', '邓二', 19], ['d3', '邓三', 21]]) {
    d[k] = await person(name, n);
    e[k] = await employ(d[k], { staff_type: 'dispatched', title: '派遣人员', contract_id: contract,
      start_date: '2021-01-01', end_date: '2099-12-31' });
  }
  d.d4 = await person('邓四', 23);
  const assign = async (body) => ok(await asse.post('/api/v1/pay/assignments', {
    start_date: '2021-01-01', document: '横琴人〔2021〕1号', ...body }), 201);
  await assign({ employment_id: e.d1, position_id: pos['行政主管'], pay_grade: 5 });
  await assign({ employment_id: e.d1, position_id: pos['行政主管'], pay_grade: 6, start_date: '2022-01-01',
    document: '横琴人〔2022〕4号' });
  await assign({ employment_id: e.d2, position_id: pos['行政主管'], pay_grade: 4 });
  await assign({ employment_id: e.d3, position_id: pos['特级行政专员'], negotiated_fen: 2500000 });

  await withPage('pay-assessor', {}, async (page) => {
    await logIn(page, 'zzb', asse.password);
    await page.click('#nav a[href="/pay"]');
    await page.waitForSelector('[data-page="pay"] #pay-scale');
    const civ = '[data-sequence="civilian"]';
    assert.match(await text(page, `${civ} h2`), /文职/);
    const posRow = (name) => `${civ} tr[data-position-name="${name}"]`;
    // Positions by level, highest first.
    assert.deepEqual(await page.locator(`${civ} tr[data-position-name] [data-testid="position-name"] > span:first-child`).allInnerTexts(),
      ['特级行政专员', '行政经理', '行政主管', '行政助理']);
    assert.equal(await text(page, `${posRow('行政主管')} [data-testid="position-grades"]`), '4–8 级');
    assert.equal(await text(page, `${posRow('行政主管')} [data-testid="position-pay"]`), '6,900 – 11,500');
    assert.equal(await text(page, `${posRow('行政主管')} [data-testid="position-rank"]`), '四级主任科员');
    assert.equal(await page.locator(`${posRow('行政主管')} .grade-bar rect.grade-in`).count(), 5);
    assert.equal(await page.getAttribute(posRow('特级行政专员'), 'data-negotiated'), 'true');
    assert.equal(await text(page, `${posRow('特级行政专员')} [data-testid="negotiated"]`), '协议工资');
    assert.equal(await text(page, `${civ} tr[data-grade="11"] [data-testid="grade-pay"]`), '14,900');
    assert.equal(await page.locator('[data-sequence="other"] tr[data-grade]').count(), 8);

    // The equal-pay report, today.
    await page.click('#pay-tab-parity');
    await page.waitForSelector('[data-page="parity"] #parity-report[data-date]');
    assert.equal(await page.getAttribute('#nav a[href="/pay"]', 'aria-current'), 'page');
    assert.deepEqual(await page.locator('#parity-table tbody').evaluateAll((bs) => bs.map((b) => b.dataset.rank)),
      ['principal_2', 'principal_4']);
    const cell = (rank, side, k) => `#parity-table tr[data-rank="${rank}"][data-side="${side}"] [data-testid="${k}"]`;
    const stats = async (rank, side) => Promise.all(['count', 'min', 'median', 'max'].map((k) => text(page, cell(rank, side, k))));
    assert.deepEqual(await stats('principal_4', 'in_system'), ['3', '8,000', '9,000', '10,500']);
    // 6,900 and 9,200: the median is their mean, 8,050; 950 below in-system.
    assert.deepEqual(await stats('principal_4', 'dispatched'), ['2', '6,900', '8,050', '9,200']);
    assert.equal(await text(page, cell('principal_4', 'in_system', 'diff')), '-950');
    assert.deepEqual(await stats('principal_2', 'in_system'), ['0', '—', '—', '—']);
    assert.match(await text(page, '#parity-table tbody[data-rank="principal_4"] .parity-positions'), /行政主管/);

    // The chart: a range and a median mark per side with figures; the
    // dispatched median lies left of the in-system one.
    await page.waitForSelector('#parity-chart');
    const mark = (rank, side) => `#parity-chart g[data-rank="${rank}"] g[data-side="${side}"]`;
    assert.equal(await page.getAttribute(`${mark('principal_4', 'in_system')} rect.chart-range`, 'data-min'), '800000');
    assert.equal(await page.getAttribute(`${mark('principal_4', 'dispatched')} rect.chart-median`, 'data-median'), '805000');
    const xIn = Number(await page.getAttribute(`${mark('principal_4', 'in_system')} rect.chart-median`, 'x'));
    const xOut = Number(await page.getAttribute(`${mark('principal_4', 'dispatched')} rect.chart-median`, 'x'));
    assert.ok(xOut < xIn, `dispatched median (${xOut}) left of in-system (${xIn})`);
    assert.equal(await page.locator(`${mark('principal_2', 'in_system')} rect`).count(), 0);
    assert.equal(await page.getAttribute(mark('principal_2', 'dispatched'), 'data-count'), '0');
    // The negotiated post: dispatched only.
    assert.equal(await text(page, `#parity-negotiated tr[data-position-id="${pos['特级行政专员']}"] [data-testid="median"]`), '25,000');

    // In 2020 no dispatched employment had started.
    await page.fill('#parity-date', '2020-06-30');
    await page.click('#parity-submit');
    await page.waitForSelector('#parity-report[data-date="2020-06-30"]');
    assert.deepEqual(await stats('principal_4', 'dispatched'), ['0', '—', '—', '—']);
    assert.deepEqual(await stats('principal_4', 'in_system'), ['3', '8,000', '9,000', '10,500']);
    assert.match(page.url(), /\/pay\/parity\?date=2020-06-30$/);

    // English.
    await page.selectOption('#lang-switch', 'en');
    await page.waitForSelector('html[lang="en"]');
    assert.match(await text(page, '#nav'), /Pay/);
    assert.equal(await text(page, '#parity-table tr[data-rank="principal_4"][data-side="in_system"] th[scope="row"]'), 'In-system');
    assert.match(await text(page, '#parity-table tbody[data-rank="principal_4"] .rank-name'), /Principal clerk, level 4/);
    await page.click('#pay-tab-scale');
    await page.waitForSelector('[data-page="pay"] #pay-scale');
    assert.match(await text(page, `${civ} h2`), /Civilian/);
    assert.equal(await text(page, `${posRow('特级行政专员')} [data-testid="negotiated"]`), 'Negotiated pay');
    await page.selectOption('#lang-switch', 'zh-CN');
    await page.waitForSelector('html[lang="zh-CN"]');

    // Appointing dispatched staff in the browser: a service contract
    // instead of a rank and pay; choosing it fills in its end.
    await page.goto(`${server.url}/people/${d.d4}`);
    await page.waitForSelector('#appoint-form');
    assert.equal(await page.isHidden('#person-pay'), true);
    await page.selectOption('#appoint-unit', String(dept));
    await page.selectOption('#appoint-staff-type', 'dispatched');
    await page.waitForSelector(`#appoint-contract option[value="${contract}"]`, { state: 'attached' });
    assert.equal(await page.isHidden('#appoint-rank'), true);
    await page.fill('#appoint-title', '综合岗');
    await page.fill('#appoint-start-date', '2023-01-01');
    await page.fill('#appoint-start-document', 'HQ-PQ-2020-01');
    await page.click('#appoint-submit');
    await page.waitForSelector('#appoint-error:not([hidden])');
    assert.equal(await page.getAttribute('#appoint-error', 'data-field'), 'appoint-contract');
    await page.selectOption('#appoint-contract', String(contract));
    assert.equal(await page.inputValue('#appoint-end-date'), '2099-12-31');
    await page.click('#appoint-submit');
    await page.waitForSelector('#appoint-done:not([hidden])');
    await page.waitForSelector('#history-table tbody tr');
    assert.equal(await text(page, '#history-table tbody tr:nth-child(1) [data-testid="emp-staff-type"]'), '派遣');
    // A dispatched post without a pay assignment yet: the pay section says so.
    await page.waitForSelector('#person-pay:not([hidden]) #pay-empty');

    // 邓一's page: the pay history, newest first.
    await page.goto(`${server.url}/people/${d.d1}`);
    await page.waitForSelector('#pay-table');
    const payRow = (n, k) => `#pay-table tbody tr:nth-child(${n}) [data-testid="pay-${k}"]`;
    assert.equal(await page.locator('#pay-table tbody tr').count(), 2);
    assert.equal(await text(page, payRow(1, 'grade')), '6 级');
    assert.equal(await text(page, payRow(1, 'monthly')), '9,200');
    assert.equal(await text(page, payRow(1, 'from')), '2022-01-01');
    assert.equal(await text(page, payRow(2, 'grade')), '5 级');
    assert.equal(await text(page, payRow(2, 'to')), '2021-12-31');
    assert.match(await text(page, payRow(1, 'position')), /行政主管/);
    await page.goto(`${server.url}/people/${d.d3}`);
    await page.waitForSelector('#pay-table');
    assert.equal(await text(page, payRow(1, 'grade')), '协议工资');
    assert.equal(await text(page, payRow(1, 'monthly')), '25,000');
  });

  // A phone-sized screen: no sideways scroll; the chart is drawn at the
  // screen's width (its text keeps its size).
  await withPage('pay-phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
    await logIn(page, 'zzb', asse.password);
    for (const [path, sel] of [['/pay', '#pay-scale'], ['/pay/parity', '#parity-chart']]) {
      await page.goto(server.url + path);
      await page.waitForSelector(sel);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
      }));
      assert.ok(widths.scroll <= widths.client, `${path} scrolls sideways: ${JSON.stringify(widths)}`);
    }
    assert.ok(Number(await page.getAttribute('#parity-chart', 'data-width')) <= 390);
  });

  // A reporter reads the scale, not the report, and sees no pay on a person.
  const rep = await newAccount(server, 'hq1', { roles: 'reporter', unit: dept });
  await withPage('pay-reporter', {}, async (page) => {
    await logIn(page, 'hq1', rep.password);
    await page.click('#nav a[href="/pay"]');
    await page.waitForSelector('[data-page="pay"] #pay-scale');
    assert.equal(await page.locator('#pay-tab-parity').count(), 0);
    await page.goto(`${server.url}/pay/parity`);
    await page.waitForSelector('[data-page="forbidden"]');
    await page.goto(`${server.url}/people/${d.d1}`);
    await page.waitForSelector('#history-table');
    assert.equal(await page.isHidden('#person-pay'), true);
  });
});
