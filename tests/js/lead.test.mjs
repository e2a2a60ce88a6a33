// `pipescore/lead`, the lean build for marketing pages, from Node ESM.
import assert from 'node:assert/strict';
import test from 'node:test';
import * as full from 'pipescore';
import * as lead from 'pipescore/lead';

const LEAD = { email: 'dana@acme.io', jobTitle: 'VP of Marketing', employees: 240, country: 'US',
  events: [{ type: 'demo_request', at: '2026-11-21T15:30:00Z' }, { type: 'page_view', url: '/pricing', at: '2026-11-20' }] };
const NOW = { now: '2026-11-24' };

test('exports the rule language and lead scoring only', () => {
  assert.deepEqual(Object.keys(lead).sort(), ['LeadScorer', 'PipescoreConfigError', 'PipescoreError', 'PipescoreInputError', 'PipescoreInternalError', 'Rule', 'version']);
  assert.equal(lead.version(), full.version());
});

test('scores exactly as the full package does', () => {
  assert.deepEqual(new lead.LeadScorer().score(LEAD, NOW), new full.LeadScorer().score(LEAD, NOW));
  assert.deepEqual(lead.LeadScorer.defaultModel(), full.LeadScorer.defaultModel());
  const rule = { ends_with: [{ var: 'email' }, '@acme.io'] };
  assert.equal(new lead.Rule(rule).evaluate(LEAD), true);
});

test('throws the package-wide error classes', () => {
  assert.throws(() => new lead.Rule({ nope: [] }), (e) => e instanceof full.PipescoreConfigError && e instanceof lead.PipescoreError && e.code === 'UNKNOWN_OPERATOR');
  assert.throws(() => new lead.LeadScorer().score(LEAD, { now: 'soon' }), (e) => e instanceof full.PipescoreInputError && e.path === '$.now');
});
