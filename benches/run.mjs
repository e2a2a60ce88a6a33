// Benchmarks: pipescore (the built npm package, in Node) against the JS libraries users would
// otherwise pick, on the same generated data in the same run. Prints throughput and ratios,
// wasm startup and sizes, and writes them to target/bench/node.json, which benches/report.mjs
// turns into docs/benchmarks.md with the native figures. Usage: make bench (or node
// benches/run.mjs after make pkg). BENCH_LEADS / BENCH_DEALS / BENCH_METRIC_DEALS change the sizes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeMetrics, DealHealth, DealSet, LeadScorer, MetricsDataset, Pipeline } from '../pkg/node.mjs';
import { fmt, measure, table } from './harness.mjs';
import { jsonLogicEngineScorer, jsonLogicJsScorer, jsonRulesEngineScorer } from './peers.mjs';
import { isoMillis } from '../pkg/records.js';
import { sizeBreakdown, sizeReport } from './size.mjs';
import { BENCH_MODEL, generateDeals, generateLeads, RULES } from './workload.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LEADS = Number(process.env.BENCH_LEADS || 100_000);
const DEALS = Number(process.env.BENCH_DEALS || 10_000);
const METRIC_DEALS = Number(process.env.BENCH_METRIC_DEALS || 100_000);
const NOW = Date.parse('2026-11-24T12:00:00Z');
/** Runs per timed case: lead scoring (peers sampled: fewer), then the pipeline engines. */
const LEAD_RUNS = 7, SAMPLED_RUNS = 3, ENGINE_RUNS = 5;
const startedAt = Date.now();
/** The machine's 1-minute load average as the run starts: other work slows every figure down. */
const loadAtStart = loadavg()[0];

console.log(`pipescore benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}\n`);

// ─── Lead scoring: the same 25 rules, the same leads ───────────────────────────────────────
const leads = generateLeads(LEADS);
const scorer = new LeadScorer(BENCH_MODEL);
const pipescoreScores = (batch) => Float64Array.from(scorer.scoreMany(batch, { now: NOW, explain: false }), (r) => r.score);

const contenders = [
  { name: 'pipescore scoreMany (plain objects)', score: pipescoreScores },
  { name: 'pipescore scores() (plain objects, fast path)', score: (batch) => scorer.scores(batch, { now: NOW }) },
  { name: 'json-logic-engine 5 (compiled build)', score: jsonLogicEngineScorer() },
  { name: 'json-logic-js 2.0.5', score: jsonLogicJsScorer() },
  { name: 'json-rules-engine 7', score: jsonRulesEngineScorer(), sample: Math.min(LEADS, 5_000) },
];

// Every engine must agree before anything is timed.
const check = leads.slice(0, 2_000);
const reference = await contenders.find((c) => c.name.startsWith('json-logic-engine')).score(check);
for (const c of contenders) {
  const got = await c.score(check);
  const bad = got.findIndex((v, i) => v !== reference[i]);
  if (bad >= 0) throw new Error(`${c.name} disagrees on lead ${bad}: ${got[bad]} vs ${reference[bad]}`);
}

const leadRows = [];
for (const c of contenders) {
  const batch = c.sample ? leads.slice(0, c.sample) : leads;
  const { medianMs } = await measure(() => c.score(batch), { runs: c.sample ? SAMPLED_RUNS : LEAD_RUNS, warmup: 1 });
  leadRows.push({ name: c.name, n: batch.length, ms: medianMs, perSec: (batch.length / medianMs) * 1000 });
}
// Ratios are of the fast path (`scores()`), the way to score plain objects in bulk.
const base = leadRows.find((r) => r.name.includes('scores()')).perSec;
console.log(`Lead scoring: ${RULES.length}-rule points model, ${fmt(LEADS)} plain lead objects (median of ${LEAD_RUNS} runs)`);
table(['engine', 'leads', 'ms', 'leads/s', 'scores() speed ÷ this'],
  leadRows.map((r) => [r.name, fmt(r.n), fmt(r.ms, 1), fmt(r.perSec), `${fmt(base / r.perSec, 2)}×`]));

// ─── Stage gates, deal health, metrics ─────────────────────────────────────────────────────
const deals = generateDeals(DEALS);
const pipeline = new Pipeline();
const health = new DealHealth();
const metricDeals = generateDeals(METRIC_DEALS, { seed: 11 });
const engineRows = [];
const time = async (name, n, fn, target) => {
  const { medianMs } = await measure(fn, { runs: ENGINE_RUNS, warmup: 1 });
  engineRows.push({ name, n, ms: medianMs, perSec: (n / medianMs) * 1000, target: target ?? null });
};
await time('stage gates: pipeline.check per deal', DEALS, () => deals.map((d) => pipeline.check(d, { now: NOW }).exit.completeness));
await time('deal health: health.scoreMany', DEALS, () => health.scoreMany(deals, { now: NOW }), 'target < 20 ms');
await time('deal health: scoreMany, explain: false', DEALS, () => health.scoreMany(deals, { now: NOW, explain: false }), 'target < 20 ms');
// Reference, no engine: what the JSON path costs before wasm sees a byte.
await time('reference, no engine: JSON.stringify(deals)', DEALS, () => JSON.stringify(deals).length);
await time('deal health: new DealSet (read once)', DEALS, () => new DealSet(deals).free());
const dealSet = new DealSet(deals);
await time('deal health: scoreMany(dealSet)', DEALS, () => health.scoreMany(dealSet, { now: NOW }));
let tick = 0; // a new now each call, as a dashboard re-scoring on a timer
await time('deal health: scoreMany(dealSet), explain: false', DEALS,
  () => health.scoreMany(dealSet, { now: NOW + ++tick * 60_000, explain: false }), 'target < 20 ms');
// A rep edits one deal: it is put back in the set (read alone), and the board is re-scored.
let edited = 0;
await time('deal health: one deal changed (set.set), then scoreMany(dealSet), explain: false', DEALS, () => {
  const i = (edited = (edited + 7919) % DEALS);
  dealSet.set(i, { ...deals[i], closeDatePushes: (deals[i].closeDatePushes ?? 0) + 1 });
  return health.scoreMany(dealSet, { now: NOW, explain: false });
}, 'target < 20 ms');
await time('metrics: computeMetrics (reads the deals)', METRIC_DEALS, () => computeMetrics({ deals: metricDeals }, { now: NOW }), 'target < 20 ms');
// Reference, no engine: plain JS reading what metrics reads of each deal (named reads; dates to
// epoch ms with records.js's isoMillis). A floor for any reader of these objects.
await time('reference, no engine: read the members metrics uses, dates to numbers', METRIC_DEALS, () => {
  const length = (text) => (typeof text === 'string' ? text.length : 0);
  let sum = 0;
  for (const d of metricDeals) {
    sum += d.amount + isoMillis(d.createdAt) + isoMillis(d.closeDate) + length(d.engagedAt) + length(d.outcome)
      + length(d.owner) + length(d.source) + length(d.segment) + length(d.product) + length(d.stage);
    for (const entry of d.stageHistory) sum += entry.stage.length + isoMillis(entry.enteredAt);
  }
  return sum;
});
// The same input behind a toJSON, which sends it through JSON.stringify (the path before columns).
await time('metrics: computeMetrics, deals as JSON text', METRIC_DEALS, () => computeMetrics({ toJSON: () => ({ deals: metricDeals }) }, { now: NOW }));
await time('metrics: new MetricsDataset (read once)', METRIC_DEALS, () => new MetricsDataset({ deals: metricDeals }).free());
const dataset = new MetricsDataset({ deals: metricDeals });
await time('metrics: dataset.compute (recompute)', METRIC_DEALS, () => dataset.compute({ now: NOW }), 'target < 20 ms');
await time('metrics: dataset.compute, filter + groupBy', METRIC_DEALS,
  () => dataset.compute({ now: NOW, period: 'this_year', groupBy: 'owner', filter: { segment: ['smb', 'mid_market'] } }), 'target < 20 ms');
// A deal changes on a live dashboard: it is put back in the dataset (read alone), then recomputed.
let changed = 0;
await time('metrics: one deal changed (dataset.setDeal), then compute', METRIC_DEALS, () => {
  const i = (changed = (changed + 7919) % METRIC_DEALS);
  dataset.setDeal(i, { ...metricDeals[i], amount: metricDeals[i].amount + 1 });
  return dataset.compute({ now: NOW });
}, 'target < 20 ms');
console.log(`\nPipeline engines (median of ${ENGINE_RUNS} runs)`);
table(['case', 'records', 'ms', 'records/s', ''], engineRows.map((r) => [r.name, fmt(r.n), fmt(r.ms, 1), fmt(r.perSec), r.target ?? '']));

// ─── Startup: instantiation and first call, each in a fresh process ───────────────────────
const startup = JSON.parse(execFileSync(process.execPath, [join(here, 'startup.mjs')], { encoding: 'utf8' }));
console.log('\nStartup (fresh Node process)');
table(['step', 'ms'], [
  ['import pipescore (read + compile + instantiate the .wasm)', fmt(startup.importMs, 2)],
  ['new LeadScorer(): compile the default model', fmt(startup.compileMs, 2)],
  ['first call: score one lead', fmt(startup.firstScoreMs, 3)],
  ['next calls: score one lead (a form keystroke)', fmt(startup.secondScoreMs, 3)],
]);

// ─── Size ─────────────────────────────────────────────────────────────────────────────────
console.log('\nSize (bytes)');
const sizes = await sizeReport();
table(['what', 'raw', 'gzip'], sizes.map((r) => [r.name, fmt(r.raw), fmt(r.gzip)]));

// Where the bytes go: each .wasm's code by the module it comes from (gzip of each group alone).
const { full, lead } = sizeBreakdown();
const leadOf = new Map(lead.map((r) => [r.group, r]));
console.log('\nWhere the .wasm bytes go (optimised as shipped, names kept; gzip of each part alone)');
table(['part', 'functions', 'raw', 'gzip', 'lead/ gzip'],
  full.map((r) => [r.group, r.functions ? fmt(r.functions) : '', fmt(r.raw), fmt(r.gzip), leadOf.has(r.group) ? fmt(leadOf.get(r.group).gzip) : '']));
const engines = full.filter((r) => r.engine);
console.log(`The engines' own code alone (${engines.map((r) => r.group).join(', ')}): ${fmt(engines.reduce((sum, r) => sum + r.gzip, 0))} bytes gzip.`);

// ─── The run's results, for benches/report.mjs ─────────────────────────────────────────────
const results = {
  startedAt,
  machine: { node: process.version, platform: platform(), arch: arch(), cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, memoryBytes: totalmem(), loadAtStart, loadAtEnd: loadavg()[0] },
  version: JSON.parse(readFileSync(join(here, '..', 'pkg', 'package.json'), 'utf8')).version,
  sizes: { leads: LEADS, deals: DEALS, metricDeals: METRIC_DEALS },
  runs: { lead: LEAD_RUNS, sampled: SAMPLED_RUNS, engines: ENGINE_RUNS },
  rules: RULES.length,
  lead: leadRows,
  engines: engineRows,
  startup,
  size: sizes,
  breakdown: { full, lead },
};
const out = join(here, '..', 'target', 'bench');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'node.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nResults: target/bench/node.json (make bench writes docs/benchmarks.md from them and the native run).');
