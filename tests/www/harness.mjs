// Shared set-up of the page tests: one Chromium and one static server (with the strict CSP)
// per test file, and pages that record console errors (page.problems) and dialogs (page.dialogs).
import { after, before } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';

export { screenshot } from '../support/browser.mjs';

/** A phone-sized viewport. */
export const PHONE = { width: 390, height: 844 };

/**
 * Registers the browser and server for the current test file; returns `open(path, options)`,
 * which loads `path` and resolves with the page once `readySelector` is on it.
 */
export function usePages() {
  let browser;
  let server;
  before(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serve({ port: 0 })]);
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
  return async function open(path, { viewport, readySelector } = {}) {
    const page = await openPage(browser, viewport ? { viewport } : undefined);
    page.dialogs = [];
    page.on('dialog', (dialog) => {
      page.dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
    if (readySelector) await page.waitForSelector(readySelector);
    return page;
  };
}

/** Whether the page scrolls sideways (it should not, at any width). */
export function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

