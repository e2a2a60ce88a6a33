// Stage gates from the npm package: checking deals and proposed moves against the default
// pipeline and custom ones, handoff SLAs around their deadlines, and typed errors.
import assert from 'node:assert/strict';
import test from 'node:test';
import { Pipeline, PipescoreConfigError, PipescoreInputError } from 'pipescore';

const now = new Date('2025-11-24T16:00:00Z');
const pipeline = new Pipeline();

/** A deal in `stage` with everything the default pipeline asks for up to Negotiation. */
const completeDeal = (stage) => ({
  id: 'D-1', stage, company: 'Acme', industry: 'Manufacturing',
  contacts: [
    { name: 'Ada Lovelace', role: 'decision_maker' }, { name: 'Grace Hopper', role: 'champion' },
    { name: 'Alan Turing', role: 'economic_buyer' }, { name: 'Edsger Dijkstra', role: 'signer' },
  ],
  activities: [{ type: 'meeting', at: new Date('2025-11-20T10:00:00Z') }],
  painPoints: 'Forecasts are built by hand', budgetRange: '20-40k', timeline: 'Q1 2026',
  demoDate: '2025-11-10', demoAttendees: ['Ada', 'Grace'], featuresOfInterest: ['forecasting'],
  objections: 'none', nextSteps: 'Send proposal',
  amount: 36000, terms: '12 months, annual billing', decisionDate: '2025-12-15',
  closeDate: '2025-12-20', contractSentAt: '2025-11-21T09:00:00Z',
});
const reasons = (result) => result.reasons.map((r) => `${r.kind}:${r.stage}:${r.criterion ?? r.field ?? ''}`);

test('check reports the current stage exit criteria, guidance and per-stage completeness', () => {
  const deal = {
    stage: 'discovery', company: 'Acme', painPoints: 'Manual forecasting', budgetRange: '20-40k',
    contacts: [{ name: 'Ada', role: 'decision_maker' }],
  };
  const before = JSON.stringify(deal);
  const result = pipeline.check(deal, { now });
  assert.equal(JSON.stringify(deal), before, 'the deal is not mutated');
  assert.deepEqual(result.stage, {
    id: 'discovery', label: 'Discovery', probability: 0.2, forecastCategory: 'pipeline', order: 1, expectedDays: 14, outcome: null,
  });
  assert.deepEqual(result.exit.met.map((c) => c.id), ['pain_points', 'budget_range', 'decision_makers']);
  assert.deepEqual(result.exit.unmet.map((c) => [c.id, c.severity]), [['timeline', 'required'], ['champion', 'recommended']]);
  assert.equal(result.exit.unmet[0].message, "Document the customer's timeline for a decision.");
  assert.equal(result.exit.unmet[0].failures[0].description, 'timeline is empty');
  assert.equal(result.exit.completeness, 75);
  assert.equal(result.readyToAdvance, false);
  assert.equal(result.nextStage, 'demo');
  assert.match(result.guidance, /^Run discovery/);
  assert.deepEqual(result.stages.map((s) => s.completeness), [66, 75, 0, 0, 0, 0, 0]);
});

test('a complete deal is allowed through every forward move', () => {
  const path = ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation'];
  for (let i = 0; i + 1 < path.length; i++) {
    const result = pipeline.checkMove(completeDeal(path[i]), path[i + 1], { now });
    assert.equal(result.allowed, true, `${path[i]} → ${path[i + 1]}: ${reasons(result)}`);
    assert.deepEqual([result.direction, result.completeness, result.reasons], ['forward', 100, []]);
  }
});

test('a skip is refused with the skipped stage and its gates', () => {
  const deal = { ...completeDeal('discovery'), demoDate: null };
  const result = pipeline.checkMove(deal, 'proposal', { now });
  assert.equal(result.allowed, false);
  assert.deepEqual(result.skipped, ['demo']);
  assert.deepEqual(reasons(result), ['skipped_stage:demo:', 'unmet_entry_criterion:demo:demo_scheduled']);
  assert.equal(result.reasons[0].message, 'Moving from Discovery to Proposal skips Demo; this pipeline does not allow skipping stages.');
});

test('unmet exit criteria and missing required fields are reasons', () => {
  const unmet = pipeline.checkMove({ ...completeDeal('demo'), objections: '  ', nextSteps: [] }, 'proposal', { now });
  assert.deepEqual(reasons(unmet), ['unmet_exit_criterion:demo:objections', 'unmet_exit_criterion:demo:next_steps']);
  assert.deepEqual(unmet.reasons[1].fields, ['nextSteps']);
  const missing = pipeline.checkMove(completeDeal('negotiation'), 'closed_won', { now });
  assert.deepEqual(reasons(missing), ['missing_required_field:closed_won:finalAmount', 'missing_required_field:closed_won:contractTerms']);
  assert.equal(missing.reasons[0].message, 'Fill in finalAmount: Closed Won requires it.');
  const won = pipeline.checkMove({ ...completeDeal('negotiation'), finalAmount: 35000, contractTerms: '12 months' }, 'closed_won', { now });
  assert.equal(won.allowed, true);
  assert.deepEqual(won.warnings.map((w) => [w.kind, w.criterion, w.severity]), [['unmet_entry_criterion', 'handoff_notes', 'recommended']]);
});

test('closed lost needs a loss reason; backward moves are allowed; closed deals do not reopen', () => {
  assert.deepEqual(reasons(pipeline.checkMove({ stage: 'demo' }, 'closed_lost', { now })), ['missing_required_field:closed_lost:lossReason']);
  assert.equal(pipeline.checkMove({ stage: 'demo', lossReason: 'Price' }, 'closed_lost', { now }).allowed, true);
  const back = pipeline.checkMove({ stage: 'proposal' }, 'discovery', { now });
  assert.deepEqual([back.allowed, back.direction], [true, 'backward']);
  const reopen = pipeline.checkMove(completeDeal('closed_won'), 'negotiation', { now });
  assert.deepEqual([reopen.direction, reasons(reopen)], ['reopen', ['terminal_stage:closed_won:']]);
});

test('custom move rules: backward moves forbidden, skips allowed when the skipped gates are met', () => {
  const config = Pipeline.defaultConfig();
  config.rules = { allowSkip: true, allowBackward: false, creationStages: ['prospecting'] };
  const custom = new Pipeline(config);
  assert.equal(custom.checkMove(completeDeal('discovery'), 'negotiation', { now }).allowed, true);
  assert.deepEqual(reasons(custom.checkMove({ stage: 'proposal' }, 'discovery', { now })), ['backward_move:discovery:']);
  assert.deepEqual(reasons(custom.checkMove({ company: 'Acme' }, 'discovery', { now })), ['not_allowed_creation_stage:discovery:']);
  const created = custom.checkMove({ company: 'Acme' }, 'prospecting', { now });
  assert.deepEqual([created.allowed, created.direction, created.from], [true, 'create', null]);
});

test('moving to the current stage is allowed with nothing to do', () => {
  const result = pipeline.checkMove({ stage: 'demo' }, 'demo', { now });
  assert.deepEqual([result.allowed, result.direction, result.reasons, result.warnings], [true, 'stay', [], []]);
});

test('a deal names its pipeline', () => {
  const renewals = { ...Pipeline.defaultConfig(), id: 'renewals', label: 'Renewals', rules: { allowSkip: true } };
  const both = new Pipeline({ pipelines: [Pipeline.defaultConfig(), renewals] });
  const deal = completeDeal('discovery');
  assert.equal(both.checkMove(deal, 'proposal', { now }).allowed, false);
  const renewal = both.checkMove({ ...deal, pipeline: 'renewals' }, 'proposal', { now });
  assert.deepEqual([renewal.allowed, renewal.pipeline], [true, 'renewals']);
  assert.deepEqual(both.stages('renewals').map((s) => s.id), pipeline.stages().map((s) => s.id));
});

test('the marketing → SDR SLA around its 5-minute deadline', () => {
  const mqlAt = new Date('2025-11-24T16:00:00Z');
  const due = mqlAt.getTime() + 5 * 60_000;
  const lead = (firstContactAt) => ({
    email: 'ada@acme.test', firstName: 'Ada', lastName: 'Lovelace', company: 'Acme', leadSource: 'webinar',
    activities: [{ type: 'form_fill', at: '2025-11-24T15:58:00Z' }], mqlAt, firstContactAt,
  });
  const sla = (contact, at) => pipeline.checkHandoff('marketing_to_sdr', lead(contact), { now: at }).sla;
  assert.equal(sla(new Date(due - 1), due + 3_600_000).status, 'met');
  assert.equal(sla(new Date(due), due + 3_600_000).status, 'met');
  assert.deepEqual([sla(new Date(due + 1), due + 3_600_000).status, sla(new Date(due + 1), due + 3_600_000).overdueMs], ['breached', 1]);
  assert.deepEqual([sla(undefined, due - 1).status, sla(undefined, due - 1).remainingMs], ['pending', 1]);
  assert.deepEqual([sla(undefined, due).status, sla(undefined, due).remainingMs], ['pending', 0]);
  assert.deepEqual([sla(undefined, due + 1).status, sla(undefined, due + 1).overdueMs], ['breached', 1]);
  const full = pipeline.checkHandoff('marketing_to_sdr', lead(undefined), { now: due - 1 });
  assert.deepEqual([full.triggered, full.complete, full.completeness], [true, true, 100]);
  assert.equal(full.sla.dueAt, '2025-11-24T16:05:00.000Z');
  const unstarted = pipeline.checkHandoff('marketing_to_sdr', { ...lead(undefined), mqlAt: null }, { now });
  assert.deepEqual([unstarted.triggered, unstarted.sla.status, unstarted.sla.dueAt], [false, 'not_started', null]);
});

test('the AE → customer success SLA starts at closed won', () => {
  const deal = { stage: 'closed_won', closedWonAt: '2025-11-24T16:00:00Z', finalAmount: 36000, contractTerms: '12 months', closeDate: '2025-11-24' };
  const at = (iso) => pipeline.checkHandoff('ae_to_cs', deal, { now: iso });
  assert.equal(at('2025-11-25T16:00:00.000Z').sla.status, 'pending');
  assert.equal(at('2025-11-25T16:00:00.001Z').sla.status, 'breached');
  const result = at('2025-11-25T10:00:00Z');
  assert.deepEqual(result.requiredFields.filter((f) => !f.filled).map((f) => f.field), ['successCriteria']);
  assert.deepEqual(result.checklist.unmet.map((c) => c.id), ['primary_contact', 'handoff_notes', 'kickoff_scheduled']);
  assert.equal(result.completeness, 50);
});

test('bad configs throw PipescoreConfigError with the exact path', () => {
  const cases = [
    [(c) => { c.stages[3].exit[0].rule = { fillled: { var: 'amount' } }; }, 'UNKNOWN_OPERATOR', '$.stages[3].exit[0].rule'],
    [(c) => { c.stages[1].probability = 1.2; }, 'INVALID_PROBABILITY', '$.stages[1].probability'],
    [(c) => { c.stages[2].id = 'discovery'; }, 'DUPLICATE_ID', '$.stages[2].id'],
    [(c) => { c.stages = c.stages.filter((s) => s.outcome !== 'lost'); }, 'MISSING_TERMINAL_STAGE', '$.stages'],
    [(c) => { c.rules.creationStages = ['prospecting', 'qualification']; }, 'UNKNOWN_STAGE', '$.rules.creationStages[1]'],
    [(c) => { c.handoffs[0].sla.within = { minutes: 0 }; }, 'INVALID_SLA', '$.handoffs[0].sla.within'],
    [(c) => { c.stages[0].forecastCategory = 'upside'; }, 'INVALID_SHAPE', '$.stages[0].forecastCategory'],
  ];
  for (const [edit, code, path] of cases) {
    const config = Pipeline.defaultConfig();
    edit(config);
    assert.throws(() => new Pipeline(config), (err) => {
      assert.ok(err instanceof PipescoreConfigError, String(err));
      assert.deepEqual([err.code, err.path], [code, path], err.message);
      return true;
    });
  }
  assert.throws(() => new Pipeline({ pipelines: [] }), { name: 'PipescoreConfigError', code: 'NO_PIPELINES', path: '$.pipelines' });
});

test('bad input throws PipescoreInputError and the pipeline keeps working', () => {
  assert.throws(() => pipeline.checkMove({ stage: 'demo' }, 'unknown', { now }), (err) => {
    assert.ok(err instanceof PipescoreInputError);
    assert.deepEqual([err.code, err.path], ['UNKNOWN_STAGE', '$.targetStageId']);
    return true;
  });
  assert.throws(() => pipeline.check({ stage: 'qualification' }, { now }), { code: 'UNKNOWN_STAGE', path: '$.stage' });
  assert.throws(() => pipeline.check({ company: 'Acme' }, { now }), { code: 'MISSING_STAGE', path: '$.stage' });
  assert.throws(() => pipeline.check({ stage: 'demo', pipeline: 'renewals' }, { now }), { code: 'UNKNOWN_PIPELINE', path: '$.pipeline' });
  assert.throws(() => pipeline.checkHandoff('nope', { mqlAt: '2026-11-20' }, { now }), { code: 'UNKNOWN_HANDOFF', path: '$.handoffId' });
  assert.throws(() => pipeline.checkHandoff('marketing_to_sdr', {}, { now }), { code: 'INVALID_RECORD', path: '$' });
  assert.throws(() => pipeline.check({ id: '1', properties: { dealstage: 'closedwon' } }, { now }),
    (e) => e.code === 'INVALID_RECORD' && /HubSpot adapter/.test(e.message));
  assert.throws(() => pipeline.checkHandoff('marketing_to_sdr', { mqlAt: 'soon' }, { now }), { code: 'INVALID_DATE', path: '$.mqlAt' });
  assert.throws(() => pipeline.check({ stage: 'demo' }, { now: 'yesterday' }), { code: 'INVALID_NOW', path: '$.now' });
  assert.throws(() => pipeline.checkMove({ stage: 'demo' }, 42), { code: 'INVALID_ID', path: '$.targetStageId' });
  assert.equal(pipeline.check({ stage: 'demo' }, { now }).stage.id, 'demo');
});

test('the default config and stage table are exposed', () => {
  const config = Pipeline.defaultConfig();
  assert.deepEqual(
    config.stages.map((s) => [s.id, s.probability, s.forecastCategory, s.expectedDays ?? null]),
    [['prospecting', 0.1, 'pipeline', 7], ['discovery', 0.2, 'pipeline', 14], ['demo', 0.4, 'best_case', 10],
      ['proposal', 0.6, 'best_case', 14], ['negotiation', 0.8, 'commit', 10], ['closed_won', 1, 'closed', null],
      ['closed_lost', 0, 'omitted', null]],
  );
  assert.deepEqual(config.handoffs.map((h) => h.id), ['marketing_to_sdr', 'sdr_to_ae', 'ae_to_cs']);
  assert.deepEqual(new Pipeline(config).stages(), pipeline.stages());
  assert.deepEqual(new Pipeline(null).stages().map((s) => s.outcome), [null, null, null, null, null, 'won', 'lost']);
});
