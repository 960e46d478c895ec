// Browser test of the units page: an assessor (made with the CLI) adds a
// committee and a department under it, sets a civil-servant quota on the
// department and sees the tree with the figures on the department and rolled
// up on the committee; drill-down; a server error next to its field;
// English; a reporter sees only its own unit, without the forms.
// Run from the repository root: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage as openPage, STRONG, text, logInAs } from './browser.mjs';
import { startServer, kaohe } from '../lib/server.mjs';

let server;
let browser;
const withPage = (name, options, fn) => openPage(browser, server, name, options, fn);

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.cleanup();
});

// `kaohe user add` prints "one-time password for NAME: PW".
function addUser(name, args) {
  const r = kaohe(['user', 'add', name, ...args, '--db', server.db]);
  assert.equal(r.status, 0, `kaohe user add ${name}: ${r.stderr}`);
  const m = new RegExp(`one-time password for ${name}: (\\S+)`).exec(r.stdout);
  assert.ok(m, `no one-time password in: ${r.stdout}`);
  return m[1];
}


// Logs in with a one-time password and sets a strong one; ends on home.
const logInFirstTime = (page, username, password) => logInAs(page, server, username, password, STRONG);

const unitSel = (name) => `#units-tree li[data-unit-name="${name}"]`;
const fig = (name, scope, k) =>
  `${unitSel(name)} tr[data-figure="staff:civil_servant"][data-scope="${scope}"] [data-testid="${scope}-${k}"]`;

let departmentId = null;

test('assessor: add a committee and a department, set a quota, see the figures', async () => {
  const password = addUser('zzb', ['--roles', 'assessor']);
  await withPage('units-assessor', {}, async (page) => {
    await logInFirstTime(page, 'zzb', password);
    assert.match(await text(page, '#nav'), /单位/);
    await page.click('#nav a[href="/units"]');
    await page.waitForSelector('[data-page="units"]');
    await page.waitForSelector('#units-summary[data-i18n="units.empty"]');
    assert.match(await text(page, 'h1'), /单位/);

    // A name is needed (checked in the browser).
    await page.click('#unit-submit');
    await page.waitForSelector('#unit-add-error:not([hidden])');
    assert.equal(await page.getAttribute('#unit-add-error', 'data-field'), 'unit-name');

    // The committee, at the root.
    await page.fill('#unit-name', '测试新区管委会');
    await page.selectOption('#unit-kind', 'committee');
    await page.selectOption('#unit-parent', '');
    await page.click('#unit-submit');
    await page.waitForSelector(unitSel('测试新区管委会'));
    await page.waitForSelector('#unit-add-done:not([hidden])');
    assert.equal(await text(page, `${unitSel('测试新区管委会')} [data-testid="unit-kind"]`), '管委会');

    // A social work station may not sit under it: the server's bad_parent,
    // next to the parent field.
    await page.fill('#unit-name', '第一社工站');
    await page.selectOption('#unit-kind', 'station');
    await page.selectOption('#unit-parent', { label: '测试新区管委会' });
    await page.click('#unit-submit');
    await page.waitForSelector('#unit-add-error[data-code="bad_parent"]');
    assert.equal(await page.getAttribute('#unit-add-error', 'data-field'), 'unit-parent');
    assert.equal(await page.locator('[data-field="unit-parent"] #unit-add-error').count(), 1);
    assert.notEqual((await text(page, '#unit-add-error [data-testid="server-message"]')).trim(), '');
    assert.equal(await page.locator(unitSel('第一社工站')).count(), 0);

    // The department under the committee (indented one level).
    await page.fill('#unit-name', '政策研究室');
    await page.selectOption('#unit-kind', 'department');
    await page.selectOption('#unit-parent', { label: '测试新区管委会' });
    await page.click('#unit-submit');
    await page.waitForSelector(unitSel('政策研究室'));
    assert.equal(await page.getAttribute('#unit-add-error', 'hidden'), '');
    assert.equal(await page.getAttribute(unitSel('测试新区管委会'), 'data-depth'), '0');
    assert.equal(await page.getAttribute(unitSel('政策研究室'), 'data-depth'), '1');
    assert.equal(await text(page, `${unitSel('政策研究室')} [data-testid="unit-kind"]`), '部门');
    departmentId = await page.getAttribute(unitSel('政策研究室'), 'data-unit-id');

    // A quota with a date in the future: the server's invalid_date, next to the date.
    await page.selectOption('#quota-unit', departmentId);
    await page.selectOption('#quota-line-kind', 'staff');
    await page.selectOption('#quota-line', 'civil_servant');
    await page.fill('#quota-count', '12');
    await page.fill('#quota-document', '津滨编〔2016〕3号');
    await page.fill('#quota-approved-on', '2099-05-20');
    await page.click('#quota-submit');
    await page.waitForSelector('#quota-error[data-code="invalid_date"]');
    assert.equal(await page.getAttribute('#quota-error', 'data-field'), 'quota-approved-on');

    // A civil-servant quota of 12 on the department.
    await page.fill('#quota-approved-on', '2016-05-20');
    await page.click('#quota-submit');
    await page.waitForSelector('#quota-done:not([hidden])');
    await page.waitForSelector(fig('政策研究室', 'own', 'quota'));
    for (const [name, scope] of [['政策研究室', 'own'], ['政策研究室', 'rolled'], ['测试新区管委会', 'rolled']]) {
      assert.equal(await text(page, fig(name, scope, 'quota')), '12', `${name} ${scope} quota`);
      assert.equal(await text(page, fig(name, scope, 'filled')), '0', `${name} ${scope} filled`);
      assert.equal(await text(page, fig(name, scope, 'vacant')), '12', `${name} ${scope} vacant`);
      assert.equal(await text(page, fig(name, scope, 'over')), '0', `${name} ${scope} over`);
    }
    assert.equal(await text(page, fig('测试新区管委会', 'own', 'quota')), '0');
    assert.match(await text(page, `${unitSel('政策研究室')} tr[data-scope="own"]`), /公务员/);
    assert.equal(await page.locator(`${unitSel('政策研究室')} svg.gauge`).count(), 2);

    // Drill-down: collapse the committee, the department goes; expand, it is back.
    const toggle = `${unitSel('测试新区管委会')} [data-testid="unit-toggle"]`;
    assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'true');
    await page.click(toggle);
    await page.waitForSelector(unitSel('政策研究室'), { state: 'hidden' });
    assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'false');
    await page.click(toggle);
    await page.waitForSelector(unitSel('政策研究室'), { state: 'visible' });

    // English.
    await page.selectOption('#lang-switch', 'en');
    await page.waitForSelector('html[lang="en"]');
    assert.match(await text(page, '#nav'), /Units/);
    assert.match(await text(page, 'h1'), /Units/);
    assert.equal(await text(page, `${unitSel('政策研究室')} [data-testid="unit-kind"]`), 'Department');
    assert.match(await text(page, `${unitSel('政策研究室')} tr[data-scope="own"]`), /Civil servants/);
    assert.match(await text(page, 'label[for="quota-document"]'), /Document number/);

    // A reload keeps the page, in English.
    await page.reload();
    await page.waitForSelector(fig('测试新区管委会', 'rolled', 'quota'));
    assert.match(await text(page, 'h1'), /Units/);
    assert.equal(await text(page, fig('测试新区管委会', 'rolled', 'vacant')), '12');
  });
});

test('phone-sized screen: the units page does not scroll sideways', async () => {
  await withPage('units-phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
    await logInAs(page, server, 'zzb', STRONG);
    await page.click('#nav a[href="/units"]');
    await page.waitForSelector(unitSel('政策研究室'));
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.client, `units page scrolls sideways: ${JSON.stringify(widths)}`);
    assert.ok(await page.locator('#unit-submit').isVisible());
  });
});

test('reporter: sees its own unit only, without the forms', async (t) => {
  if (!departmentId) {
    t.skip('the assessor test did not make the department');
    return;
  }
  const password = addUser('tbr', ['--roles', 'reporter', '--unit', departmentId]);
  await withPage('units-reporter', {}, async (page) => {
    await logInFirstTime(page, 'tbr', password);
    await page.click('#nav a[href="/units"]');
    await page.waitForSelector(unitSel('政策研究室'));
    assert.equal(await page.locator(unitSel('测试新区管委会')).count(), 0);
    assert.equal(await page.locator('#unit-add-form').count(), 0);
    assert.equal(await page.locator('#quota-form').count(), 0);
    assert.equal(await text(page, fig('政策研究室', 'own', 'quota')), '12');
  });
});
