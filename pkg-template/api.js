// The public API, shared by every entry point (web.js, node.mjs, node.cjs). Each entry point
// instantiates the wasm module first, then re-exports this list.
import { DealHealth, DealSet, LeadScorer } from './pipescore.js';
import { withDealSets } from './health.js';
import { withScores } from './scores.js';

// Side effects of importing the API: LeadScorer.prototype.scores (the columnar fast path), and
// DealHealth.prototype.scoreMany taking a DealSet and unpacking packed results.
withScores(LeadScorer);
withDealSets(DealHealth, DealSet);

export { version, Rule, LeadScorer, Pipeline, DealHealth, DealSet, computeMetrics, MetricsDataset } from './pipescore.js';
export { PipescoreError, PipescoreConfigError, PipescoreInputError, PipescoreInternalError } from './errors.js';
