// Writes docs/benchmarks.md from one `make bench` run: the Node figures benches/run.mjs left in
// target/bench/node.json and criterion's estimates of `cargo bench --bench core` in
// target/criterion/. Every figure in the page comes from these files, so none is copied by hand.
// Refuses criterion results older than the Node run, so the page never mixes two runs.
// Usage: make bench (after node benches/run.mjs and cargo bench --bench core).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nodeResults = join(root, 'target', 'bench', 'node.json');
if (!existsSync(nodeResults)) throw new Error('target/bench/node.json is missing: run node benches/run.mjs first (make bench does)');
const run = JSON.parse(readFileSync(nodeResults, 'utf8'));

/** What each native case measures, by criterion's id; a case not listed shows its id. */
const NATIVE = {
  'lead_scoring/score_many': 'lead scoring, `score_many` (explained)',
  'lead_scoring/score_columns (fast plan)': 'lead scoring, `score_columns` (the fast plan over columns)',
  'stage_gates/check': 'stage gates, `Pipeline::check` per deal',
  'deal_health/score_many': 'deal health, `score_many` (explained)',
  'deal_health/score_many, brief': 'deal health, `score_many`, brief (`top_factors: 0`)',
  'deal_health/DealSet::new': 'deal health, `DealSet::new`',
  'deal_health/score_set, brief': 'deal health, `score_set`, brief',
  'metrics/parse_input_str': 'metrics, `parse_input_str` (JSON text to records)',
  'metrics/compute_metrics': 'metrics, `compute_metrics`',
};
/** The Node case doing the same work through the package, by criterion's id. */
const SAME_WORK_IN_NODE = {
  'stage_gates/check': 'stage gates: pipeline.check per deal',
  'deal_health/score_many': 'deal health: health.scoreMany',
  'deal_health/score_many, brief': 'deal health: scoreMany, explain: false',
  'deal_health/DealSet::new': 'deal health: new DealSet (read once)',
  'deal_health/score_set, brief': 'deal health: scoreMany(dealSet), explain: false',
  'metrics/compute_metrics': 'metrics: dataset.compute (recompute)',
};

/** Criterion's results under target/criterion: `{ id, records, ms }` in its own order of groups. */
function nativeResults() {
  const dir = join(root, 'target', 'criterion');
  if (!existsSync(dir)) throw new Error('target/criterion is missing: run cargo bench --bench core first (make bench does)');
  const found = [];
  const visit = (at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(at, entry.name);
      if (entry.name === 'new' && existsSync(join(path, 'benchmark.json'))) found.push(path);
      else if (entry.name !== 'base' && entry.name !== 'change') visit(path);
    }
  };
  visit(dir);
  const rows = found.map((path) => {
    const benchmark = JSON.parse(readFileSync(join(path, 'benchmark.json'), 'utf8'));
    const estimates = join(path, 'estimates.json');
    const { slope, mean } = JSON.parse(readFileSync(estimates, 'utf8'));
    return {
      id: benchmark.full_id,
      records: benchmark.throughput?.Elements ?? null,
      ms: (slope ?? mean).point_estimate / 1e6,
      fresh: statSync(estimates).mtimeMs >= run.startedAt,
    };
  });
  const ours = rows.filter((r) => r.id in NATIVE || r.fresh);
  const stale = ours.filter((r) => !r.fresh).map((r) => r.id);
  if (stale.length) {
    throw new Error(`no criterion result of this run for ${stale.join(', ')}: run make bench (or, if a case left benches/core.rs, drop it from NATIVE in benches/report.mjs)`);
  }
  const order = Object.keys(NATIVE);
  const rank = (id) => (order.includes(id) ? order.indexOf(id) : order.length);
  return ours.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

/** A Markdown table; `right` lists the columns aligned right. */
function table(headers, rows, right = []) {
  const align = headers.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [headers, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A case's name with the calls in it as code: `health.scoreMany`, `new DealSet`, `scoreMany(dealSet)`. */
const code = (name) => name.replace(/(new \w+|\w+\.\w+(?:\(\w*\))?|scoreMany(?:\(\w+\))?|computeMetrics)/g, '`$1`');
const ms = (value) => fmt(value, value < 100 ? 1 : 0);
const ratio = (value) => `${fmt(value, value < 10 ? 1 : 0)}×`;
const bytes = (n) => (n ? fmt(n) : '');
const rustc = (() => {
  try {
    return execFileSync('rustc', ['--version'], { encoding: 'utf8' }).split(' ').slice(0, 2).join(' ');
  } catch {
    return 'rustc (version unknown)';
  }
})();

const { machine, sizes, runs } = run;
const native = nativeResults();
const nodeCase = (name) => run.engines.find((r) => r.name === name);
const fastPath = run.lead.find((r) => r.name.includes('scores()'));
const engineCode = run.breakdown.full.filter((r) => r.engine);
const leanOf = new Map(run.breakdown.lead.map((r) => [r.group, r]));

const page = `# Benchmarks

<!-- Written by make bench (benches/run.mjs, cargo bench --bench core, benches/report.mjs) from one run; do not edit by hand. -->

One \`make bench\` run of pipescore ${run.version}, on:

- Node ${machine.node}, ${machine.platform} ${machine.arch};
- ${machine.cores} × ${machine.cpu}, ${fmt(machine.memoryBytes / 2 ** 30, 1)} GiB of memory;
- a 1-minute load average of ${fmt(machine.loadAtStart, 1)} as the Node part started and ${fmt(machine.loadAtEnd, 1)} as it ended (other
  work on the machine slows every figure; the ratios within a table suffer less);
- the native part built by ${rustc}.

Figures from other machines, or from other runs on this one, differ; the ratios within a table
are of the same run.

## What is measured

The npm package as built by \`make pkg\`, from Node, against the JS libraries an app would
otherwise use, on the same seeded data (\`benches/workload.mjs\`): ${fmt(sizes.leads)} plain lead
objects scored with one ${run.rules}-rule points model written once as JsonLogic (translated for
json-rules-engine), ${fmt(sizes.deals)} deals for stage gates and deal health, and ${fmt(sizes.metricDeals)} deals for the
metrics. Every engine must give the same scores on the first leads before anything is timed.
Each case is the median of ${runs.lead} runs (lead scoring; ${runs.sampled} for the sampled peer) or ${runs.engines} runs (the
other engines) after a warm-up. The two *reference* rows run no pipescore code: they measure
what V8 itself takes to hand these records over.

## Lead scoring against the JS peers

${table(['engine', 'leads', 'ms', 'leads/s', '`scores()` is … faster'],
  run.lead.map((r) => [r.name, fmt(r.n), ms(r.ms), fmt(r.perSec), r === fastPath ? '' : `**${ratio(fastPath.perSec / r.perSec)}**`]),
  [1, 2, 3, 4])}

\`scores()\` takes its compiled path here ([scoring](scoring.md#scores-many-leads-just-the-numbers)); a
sampled peer scores the first leads only, and its ratio is of leads per second.

## Stage gates, deal health and metrics

${table(['case', 'records', 'ms', 'records/s'],
  run.engines.map((r) => [code(r.name), fmt(r.n), ms(r.ms), fmt(r.perSec)]),
  [1, 2, 3])}

The rows read from plain arrays pay for reading every record at every call (\`JSON.stringify\`
in JS, then parsing in wasm: compare the reference rows); the read-once handles, \`DealSet\` and
\`MetricsDataset\`, pay for it once and then for what changed.

## The core natively

\`cargo bench --bench core\` (criterion, ${rustc.split(' ').slice(0, 2).join(' ')}) on the same records, written as JSON by
\`benches/export-workload.mjs\`, already parsed into \`serde_json::Value\` unless the case says
so. Next to the Node figures it shows what crossing into wasm and back costs.

${table(['case (native)', 'records', 'ms', 'the same work in Node (÷ native)'],
  native.map((r) => {
    const node = SAME_WORK_IN_NODE[r.id] && nodeCase(SAME_WORK_IN_NODE[r.id]);
    const same = node && node.n === r.records ? `${ms(node.ms)} ms (${ratio(node.ms / r.ms)})` : '';
    return [NATIVE[r.id] ?? `\`${r.id}\``, r.records === null ? '' : fmt(r.records), ms(r.ms), same];
  }),
  [1, 2, 3])}

## Startup

In a fresh Node process:

${table(['step', 'ms'], [
  ['import pipescore (read, compile and instantiate the `.wasm`)', fmt(run.startup.importMs, 1)],
  ['`new LeadScorer()`: compile the default model', fmt(run.startup.compileMs, 1)],
  ['the first `score` of one lead', fmt(run.startup.firstScoreMs, 2)],
  ['each further `score` of one lead (a keystroke in a live lead form)', fmt(run.startup.secondScoreMs, 2)],
], [1])}

## Size

What a browser loads, next to the JS peers bundled and minified by esbuild (bytes):

${table(['what', 'raw', 'gzip'], run.size.map((r) => [r.name, fmt(r.raw), fmt(r.gzip)]), [1, 2])}

Where the \`.wasm\` bytes go: the shipped build optimised again with its function names kept,
the function bodies grouped by the Rust module they come from (\`benches/wasm-breakdown.mjs\`).
Each part is gzipped alone, so the parts add up to a little more than the whole.

${table(['part', 'functions', 'raw', 'gzip', '`pipescore/lead` gzip'],
  run.breakdown.full.map((r) => [r.group, bytes(r.functions), fmt(r.raw), fmt(r.gzip), leanOf.has(r.group) ? fmt(leanOf.get(r.group).gzip) : '']),
  [1, 2, 3, 4])}

The engines' own code (${engineCode.map((r) => r.group).join(', ')}) is ${fmt(engineCode.reduce((sum, r) => sum + r.gzip, 0))} bytes gzip.

## Running it

\`\`\`sh
make bench   # builds pkg/ if needed, runs benches/run.mjs and cargo bench --bench core, writes this page
\`\`\`

\`BENCH_LEADS\`, \`BENCH_DEALS\` and \`BENCH_METRIC_DEALS\` change the sizes (this page says which
were used). \`make test\` runs \`benches/run.mjs\` once on small sizes and each native case once,
so the benchmarks keep working; nothing is timed against a limit. Native profiling helpers:
\`cargo run --release --example profile_scoring\` (also \`profile_fired\`, \`profile_metrics\`,
\`profile_health\`).
`;

writeFileSync(join(root, 'docs', 'benchmarks.md'), page);
console.log('docs/benchmarks.md written');
