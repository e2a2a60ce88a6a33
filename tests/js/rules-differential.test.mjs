// Differential test from the npm package: thousands of generated JsonLogic rules (the
// generator of tests/fixtures) run through pipescore's wasm and through json-logic-js 2.0.5
// live, in the same process, and must give the same results.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import test from 'node:test';
import { Rule } from 'pipescore';

const repo = process.env.PIPESCORE_REPO;
const requireFromRepo = repo && createRequire(join(repo, 'package.json'));

for (const seed of [1, 2, 3]) {
  test(`2,000 generated rules (seed ${seed}) give json-logic-js's results`, { skip: !repo && 'PIPESCORE_REPO not set' }, () => {
    const jsonLogic = requireFromRepo('json-logic-js');
    const { generateCases } = requireFromRepo('./tests/fixtures/gen-jsonlogic-differential.cjs');
    const cases = generateCases(jsonLogic, { seed, count: 2000 });
    assert.equal(cases.length, 2000);
    const mismatches = [];
    for (const [logic, data, expected] of cases) {
      const actual = new Rule(logic).evaluate(data);
      try {
        assert.deepStrictEqual(actual, expected);
        // deepStrictEqual ignores the order of keys; JSON text does not.
        assert.equal(JSON.stringify(actual), JSON.stringify(expected));
      } catch {
        mismatches.push({ logic, data, expected, actual });
      }
    }
    assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${cases.length} differ`);
  });
}
