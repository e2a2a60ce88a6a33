// The npm package from Node CommonJS: `require('pipescore')`.
const assert = require('node:assert/strict');
const test = require('node:test');
const pipescore = require('pipescore');
const manifest = require('pipescore/package.json');

test('require("pipescore").version() is the package version', () => {
  assert.equal(pipescore.version(), manifest.version);
});

test('CJS exports the error classes', () => {
  assert.ok(pipescore.PipescoreConfigError.prototype instanceof pipescore.PipescoreError);
  assert.ok(pipescore.PipescoreInputError.prototype instanceof Error);
});
