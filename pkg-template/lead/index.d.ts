// Types of `pipescore/lead`: `Rule`, `LeadScorer`, `version` and the error classes, with every
// type of the full package available as a type.
export { version, Rule, LeadScorer, PipescoreError, PipescoreConfigError, PipescoreInputError, PipescoreInternalError } from '../index.js';
export type * from '../index.js';
