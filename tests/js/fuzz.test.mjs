// Property-based fuzzing of the package's boundary (fast-check): every exported class, method
// and option, called with hostile JS values — Proxies (revoked, throwing traps), throwing
// getters and toJSON (throwing Errors whose message getter throws, Symbols, revoked Proxies…),
// fake and invalid Dates, BigInt, Symbol, cycles, sparse and huge arrays, lone surrogates, deep
// nesting, `__proto__` keys, frozen objects, getters that grow wasm memory or free the object
// being called, and use after free(). After each call: the error, if any, is a PipescoreError
// with a code and a path; the instance and a fresh one still answer a known input correctly;
// nothing passed in changed, and no prototype was touched.
//
// One run with a fixed seed, then a random one for a few seconds (FUZZ_SECONDS; its seed is in
// the test name and in fast-check's report). Replay a failure with FUZZ_SEED=<seed>.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import test from 'node:test';
import * as full from 'pipescore';
import * as lead from 'pipescore/lead';

const repo = process.env.PIPESCORE_REPO;
const fc = repo && createRequire(join(repo, 'package.json'))('fast-check');
const { PipescoreError } = full;
const NOW = new Date('2026-11-24T12:00:00Z');

// ─── Known inputs and answers ───────────────────────────────────────────────────────────────

const LEAD = { email: 'kim@acme.com', jobTitle: 'VP Sales', employees: 500, industry: 'software', events: [{ type: 'demo_request', at: '2026-11-20' }] };
const DEAL = {
  id: 'd1', stage: 'proposal', amount: 12000, createdAt: '2026-09-01', closeDate: '2026-12-01', stageEnteredAt: '2026-11-01',
  stageHistory: [{ stage: 'discovery', enteredAt: '2026-09-10' }], activities: [{ type: 'call', at: '2026-11-20' }],
  contacts: [{ name: 'Kim', role: 'champion' }],
};
const RULE = { and: [{ '>': [{ var: 'amount' }, 100] }, { in: [{ var: 'stage' }, ['proposal', 'demo']] }] };
const METRICS = { deals: [DEAL, { ...DEAL, id: 'd2', stage: 'closed_won', closedAt: '2026-11-10' }], leads: [{ createdAt: '2026-10-01', mqlAt: '2026-10-03' }] };
const BASES = {
  lead: LEAD, deal: DEAL, rule: RULE, metrics: METRICS, options: { now: NOW },
  model: full.LeadScorer.defaultModel(), pipeline: full.Pipeline.defaultConfig(), health: full.DealHealth.defaultConfig(),
  metricsOptions: { now: NOW, period: 'this_quarter', groupBy: 'owner', cycleStart: 'created', responseSlaMinutes: 60, filter: { owner: 'ana' } },
  scoreOptions: { now: NOW, mode: 'partial', explain: false, topFactors: 2 },
};

/** Each class: how to make one, a call with a known answer, and the answer. */
const CLASSES = {
  Rule: { make: (api) => new api.Rule(RULE), probe: (r) => r.evaluate(DEAL, { now: NOW }) },
  LeadScorer: { make: (api) => new api.LeadScorer(), probe: (s) => [s.score(LEAD, { now: NOW }).score, Array.from(s.scores([LEAD], { now: NOW }))] },
  Pipeline: { make: (api) => new api.Pipeline(), probe: (p) => p.check(DEAL, { now: NOW }) },
  DealHealth: { make: (api) => new api.DealHealth(), probe: (h) => h.score(DEAL, { now: NOW }) },
  DealSet: { make: (api) => new api.DealSet([DEAL]), probe: (s) => [s.length, new full.DealHealth().scoreMany(s, { now: NOW })] },
  MetricsDataset: { make: (api) => new api.MetricsDataset(METRICS), probe: (d) => d.compute({ now: NOW }) },
};
/** Deals a getter keeps in wasm memory (as a DealSet) to make it grow mid-call. */
const MANY = Array.from({ length: 2000 }, () => DEAL);
const answers = Object.fromEntries(Object.entries(CLASSES).map(([name, c]) => [name, JSON.stringify(c.probe(c.make(full)))]));

// ─── Hostile values, built from plain-data recipes (which fast-check shrinks and prints) ────

const THROWN = ['error', 'evilMessage', 'symbol', 'revoked', 'null', 'undefined', 'string', 'bigint', 'pipescore'];
const KINDS = [
  'bigint', 'symbol', 'fakeDate', 'invalidDate', 'date', 'cycle', 'revoked', 'trapProxy', 'getter', 'toJSON', 'hugeSparse',
  'holes', 'deep', 'protoKey', 'frozen', 'loneSurrogate', 'growing', 'freeing', 'freedInstance', 'fakeInstance', 'instance',
  'nan', 'negZero', 'function', 'undefined', 'map', 'typedArray', 'boxed', 'nullProto', 'longString', 'lengthProxy', 'anything',
];
const TRAPS = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'apply'];

/** A value to throw. */
function thrownValue(kind) {
  switch (kind) {
    case 'evilMessage': {
      const e = new Error('hidden');
      Object.defineProperty(e, 'message', { get() { throw new RangeError('no message'); } });
      return e;
    }
    case 'symbol': return Symbol('thrown');
    case 'revoked': return revokedProxy();
    case 'null': return null;
    case 'undefined': return undefined;
    case 'string': return 'a string';
    case 'bigint': return 7n;
    case 'pipescore': return new PipescoreError('mine', 'FREED', '$');
    default: return new Error('boom');
  }
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** What the recipe `{ kind, thrown, trap, n }` builds (`ctx` holds the instance under test and what to clean up). */
function hostile({ kind, thrown, trap, n, anything }, ctx) {
  const raise = () => { throw thrownValue(thrown); };
  switch (kind) {
    case 'bigint': return BigInt(n);
    case 'symbol': return Symbol('s');
    case 'fakeDate': return Object.create(Date.prototype);
    case 'invalidDate': return new Date('not a date');
    case 'date': return new Date(Date.UTC(2026, 0, 1 + n));
    case 'cycle': { const o = { a: 1 }; o.self = { back: o }; return o; }
    case 'revoked': return revokedProxy();
    case 'trapProxy': return new Proxy(n % 2 ? [1, 2] : { a: 1 }, { [trap]: raise });
    case 'getter': return Object.defineProperty({ a: 1 }, 'b', { get: raise, enumerable: true });
    case 'toJSON': return { toJSON: raise };
    case 'hugeSparse': { const a = []; a.length = 2 ** 31 - n; return a; }
    case 'holes': { const a = [1]; a[5 + n] = DEAL; return a; }
    case 'deep': { let v = 1; for (let i = 0; i < 100 + n * 100; i++) v = n % 2 ? [v] : { a: v }; return v; }
    case 'protoKey': return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    case 'frozen': return Object.freeze({ ...DEAL, list: Object.freeze([1, 2]) });
    case 'loneSurrogate': return ['x\ud800', '\udc00', 'a\ud83d', '\ud800\u0000'][n % 4];
    case 'growing': return { get a() { ctx.held.push(new full.DealSet(ctx.many)); return 1; }, b: 2 };
    case 'freeing': return { get a() { ctx.freedByGetter = true; ctx.instance?.free?.(); return 1; } };
    case 'freedInstance': { const o = Object.values(CLASSES)[n % 6].make(full); o.free(); return o; }
    case 'fakeInstance': return Object.create([full.DealSet, full.Pipeline, full.LeadScorer][n % 3].prototype);
    case 'instance': return [() => new full.Pipeline(), () => new full.DealSet([DEAL]), () => new full.Rule(true)][n % 3]();
    case 'nan': return [NaN, Infinity, -Infinity][n % 3];
    case 'negZero': return -0;
    case 'function': return () => 1;
    case 'undefined': return undefined;
    case 'map': return new Map([['a', 1]]);
    case 'typedArray': return new Float64Array([1, 2]);
    case 'boxed': return [Object(1), Object('s'), Object(true), Object(1n)][n % 4];
    case 'nullProto': return Object.assign(Object.create(null), { a: 1, stage: 'demo' });
    case 'longString': return 'x'.repeat(10_000 + n);
    case 'lengthProxy': return new Proxy([DEAL], { get: (t, k) => (k === 'length' ? [Symbol('l'), 'abc', { valueOf: raise }, -1, 2 ** 40][n % 5] : Reflect.get(t, k)) });
    default: return anything;
  }
}

const recipe = fc && fc.record({
  kind: fc.constantFrom(...KINDS),
  thrown: fc.constantFrom(...THROWN),
  trap: fc.constantFrom(...TRAPS),
  n: fc.nat({ max: 40 }),
  anything: fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withMap: true, withTypedArray: true, withUnicodeString: true, maxDepth: 3 }),
});

/**
 * An argument: a known base value with a hostile value put at one place inside it (or in
 * its place), as `{ base, at, key, inject }`.
 */
const argument = (bases) => fc && fc.record({
  base: fc.constantFrom(...bases),
  at: fc.nat(),
  key: fc.oneof(fc.constantFrom('amount', 'stage', 'now', 'email', 'events', 'deals', 'rule', 'groups', 'pipelines', '__proto__', 'toJSON', '0'), fc.string({ maxLength: 4 })),
  mode: fc.constantFrom('inside', 'inside', 'replace', 'plain'),
  inject: recipe,
});

/** Builds an argument: a deep copy of the base with the hostile value put in place. */
function build(arg, ctx) {
  if (arg.base === 'none') return undefined;
  const base = structuredClone(BASES[arg.base]);
  if (arg.mode === 'plain') return base;
  const value = hostile(arg.inject, ctx);
  if (arg.mode === 'replace') return value;
  const holders = [];
  const walk = (v, depth) => {
    if (v && typeof v === 'object' && depth < 6) {
      holders.push(v);
      for (const child of Object.values(v)) walk(child, depth + 1);
    }
  };
  walk(base, 0);
  const holder = holders[arg.at % holders.length] ?? base;
  Object.defineProperty(holder, Array.isArray(holder) ? String(arg.at % (holder.length + 1)) : arg.key, { value, enumerable: true, writable: true, configurable: true });
  return base;
}

// ─── The calls ──────────────────────────────────────────────────────────────────────────────

const RECORD = ['lead', 'deal', 'metrics', 'none'];
const OPTIONS = ['options', 'scoreOptions', 'metricsOptions', 'none'];
const CONFIG = ['rule', 'model', 'pipeline', 'health', 'none'];
/** `[class or null, method, argument bases per argument]`; the class's instance is the receiver. */
const CALLS = [
  [null, 'version', []],
  [null, 'new Rule', [CONFIG]], ['Rule', 'evaluate', [RECORD, OPTIONS]], ['Rule', 'evaluateMany', [RECORD, OPTIONS]],
  ['Rule', 'explain', [RECORD, OPTIONS]], ['Rule', 'fields', []],
  [null, 'new LeadScorer', [CONFIG]], ['LeadScorer', 'score', [RECORD, OPTIONS]], ['LeadScorer', 'scoreMany', [RECORD, OPTIONS]],
  ['LeadScorer', 'scores', [RECORD, OPTIONS]], [null, 'LeadScorer.defaultModel', []],
  [null, 'new Pipeline', [CONFIG]], ['Pipeline', 'check', [RECORD, OPTIONS]], ['Pipeline', 'checkMove', [RECORD, ['none', 'options'], OPTIONS]],
  ['Pipeline', 'checkHandoff', [['none', 'options'], RECORD, OPTIONS]], ['Pipeline', 'stages', [['none', 'options']]], ['Pipeline', 'toJSON', []],
  [null, 'new DealHealth', [CONFIG, CONFIG]], ['DealHealth', 'score', [RECORD, OPTIONS]], ['DealHealth', 'scoreMany', [RECORD, OPTIONS]],
  [null, 'new DealSet', [RECORD]], ['DealSet', 'set', [['none', 'options'], RECORD]], ['DealSet', 'append', [RECORD]],
  ['DealSet', 'remove', [['none', 'options'], ['none', 'options']]], ['DealSet', 'length', []],
  [null, 'computeMetrics', [RECORD, OPTIONS]], [null, 'new MetricsDataset', [RECORD]], ['MetricsDataset', 'compute', [OPTIONS]],
  ['MetricsDataset', 'setDeal', [['none', 'options'], RECORD]], ['MetricsDataset', 'appendDeals', [RECORD]], ['MetricsDataset', 'removeDeals', [['none', 'options'], ['none', 'options']]],
  ['MetricsDataset', 'setLead', [['none', 'options'], RECORD]], ['MetricsDataset', 'appendLeads', [RECORD]], ['MetricsDataset', 'removeLeads', [['none', 'options'], ['none', 'options']]],
  ['MetricsDataset', 'setQuotas', [RECORD]], ['MetricsDataset', 'dealCount', []], ['MetricsDataset', 'leadCount', []],
];

/** The methods that change their object. */
const EDITS = new Set(['set', 'append', 'remove', 'setDeal', 'appendDeals', 'removeDeals', 'setLead', 'appendLeads', 'removeLeads', 'setQuotas']);

const scenario = fc && fc.record({
  call: fc.nat({ max: CALLS.length - 1 }),
  args: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
  built: fc.tuple(argument(['lead']), argument(['options']), argument(['deal'])),
  lean: fc.boolean(),
  freeFirst: fc.nat({ max: 9 }).map((n) => n === 0),
  asSet: fc.boolean(),
});

/** Runs one scenario and checks the three properties; returns nothing, throws on a violation. */
function run({ call, args: picks, built, lean: useLean, freeFirst, asSet }) {
  const [className, method, argBases] = CALLS[call];
  const api = useLean && (className === 'Rule' || className === 'LeadScorer' || /Rule|LeadScorer|version/.test(method)) ? lead : full;
  const ctx = { held: [], many: MANY, instance: null, freedByGetter: false };
  const instance = className ? CLASSES[className].make(api) : null;
  ctx.instance = instance;
  if (freeFirst && instance) instance.free();
  const args = argBases.map((choices, i) => build({ ...built[i], base: choices[picks[i] % choices.length] }, ctx));
  if (method === 'scoreMany' && className === 'DealHealth' && asSet) args[0] = new full.DealSet(picks[0] % 2 ? [] : [DEAL]);
  const before = args.map((a) => fingerprint(a));
  const protos = prototypeFingerprint();
  let error;
  try {
    invoke(api, instance, method, args);
  } catch (e) {
    error = e;
  }
  // 1. A typed error, with a code and a path.
  if (error !== undefined) {
    assert.ok(error instanceof PipescoreError, `${method} threw ${safeName(error)}`);
    assert.match(error.code, /^[A-Z_]+$/);
    assert.equal(typeof error.path, 'string');
    assert.ok(error.path.startsWith('$'), error.path);
    assert.equal(typeof error.message, 'string');
    if (freeFirst && instance) assert.equal(error.code, 'FREED');
  } else {
    assert.ok(!(freeFirst && instance), `${method} worked after free()`);
  }
  // 2. The instance (unless freed) and a fresh one still answer correctly.
  if (instance) {
    const c = CLASSES[className];
    let freed = false;
    try {
      const answer = JSON.stringify(c.probe(instance));
      // An edit changes the answer: then it must only be the same twice.
      assert.equal(answer, EDITS.has(method) ? JSON.stringify(c.probe(instance)) : answers[className]);
    } catch (e) {
      if (e?.code !== 'FREED') throw e;
      freed = true;
    }
    assert.ok(!freed || freeFirst || ctx.freedByGetter, 'freed only when asked');
    assert.equal(JSON.stringify(c.probe(c.make(api))), answers[className]);
  } else {
    assert.equal(JSON.stringify(CLASSES.Rule.probe(CLASSES.Rule.make(api))), answers.Rule);
  }
  // 3. Nothing passed in changed, no prototype touched.
  assert.deepEqual(args.map((a) => fingerprint(a)), before);
  assert.deepEqual(prototypeFingerprint(), protos);
  for (const set of ctx.held) set.free();
}

/** Calls `method` (a constructor, static, free function, getter or method) with `args`. */
function invoke(api, instance, method, args) {
  switch (method) {
    case 'version': return api.version();
    case 'new Rule': return new api.Rule(...args);
    case 'new LeadScorer': return new api.LeadScorer(...args);
    case 'LeadScorer.defaultModel': return api.LeadScorer.defaultModel();
    case 'new Pipeline': return new api.Pipeline(...args);
    case 'new DealHealth': return new api.DealHealth(...args);
    case 'new DealSet': return new api.DealSet(...args);
    case 'computeMetrics': return api.computeMetrics(...args);
    case 'new MetricsDataset': return new api.MetricsDataset(...args);
    case 'fields': case 'length': case 'dealCount': case 'leadCount': return instance[method];
    default: return instance[method](...args);
  }
}

/** The name of a thrown value, for a failure message (without running its code). */
function safeName(value) {
  try {
    return typeof value === 'object' && value !== null ? `${Object.getPrototypeOf(value)?.constructor?.name}: ${value.message}` : String(value);
  } catch {
    return typeof value;
  }
}

/**
 * What can be seen of a value without running its code: own keys, data values, getters by
 * identity, prototypes, frozen state; Proxies (which would run their traps) by identity.
 */
function fingerprint(value, seen = new Map(), depth = 0) {
  if (typeof value === 'bigint') return `bigint:${value}`;
  if (typeof value === 'symbol') return `symbol:${value.description}`;
  if (typeof value === 'number') return Object.is(value, -0) ? 'number:-0' : `number:${value}`;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return `${typeof value}:${String(value)}`;
  if (seen.has(value)) return `ref:${seen.get(value)}`;
  seen.set(value, seen.size);
  if (util.types.isProxy(value) || depth > 40) return `opaque:${seen.get(value)}`;
  if (util.types.isDate(value)) return `date:${Date.prototype.getTime.call(value)}`;
  const out = { proto: protoName(value), frozen: Object.isFrozen(value), extensible: Object.isExtensible(value), keys: Object.create(null) };
  for (const key of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    out.keys[String(key)] = d.get || d.set ? `accessor:${d.enumerable}` : fingerprint(d.value, seen, depth + 1);
  }
  if (ArrayBuffer.isView(value)) out.bytes = Array.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)).join();
  if (value instanceof Map) out.entries = [...value.entries()].map(([k, v]) => [fingerprint(k, seen, depth + 1), fingerprint(v, seen, depth + 1)]);
  return out;
}
const util = createRequire(import.meta.url)('node:util');

function protoName(value) {
  const proto = Object.getPrototypeOf(value);
  return proto === null ? 'null' : proto === Object.prototype ? 'Object' : proto === Array.prototype ? 'Array' : proto?.constructor?.name ?? '?';
}

/** The own keys of the built-in prototypes a polluting read or write would touch. */
function prototypeFingerprint() {
  return [Object.prototype, Array.prototype, Function.prototype, Date.prototype, Error.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join());
}

// ─── The runs ───────────────────────────────────────────────────────────────────────────────

const SEED = Number(process.env.FUZZ_SEED || 20261124);
const SECONDS = Number(process.env.FUZZ_SECONDS || 3);

/** Runs the scenarios; says how many ran; on a failure, fast-check's report (seed, path, counterexample) and what the check found. */
function check(parameters, t) {
  const details = fc.check(fc.property(scenario, run), parameters);
  t.diagnostic(`${details.numRuns} scenarios, seed ${details.seed}`);
  if (details.failed) throw new Error(`${fc.defaultReportMessage(details)}\n${details.errorInstance?.stack ?? details.errorInstance}`);
}

test(`fuzz: fixed seed ${SEED}`, { skip: !fc && 'PIPESCORE_REPO not set (fast-check comes from the repository)' }, (t) => {
  check({ seed: SEED, numRuns: 600 }, t);
});

const randomSeed = (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
test(`fuzz: random seed ${randomSeed} for ${SECONDS} s`, { skip: !fc && 'PIPESCORE_REPO not set' }, (t) => {
  check({ seed: randomSeed, numRuns: 1e9, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false }, t);
});

test('fuzz: every call is covered', () => {
  const named = new Set(CALLS.map(([c, m]) => (c ? `${c}.${m}` : m)));
  for (const [name, Class] of Object.entries({ Rule: full.Rule, LeadScorer: full.LeadScorer, Pipeline: full.Pipeline, DealHealth: full.DealHealth, DealSet: full.DealSet, MetricsDataset: full.MetricsDataset })) {
    for (const key of Object.getOwnPropertyNames(Class.prototype)) {
      if (key !== 'constructor' && key !== 'free') assert.ok(named.has(`${name}.${key}`), `${name}.${key} is not fuzzed`);
    }
  }
  for (const key of Object.keys(full)) {
    if (!/^Pipescore/.test(key) && typeof full[key] === 'function' && !/^[A-Z]/.test(key)) assert.ok(named.has(key), `${key} is not fuzzed`);
  }
});
