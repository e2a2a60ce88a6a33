// Measures, in a fresh process: importing pipescore (read, compile and instantiate the .wasm),
// compiling the default lead model, and scoring one lead the first and the second time (the
// second is what each keystroke of a live lead form costs). Prints JSON.
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const { LeadScorer } = await import('../pkg/node.mjs');
const t1 = performance.now();
const scorer = new LeadScorer();
const t2 = performance.now();
const lead = { email: 'ada@example.com', jobTitle: 'VP Sales', employees: 250, events: [{ type: 'demo_request', at: '2026-11-20' }] };
scorer.score(lead, { now: '2026-11-24', mode: 'partial' });
const t3 = performance.now();
scorer.score({ ...lead, country: 'US' }, { now: '2026-11-24', mode: 'partial' });
const t4 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, compileMs: t2 - t1, firstScoreMs: t3 - t2, secondScoreMs: t4 - t3 }));
