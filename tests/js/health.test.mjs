// Deal health from the npm package: the default config, a healthy and an at-risk deal, custom configs
// and pipelines, batches, bounds, determinism, monotonicity and typed errors.
import assert from 'node:assert/strict';
import test from 'node:test';
import { DealHealth, DealSet, Pipeline, PipescoreConfigError, PipescoreInputError } from 'pipescore';

const now = new Date('2026-11-24T00:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days) => new Date(now.getTime() - days * DAY);

const healthyDeal = () => ({
  id: 'D-1042', name: 'Acme platform upgrade', stage: 'proposal', amount: 48000,
  createdAt: '2026-10-20', stageEnteredAt: '2026-11-16', closeDate: '2026-12-12',
  terms: '12 months, annual billing', decisionDate: '2026-12-05',
  nextStep: 'Walk procurement through the proposal', nextStepDate: '2026-11-26',
  contacts: [{ name: 'Dana Ortiz', role: 'champion' }, { name: 'Sam Lee', role: 'decision_maker' }, { name: 'Priya Shah' }],
  activities: [
    { type: 'meeting', at: '2026-11-21', contact: 'Dana Ortiz' },
    { type: 'email', at: '2026-11-18', contact: 'Sam Lee' },
    { type: 'call', at: '2026-11-12', contact: 'Priya Shah' },
    { type: 'meeting', at: '2026-11-04', contact: 'Dana Ortiz' },
  ],
});

const atRiskDeal = () => ({
  id: 'D-0977', name: 'Globex expansion', stage: 'negotiation', amount: 30000,
  createdAt: new Date('2026-09-01'), stageEnteredAt: '2026-11-06', closeDate: '2026-11-30',
  closeDatePushes: 2, contractSentAt: '2026-11-03', nextStep: 'Send the revised order form',
  amountHistory: [{ amount: 36000, changedAt: '2026-10-01' }],
  contacts: [{ name: 'Kim Park', role: 'champion' }, { name: 'Alex Roy', role: 'decision_maker' }],
  activities: [
    { type: 'email', at: Date.parse('2026-11-03'), contact: 'Kim Park' },
    { type: 'meeting', at: '2026-10-28', contact: 'Alex Roy' },
    { type: 'call', at: '2026-10-20', contact: 'Kim Park' },
  ],
});

test('a healthy and an at-risk deal (docs/health.md), with their explanations', () => {
  const health = new DealHealth();
  const healthy = health.score(healthyDeal(), { now });
  assert.deepEqual([healthy.id, healthy.score, healthy.band, healthy.warnings], ['D-1042', 97, 'healthy', []]);
  assert.deepEqual(healthy.factors[0], {
    signal: 'buyer_roles', label: 'Buyer roles', subScore: 0.667, weight: 10, impact: 3.3,
    reason: 'No economic buyer identified', action: 'Identify the economic buyer and bring them into the deal',
    detail: { present: ['decision_maker', 'champion'], missing: ['economic_buyer'] },
  });
  assert.ok(healthy.factors.slice(1).every((f) => f.subScore === 1 && f.action === null));

  const risky = health.score(atRiskDeal(), { now, topFactors: 3 });
  assert.deepEqual([risky.score, risky.band], [51, 'at_risk']);
  assert.deepEqual(risky.factors.map((f) => [f.signal, f.impact, f.reason, f.action]), [
    ['last_activity', 15, 'No activity in 21 days', 'Schedule a follow-up with Kim Park, the champion'],
    ['stage_duration', 6.4, '18 days in Negotiation (expected 10 days)', 'Agree with the buyer what it takes to move past Negotiation, or re-qualify the deal'],
    ['activity_trend', 5, 'No activity in the last 14 days, 2 in the 14 days before', 'Re-engage the buyer: book a meeting to restore momentum'],
  ]);
  assert.deepEqual(risky.warnings, [
    { id: 'no_activity', severity: 'warning', message: 'No activity in 21 days' },
    { id: 'stalled_in_stage', severity: 'warning', message: 'Stalled in Negotiation: 18 days there, expected 10 days' },
    { id: 'close_date_pushed', severity: 'warning', message: 'Close date pushed 2 times' },
  ]);
});

test('the score is 100 minus the impacts, factors are sorted, and the input is not mutated', () => {
  const deal = atRiskDeal();
  const before = JSON.stringify(deal);
  const result = new DealHealth().score(deal, { now });
  assert.equal(JSON.stringify(deal), before);
  const lost = result.factors.reduce((total, f) => total + f.impact, 0);
  assert.ok(Math.abs(100 - lost - result.score) <= 1, `${lost} vs ${result.score}`);
  assert.equal(result.factors.length + result.skipped.length, 13);
  for (let i = 1; i < result.factors.length; i++) assert.ok(result.factors[i - 1].impact >= result.factors[i].impact);
  const detail = result.factors.find((f) => f.signal === 'close_date_distance').detail;
  assert.deepEqual(detail, { daysToClose: 6, expectedDaysLeft: 0, expectedDaysFromStageStart: 10 });
});

test('missing data is scored and explained, not an error; closed deals are not scored', () => {
  const health = new DealHealth();
  const bare = health.score({ stage: 'discovery' }, { now });
  assert.deepEqual([bare.score, bare.band], [14, 'critical']);
  const reasons = bare.factors.map((f) => f.reason);
  for (const r of ['No activity logged', 'No contacts on the deal', 'No close date set', 'No next step']) assert.ok(reasons.includes(r), r);
  assert.deepEqual(bare.skipped.map((s) => s.signal), ['stage_duration', 'close_date_distance', 'deal_age']);
  assert.deepEqual(bare.warnings.map((w) => w.id), ['no_activity', 'not_enough_contacts', 'no_decision_maker']);
  assert.deepEqual(health.score({ stage: 'closed_lost' }, { now }), { score: null, band: 'closed', factors: [], warnings: [], skipped: [] });
});

test('more days without activity never raise the score; bounds and determinism over generated deals', () => {
  const health = new DealHealth();
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const stages = ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation'];
  for (let i = 0; i < 60; i++) {
    const base = {
      stage: stages[Math.floor(rnd() * stages.length)], createdAt: daysAgo(20 + rnd() * 100), stageEnteredAt: daysAgo(rnd() * 20),
      closeDate: daysAgo(30 - rnd() * 90), closeDatePushes: Math.floor(rnd() * 4),
      contacts: [{ name: 'A', role: 'champion' }, { name: 'B', engaged: rnd() < 0.5 }],
      activities: Array.from({ length: Math.floor(rnd() * 6) }, () => ({ type: 'email', at: daysAgo(40 + rnd() * 30), contact: 'B' })),
    };
    let previous = 101;
    for (let days = 0; days <= 40; days += 0.5) {
      const deal = { ...base, activities: [...base.activities, { type: 'call', at: daysAgo(days), contact: 'A' }] };
      const { score } = health.score(deal, { now });
      assert.ok(Number.isInteger(score) && score >= 0 && score <= 100, `score ${score}`);
      assert.ok(score <= previous, `score rose from ${previous} to ${score} at ${days} days: ${JSON.stringify(deal)}`);
      previous = score;
    }
    assert.deepEqual(health.score(base, { now }), health.score(structuredClone(base), { now: now.getTime() }));
  }
});

test('a custom config is laid over the default; DealHealth.defaultConfig() round-trips', () => {
  const config = DealHealth.defaultConfig();
  assert.equal(Object.values(config.signals).reduce((t, s) => t + s.weight, 0), 100);
  assert.deepEqual(config.bands, { healthy: 70, atRisk: 40 });
  assert.deepEqual(config.warnings.no_activity, { enabled: true, severity: 'warning', days: 14 });
  assert.deepEqual(new DealHealth(config).score(atRiskDeal(), { now }), new DealHealth().score(atRiskDeal(), { now }));
  const custom = new DealHealth({
    signals: { last_activity: { zeroDays: 42 }, next_step: { weight: 0 } },
    bands: { healthy: 50 },
    warnings: { stalled_in_stage: { enabled: false }, close_date_pushed: { times: 3 } },
  });
  const result = custom.score(atRiskDeal(), { now });
  assert.equal(result.band, 'healthy');
  assert.equal(result.factors.find((f) => f.signal === 'last_activity').subScore, 0.538);
  assert.ok(!result.factors.some((f) => f.signal === 'next_step'));
  assert.deepEqual(result.warnings.map((w) => w.id), ['no_activity']);
});

test('a pipeline config supplies the stages, durations and exit criteria', () => {
  const config = Pipeline.defaultConfig();
  config.stages.find((s) => s.id === 'negotiation').expectedDays = 30;
  const health = new DealHealth(null, config);
  const stage = health.score(atRiskDeal(), { now }).factors.find((f) => f.signal === 'stage_duration');
  assert.deepEqual([stage.subScore, stage.reason], [1, '18 days in Negotiation (expected 30 days)']);
  const compiled = new Pipeline(config);
  const fromInstance = new DealHealth(null, compiled).score(atRiskDeal(), { now }).factors.find((f) => f.signal === 'stage_duration');
  assert.deepEqual([fromInstance.subScore, fromInstance.reason], [1, '18 days in Negotiation (expected 30 days)'], 'a Pipeline instance works like its config');
  assert.throws(
    () => new DealHealth({}, { id: 'p', label: 'P', stages: 'none' }),
    (e) => e instanceof PipescoreConfigError && e.code === 'INVALID_SHAPE' && e.path === '$.pipeline.stages',
  );
});

test('scoreMany scores a pipeline in one call, with per-deal errors', () => {
  const health = new DealHealth();
  const results = health.scoreMany([healthyDeal(), { stage: 'demo', activities: [{ type: 'call', at: 'last week' }] }, atRiskDeal(), { stage: 'won' }], { now });
  assert.deepEqual(results.map((r) => r.score ?? r.error.code), [97, 'INVALID_DATE', 51, 'UNKNOWN_STAGE']);
  assert.deepEqual(results[1].error, {
    name: 'PipescoreInputError', code: 'INVALID_DATE', path: '$[1].activities[0].at',
    message: results[1].error.message,
  });
  assert.match(results[1].error.message, /"last week"/);
  const brief = health.scoreMany([atRiskDeal()], { now, explain: false });
  assert.deepEqual([brief[0].score, brief[0].factors, brief[0].warnings.length], [51, [], 3]);
});

test('a DealSet is read once and scored like the array it was read from, by any engine at any now', () => {
  const deals = [healthyDeal(), { stage: 'demo', activities: [{ type: 'call', at: 'last week' }] }, atRiskDeal(), { stage: 'won' },
    'not a deal', { id: 7, stage: 'closed_won' }, { stage: 'discovery', contacts: [{ name: 'Ana', role: 'Decision Maker' }] }];
  const before = JSON.stringify(deals);
  const set = new DealSet(deals);
  assert.equal(set.length, deals.length);
  const engines = [new DealHealth(), new DealHealth({ bands: { healthy: 90 }, signals: { next_step: { weight: 0 } } })];
  for (const health of engines) {
    for (const at of [now, daysAgo(30), '2026-12-31']) {
      for (const options of [{}, { explain: false }, { topFactors: 2 }]) {
        assert.deepEqual(health.scoreMany(set, { now: at, ...options }), health.scoreMany(deals, { now: at, ...options }));
      }
    }
  }
  const brief = engines[0].scoreMany(set, { now, explain: false });
  assert.deepEqual(brief.map((r) => r.score ?? r.error?.code ?? r.band), [97, 'INVALID_DATE', 51, 'UNKNOWN_STAGE', 'INVALID_RECORD', 'closed', brief[6].score]);
  assert.deepEqual(Object.keys(brief[0]), ['id', 'score', 'band', 'factors', 'warnings', 'skipped']);
  assert.deepEqual(Object.keys(brief[6]), ['score', 'band', 'factors', 'warnings', 'skipped']);
  assert.deepEqual(brief[5], { id: 7, score: null, band: 'closed', factors: [], warnings: [], skipped: [] });
  for (const options of [{ now }, { now, topFactors: 3 }, { now, explain: false }]) {
    const batch = engines[0].scoreMany(set, options);
    for (const i of [0, 2, 5, 6]) assert.deepEqual(batch[i], engines[0].score(deals[i], options), `deal ${i}`);
  }
  assert.equal(JSON.stringify(deals), before, 'the deals are not mutated');
  assert.throws(() => new DealSet({ stage: 'demo' }), (e) => e instanceof PipescoreInputError && e.code === 'NOT_A_LIST');
  assert.throws(() => engines[0].scoreMany(set, { now: 'someday' }), (e) => e instanceof PipescoreInputError && e.code === 'INVALID_NOW');
  set.free();
});

test('a DealSet edited in place (set, append, remove) scores like the array edited the same way', () => {
  const pool = [healthyDeal(), atRiskDeal(), { stage: 'demo', activities: [{ type: 'call', at: 'last week' }] }, { id: 7, stage: 'closed_won' },
    { id: 'p', stage: 'prospecting', contacts: [{ name: 'Ana' }], activities: [{ type: 'meeting', at: daysAgo(2) }], industry: 'SaaS' },
    { id: 'q', stage: 'prospecting' }, 'not a deal', { stage: 'discovery', contacts: [{ name: 'Bo', role: 'champion' }] }];
  const engines = [new DealHealth(), new DealHealth({ bands: { healthy: 90 } })];
  const deals = pool.slice(0, 4);
  const set = new DealSet(deals);
  let seed = 11;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let step = 0; step < 60; step++) {
    const deal = pool[rnd(pool.length)];
    const op = deals.length === 0 ? 1 : rnd(3);
    if (op === 0) {
      const i = rnd(deals.length);
      set.set(i, deal);
      deals[i] = deal;
    } else if (op === 1) {
      const added = [deal, pool[rnd(pool.length)]].slice(0, 1 + rnd(2));
      assert.equal(set.append(added), deals.push(...added));
    } else {
      const i = rnd(deals.length), n = rnd(deals.length - i + 1);
      if (n === 1 && rnd(2)) set.remove(i); else set.remove(i, n);
      deals.splice(i, n);
    }
    assert.equal(set.length, deals.length);
    for (const health of engines) {
      const options = { now, explain: step % 2 === 0 };
      assert.deepEqual(health.scoreMany(set, options), health.scoreMany(deals, options), `step ${step}`);
    }
  }
  const invalidIndex = (f, message) => assert.throws(f, (e) => {
    assert.ok(e instanceof PipescoreInputError);
    assert.deepEqual([e.code, e.path], ['INVALID_INDEX', '$']);
    assert.match(e.message, message);
    return true;
  });
  const before = engines[0].scoreMany(set, { now });
  const n = set.length;
  invalidIndex(() => set.set(n, healthyDeal()), new RegExp(`no deal at index ${n}: it holds ${n} deals?`));
  invalidIndex(() => set.set(-1, healthyDeal()), /index must be a whole number from 0, found -1/);
  invalidIndex(() => set.set('0', healthyDeal()), /found a value of type string/);
  invalidIndex(() => set.remove(0, 1.5), /count must be a whole number from 0, found 1\.5/);
  invalidIndex(() => set.remove(0, n + 1), /no deal at indexes 0 to/);
  invalidIndex(() => set.remove(), /found a value of type undefined/);
  assert.throws(() => set.append(healthyDeal()), (e) => e instanceof PipescoreInputError && e.code === 'NOT_A_LIST');
  assert.deepEqual(engines[0].scoreMany(set, { now }), before, 'a refused edit changes nothing');
  set.free();
});

test('typed errors with codes and paths', () => {
  const configError = (config, code, path) => assert.throws(() => new DealHealth(config), (e) => {
    assert.ok(e instanceof PipescoreConfigError, e.name);
    assert.deepEqual([e.code, e.path], [code, path]);
    return true;
  });
  configError({ signals: { activity: { weight: 1 } } }, 'UNKNOWN_SIGNAL', '$.signals.activity');
  configError({ signals: { last_activity: { weight: -5 } } }, 'INVALID_WEIGHT', '$.signals.last_activity.weight');
  configError({ signals: { close_date: { fullDaysOverdue: 20 } } }, 'THRESHOLDS_NOT_ORDERED', '$.signals.close_date.zeroDaysOverdue');
  configError({ bands: { healthy: 30 } }, 'INVALID_BANDS', '$.bands.atRisk');
  configError({ warnings: { ghosted: { attempts: 0 } } }, 'INVALID_THRESHOLD', '$.warnings.ghosted.attempts');
  configError({ warnings: { stale: {} } }, 'UNKNOWN_WARNING', '$.warnings.stale');

  const health = new DealHealth();
  const inputError = (deal, code, path, options = { now }) => assert.throws(() => health.score(deal, options), (e) => {
    assert.ok(e instanceof PipescoreInputError, e.name);
    assert.deepEqual([e.code, e.path], [code, path]);
    return true;
  });
  inputError({ stage: 'demo', activities: [{ type: 'call', at: '2026-11-01' }, { type: 'call', at: '2026-02-30' }] }, 'INVALID_DATE', '$.activities[1].at');
  inputError({ stage: 'demo', closeDate: 'soon' }, 'INVALID_DATE', '$.closeDate');
  inputError({ amount: 5 }, 'MISSING_STAGE', '$.stage');
  inputError({ stage: 'demo', contacts: 'Dana' }, 'INVALID_RECORD', '$.contacts');
  inputError({ stage: 'demo' }, 'INVALID_OPTION', '$.topFactors', { now, topFactors: -1 });
  inputError({ stage: 'demo' }, 'INVALID_NOW', '$.now', { now: 'tomorrow' });
  // The instance keeps working after errors.
  assert.equal(health.score(healthyDeal(), { now }).score, 97);
});
