// The stage checklist demo and <pipescore-stage-checklist> in headless Chromium, under the strict CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PHONE, screenshot, scrollsSideways, usePages } from './harness.mjs';

const open = usePages();
const READY = 'pipescore-stage-checklist .ps-move-result p';
const currentStep = (page) => page.textContent('.ps-path [aria-current="step"] .ps-path-label');
const verdict = (page) => page.textContent('.ps-move-result .badge');

test('shows what the deal needs and blocks a move whose gates are not met', async () => {
  const page = await open('/demo/stage-checklist.html', { readySelector: READY });
  const widget = page.locator('pipescore-stage-checklist');
  assert.equal(await widget.getByRole('heading', { level: 2 }).textContent(), 'Copperline Health — Growth');
  assert.equal(await currentStep(page), 'Proposal');
  assert.equal(await widget.getByRole('progressbar').getAttribute('aria-valuenow'), '75');
  assert.match(await widget.locator('.ps-readiness .badge').textContent(), /^1 item to do before Negotiation$/);

  const select = widget.getByLabel('Move to');
  assert.equal(await select.inputValue(), 'negotiation', 'the next stage is proposed first');
  assert.equal(await verdict(page), 'Blocked');
  assert.deepEqual(await widget.locator('.ps-reasons li').allTextContents(), ['Set the date the customer will decide.']);
  assert.equal(await widget.getByRole('button', { name: 'Move deal to Negotiation' }).isDisabled(), true);
  assert.match(await page.textContent('#event-log'), /pipescore-move-check Proposal → Negotiation: blocked \(1 reason\)/);
  await screenshot(page, 'stage-checklist');
  assert.deepEqual(page.problems, []);
});

test('a move is proposed and made from the keyboard', async () => {
  const page = await open('/demo/stage-checklist.html', { readySelector: READY });
  await page.locator('pipescore-stage-checklist select').focus();
  await page.keyboard.press('ArrowUp'); // Negotiation → Demo: a step back
  await page.waitForFunction(() => document.querySelector('.ps-move-result .badge')?.textContent === 'Allowed');
  assert.match(await page.textContent('.ps-move-result'), /The deal can move to Demo\./);

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Move deal to Demo');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.ps-notice');
  assert.equal(await page.textContent('.ps-notice'), 'Moved from Proposal to Demo.');
  assert.equal(await currentStep(page), 'Demo');
  assert.equal(await page.evaluate(() => document.activeElement.localName), 'select', 'focus returns to the move selector');
  assert.match(await page.textContent('#event-log'), /pipescore-move D-2002 moved Proposal → Demo/);
  await screenshot(page, 'stage-checklist-moved');
  assert.deepEqual(page.problems, []);
});

test('a page can veto a move by cancelling pipescore-move', async () => {
  const page = await open('/demo/stage-checklist.html', { readySelector: READY });
  await page.evaluate(() => document.querySelector('pipescore-stage-checklist').addEventListener('pipescore-move', (e) => e.preventDefault()));
  await page.locator('pipescore-stage-checklist select').selectOption('demo');
  await page.getByRole('button', { name: 'Move deal to Demo' }).click();
  assert.equal(await currentStep(page), 'Proposal');
  assert.equal(await page.locator('.ps-notice').count(), 0);
  assert.deepEqual(page.problems, []);
});

test('a deal named like HTML is shown as text and runs nothing', async () => {
  const page = await open('/demo/stage-checklist.html', { readySelector: READY });
  await page.selectOption('#deal-picker', 'D-2003');
  await page.waitForFunction(() => document.querySelector('pipescore-stage-checklist h2')?.textContent === '<img src=x onerror=alert(1)>');
  assert.equal(await currentStep(page), 'Demo');
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.match(await page.locator('#deal-picker option[value="D-2003"]').textContent(), /^<img src=x onerror=alert\(1\)> · \$9,500$/);
  assert.deepEqual(page.dialogs, []);
  assert.deepEqual(page.problems, []);
});

test('fits a phone screen without sideways scrolling', async () => {
  const page = await open('/demo/stage-checklist.html', { viewport: PHONE, readySelector: READY });
  assert.equal(await scrollsSideways(page), false);
  await screenshot(page, 'stage-checklist-phone');
  assert.deepEqual(page.problems, []);
});
