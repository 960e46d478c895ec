// Browser test of the web shell: a real `kaohe serve` (tests/lib/server.mjs)
// driven through Debian's chromium with playwright-core.
// Run from the repository root: node --test tests/e2e/
// (KAOHE_BIN names the binary; build/kaohe by default.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, withPage as openPage, STRONG, text, logInAs } from './browser.mjs';
import { startServer } from '../lib/server.mjs';

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

// Runs fn(page, context) in a fresh browser context; on failure saves a
// screenshot to tests/e2e/artifacts/<name>.png and the page's errors.
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

// Logs in and, if asked to, sets a strong password; ends on the home page.
const logIn = (page, username, password, newPassword) => logInAs(page, server, username, password, newPassword);

test('log in, forced password change, home, language switch, reload, log out', async () => {
  await withPage('shell', {}, async (page, context) => {
    // The login page, in Chinese by default.
    await page.goto(server.url);
    await page.waitForSelector('[data-page="login"]');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await htmlLang(page), 'zh-CN');
    assert.equal(await text(page, 'label[for="login-username"]'), '用户名');
    assert.equal(await text(page, 'label[for="login-password"]'), '密码');
    assert.match(await text(page, '[data-page="login"]'), /新区干部管理与考核系统/);
    assert.equal(await page.inputValue('#lang-switch'), 'zh-CN');
    assert.equal(await page.locator('#logout').isVisible(), false);

    // Wrong password: the server's refusal is shown.
    await page.fill('#login-username', 'admin');
    await page.fill('#login-password', 'not-the-password');
    await page.click('#login-submit');
    await page.waitForSelector('#login-error:not([hidden])');
    assert.equal(await page.getAttribute('#login-error', 'data-code'), 'invalid_credentials');
    assert.match(await text(page, '#login-error'), /用户名或密码错误/);

    // The right one: the one-time password must be changed first.
    await page.fill('#login-password', server.passwords.admin);
    await page.click('#login-submit');
    await page.waitForSelector('[data-page="password"]');
    assert.equal(new URL(page.url()).pathname, '/password');
    assert.equal(await page.locator('#logout').isVisible(), true);

    // Going elsewhere is not possible yet.
    await page.goto(server.url + '/home');
    await page.waitForSelector('[data-page="password"]');

    // The two new passwords must match (checked in the browser).
    await page.fill('#pw-old', server.passwords.admin);
    await page.fill('#pw-new', STRONG);
    await page.fill('#pw-repeat', STRONG + 'x');
    await page.click('#pw-submit');
    await page.waitForSelector('#pw-error:not([hidden])');
    assert.match(await text(page, '#pw-error'), /两次输入的新密码不一致/);
    assert.equal(await page.getAttribute('#pw-error', 'data-field'), 'pw-repeat');

    // A weak one: the server's weak_password, next to the new password.
    await page.fill('#pw-new', 'short');
    await page.fill('#pw-repeat', 'short');
    await page.click('#pw-submit');
    await page.waitForSelector('#pw-error[data-code="weak_password"]');
    assert.match(await text(page, '#pw-error'), /新密码不符合密码要求/);
    assert.notEqual((await text(page, '#pw-error [data-testid="server-message"]')).trim(), '');
    assert.equal(await page.getAttribute('#pw-error', 'data-field'), 'pw-new');
    assert.equal(await page.locator('[data-field="pw-new"] #pw-error').count(), 1);
    assert.equal(await page.getAttribute('#pw-new', 'aria-invalid'), 'true');

    // A strong one: home.
    await page.fill('#pw-new', STRONG);
    await page.fill('#pw-repeat', STRONG);
    await page.click('#pw-submit');
    await page.waitForSelector('[data-page="home"]');
    assert.equal(new URL(page.url()).pathname, '/home');
    assert.equal(await text(page, '#home-username'), 'admin');
    assert.match(await text(page, '#home-roles'), /系统管理员/);
    assert.match(await text(page, '#home-expires'), /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/);
    assert.equal(await page.locator('#home-no-roles').count(), 0);
    assert.match(await text(page, '#nav'), /首页/);
    assert.match(await text(page, '#nav'), /修改密码/);

    // English.
    await page.selectOption('#lang-switch', 'en');
    assert.equal(await htmlLang(page), 'en');
    assert.match(await text(page, '#home-roles'), /System administrator/);
    assert.match(await text(page, '#nav'), /Home/);
    assert.match(await text(page, '#logout'), /Log out/);

    // A reload keeps the language and the session.
    await page.reload();
    await page.waitForSelector('[data-page="home"]');
    assert.equal(await htmlLang(page), 'en');
    assert.equal(await page.inputValue('#lang-switch'), 'en');
    assert.match(await text(page, '#home-roles'), /System administrator/);
    assert.equal(await text(page, '#home-username'), 'admin');

    // Log out: back at the login page, and the session is gone on the server.
    await page.click('#logout');
    await page.waitForSelector('[data-page="login"]');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await text(page, 'label[for="login-username"]'), 'User name');
    const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(status, 401);
    const fromContext = await context.request.get(server.url + '/api/v1/session');
    assert.equal(fromContext.status(), 401);

    // A page that needs a session sends us back to log in.
    await page.goto(server.url + '/home');
    await page.waitForSelector('[data-page="login"]');
  });
});

test('phone-sized screen: no horizontal scroll', async () => {
  await withPage('phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page) => {
    await page.goto(server.url + '/login');
    await page.waitForSelector('[data-page="login"]');
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.client, `login page scrolls sideways: ${JSON.stringify(widths)}`);
    assert.ok(await page.locator('#login-submit').isVisible());
    assert.ok(await page.locator('#lang-switch').isVisible());
  });
});

test('audit administrator: audit log page', async (t) => {
  const probe = await fetch(server.url + '/js/pages/audit.js');
  if (probe.status !== 200) {
    t.skip('web/js/pages/audit.js is not served by this build');
    return;
  }
  await withPage('audit', { viewport: { width: 390, height: 844 } }, async (page) => {
    await logIn(page, 'auditor', server.passwords.auditor, STRONG);
    assert.match(await text(page, '#home-roles'), /审计管理员/);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.client, `home page scrolls sideways: ${JSON.stringify(widths)}`);
    await page.click('#nav a[href="/audit"]');
    await page.waitForSelector('[data-page="audit"]');
    await page.waitForSelector('#audit-table tbody tr');
    assert.match(await text(page, '#audit-table'), /session\.login/);
    await page.click('#audit-verify');
    await page.waitForSelector('#audit-verify-result.notice-ok');
  });
});
