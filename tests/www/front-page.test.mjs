// The demo's front page in headless Chromium, served with the strict CSP.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { launchBrowser, openPage, screenshot } from '../support/browser.mjs';

let browser;
let server;
let base;

before(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serve({ port: 0 })]);
  base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the front page shows the package version and links to every demo', async () => {
  const page = await openPage(browser);
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.getElementById('version').textContent !== '…');
  assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+$/);
  const links = await page.$$eval('main a.card-link', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['demo/deal-health.html', 'demo/lead-form.html', 'demo/stage-checklist.html', 'demo/dashboard.html']);
  for (const href of links) {
    const response = await page.request.get(`${base}/${href}`);
    assert.equal(response.status(), 200, href);
  }
  await screenshot(page, 'front-page');
  assert.deepEqual(page.problems, []);
});

test('the front page works on a phone-sized screen and by keyboard', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${base}/`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, 'no horizontal scrolling');
  await screenshot(page, 'front-page-mobile');
  assert.deepEqual(page.problems, []);
});
