// Soak: the wasm memory curve over many calls per engine (one call in ten with a bad input:
// the error paths must not leak either) and over create/free cycles of every class. Wasm
// memory never shrinks, so the curve must level off, not climb. Run by `make bench`; not part
// of `make test`. SOAK_CALLS and SOAK_CYCLES change the counts.
//   node benches/soak.mjs
import { initSync } from '../pkg/pipescore.js';
import { computeMetrics, DealHealth, DealSet, LeadScorer, MetricsDataset, Pipeline, Rule } from '../pkg/node.mjs';

const CALLS = Number(process.env.SOAK_CALLS || 1_000_000);
const CYCLES = Number(process.env.SOAK_CYCLES || 10_000);
const POINTS = 10;
// The module node.mjs instantiated (initSync returns it once it is there).
const wasm = initSync();
const mib = () => (wasm.memory.buffer.byteLength / 2 ** 20).toFixed(1);

const now = new Date('2026-11-24T12:00:00Z');
const fake = { now: Object.create(Date.prototype) };
const DEAL = { id: 'd1', stage: 'proposal', amount: 12000, createdAt: '2026-09-01', closeDate: '2026-12-01', stageEnteredAt: '2026-11-01',
  activities: [{ type: 'call', at: '2026-11-20' }], contacts: [{ name: 'Kim', role: 'champion' }] };
const LEAD = { email: 'kim@acme.com', jobTitle: 'VP Sales', employees: 500, events: [{ type: 'demo_request', at: '2026-11-20' }] };
const throwing = { get stage() { throw new Error('boom'); } };

/** Runs `call(i)` `count` times (an error is expected from the bad ones) and prints memory at `POINTS` points. */
function curve(label, count, call) {
  const marks = [];
  const start = performance.now();
  for (let i = 1; i <= count; i++) {
    try {
      call(i);
    } catch (error) {
      if (!error?.code) throw error;
    }
    if (i % Math.max(1, Math.floor(count / POINTS)) === 0) marks.push(mib());
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  console.log(`  ${label.padEnd(44)} ${marks.join(' ')} MiB  (${count.toLocaleString('en')} in ${seconds} s)`);
}

console.log(`wasm memory (MiB) after each tenth of the run; ${mib()} MiB at start`);
console.log(`\n${CALLS.toLocaleString('en')} calls per engine, one in ten with a bad input:`);
const rule = new Rule({ and: [{ '>': [{ var: 'amount' }, 100] }, { in: [{ var: 'stage' }, ['proposal', 'demo']] }] });
curve('Rule.evaluate', CALLS, (i) => rule.evaluate(i % 10 ? DEAL : throwing, i % 10 ? { now } : fake));
const scorer = new LeadScorer();
curve('LeadScorer.score', CALLS, (i) => scorer.score(i % 10 ? LEAD : throwing, i % 10 ? { now } : fake));
curve('LeadScorer.scores (one lead)', CALLS, (i) => scorer.scores([i % 10 ? LEAD : throwing], { now }));
const pipeline = new Pipeline();
curve('Pipeline.check', CALLS, (i) => pipeline.check(i % 10 ? DEAL : throwing, i % 10 ? { now } : fake));
const health = new DealHealth();
curve('DealHealth.score', CALLS, (i) => health.score(i % 10 ? DEAL : throwing, i % 10 ? { now } : fake));
const set = new DealSet([DEAL, DEAL]);
curve('DealHealth.scoreMany (a DealSet)', CALLS, (i) => health.scoreMany(set, i % 10 ? { now } : fake));
curve('computeMetrics', CALLS, (i) => computeMetrics({ deals: [i % 10 ? DEAL : throwing] }, { now }));
const dataset = new MetricsDataset({ deals: [DEAL] });
curve('MetricsDataset.compute', CALLS, (i) => dataset.compute(i % 10 ? { now } : fake));

console.log(`\n${CYCLES.toLocaleString('en')} create/free cycles:`);
const model = LeadScorer.defaultModel();
const config = Pipeline.defaultConfig();
for (const [label, make] of [
  ['new Rule', () => new Rule({ var: 'amount' })],
  ['new LeadScorer() (shared default)', () => new LeadScorer()],
  ['new LeadScorer(model)', () => new LeadScorer(model)],
  ['new Pipeline() (shared default)', () => new Pipeline()],
  ['new Pipeline(config)', () => new Pipeline(config)],
  ['new DealHealth() (shared default)', () => new DealHealth()],
  ['new DealHealth(null, pipeline)', () => new DealHealth(null, pipeline)],
  ['new DealSet', () => new DealSet([DEAL])],
  ['new MetricsDataset', () => new MetricsDataset({ deals: [DEAL] })],
]) {
  curve(label, CYCLES, () => make().free());
}

console.log(`\nInstances held, not freed (${CYCLES.toLocaleString('en')} of each; bytes of wasm memory per instance):`);
for (const [label, make] of [
  ['new LeadScorer()', () => new LeadScorer()], ['new Pipeline()', () => new Pipeline()], ['new DealHealth()', () => new DealHealth()],
  ['new LeadScorer(model)', () => new LeadScorer(model)], ['new Pipeline(config)', () => new Pipeline(config)],
]) {
  const before = wasm.memory.buffer.byteLength;
  const held = Array.from({ length: CYCLES }, make);
  console.log(`  ${label.padEnd(44)} ${Math.round((wasm.memory.buffer.byteLength - before) / CYCLES)} B`);
  held.forEach((o) => o.free());
}

console.log(`\nOne large batch (wasm memory keeps its peak: split batches to bound it, see docs/boundary.md):`);
const records = Array.from({ length: 300_000 }, (_, i) => ({ ...DEAL, id: `d${i}` }));
const chunked = mib();
for (let i = 0; i < records.length; i += 10_000) rule.evaluateMany(records.slice(i, i + 10_000), { now });
console.log(`  Rule.evaluateMany of 300,000 deals, 10,000 at a time   ${chunked} -> ${mib()} MiB`);
const before = mib();
rule.evaluateMany(records, { now });
console.log(`  Rule.evaluateMany of 300,000 deals at once            ${before} -> ${mib()} MiB`);
