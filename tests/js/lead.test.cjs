// `pipescore/lead` from Node CommonJS.
const assert = require('node:assert/strict');
const test = require('node:test');
const lead = require('pipescore/lead');

test('require("pipescore/lead") scores a lead', () => {
  const result = new lead.LeadScorer().score({ jobTitle: 'CEO', employees: 500 }, { now: '2026-11-24' });
  assert.equal(typeof result.score, 'number');
  assert.equal(result.lifecycle, 'lead');
  assert.equal(lead.Pipeline, undefined);
});
