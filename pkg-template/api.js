// The public API, shared by every entry point (web.js, node.mjs, node.cjs). Each entry point
// instantiates the wasm module first, then re-exports this list.
import { LeadScorer } from './pipescore.js';
import { withScores } from './scores.js';

// Adds LeadScorer.prototype.scores (the columnar fast path), a side effect of importing the API.
withScores(LeadScorer);

export { version, Rule, LeadScorer, Pipeline, DealHealth, computeMetrics, MetricsDataset } from './pipescore.js';
export { PipescoreError, PipescoreConfigError, PipescoreInputError } from './errors.js';
