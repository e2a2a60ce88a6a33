// Writes the benchmarks' generated data as JSON for the native benches (benches/core.rs), so the
// Rust core is measured on the same records as the npm package: the lead model and leads, the
// deals, and the metrics input. Same seeds as benches/run.mjs, same sizes (BENCH_LEADS,
// BENCH_DEALS, BENCH_METRIC_DEALS). Usage: node benches/export-workload.mjs <dir>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_MODEL, generateDeals, generateLeads } from './workload.mjs';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node benches/export-workload.mjs <dir>');
const LEADS = Number(process.env.BENCH_LEADS || 100_000);
const DEALS = Number(process.env.BENCH_DEALS || 10_000);
const METRIC_DEALS = Number(process.env.BENCH_METRIC_DEALS || 100_000);

mkdirSync(dir, { recursive: true });
const write = (name, value) => writeFileSync(join(dir, name), JSON.stringify(value));
write('lead-model.json', BENCH_MODEL);
write('leads.json', generateLeads(LEADS));
write('deals.json', generateDeals(DEALS));
write('metrics-input.json', { deals: generateDeals(METRIC_DEALS, { seed: 11 }) });
