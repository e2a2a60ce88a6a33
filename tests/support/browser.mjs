// Headless Chromium for the browser tests: Debian's chromium driven by playwright-core (no
// browser download). Collects console errors and page errors so each test can assert none.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots land here (git-ignored). */
export const screenshotDir = join(root, 'tests', 'artifacts', 'screenshots');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-quic'];

/** Launches Chromium (CHROMIUM_PATH, else /usr/bin/chromium). */
export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: FLAGS, headless: true });
}

/**
 * Opens a new page that records console errors, uncaught exceptions and failed requests in
 * `page.problems`, and any CSP violation reports.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 900 } } = {}) {
  const page = await browser.newPage({ viewport });
  page.problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => page.problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  return page;
}

/** Saves a full-page screenshot as tests/artifacts/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
