// Measures, in a fresh process, how long importing pipescore takes (read, compile and
// instantiate the .wasm) and the latency of the first and second lead score. Prints JSON.
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const { LeadScorer } = await import('../pkg/node.mjs');
const t1 = performance.now();
const lead = { email: 'ada@example.com', jobTitle: 'VP Sales', employees: 250, events: [{ type: 'demo_request', at: '2026-11-20' }] };
new LeadScorer().score(lead, { now: '2026-11-24' });
const t2 = performance.now();
new LeadScorer().score(lead, { now: '2026-11-24' });
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstScoreMs: t2 - t1, secondScoreMs: t3 - t2 }));
