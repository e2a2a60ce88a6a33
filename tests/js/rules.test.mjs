// Rule from the npm package in Node: compile once, evaluate, explain, typed errors.
import assert from 'node:assert/strict';
import test from 'node:test';
import { PipescoreConfigError, PipescoreError, PipescoreInputError, Rule } from 'pipescore';

const NOW = '2024-06-10T00:00:00Z';

test('a rule compiles once and evaluates many records', () => {
  const rule = new Rule({ and: [{ '>=': [{ var: 'amount' }, 10000] }, { within_last_days: [{ var: 'lastActivityAt' }, 14] }] });
  assert.deepEqual(rule.fields, ['amount', 'lastActivityAt']);
  assert.equal(rule.evaluate({ amount: 20000, lastActivityAt: '2024-06-01' }, { now: NOW }), true);
  assert.equal(rule.evaluate({ amount: 20000, lastActivityAt: '2024-05-01' }, { now: NOW }), false);
  assert.deepEqual(
    rule.evaluateMany([{ amount: 1 }, { amount: 10000, lastActivityAt: '2024-06-09' }, null], { now: NOW }),
    [false, true, false],
  );
});

test('now accepts a Date, an ISO string and epoch milliseconds, with the same result', () => {
  const rule = new Rule({ days_since: { var: 'at' } });
  const record = { at: '2024-06-08T12:00:00Z' };
  for (const now of [new Date(NOW), NOW, Date.parse(NOW)]) assert.equal(rule.evaluate(record, { now }), 1.5);
});

test('Date values in records are read as dates', () => {
  const rule = new Rule({ days_since: { var: 'at' } });
  assert.equal(rule.evaluate({ at: new Date('2024-06-03T00:00:00Z') }, { now: NOW }), 7);
});

test('standard JsonLogic coercions match json-logic-js', () => {
  const cases = [
    [{ '==': [1, '1'] }, null, true],
    [{ '===': [1, '1'] }, null, false],
    [{ '!!': [[]] }, null, false],
    [{ '!!': ['0'] }, null, true],
    [{ '<': ['10', 9] }, null, false],
    [{ var: ['a.b.1', 'dflt'] }, { a: { b: [5, 6] } }, 6],
    [{ missing: ['a', 'b'] }, { a: 1 }, ['b']],
    [{ cat: ['x', 1.0, 0.5] }, null, 'x10.5'],
    [{ '/': [1, 0] }, null, null],
  ];
  for (const [logic, data, expected] of cases) assert.deepEqual(new Rule(logic).evaluate(data), expected, JSON.stringify(logic));
});

test('explain names the fields and says what was expected', () => {
  const rule = new Rule({ id: 'discovery', label: 'Discovery complete', message: 'Document the budget range and timeline',
    rule: { and: [{ filled: { var: 'budgetRange' } }, { filled: { var: 'timeline' } }] } });
  const why = rule.explain({ timeline: 'Q3' });
  assert.equal(why.passed, false);
  assert.equal(why.value, false);
  assert.equal(why.id, 'discovery');
  assert.equal(why.label, 'Discovery complete');
  assert.equal(why.message, 'Document the budget range and timeline');
  assert.deepEqual(why.failures, [{ operator: 'filled', fields: ['budgetRange'], description: 'budgetRange is empty' }]);
  assert.equal(rule.explain({ timeline: 'Q3', budgetRange: '50k' }).passed, true);
});

test('an unknown operator is a PipescoreConfigError with code and path', () => {
  assert.throws(() => new Rule({ and: [true, { frobnicate: [1] }] }), (err) => {
    assert.ok(err instanceof PipescoreConfigError);
    assert.ok(err instanceof PipescoreError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'PipescoreConfigError');
    assert.equal(err.code, 'UNKNOWN_OPERATOR');
    assert.equal(err.path, '$.and[1]');
    assert.match(err.message, /frobnicate/);
    return true;
  });
});

test('a rule nested too deep is refused with a config error, not a stack overflow', () => {
  const nest = (depth, wrap) => {
    let logic = true;
    for (let i = 0; i < depth; i++) logic = wrap(logic);
    return logic;
  };
  // 70 nested `!` are 70 rule levels: over the rule limit (64).
  assert.throws(() => new Rule(nest(70, (x) => ({ '!': x }))), (err) => err instanceof PipescoreConfigError && err.code === 'TOO_DEEP');
  // With argument lists the JSON itself is over 128 levels deep: refused before it is read.
  assert.throws(() => new Rule(nest(100, (x) => ({ '!': [x] }))), (err) => err instanceof PipescoreConfigError && err.code === 'TOO_DEEP');
  // Deeper than JSON.stringify can go: still a typed config error, at the level that is too deep.
  assert.throws(() => new Rule(nest(20000, (x) => ({ '!': [x] }))), (err) => err instanceof PipescoreConfigError && err.code === 'TOO_DEEP' && err.path.startsWith('$["!"][0]'));
  assert.equal(new Rule({ '!': [false] }).evaluate({}), true, 'the instance still works');
});

test('bad options and unreadable records are PipescoreInputErrors; the instance keeps working', () => {
  const rule = new Rule({ var: 'a' });
  assert.throws(() => rule.evaluate({}, { now: 'yesterday' }), (err) => err instanceof PipescoreInputError && err.code === 'INVALID_NOW' && err.path === '$.now');
  assert.throws(() => rule.evaluate({}, { now: new Date('nope') }), (err) => err instanceof PipescoreInputError && err.code === 'INVALID_NOW');
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  assert.throws(() => rule.evaluate(cyclic), (err) => err instanceof PipescoreInputError && err.code === 'UNSERIALIZABLE');
  assert.throws(() => rule.evaluate({ a: 1n }), (err) => err instanceof PipescoreInputError && err.code === 'UNSERIALIZABLE');
  assert.throws(() => rule.evaluateMany({ not: 'an array' }), (err) => err instanceof PipescoreInputError && err.code === 'NOT_A_LIST');
  assert.equal(rule.evaluate({ a: 42 }), 42);
});

test('records passed in are not mutated', () => {
  const record = { amount: 5, nested: { list: [1, 2, 3] }, at: new Date(0) };
  const before = structuredClone(record);
  const rule = new Rule({ map: [{ var: 'nested.list' }, { '*': [{ var: '' }, 2] }] });
  assert.deepEqual(rule.evaluate(record), [2, 4, 6]);
  rule.explain(record);
  assert.deepEqual(record, before);
});

test('non-ASCII text is case-folded through the host from the package', () => {
  const data = { city: 'MÜNCHEN', title: 'ΔΙΕΥΘΥΝΤΗΣ Πωλήσεων' };
  assert.equal(new Rule({ contains: [{ var: 'city' }, 'münchen'] }).evaluate(data), true);
  assert.equal(new Rule({ ends_with: [{ var: 'title' }, 'ΠΩΛΉΣΕΩΝ'] }).evaluate(data), true);
  assert.equal(new Rule({ contains: [{ var: 'city' }, 'munchen'] }).evaluate(data), false);
});
