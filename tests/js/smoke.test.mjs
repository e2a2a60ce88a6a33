// The npm package from Node ESM: `import ... from 'pipescore'`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import test from 'node:test';
import * as pipescore from 'pipescore';

const manifest = createRequire(import.meta.url)('pipescore/package.json');

test('version() is the package version', () => {
  assert.equal(pipescore.version(), manifest.version);
});

test('the error classes are exported and are Error subclasses', () => {
  for (const name of ['PipescoreError', 'PipescoreConfigError', 'PipescoreInputError']) {
    assert.equal(typeof pipescore[name], 'function', name);
    assert.ok(pipescore[name].prototype instanceof Error, name);
  }
  assert.ok(pipescore.PipescoreConfigError.prototype instanceof pipescore.PipescoreError);
});

test('the ESM entry exports nothing beyond the documented API', () => {
  assert.ok(!('initSync' in pipescore), 'initSync is internal');
  assert.ok(!('default' in pipescore), 'no default export');
});

test('index.d.ts declares exactly the runtime exports', () => {
  const require = createRequire(import.meta.url);
  const dts = readFileSync(join(dirname(require.resolve('pipescore/package.json')), 'index.d.ts'), 'utf8');
  const declared = [...dts.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(declared, Object.keys(pipescore).sort());
});
