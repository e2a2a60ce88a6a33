// The packed package in headless Chromium: a Vite production build and a plain
// <script type="module"> page, both served statically. Set up by tests/package/run.mjs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { launchBrowser, openPage, screenshot } from '../support/browser.mjs';
import { EXPECTED } from '../js/browser-checks.js';

const consumer = process.env.PIPESCORE_CONSUMER;
let browser;
let servers = [];

before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

async function load(wwwDir, path, name) {
  const server = await serve({ port: 0, wwwDir });
  servers.push(server);
  const page = await openPage(browser);
  await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
  await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading', null, { timeout: 15000 });
  const result = JSON.parse(await page.textContent('#out'));
  await screenshot(page, name);
  assert.deepEqual(page.problems, []);
  return result;
}

test('a Vite production build runs the package', { skip: !consumer && 'run through tests/package/run.mjs' }, async () => {
  const result = await load(join(consumer, 'vite-app', 'dist'), '/', 'package-vite');
  assert.match(result.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(result, { version: result.version, ...EXPECTED });
});

test('a plain <script type="module"> page runs the package', { skip: !consumer && 'run through tests/package/run.mjs' }, async () => {
  const result = await load(consumer, '/static/', 'package-static');
  assert.match(result.version, /^\d+\.\d+\.\d+$/);
  assert.deepEqual(result, { version: result.version, ...EXPECTED });
});

test('the lean pipescore/lead build runs in a plain module page', { skip: !consumer && 'run through tests/package/run.mjs' }, async () => {
  const result = await load(consumer, '/static/lead.html', 'package-lead');
  const { score, grade, lifecycle } = EXPECTED.scoring;
  assert.deepEqual(result, { score, grade, lifecycle });
});

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

test('the Vite dev server serves the package unmodified', { skip: !consumer && 'run through tests/package/run.mjs' }, async () => {
  const port = await freePort();
  const vite = join(process.env.PIPESCORE_REPO, 'node_modules', 'vite', 'bin', 'vite.js');
  const dev = spawn(process.execPath, [vite, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: join(consumer, 'vite-app'), stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((ready, fail) => {
      dev.stdout.on('data', (chunk) => { if (String(chunk).includes('ready in')) ready(); });
      dev.on('exit', (code) => fail(new Error(`vite exited with ${code}`)));
    });
    const page = await openPage(browser);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading', null, { timeout: 30000 });
    const result = JSON.parse(await page.textContent('#out'));
    assert.deepEqual(result, { version: result.version, ...EXPECTED });
    assert.deepEqual(page.problems, []);
  } finally {
    dev.kill();
  }
});
