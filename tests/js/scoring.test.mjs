// Lead scoring from the npm package: the default model, custom models, decay, caps, grades,
// lifecycle, batches, partial records and typed errors.
import assert from 'node:assert/strict';
import test from 'node:test';
import { LeadScorer, PipescoreConfigError, PipescoreInputError } from 'pipescore';

const now = new Date('2026-11-24T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days) => new Date(now.getTime() - days * DAY);
const sum = (result) => result.contributions.reduce((total, c) => total + c.applied, 0);
const grades = { fit: { A: 30, B: 20, C: 10 }, engagement: { 1: 30, 2: 20, 3: 10 } };
const engagementModel = (group) => ({ groups: [{ id: 'eng', type: 'engagement', ...group }], grades });

const strongLead = () => ({
  email: 'dana@acme.io', jobTitle: 'VP of Marketing', industry: 'Computer Software',
  employees: 240, annualRevenue: 30_000_000, country: 'US',
  events: [
    { type: 'page_view', url: '/pricing', at: '2026-11-20T10:00:00Z' },
    { type: 'page_view', url: '/blog/scoring', at: new Date('2026-11-02') },
    { type: 'webinar_attended', at: '2026-10-15' },
    { type: 'demo_request', at: Date.parse('2026-11-21T15:30:00Z') },
  ],
});

test('the default model scores a plain lead and explains itself', () => {
  const lead = strongLead();
  const before = JSON.stringify(lead);
  const result = new LeadScorer().score(lead, { now });
  assert.equal(JSON.stringify(lead), before, 'the lead is not mutated');
  assert.deepEqual(
    { score: result.score, fit: result.fit, engagement: result.engagement, grade: result.grade, lifecycle: result.lifecycle },
    { score: 95, fit: 50, engagement: 45, grade: 'A1', lifecycle: 'sql' },
  );
  assert.equal(result.fitGrade, 'A');
  assert.equal(result.engagementGrade, 1);
  assert.equal(sum(result), result.score);
  assert.deepEqual(result.contributions[0], {
    rule: 'demo_request', group: 'intent', label: 'Requested a demo', points: 30, decayed: 30, applied: 30, occurrences: 1,
  });
  const senior = result.contributions.find((c) => c.rule === 'senior_title');
  assert.deepEqual([senior.points, senior.decayed, senior.applied], [15, 15, 14], 'the profile group is capped at 50');
  assert.deepEqual(result.groups.map((g) => [g.id, g.score]), [['profile', 50], ['disqualifiers', 0], ['activity', result.groups[2].score], ['intent', 30]]);
});

test('the default model scores free-mail, students, competitors, unsubscribed and purchased lists negatively', () => {
  const scorer = new LeadScorer();
  const rules = (lead) => scorer.score(lead, { now }).contributions.map((c) => [c.rule, c.points]);
  assert.deepEqual(rules({ email: 'kim@GMAIL.com' }), [['free_mail', -10]]);
  assert.deepEqual(rules({ email: 'kim@gmx.de' }), [['free_mail', -10]]);
  assert.deepEqual(rules({ isStudent: true }), [['student', -25]]);
  assert.deepEqual(rules({ competitor: true }), [['competitor', -50]]);
  assert.deepEqual(rules({ unsubscribed: true }), [['unsubscribed', -20]]);
  assert.deepEqual(rules({ source: 'purchased_list' }), [['purchased_list', -20]]);
  const competitor = scorer.score({ ...strongLead(), competitor: true }, { now });
  assert.deepEqual([competitor.fit, competitor.grade, competitor.lifecycle], [0, 'D1', 'lead']);
});

test('LeadScorer.defaultModel() is the embedded model, a starting point for custom ones', () => {
  const model = LeadScorer.defaultModel();
  assert.deepEqual(model.groups.map((g) => g.id), ['profile', 'disqualifiers', 'activity', 'intent']);
  model.groups[0].rules.push({ id: 'hiring', label: 'Hiring', points: 5, when: { '===': [{ var: 'hiring' }, true] } });
  model.lifecycle.stages[0].minScore = 10;
  const scorer = new LeadScorer(model);
  const result = scorer.score({ hiring: true, jobTitle: 'Head of Sales' }, { now });
  assert.deepEqual([result.score, result.lifecycle], [20, 'mql']);
  assert.equal(new LeadScorer(null).score({ hiring: true, email: 'dana@acme.io' }, { now }).score, 0);
});

test('exponential decay matches hand-computed values', () => {
  const scorer = new LeadScorer(engagementModel({
    decay: { type: 'exponential', halfLifeDays: 10 },
    rules: [{ id: 'visit', points: 8, event: 'page_view', frequency: 'perOccurrence' }],
  }));
  const events = [0, 10, 20, 5].map((d) => ({ type: 'page_view', at: daysAgo(d) }));
  const [c] = scorer.score({ events }, { now }).contributions;
  assert.ok(Math.abs(c.decayed - 8 * (1 + 0.5 + 0.25 + Math.SQRT1_2)) < 1e-9, String(c.decayed));
  assert.deepEqual([c.points, c.occurrences, c.applied], [32, 4, 20]);
});

test('stepwise decay drops per whole period, and timeframes bound the events counted', () => {
  const stepwise = new LeadScorer(engagementModel({
    decay: { type: 'stepwise', rate: 0.5, periodDays: 7 },
    rules: [{ id: 'click', points: 16, event: 'email_click', frequency: 'perOccurrence' }],
  }));
  const events = [6.9, 7, 20, 21].map((d) => ({ type: 'email_click', at: daysAgo(d) }));
  assert.equal(stepwise.score({ events }, { now }).contributions[0].decayed, 16 * 1.875);
  const windowed = new LeadScorer(engagementModel({
    timeframeDays: 30,
    rules: [{ id: 'form', points: 5, event: 'form_submit', frequency: 'perOccurrence', maxOccurrences: 2 }],
  }));
  const forms = [30, 30.001, -2, 1].map((d) => ({ type: 'form_submit', at: daysAgo(d) }));
  const [c] = windowed.score({ events: forms }, { now }).contributions;
  assert.deepEqual([c.occurrences, c.points, c.applied], [2, 10, 10]);
});

test('caps scale same-sign contributions and the applied points sum to the score', () => {
  const scorer = new LeadScorer({
    groups: [{ id: 'fit', type: 'fit', cap: { min: -10, max: 20 }, rules: [
      { id: 'a', points: 15, when: { filled: { var: 'a' } } },
      { id: 'b', points: 10, when: { filled: { var: 'b' } } },
      { id: 'c', points: -3, when: { filled: { var: 'c' } } },
      { id: 'd', points: -12, when: { filled: { var: 'd' } } },
    ] }],
    cap: { min: 0 },
    grades,
  });
  const over = scorer.score({ a: 1, b: 1, c: 1 }, { now });
  assert.deepEqual(over.contributions.map((c) => [c.rule, c.applied]), [['a', 14], ['b', 9], ['c', -3]]);
  assert.deepEqual([over.score, over.groups[0].decayed, over.groups[0].score], [20, 22, 20]);
  const under = scorer.score({ c: 1, d: 1 }, { now });
  assert.deepEqual([under.score, under.fit, sum(under)], [0, -10, 0]);
});

test('grade boundaries are inclusive lower bounds', () => {
  const gradeOf = (fit, engagement) => new LeadScorer({
    groups: [
      { id: 'fit', type: 'fit', rules: [{ id: 'f', points: fit, when: true }] },
      { id: 'eng', type: 'engagement', rules: [{ id: 'e', points: engagement, event: 'e' }] },
    ],
    grades,
  }).score({ events: [{ type: 'e', at: now }] }, { now }).grade;
  assert.equal(gradeOf(30, 30), 'A1');
  assert.equal(gradeOf(29, 29), 'B2');
  assert.equal(gradeOf(20, 20), 'B2');
  assert.equal(gradeOf(19, 19), 'C3');
  assert.equal(gradeOf(10, 10), 'C3');
  assert.equal(gradeOf(9, 9), 'D4');
  assert.equal(gradeOf(-40, 0), 'D4');
});

test('scoreMany scores a batch and reports bad leads at their index', () => {
  const scorer = new LeadScorer();
  const results = scorer.scoreMany([
    strongLead(),
    { events: [{ type: 'page_view', at: 'last tuesday' }] },
    'not a lead',
    {},
  ], { now });
  assert.equal(results.length, 4);
  assert.equal(results[0].score, 95);
  assert.deepEqual(results[1], { error: {
    name: 'PipescoreInputError', code: 'INVALID_DATE', path: '$[1].events[0].at', message: results[1].error.message,
  } });
  assert.match(results[1].error.message, /last tuesday/);
  assert.deepEqual([results[2].error.code, results[2].error.path], ['INVALID_RECORD', '$[2]']);
  assert.deepEqual([results[3].error.code, results[3].error.path], ['INVALID_RECORD', '$[3]'], 'holds nothing the model reads');
  assert.throws(() => scorer.scoreMany({}, { now }), (e) => e instanceof PipescoreInputError && e.code === 'NOT_A_LIST');
  const [brief] = scorer.scoreMany([strongLead()], { now, explain: false });
  assert.deepEqual(brief, { score: 95, fit: 50, engagement: 45, grade: 'A1', fitGrade: 'A', engagementGrade: 1, lifecycle: 'sql', groups: [], contributions: [] });
});

test('score throws a PipescoreInputError for a bad lead; partial mode scores a form being filled in', () => {
  const scorer = new LeadScorer();
  assert.throws(() => scorer.score({ employees: 'many' }, { now }),
    (e) => e instanceof PipescoreInputError && e.code === 'INVALID_NUMBER' && e.path === '$.employees');
  assert.throws(() => scorer.score({ events: [{ at: now }] }, { now }),
    (e) => e instanceof PipescoreInputError && e.path === '$.events[0].type');
  const form = {};
  const steps = [['email', 'dana@acme.io'], ['jobTitle', 'VP'], ['employees', ''], ['employees', 240], ['events', [{ type: 'demo_request' }]]];
  const scores = steps.map(([field, value]) => {
    form[field] = value;
    return scorer.score(form, { now, mode: 'partial' }).score;
  });
  assert.deepEqual(scores, [0, 15, 15, 30, 30]);
  assert.throws(() => scorer.score({}, { now, mode: 'lenient' }), (e) => e instanceof PipescoreInputError && e.path === '$.mode');
  assert.equal(scorer.score({ email: 'dana@acme.io' }, { now }).score, 0, 'the scorer keeps working after errors');
  assert.throws(() => scorer.score({ id: '51', properties: { email: 'dana@acme.io' } }, { now }),
    (e) => e instanceof PipescoreInputError && e.code === 'INVALID_RECORD' && /HubSpot adapter/.test(e.message));
});

test('bad models throw typed config errors with paths', () => {
  const base = () => ({
    groups: [{ id: 'g', type: 'engagement', decay: { type: 'exponential', halfLifeDays: 30 },
      rules: [{ id: 'r', points: 5, event: 'page_view' }] }],
    grades,
  });
  const cases = [
    [(m) => { m.groups[0].type = 'behavior'; }, 'UNKNOWN_GROUP_TYPE', '$.groups[0].type'],
    [(m) => { m.groups[0].rules[0].points = 'ten'; }, 'INVALID_SHAPE', '$.groups[0].rules[0].points'],
    [(m) => { m.groups[0].cap = { min: 0, max: -5 }; }, 'CAP_MIN_ABOVE_MAX', '$.groups[0].cap'],
    [(m) => { m.groups[0].decay.halfLifeDays = 0; }, 'INVALID_DECAY', '$.groups[0].decay.halfLifeDays'],
    [(m) => { m.groups[0].rules.push({ id: 'r', points: 1, event: 'x' }); }, 'DUPLICATE_ID', '$.groups[0].rules[1].id'],
    [(m) => { m.groups[0].rules[0].where = { bogus: [1] }; }, 'UNKNOWN_OPERATOR', '$.groups[0].rules[0].where'],
  ];
  for (const [edit, code, path] of cases) {
    const model = base();
    edit(model);
    assert.throws(() => new LeadScorer(model), (e) => {
      assert.ok(e instanceof PipescoreConfigError, `${code}: ${e}`);
      assert.equal(e.code, code);
      assert.ok(e.path.startsWith(path), `${e.path} starts with ${path}`);
      return true;
    });
  }
});
