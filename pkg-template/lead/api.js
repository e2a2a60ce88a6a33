// The public API of `pipescore/lead`: the lean build for marketing pages, with only the rule
// language and lead scoring (about half the bytes of the full package). Same classes and
// results as the full package; the error classes are the package's own (../errors.js).
import * as wasm from './pipescore.js';
import { guard } from '../boundary.js';

// Guarded as in the full package's api.js.
const rule = guard(wasm.Rule, 'Rule');
const scorer = guard(wasm.LeadScorer, 'LeadScorer');

export const Rule = rule.Class;
export const LeadScorer = scorer.Class;
export { version } from './pipescore.js';
export { PipescoreError, PipescoreConfigError, PipescoreInputError, PipescoreInternalError } from '../errors.js';
