// The deal health demo and <pipescore-deal-health> in headless Chromium, under the strict CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PHONE, screenshot, scrollsSideways, usePages } from './harness.mjs';

const open = usePages();
const READY = 'pipescore-deal-health .ps-health';
const XSS = '<img src=x onerror=alert(1)>';

test('shows the at-risk sample deal: gauge, band, warnings, factors with actions, exit criteria', async () => {
  const page = await open('/demo/deal-health.html', { readySelector: READY });
  const widget = page.locator('pipescore-deal-health');
  assert.equal(await widget.getByRole('heading', { level: 2 }).textContent(), 'Copperline Health — Growth');
  assert.match(await widget.getByRole('img').getAttribute('aria-label'), /^Health score \d+ of 100, at risk$/);
  assert.equal(await widget.locator('.ps-band-line .badge').textContent(), 'At risk');
  assert.ok((await widget.locator('.ps-warnings li').allTextContents()).some((w) => /Close date pushed 3 times/.test(w)));

  const factors = widget.locator('.ps-factor');
  assert.equal(await factors.count(), 3, 'the three most costly factors');
  for (const text of await factors.allTextContents()) assert.match(text, /−\d+(\.\d)? pts.+Suggested action: ./);

  const todo = await widget.locator('.ps-check-todo').allTextContents();
  assert.deepEqual(todo, ['✗To do: Decision date setSet the date the customer will decide.']);
  assert.equal(await page.locator('#deals tbody tr').count(), 74, 'every open sample deal is listed');
  assert.match(await page.textContent('#deals-summary'), /^74 open deals: \d+ healthy, \d+ at risk, \d+ critical\.$/);
  await screenshot(page, 'deal-health');
  assert.deepEqual(page.problems, []);
});

test('a deal named like HTML is shown as text and runs nothing', async () => {
  const page = await open('/demo/deal-health.html', { readySelector: READY });
  await page.getByRole('button', { name: XSS, exact: true }).click();
  const widget = page.locator('pipescore-deal-health');
  await page.waitForFunction((name) => document.querySelector('pipescore-deal-health h2')?.textContent === name, XSS);
  assert.equal(await page.locator('img[src="x"], script:not([src]), svg[onload]').count(), 0, 'no element was created from record text');
  assert.match(await widget.locator('.ps-action').first().textContent(), /Schedule a follow-up with <script>alert\(2\)<\/script>, the champion$/);
  assert.deepEqual(page.dialogs, [], 'no alert ran');
  await screenshot(page, 'deal-health-xss');
  assert.deepEqual(page.problems, []);
});

test('the band filter and the deal list work from the keyboard', async () => {
  const page = await open('/demo/deal-health.html', { readySelector: READY });
  await page.focus('#band-filter');
  await page.keyboard.press('ArrowDown'); // All bands → Critical
  await page.waitForFunction(() => document.querySelector('#band-filter').value === 'critical');
  const badges = await page.locator('#deals tbody .badge .visually-hidden').allTextContents();
  assert.ok(badges.length > 0 && badges.every((b) => b === ', Critical'), 'only critical deals');

  const first = page.locator('#deals tbody button').first();
  const name = await first.textContent();
  await first.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector('pipescore-deal-health h2')?.textContent === n, name);
  assert.match(await page.locator('pipescore-deal-health').getByRole('img').getAttribute('aria-label'), /, critical$/);
  assert.equal(await page.locator('#deals tbody tr[aria-current="true"] button').textContent(), name);
  assert.deepEqual(page.problems, []);
});

test('an engine error becomes a readable error box and a pipescore-error event', async () => {
  const page = await open('/demo/deal-health.html', { readySelector: READY });
  const code = await page.evaluate(() => new Promise((resolve) => {
    const widget = document.querySelector('pipescore-deal-health');
    widget.addEventListener('pipescore-error', (event) => resolve(event.detail.code), { once: true });
    widget.deal = { id: 'bad', stage: 'no_such_stage' };
  }));
  assert.equal(code, 'UNKNOWN_STAGE');
  const alert = page.locator('pipescore-deal-health [role="alert"]');
  assert.match(await alert.textContent(), /^Could not compute this: .*no_such_stage.*UNKNOWN_STAGE/);
  await page.evaluate(() => { document.querySelector('pipescore-deal-health').deal = { id: 'ok', stage: 'discovery' }; });
  await page.waitForSelector(READY);
  assert.deepEqual(page.problems, []);
});

test('fits a phone screen without sideways scrolling', async () => {
  const page = await open('/demo/deal-health.html', { viewport: PHONE, readySelector: READY });
  assert.equal(await scrollsSideways(page), false);
  await screenshot(page, 'deal-health-phone');
  assert.deepEqual(page.problems, []);
});
