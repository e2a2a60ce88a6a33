// The public API, shared by every entry point (web.js, node.mjs, node.cjs). Each entry point
// instantiates the wasm module first, then re-exports this list.
import * as wasm from './pipescore.js';
import { guard } from './boundary.js';
import { withDealSets } from './health.js';

// The wasm-bindgen classes, guarded (see boundary.js): use after free(), fake instances and
// re-entrant edits are typed errors; the methods named in `hidden` are internal to health.js
// and left off the prototype; `writes` lists the methods that take `&mut self`
// in bindings/wasm/src.
const rule = guard(wasm.Rule, 'Rule');
const scorer = guard(wasm.LeadScorer, 'LeadScorer');
const pipeline = guard(wasm.Pipeline, 'Pipeline');
const health = guard(wasm.DealHealth, 'DealHealth', { hidden: ['scoreMany', 'scoreManyPacked', 'scoreSet'] });
const dealSet = guard(wasm.DealSet, 'DealSet', { writes: ['set', 'append', 'remove'] });
const dataset = guard(wasm.MetricsDataset, 'MetricsDataset', {
  writes: ['setDeal', 'appendDeals', 'removeDeals', 'setLead', 'appendLeads', 'removeLeads', 'setQuotas'],
});

// A side effect of importing the API: DealHealth.prototype.scoreMany taking a DealSet and
// unpacking packed results.
withDealSets(health, dealSet);

export const Rule = rule.Class;
export const LeadScorer = scorer.Class;
export const Pipeline = pipeline.Class;
export const DealHealth = health.Class;
export const DealSet = dealSet.Class;
export const MetricsDataset = dataset.Class;
export { version, computeMetrics } from './pipescore.js';
export { PipescoreError, PipescoreConfigError, PipescoreInputError, PipescoreInternalError } from './errors.js';
