// `LeadScorer.scores()` from the npm package: the totals of `scoreMany`, for any model and any
// leads (plain, exotic, or read through their JSON).
import assert from 'node:assert/strict';
import test from 'node:test';
import { LeadScorer, PipescoreInputError } from 'pipescore';

const { BENCH_MODEL: benchModel, generateLeads } = await import(`${process.env.PIPESCORE_REPO}/benches/workload.mjs`);
const now = new Date('2026-11-24T12:00:00Z');
const expected = (scorer, leads, options) => scorer.scoreMany(leads, { ...options, explain: false }).map((r) => r.score);

test('scores() equals scoreMany on the benchmark model', () => {
  const scorer = new LeadScorer(benchModel);
  const leads = generateLeads(2_000, 7);
  const got = scorer.scores(leads, { now });
  assert.ok(got instanceof Float64Array);
  assert.deepEqual(Array.from(got), expected(scorer, leads, { now }));
  assert.deepEqual(Array.from(scorer.scores(leads, { now, mode: 'partial' })), expected(scorer, leads, { now, mode: 'partial' }));
});

test('scores() equals scoreMany for the default model, whose rules read events', () => {
  const scorer = new LeadScorer();
  const leads = generateLeads(2_000, 8).map((lead, i) => ({
    ...lead, events: i % 3 ? [{ type: 'demo_request', at: '2026-11-20' }] : [],
  }));
  assert.deepEqual(Array.from(scorer.scores(leads, { now })), expected(scorer, leads, { now }));
});

test('scores() equals scoreMany on leads with values JSON rewrites', () => {
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
  assert.throws(() => scorer.scores(leads, { mode: 'lenient' }), (e) => e instanceof PipescoreInputError && e.code === 'INVALID_OPTION');
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

/** Whether this process may compile code from strings (not under `--disallow-code-generation-from-strings`). */
test('scores() is a method of the class, and the internals of the old fast paths are gone', () => {
  const scorer = new LeadScorer(benchModel);
  assert.equal(typeof LeadScorer.prototype.scores, 'function');
  assert.equal(scorer.scores(generateLeads(50, 12), { now }).length, 50);
  for (const name of ['scoreFired', 'scoreColumns', 'slotBits', 'fastOutline', 'columnBuffers', 'fastFields']) {
    assert.ok(!(name in scorer), `${name} is not part of the API`);
  }
});

/** Mulberry32, for reproducible random models and leads. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('scores() equals scoreMany on random models and leads of every JS type', () => {
  const rnd = random(2026);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const fields = ['a', 'b', 'industry', 'employees', 'flag'];
  const constants = [null, true, false, 0, 1, 2, -1, 2.5, 10, 200, 2000, '', '0', '1', '10', '2.5', 'abc', 'true', 'software', 'saas', ' 1 ', '1e3'];
  const values = [...constants, undefined, NaN, Infinity, -Infinity, -0, 1e21, 'x\ud800', '\u0000', 'ünïcödé', [1], { x: 1 }, () => 1, Symbol('s'), 10n];
  const variable = () => ({ var: pick(fields) });
  const rule = (depth) => {
    switch (Math.floor(rnd() * (depth ? 7 : 3))) {
      case 0: {
        const op = pick(['==', '!=', '===', '!==', '<', '<=', '>', '>=']);
        return rnd() < 0.5 ? { [op]: [variable(), pick(constants)] } : { [op]: [pick(constants), variable()] };
      }
      case 1: return { in: [variable(), rnd() < 0.8 ? Array.from({ length: Math.floor(rnd() * 4) }, () => pick(constants)) : pick(['software', 'abc1', ''])] };
      case 2: return variable();
      case 3: return { and: Array.from({ length: Math.floor(rnd() * 4) }, () => rule(depth - 1)) };
      case 4: return { or: Array.from({ length: Math.floor(rnd() * 4) }, () => rule(depth - 1)) };
      case 5: return { '!': rule(depth - 1) };
      default: return { '!!': [rule(depth - 1)] };
    }
  };
  const lead = () => {
    const out = {};
    for (const f of fields) if (rnd() < 0.85) out[f] = pick(rnd() < 0.9 ? constants : values);
    if (rnd() < 0.3) out.other = { nested: [1, 2] };
    return out;
  };
  const leads = Array.from({ length: 400 }, lead);
  for (let m = 0; m < 60; m++) {
    const rules = Array.from({ length: 1 + Math.floor(rnd() * 40) }, (_, i) => ({ id: `r${i}`, points: pick([15, -10, 7, 30, -40, 2.5]), when: rule(3) }));
    const half = Math.floor(rules.length / 2);
    const scorer = new LeadScorer({
      groups: [
        { id: 'fit', type: 'fit', cap: { min: -30, max: 40 }, rules: rules.slice(0, half) },
        { id: 'eng', type: 'engagement', rules: rules.slice(half) },
      ],
      weights: { fit: 1.5, engagement: 0.7 },
      grades: { fit: { A: 30, B: 20, C: 10 }, engagement: { 1: 30, 2: 20, 3: 10 } },
    });
    // scores() reads only the fields the model uses (scoreMany writes whole leads as JSON):
    // leads scoreMany can't take for a value in such a field (a BigInt, a lone surrogate)
    // must make scores() fail the same way.
    const used = fields.filter((f) => JSON.stringify(rules).includes(`"var":"${f}"`));
    const read = (l) => Object.fromEntries(Object.entries(l).filter(([k]) => used.includes(k)));
    const failure = (l) => {
      try {
        return scorer.scoreMany([read(l)], { now })[0].error?.code;
      } catch (e) {
        return e.code || e.name;
      }
    };
    const good = leads.filter((l) => !failure(l));
    assert.deepEqual(Array.from(scorer.scores(good, { now })), expected(scorer, good.map(read), { now }), JSON.stringify(rules));
    for (const l of leads.filter((l) => failure(l))) {
      assert.throws(() => scorer.scores([l], { now }), (e) => (e.code || e.name) === failure(l));
    }
  }
});
