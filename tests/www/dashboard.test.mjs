// The pipeline dashboard in headless Chromium, under the strict CSP: computeMetrics on the
// sample data, recomputed when a filter changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PHONE, screenshot, scrollsSideways, usePages } from './harness.mjs';

const open = usePages();
const READY = '#kpis .kpi';

/** The headline figures as { label: value }. */
function kpis(page) {
  return page.$$eval('#kpis .kpi', (items) => Object.fromEntries(items.map((li) =>
    [li.querySelector('.kpi-label').textContent, `${li.querySelector('.kpi-value').textContent} | ${li.querySelector('.kpi-detail').textContent}`])));
}
/** Waits for the scope line to match `pattern` (it is rewritten on every recomputation). */
const scopeMatches = (page, pattern) => page.waitForFunction((source) => new RegExp(source).test(document.getElementById('scope').textContent), pattern.source);

test('shows this quarter: headline figures, forecast, funnel, conversion and tables', async () => {
  const page = await open('/demo/dashboard.html', { readySelector: READY });
  assert.match(await page.textContent('#scope'), /^This quarter \(Oct 1, 2026 – Dec 31, 2026\) · all reps · all sources · all segments — 508 deals, 921 leads in scope\.$/);
  const figures = await kpis(page);
  assert.deepEqual(Object.keys(figures), ['Won', 'Win rate', 'Average deal', 'Sales cycle', 'Open pipeline', 'Coverage', 'Velocity', 'Quota attainment']);
  assert.match(figures.Won, /^\$\d+(\.\d)?K \| \d+ deals$/);
  assert.match(figures['Win rate'], /^\d+% \| \d+ won, \d+ lost · \d+% by value$/);
  assert.match(figures.Coverage, /^\d+\.\d× \| (Below|Within|Above) the 3–4× guideline$/);
  assert.match(figures['Quota attainment'], /^\d+% \| of \$\d+(\.\d)?K ramped quota$/);

  assert.deepEqual(await page.locator('#forecast .bars-label').allTextContents(), ['Closed won', 'Worst case', 'Likely', 'Best case', 'Quota']);
  assert.deepEqual(await page.locator('#pipeline .bars-label').allTextContents(), ['Prospecting', 'Discovery', 'Demo', 'Proposal', 'Negotiation']);
  assert.deepEqual(await page.locator('#funnel .bars-label').allTextContents(), ['Leads', 'MQL', 'SQL', 'Opportunity', 'Won']);
  assert.equal(await page.locator('#conversion .bars-row').count(), 5);
  assert.match(await page.getByRole('img', { name: /^Won revenue by quarter\./ }).getAttribute('aria-label'), /2026 Q4: \$/);
  assert.equal(await page.locator('#reps tbody tr').count(), 7);
  assert.equal(await page.locator('#sources tbody tr').count(), 6);
  await screenshot(page, 'dashboard');
  assert.deepEqual(page.problems, []);
});

test('changing a filter recomputes the numbers', async () => {
  const page = await open('/demo/dashboard.html', { readySelector: READY });
  const everyone = await kpis(page);

  await page.focus('#owner');
  await page.keyboard.press('ArrowDown'); // All reps → Priya Shah
  await scopeMatches(page, /· Priya Shah ·/);
  const priya = await kpis(page);
  assert.notEqual(priya.Won, everyone.Won);
  assert.notEqual(priya['Open pipeline'], everyone['Open pipeline']);
  assert.deepEqual(await page.locator('#reps tbody th').allTextContents(), ['Priya Shah']);

  await page.selectOption('#period', 'all');
  await scopeMatches(page, /^All time \(all time\) · Priya Shah/);
  const allTime = await kpis(page);
  assert.match(allTime['Quota attainment'], /^— \| no quota for this selection$/);
  assert.notEqual(allTime.Won, priya.Won);

  await page.selectOption('#source', 'referral');
  await scopeMatches(page, /· Referral ·/);
  assert.deepEqual(await page.locator('#sources tbody th').allTextContents(), ['Referral']);

  await page.getByRole('button', { name: 'Reset filters' }).click();
  await scopeMatches(page, /^This quarter .* · all reps · all sources/);
  assert.deepEqual(await kpis(page), everyone);
  await screenshot(page, 'dashboard-filtered');
  assert.deepEqual(page.problems, []);
});

test('deal names are shown as text', async () => {
  const page = await open('/demo/dashboard.html', { readySelector: READY });
  await page.selectOption('#owner', 'Elena Rossi');
  await page.selectOption('#segment', 'smb');
  await scopeMatches(page, /· Elena Rossi · all sources · SMB/);
  assert.ok((await page.locator('#deals tbody th').allTextContents()).includes('<img src=x onerror=alert(1)>'));
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(page.dialogs, []);
  assert.deepEqual(page.problems, []);
});

test('fits a phone screen without sideways scrolling', async () => {
  const page = await open('/demo/dashboard.html', { viewport: PHONE, readySelector: READY });
  assert.equal(await scrollsSideways(page), false);
  await screenshot(page, 'dashboard-phone');
  assert.deepEqual(page.problems, []);
});
