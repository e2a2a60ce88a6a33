// Bad input never traps the wasm instance: seeded random values, and valid records with one
// value swapped for a random one, go through every entry point. Each call must return or throw
// a PipescoreError (never a WebAssembly.RuntimeError or any other error), and the engines must
// keep working afterwards.
import assert from 'node:assert/strict';
import test from 'node:test';
import { computeMetrics, DealHealth, DealSet, LeadScorer, MetricsDataset, Pipeline, PipescoreError, Rule } from 'pipescore';

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(20261124);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const WORDS = ['', ' ', 'demo', 'closed_won', 'Closed Won', 'prospecting', '2026-11-24', '2026-13-45', 'now', 'var', 'and',
  '<img src=x>', '\u0000', '\ud800', 'é', '-1', '1e309', 'NaN', 'amount', 'events', 'stage', 'rule', 'groups', 'stages'];
const NUMBERS = [0, -0, 1, -1, 0.5, 1e21, -1e21, 2 ** 53, Number.MAX_VALUE, NaN, Infinity, -Infinity, 1.7976931348623157e308, 8.64e15 + 1];

/** A random JS value up to `depth` levels deep (Dates, NaN and Infinity included). */
function value(depth = 3) {
  const kind = Math.floor(rnd() * (depth > 0 ? 9 : 6));
  switch (kind) {
    case 0: return null;
    case 1: return pick([true, false, undefined]);
    case 2: return pick(NUMBERS);
    case 3: case 4: return pick(WORDS);
    case 5: return pick([new Date('2026-11-20'), new Date('invalid')]);
    case 6: return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth - 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [pick(WORDS), value(depth - 1)]));
  }
}

/** `base` with one value, at a random path, replaced by a random value. */
function mutate(base) {
  const copy = structuredClone(base);
  let node = copy;
  for (let depth = 0; depth < 4; depth++) {
    const keys = node && typeof node === 'object' ? Object.keys(node) : [];
    if (!keys.length) break;
    const key = pick(keys);
    if (depth === 3 || rnd() < 0.35 || typeof node[key] !== 'object' || node[key] === null) {
      node[key] = value(2);
      return copy;
    }
    node = node[key];
  }
  return copy;
}

/** Calls `fn`; anything thrown must be a PipescoreError. */
function survives(label, fn) {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PipescoreError, `${label} threw ${err?.name}: ${err?.message}`);
    assert.equal(typeof err.code, 'string');
    assert.match(err.path, /^\$/);
  }
}

const DEAL = { id: 'd1', stage: 'proposal', amount: 12000, createdAt: '2026-09-01', closeDate: '2026-12-01', stageEnteredAt: '2026-11-01',
  stageHistory: [{ stage: 'discovery', enteredAt: '2026-09-10' }], activities: [{ type: 'call', at: '2026-11-20' }],
  contacts: [{ name: 'Kim', role: 'champion' }], terms: 'net 30', decisionDate: '2026-12-01' };
const LEAD = { email: 'a@b.co', jobTitle: 'VP', employees: 100, events: [{ type: 'demo_request', at: '2026-11-20' }] };
const NOW = { now: '2026-11-24' };

test('random and mutated input never traps the instance', () => {
  const scorer = new LeadScorer();
  const pipeline = new Pipeline();
  const health = new DealHealth();
  const dataset = new MetricsDataset({ deals: [DEAL] });
  const models = [LeadScorer.defaultModel(), Pipeline.defaultConfig(), DealHealth.defaultConfig()];
  for (let i = 0; i < 300; i++) {
    const anything = value();
    const deal = mutate(DEAL);
    const lead = mutate(LEAD);
    const options = pick([NOW, { now: value(1) }, value(1), { ...NOW, explain: value(0), mode: value(0), topFactors: value(0) }]);
    survives('new Rule', () => new Rule(anything).evaluate(mutate(LEAD), NOW));
    survives('Rule.explain', () => new Rule({ and: [{ filled: { var: 'amount' } }, { '>': [{ var: 'amount' }, 5] }] }).explain(anything, NOW));
    survives('new LeadScorer', () => new LeadScorer(mutate(models[0])).score(lead, NOW));
    survives('score', () => scorer.score(lead, options));
    survives('scoreMany', () => scorer.scoreMany([lead, anything, LEAD], options));
    survives('scores', () => scorer.scores([lead, LEAD], options));
    survives('new Pipeline', () => new Pipeline(mutate(models[1])).check(DEAL, NOW));
    survives('check', () => pipeline.check(deal, options));
    survives('checkMove', () => pipeline.checkMove(deal, pick(['demo', 'closed_won', 'nope', anything]), options));
    survives('checkHandoff', () => pipeline.checkHandoff(pick(['marketing_to_sdr', 'ae_to_cs', anything]), mutate({ mqlAt: '2026-11-24T10:00:00Z' }), options));
    survives('new DealHealth', () => new DealHealth(mutate(models[2]), pick([null, mutate(models[1])])).score(DEAL, NOW));
    survives('health.score', () => health.score(deal, options));
    survives('health.scoreMany', () => health.scoreMany([deal, anything], options));
    survives('DealSet', () => health.scoreMany(new DealSet(pick([[deal, anything], anything])), options));
    survives('computeMetrics', () => computeMetrics({ deals: [deal, DEAL], leads: [anything] }, options));
    survives('computeMetrics options', () => computeMetrics({ deals: [DEAL] }, { ...NOW, period: value(1), groupBy: value(0), filter: value(1) }));
    survives('MetricsDataset', () => new MetricsDataset(anything).compute(NOW));
    survives('dataset.compute', () => dataset.compute(options));
  }
  // Still working, with the same answers as fresh instances.
  assert.deepEqual(scorer.score(LEAD, NOW), new LeadScorer().score(LEAD, NOW));
  assert.deepEqual(pipeline.check(DEAL, NOW), new Pipeline().check(DEAL, NOW));
  assert.deepEqual(health.score(DEAL, NOW), new DealHealth().score(DEAL, NOW));
  assert.deepEqual(dataset.compute(NOW), computeMetrics({ deals: [DEAL] }, NOW));
});
