// The live lead form demo and <pipescore-lead-form> in headless Chromium, under the strict CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PHONE, screenshot, scrollsSideways, usePages } from './harness.mjs';

const open = usePages();
const READY = 'pipescore-lead-form .ps-lead-result';
const grade = (page) => page.textContent('.ps-grade-value');

/** Resolves once the widget shows `expected` as the grade. */
const gradeIs = (page, expected) => page.waitForFunction((g) => document.querySelector('.ps-grade-value')?.textContent === g, expected);

test('scores the lead live as the form is filled in from the keyboard', async () => {
  const page = await open('/demo/lead-form.html', { readySelector: READY });
  assert.equal(await grade(page), 'D4', 'an empty form is a D4 lead');
  assert.match(await page.textContent('.ps-lifecycle'), /^Lead Keep nurturing/);
  await page.evaluate(() => {
    window.grades = [];
    document.querySelector('pipescore-lead-form').addEventListener('pipescore-score', (e) => window.grades.push(e.detail.grade));
  });

  await page.focus('#firstName');
  await page.keyboard.type('Dana');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Reyes');
  await page.keyboard.press('Tab');
  await page.keyboard.type('dana@northwave.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type('VP of Sales');
  await gradeIs(page, 'C4');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Northwave Software');
  const choose = async (downs) => {
    await page.keyboard.press('Tab');
    for (let i = 0; i < downs; i += 1) await page.keyboard.press('ArrowDown');
  };
  await choose(1); // industry: Computer Software
  await choose(1); // country: United States
  await choose(4); // company size: 200–999
  await choose(3); // annual revenue: $10M–$50M
  await gradeIs(page, 'A4');
  await page.keyboard.press('Tab'); // "I am a student"
  await page.keyboard.press('Tab'); // "Requested a demo"
  assert.equal(await page.evaluate(() => document.activeElement.value), 'demo_request');
  await page.keyboard.press('Space');
  await gradeIs(page, 'A2');

  assert.match(await page.textContent('.ps-lifecycle'), /^SQL Sales ready/);
  assert.match(await page.getByRole('img', { name: /^Lead score \d+ of 100$/ }).getAttribute('aria-label'), /^Lead score 80 of 100$/);
  assert.equal(await page.locator('.ps-contributions li').first().textContent(), '+30Requested a demo');
  const grades = await page.evaluate(() => window.grades);
  assert.ok(grades.length >= 10, 'one pipescore-score event per change');
  assert.equal(grades.at(-1), 'A2');
  assert.equal(await page.isVisible('#offer'), true, 'an A-grade, engaged lead is offered a meeting');
  assert.match(await page.textContent('#offer-text'), /^Dana, you look like a great fit/);
  await screenshot(page, 'lead-form');
  assert.deepEqual(page.problems, []);
});

test('sample visitors: the offer follows the grade, and negative rules show', async () => {
  const page = await open('/demo/lead-form.html', { readySelector: READY });
  await page.getByRole('button', { name: 'VP at a software company' }).click();
  await gradeIs(page, 'A1');
  assert.equal(await page.isVisible('#offer'), true);
  await page.getByRole('button', { name: 'Student, free-mail address' }).click();
  await gradeIs(page, 'D4');
  assert.equal(await page.isVisible('#offer'), false);
  const negative = await page.locator('.ps-contributions li:has(.negative)').allTextContents();
  assert.ok(negative.some((line) => /^−25/.test(line)), `a student rule subtracts points: ${negative}`);
  await screenshot(page, 'lead-form-student');
  assert.deepEqual(page.problems, []);
});

test('what a visitor types is shown as text and runs nothing', async () => {
  const page = await open('/demo/lead-form.html', { readySelector: READY });
  await page.getByRole('button', { name: 'VP at a software company' }).click();
  await gradeIs(page, 'A1');
  await page.fill('#firstName', '<img src=x onerror=alert(1)>');
  await page.waitForFunction(() => document.getElementById('offer-text').textContent.startsWith('<img'));
  assert.match(await page.textContent('#offer-text'), /^<img src=x onerror=alert\(1\)>, you look like a great fit/);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(page.dialogs, []);
  assert.deepEqual(page.problems, []);
});

test('fits a phone screen without sideways scrolling', async () => {
  const page = await open('/demo/lead-form.html', { viewport: PHONE, readySelector: READY });
  await page.getByRole('button', { name: 'VP at a software company' }).click();
  await gradeIs(page, 'A1');
  assert.equal(await scrollsSideways(page), false);
  await screenshot(page, 'lead-form-phone');
  assert.deepEqual(page.problems, []);
});
