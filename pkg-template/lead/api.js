// The public API of `pipescore/lead`: the lean build for marketing pages, with only the rule
// language and lead scoring (about half the bytes of the full package). Same classes and
// results as the full package; the error classes are the package's own (../errors.js).
import { LeadScorer } from './pipescore.js';
import { withScores } from '../scores.js';

// Adds LeadScorer.prototype.scores (the columnar fast path), a side effect of importing the API.
withScores(LeadScorer);

export { version, Rule, LeadScorer } from './pipescore.js';
export { PipescoreError, PipescoreConfigError, PipescoreInputError, PipescoreInternalError } from '../errors.js';
