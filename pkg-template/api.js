// The public API, shared by every entry point (web.js, node.mjs, node.cjs). Each entry point
// instantiates the wasm module first, then re-exports this list.
export { version } from './pipescore.js';
export { Rule } from './pipescore.js';
export { PipescoreError, PipescoreConfigError, PipescoreInputError } from './errors.js';
export { LeadScorer } from './pipescore.js';
import { LeadScorer } from './pipescore.js';
import { withScores } from './scores.js';

// Adds LeadScorer.prototype.scores (the columnar fast path), a side effect of importing the API.
withScores(LeadScorer);

export { Pipeline } from './pipescore.js';
export { DealHealth } from './pipescore.js';

export { computeMetrics, MetricsDataset } from './pipescore.js';
