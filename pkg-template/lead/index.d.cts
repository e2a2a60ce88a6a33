// Types of `pipescore/lead` for CommonJS (`require('pipescore/lead')`).
export { version, Rule, LeadScorer, PipescoreError, PipescoreConfigError, PipescoreInputError, PipescoreInternalError } from '../index.cjs';
export type * from '../index.cjs';
