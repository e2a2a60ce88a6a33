// `LeadScorer.scores()` from the npm package: the columnar fast path and its fallbacks give
// exactly the scores of `scoreMany`.
import assert from 'node:assert/strict';
import test from 'node:test';
import { LeadScorer, PipescoreInputError } from 'pipescore';

const { RULES, generateLeads } = await import(`${process.env.PIPESCORE_REPO}/benches/workload.mjs`);
const now = new Date('2026-11-24T12:00:00Z');
const benchModel = {
  groups: [{ id: 'bench', type: 'fit', rules: RULES.map(({ id, points, when }) => ({ id, points, when })) }],
  grades: { fit: { A: 60, B: 30, C: 10 }, engagement: { 1: 60, 2: 30, 3: 10 } },
};
const expected = (scorer, leads, options) => scorer.scoreMany(leads, { ...options, explain: false }).map((r) => r.score);

test('scores() equals scoreMany on the benchmark model (fast path)', () => {
  const scorer = new LeadScorer(benchModel);
  assert.deepEqual(scorer.fastFields().slice(0, 3), ['industry', 'employees', 'annualRevenue']);
  const leads = generateLeads(2_000, 7);
  const got = scorer.scores(leads, { now });
  assert.ok(got instanceof Float64Array);
  assert.deepEqual(Array.from(got), expected(scorer, leads, { now }));
  assert.deepEqual(Array.from(scorer.scores(leads, { now, mode: 'partial' })), expected(scorer, leads, { now, mode: 'partial' }));
});

test('scores() falls back to scoreMany for a model without a fast plan', () => {
  const scorer = new LeadScorer();
  assert.equal(scorer.fastFields(), null);
  const leads = generateLeads(2_000, 8).map((lead, i) => ({
    ...lead, events: i % 3 ? [{ type: 'demo_request', at: '2026-11-20' }] : [],
  }));
  assert.deepEqual(Array.from(scorer.scores(leads, { now })), expected(scorer, leads, { now }));
});

test('scores() sends leads the columns cannot carry through the general path', () => {
  const scorer = new LeadScorer(benchModel);
  const leads = generateLeads(2_000, 9).map((lead, i) => {
    if (i % 7 === 0) return { ...lead, industry: { name: 'software' } };
    if (i % 7 === 1) return { ...lead, seniority: ['vp'] };
    if (i % 7 === 2) return { ...lead, employees: '2500', phone: null, competitor: undefined };
    if (i % 7 === 3) return { ...lead, country: 'U\u0000S', pageViews: NaN };
    if (i % 7 === 4) return { ...lead, events: [] };
    return lead;
  });
  assert.deepEqual(Array.from(scorer.scores(leads, { now })), expected(scorer, leads, { now }));
});

test('scores() throws what scoreMany reports', () => {
  const scorer = new LeadScorer(benchModel);
  const leads = generateLeads(10, 3);
  assert.throws(() => scorer.scores(leads, { now: 'yesterday' }), (e) => e instanceof PipescoreInputError && e.code === 'INVALID_NOW');
  assert.throws(() => scorer.scores(leads, { mode: 'lenient' }), (e) => e instanceof PipescoreInputError && e.code === 'INVALID_OPTIONS');
  const bad = [...leads, { ...leads[0], events: [{ type: 'page_view', at: 'last week' }] }];
  assert.throws(() => scorer.scores(bad, { now }), (e) => e instanceof PipescoreInputError && e.path === '$[10].events[0].at');
  assert.throws(() => scorer.scores(leads.concat([7]), { now }), (e) => e instanceof PipescoreInputError && e.path === '$[10]');
  assert.deepEqual(Array.from(scorer.scores([], { now })), []);
});

test('scores() reads leads of any shape: key orders, missing and extra keys, shared strings', () => {
  const scorer = new LeadScorer(benchModel);
  const base = generateLeads(3_000, 10);
  const leads = base.map((lead, i) => {
    switch (i % 9) {
      case 0: return Object.fromEntries(Object.entries(lead).reverse());
      case 1: { const { industry, employees, ...rest } = lead; return rest; }
      case 2: return { extra: 1, ...lead, more: 'x' };
      // The same text in two fields, one of which matches a rule and one not.
      case 3: return { ...lead, country: 'software', industry: 'US' };
      // Rejected after some cells were written: the row must not leak into the next lead.
      case 4: return { ...lead, industry: 'software', employees: 5000, seniority: ['vp'] };
      case 5: return Object.assign(Object.create(null), lead);
      case 6: return { ...lead, get employees() { return 3000; } };
      case 7: return { ...lead, employees: -0, annualRevenue: Infinity, pageViews: 12 };
      default: return lead;
    }
  });
  assert.deepEqual(Array.from(scorer.scores(leads, { now })), expected(scorer, leads, { now }));
});

test('scores() ignores keys an object inherits, as JSON.stringify does', () => {
  const scorer = new LeadScorer(benchModel);
  const leads = generateLeads(200, 11).map(({ industry, ...lead }) => lead);
  Object.prototype.industry = 'software';
  try {
    assert.deepEqual(Array.from(scorer.scores(leads, { now })), expected(scorer, leads, { now }));
  } finally {
    delete Object.prototype.industry;
  }
});
