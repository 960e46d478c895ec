// What the browser tests share: Debian's chromium started through
// playwright-core (never a downloaded browser), and withPage, which runs a
// test in a fresh context, fails it when the page logs an error, and keeps
// a screenshot in tests/e2e/artifacts/ when it fails.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const STRONG = 'Kao-he#2026-Secure';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Runs fn(page, context) in a fresh context of browser; server (from
// startServer) gives its log to a failure's message.
export async function withPage(browser, server, name, options, fn) {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // 401s of GET /session are expected; CSP violations and script errors are not.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  try {
    await fn(page, context);
    assert.deepEqual(problems, [], 'the page logged errors');
  } catch (e) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}${name}.png`;
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    e.message += `\n(screenshot: ${file}; page errors: ${JSON.stringify(problems)}; server log:\n${server.log.slice(-2000)})`;
    throw e;
  } finally {
    await context.close();
  }
}

export const text = (page, sel) => page.locator(sel).innerText();

// Logs in at server's /login as username with password and waits for the
// home page; with newPassword, goes through the forced change of a
// one-time password on the way.
export async function logInAs(page, server, username, password, newPassword) {
  await page.goto(server.url + '/login');
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  if (newPassword) {
    await page.waitForSelector('[data-page="password"]');
    await page.fill('#pw-old', password);
    await page.fill('#pw-new', newPassword);
    await page.fill('#pw-repeat', newPassword);
    await page.click('#pw-submit');
  }
  await page.waitForSelector('[data-page="home"]');
}
