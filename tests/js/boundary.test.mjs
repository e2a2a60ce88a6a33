// The nine ways issue 17 broke the boundary, each now a typed error or the right answer, and
// each repeated 100,000 times on the same instance, which must still answer correctly (a
// leak of the wasm stack or a borrow left held would make it fail long before). The loops
// check only what is cheap; the first call of each is checked in full.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import test from 'node:test';
import {
  computeMetrics, DealHealth, DealSet, LeadScorer, MetricsDataset, Pipeline, PipescoreError, PipescoreInputError, Rule,
} from 'pipescore';

const REPEAT = 100_000;
const now = new Date('2026-11-24T12:00:00Z');
const DEAL = { id: 'd1', stage: 'proposal', amount: 12000, createdAt: '2026-09-01', closeDate: '2026-12-01', stageEnteredAt: '2026-11-01' };
const LEAD = { email: 'kim@acme.com', jobTitle: 'VP Sales', employees: 500 };

/** The error `fn` throws (fails when it returns). */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}

/** Calls `fn` `times` times; every call must throw a PipescoreError with `code` (checked cheaply). */
function repeatFailing(times, code, fn) {
  let wrong = null;
  for (let i = 0; i < times; i++) {
    try {
      fn();
      wrong ??= `call ${i} returned`;
    } catch (error) {
      if (!(error instanceof PipescoreError) || error.code !== code) wrong ??= `call ${i} threw ${error?.name} ${error?.code}: ${error?.message}`;
    }
  }
  assert.equal(wrong, null);
}

/** `[name, code, path]` of an error. */
const described = (error) => [error.name, error.code, error.path];

/** Known answers, to check an instance (and a fresh one) still works. */
const answers = {
  rule: () => new Rule({ '>': [{ var: 'amount' }, 100] }),
  check: (rule) => assert.equal(rule.evaluate({ amount: 200 }, { now }), true),
};

test('1. a `now` that passes instanceof Date but is not one is INVALID_NOW in every engine', () => {
  const fake = { now: Object.create(Date.prototype) };
  const rule = new Rule({ '>': [{ var: 'amount' }, 100] });
  const pipeline = new Pipeline();
  const scorer = new LeadScorer();
  const health = new DealHealth();
  const dataset = new MetricsDataset({ deals: [DEAL] });
  const calls = [
    () => rule.evaluate({ amount: 1 }, fake), () => rule.explain({}, fake), () => rule.evaluateMany([{}], fake),
    () => pipeline.check(DEAL, fake), () => pipeline.checkMove(DEAL, 'negotiation', fake),
    () => pipeline.checkHandoff('marketing_to_sdr', {}, fake), () => scorer.score(LEAD, fake), () => scorer.scoreMany([LEAD], fake),
    () => scorer.scores([LEAD], fake), () => health.score(DEAL, fake), () => health.scoreMany([DEAL], fake),
    () => computeMetrics({ deals: [DEAL] }, fake), () => dataset.compute(fake),
  ];
  for (const call of calls) assert.deepEqual(described(thrown(call)), ['PipescoreInputError', 'INVALID_NOW', '$.now']);
  repeatFailing(REPEAT, 'INVALID_NOW', () => rule.evaluate({ amount: 1 }, fake));
  repeatFailing(REPEAT / 10, 'INVALID_NOW', () => computeMetrics({ deals: [] }, fake));
  repeatFailing(REPEAT / 10, 'INVALID_NOW', () => dataset.compute(fake));
  assert.equal(rule.evaluate({ amount: 200 }, { now }), true);
  assert.deepEqual(dataset.compute({ now }), computeMetrics({ deals: [DEAL] }, { now }));
  // An invalid Date and a BigInt are the same error.
  for (const bad of [new Date('nope'), 1n, Symbol('now'), {}, true]) {
    assert.deepEqual(described(thrown(() => pipeline.check(DEAL, { now: bad }))), ['PipescoreInputError', 'INVALID_NOW', '$.now']);
  }
});

test('2. a revoked Proxy as options is UNSERIALIZABLE', () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const pipeline = new Pipeline();
  const error = thrown(() => pipeline.check(DEAL, proxy));
  assert.deepEqual(described(error), ['PipescoreInputError', 'UNSERIALIZABLE', '$']);
  assert.ok(error.cause instanceof TypeError);
  repeatFailing(REPEAT, 'UNSERIALIZABLE', () => pipeline.check(DEAL, proxy));
  assert.deepEqual(pipeline.check(DEAL, { now }), new Pipeline().check(DEAL, { now }));
});

test('3. an Error whose message getter throws, thrown by a getter or toJSON, is UNSERIALIZABLE at the member', () => {
  const evil = new Error('hidden');
  Object.defineProperty(evil, 'message', { get() { throw new RangeError('no message for you'); } });
  const lead = { ...LEAD, get jobTitle() { throw evil; } };
  const scorer = new LeadScorer();
  const error = thrown(() => scorer.score(lead, { now }));
  assert.deepEqual(described(error), ['PipescoreInputError', 'UNSERIALIZABLE', '$.jobTitle']);
  assert.equal(error.cause, evil);
  assert.match(error.message, /\$\.jobTitle/);
  const getter = { get x() { throw evil; } };
  const json = { toJSON() { throw evil; } };
  const set = new DealSet([DEAL]);
  const health = new DealHealth();
  const dataset = new MetricsDataset({ deals: [DEAL] });
  const entryPoints = [
    ['new Rule', () => new Rule({ '==': [1, getter] }), '$["=="][1].x'],
    ['Rule.evaluate', () => new Rule({ var: 'a' }).evaluate({ a: json }), '$.a'],
    ['new LeadScorer', () => new LeadScorer(json), '$'],
    ['score', () => scorer.score(lead), '$.jobTitle'],
    ['scores', () => scorer.scores([LEAD, lead]), '$[1].jobTitle'],
    ['new Pipeline', () => new Pipeline({ pipelines: getter }), '$.pipelines.x'],
    ['check', () => new Pipeline().check({ ...DEAL, amount: json }), '$.amount'],
    ['new DealHealth', () => new DealHealth(null, json), '$'],
    ['health.score', () => health.score({ ...DEAL, get stage() { throw evil; } }), '$.stage'],
    ['health.scoreMany', () => health.scoreMany([DEAL, json]), '$[1]'],
    ['new DealSet', () => new DealSet([getter]), '$[0].x'],
    ['DealSet.set', () => set.set(0, getter), '$.x'],
    ['DealSet.append', () => set.append([json]), '$[0]'],
    ['computeMetrics', () => computeMetrics({ deals: [{ get amount() { throw evil; } }] }), '$.deals[0].amount'],
    ['new MetricsDataset', () => new MetricsDataset({ deals: [json] }), '$.deals[0]'],
    ['MetricsDataset.appendDeals', () => dataset.appendDeals([json]), '$.deals[1]'],
    ['options', () => health.score(DEAL, { get topFactors() { throw evil; } }), '$.topFactors'],
  ];
  // A batch reports the lead it can't read at its index, and scores the others.
  const [scored, unread] = scorer.scoreMany([LEAD, lead]);
  assert.equal(typeof scored.score, 'number');
  assert.deepEqual([unread.error.name, unread.error.code, unread.error.path], ['PipescoreInputError', 'UNSERIALIZABLE', '$[1].jobTitle']);
  for (const [label, call, path] of entryPoints) {
    const e = thrown(call);
    assert.ok(e instanceof PipescoreError, `${label}: ${e}`);
    assert.equal(e.code, 'UNSERIALIZABLE', label);
    assert.equal(e.path, path, label);
    assert.equal(e.cause, evil, label);
    assert.equal(typeof e.message, 'string');
  }
  repeatFailing(REPEAT, 'UNSERIALIZABLE', () => scorer.score(lead));
  repeatFailing(REPEAT / 10, 'UNSERIALIZABLE', () => set.append([json]));
  repeatFailing(REPEAT / 10, 'UNSERIALIZABLE', () => scorer.scores([lead]));
  // Not locked: the set and scores() still work.
  assert.equal(set.length, 1);
  assert.equal(health.scoreMany(set, { now })[0].score, health.score(DEAL, { now }).score);
  assert.deepEqual(Array.from(scorer.scores([LEAD], { now })), [scorer.score(LEAD, { now }).score]);
  // Thrown values that are not errors: a Symbol, a revoked Proxy, null, a string.
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  for (const value of [Symbol('s'), proxy, null, 'text', 42n]) {
    const e = thrown(() => scorer.score({ get email() { throw value; } }));
    assert.deepEqual(described(e), ['PipescoreInputError', 'UNSERIALIZABLE', '$.email']);
    assert.equal(typeof e.message, 'string');
  }
});

test('4. use after free(), and a freed or fake DealSet, are FREED; the finalizer never throws', () => {
  const scorer = new LeadScorer();
  scorer.free();
  assert.deepEqual(described(thrown(() => scorer.score(LEAD))), ['PipescoreInputError', 'FREED', '$']);
  scorer.free();
  repeatFailing(REPEAT, 'FREED', () => scorer.score(LEAD));
  const health = new DealHealth();
  const set = new DealSet([DEAL]);
  set.free();
  const fakes = [set, Object.create(DealSet.prototype), Object.assign(Object.create(DealSet.prototype), { __wbg_ptr: 8 })];
  for (const fake of fakes) assert.deepEqual(described(thrown(() => health.scoreMany(fake, { now }))), ['PipescoreInputError', 'FREED', '$']);
  repeatFailing(REPEAT, 'FREED', () => health.scoreMany(set, { now }));
  // Every class, every method; a forged pointer on a live object changes nothing.
  for (const make of [() => new Rule(true), () => new Pipeline(), () => new DealSet([]), () => new MetricsDataset({})]) {
    const object = make();
    object.__wbg_ptr = 12345;
    object.free();
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(object))) {
      if (name === 'constructor' || name === 'free') continue;
      const d = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(object), name);
      const call = d.get ? () => d.get.call(object) : () => object[name]({}, {});
      assert.equal(thrown(call).code, 'FREED', name);
    }
  }
  assert.equal(health.score(DEAL, { now }).band, new DealHealth().score(DEAL, { now }).band);
  // A process that frees, uses after free and leaves the rest to the garbage collector exits cleanly.
  const script = `
    const { LeadScorer, DealSet, DealHealth, Rule } = await import('pipescore');
    for (let i = 0; i < 2000; i++) {
      const s = new LeadScorer(); const set = new DealSet([]); const r = new Rule(true);
      if (i % 2) { s.free(); set.free(); }
      try { s.score({}); } catch {}
      try { new DealHealth().scoreMany(set); } catch {}
      r.free(); r.free();
    }
    globalThis.gc(); await new Promise((done) => setTimeout(done, 100)); globalThis.gc();
    await new Promise((done) => setTimeout(done, 100));
    console.log('clean');`;
  const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /clean/);
});

test('5. a throwing now getter or Proxy trap on options is the same UNSERIALIZABLE in every engine', () => {
  const boom = new Error('boom');
  const getter = { get now() { throw boom; } };
  const trap = new Proxy({}, { get() { throw boom; }, ownKeys() { throw boom; } });
  const rule = new Rule({ var: 'a' });
  const engines = [
    (o) => rule.evaluate({}, o), (o) => new Pipeline().check(DEAL, o), (o) => computeMetrics({}, o),
    (o) => new LeadScorer().score(LEAD, o), (o) => new DealHealth().score(DEAL, o), (o) => new MetricsDataset({}).compute(o),
  ];
  for (const engine of engines) {
    for (const options of [getter, trap]) {
      const e = thrown(() => engine(options));
      assert.deepEqual(described(e), ['PipescoreInputError', 'UNSERIALIZABLE', '$.now']);
      assert.equal(e.cause, boom);
    }
  }
  repeatFailing(REPEAT, 'UNSERIALIZABLE', () => rule.evaluate({}, getter));
  assert.equal(rule.evaluate({ a: 3 }, { now }), 3);
});

test('6. scores() reports what scoreMany reports, never a raw error', () => {
  const scorer = new LeadScorer();
  const boom = new Error('boom');
  const inputs = [
    [[LEAD, { get email() { throw boom; } }], { now }],
    [new Proxy([LEAD], { get(target, key) { if (key === '0') throw boom; return Reflect.get(target, key); } }), { now }],
    [[LEAD], { get mode() { throw boom; } }],
    [[LEAD], new Proxy({}, { ownKeys() { throw boom; } })],
    [[{ ...LEAD, employees: 5n }], { now }],
  ];
  for (const [leads, options] of inputs) {
    // scoreMany reports a lead it can't read at its index and scores the others; scores()
    // throws that same error.
    let many;
    try {
      many = scorer.scoreMany(leads, options).find((r) => r.error)?.error;
    } catch (error) {
      many = error;
    }
    const fast = thrown(() => scorer.scores(leads, options));
    assert.deepEqual(described(fast), described(many));
    assert.ok(fast instanceof PipescoreInputError);
  }
  repeatFailing(REPEAT, 'UNSERIALIZABLE', () => scorer.scores(inputs[0][0], { now }));
  assert.deepEqual(Array.from(scorer.scores([LEAD], { now })), [scorer.score(LEAD, { now }).score]);
});

test('7. internal methods are not reachable', () => {
  const scorer = new LeadScorer();
  const health = new DealHealth();
  for (const name of ['columnBuffers', 'scoreColumns', 'scoreFired', 'slotBits', 'fastOutline']) assert.ok(!(name in scorer), name);
  for (const name of ['scoreSet', 'scoreManyPacked']) assert.ok(!(name in health), name);
  // Nor through the prototype chain.
  let proto = Object.getPrototypeOf(scorer);
  while (proto) {
    assert.ok(!Object.getOwnPropertyNames(proto).includes('columnBuffers'));
    proto = Object.getPrototypeOf(proto);
  }
  for (let i = 0; i < REPEAT; i++) if (typeof scorer.columnBuffers === 'function') assert.fail('reachable');
  assert.equal(scorer.score(LEAD, { now }).score, new LeadScorer().score(LEAD, { now }).score);
});

/** A model with more than 31 tests on one field: it has no outline, so scores() takes the columnar path. */
const WIDE_MODEL = {
  groups: [
    {
      id: 'fit', type: 'fit',
      rules: [
        ...Array.from({ length: 33 }, (_, i) => ({ id: `e${i}`, points: 1, when: { '>': [{ var: 'employees' }, i * 10] } })),
        { id: 'software', points: 24, when: { '==': [{ var: 'industry' }, 'software'] } },
      ],
    },
    { id: 'eng', type: 'engagement', rules: [{ id: 'demo', points: 10, when: { '==': [{ var: 'demo' }, true] } }] },
  ],
  weights: { fit: 1, engagement: 1 },
  grades: { fit: { A: 30, B: 20, C: 10 }, engagement: { 1: 30, 2: 20, 3: 10 } },
};

test('8. a getter that grows wasm memory mid-batch does not change the scores', () => {
  const scorer = new LeadScorer(WIDE_MODEL);
  // Each of the first getters keeps 30,000 more deals in wasm memory, which grows it.
  const many = Array.from({ length: 30_000 }, () => DEAL);
  const held = [];
  let grown = 0;
  const growing = () => ({
    employees: 500,
    get industry() {
      if (grown++ < 3) held.push(new DealSet(many));
      return 'software';
    },
  });
  const leads = Array.from({ length: 5 }, growing);
  const expected = scorer.scoreMany(leads, { now, explain: false }).map((r) => r.score);
  grown = 0;
  assert.deepEqual(Array.from(scorer.scores(leads, { now })), expected);
  assert.ok(expected.every((s) => s === expected[0] && s > 24));
  grown = 3;
  const one = [growing()];
  const want = expected[0];
  let wrong = 0;
  for (let i = 0; i < REPEAT; i++) if (scorer.scores(one, { now })[0] !== want) wrong++;
  assert.equal(wrong, 0);
  for (const set of held) set.free();
});

test('9. scores() on a sparse array of length 2**31 is TOO_LARGE, as scoreMany', () => {
  const scorer = new LeadScorer();
  const sparse = [];
  sparse.length = 2 ** 31;
  const many = thrown(() => scorer.scoreMany(sparse, { now }));
  assert.deepEqual(described(many), ['PipescoreInputError', 'TOO_LARGE', '$']);
  assert.deepEqual(described(thrown(() => scorer.scores(sparse, { now }))), described(many));
  const rule = new Rule({ var: 'a' });
  assert.deepEqual(described(thrown(() => rule.evaluateMany(sparse))), ['PipescoreInputError', 'TOO_LARGE', '$']);
  assert.deepEqual(described(thrown(() => computeMetrics({ deals: sparse }))), ['PipescoreInputError', 'TOO_LARGE', '$.deals']);
  assert.deepEqual(described(thrown(() => new DealSet(sparse))), ['PipescoreInputError', 'TOO_LARGE', '$']);
  repeatFailing(REPEAT, 'TOO_LARGE', () => scorer.scores(sparse, { now }));
  // Holes in a small array are records that are not there: an error at their index, as scoreMany says.
  const holes = [LEAD, , LEAD]; // eslint-disable-line no-sparse-arrays
  assert.deepEqual(described(thrown(() => scorer.scores(holes, { now }))), ['PipescoreInputError', 'INVALID_RECORD', '$[1]']);
  assert.equal(scorer.score(LEAD, { now }).score, new LeadScorer().score(LEAD, { now }).score);
});

test('a re-entrant edit is IN_USE; free() during a call waits for it to return', () => {
  const set = new DealSet([DEAL]);
  const sneaky = { ...DEAL, get id() { set.remove(0); return 'x'; } };
  const e = thrown(() => set.append([sneaky]));
  assert.equal(e.code, 'UNSERIALIZABLE');
  assert.equal(e.cause.code, 'IN_USE');
  assert.equal(set.length, 1);
  const health = new DealHealth();
  const freeing = { get now() { health.free(); return now; } };
  assert.equal(health.score(DEAL, freeing).band, new DealHealth().score(DEAL, { now }).band);
  assert.equal(thrown(() => health.score(DEAL, { now })).code, 'FREED');
  answers.check(answers.rule());
});
