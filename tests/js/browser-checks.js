// Checks run inside the browser by the Vite app and the static page (tests/package/consumer),
// given the imported package module. `runChecks` only computes; tests/package/browser.test.mjs
// compares what the page returns with EXPECTED.
/** What every browser setup must compute (the same figures the Node tests pin). */
export const EXPECTED = {
  rules: { value: false, failure: 'amount must be >= 10000 (is 5000)', days: 7 },
  scoring: { score: 60, grade: 'B2', lifecycle: 'sql', applied: 60 },
  scores: [15, 0, 15, -20],
  gates: { exitCompleteness: 75, allowed: false, firstReasons: ['skipped_stage:demo:', 'unmet_exit_criterion:discovery:timeline'], sla: 'breached' },
  health: { score: 37, band: 'critical', top: 'No activity in 21 days', warnings: ['no_activity', 'not_enough_contacts', 'no_decision_maker', 'stalled_in_stage', 'close_date_pushed'], setScores: [37, null, 1, 'closed'] },
  metrics: { datasetWon: 12.5, won: 3200.15, winRate: 2 / 3, weighted: 4000, likely: 8200.15, owners: ['ana', 'bo'], coverage: 'no quota for this scope' },
};

export function runChecks(pipescore) {
  const result = { version: pipescore.version() };
  const rule = new pipescore.Rule({ '>=': [{ var: 'amount' }, 10000] });
  result.rules = {
    value: rule.evaluate({ amount: 5000 }),
    failure: rule.explain({ amount: 5000 }).failures[0].description,
    days: new pipescore.Rule({ days_since: { var: 'at' } }).evaluate({ at: new Date('2026-11-17') }, { now: '2026-11-24' }),
  };
  const scored = new pipescore.LeadScorer().score(
    { jobTitle: 'VP Sales', employees: 120, events: [{ type: 'demo_request', at: new Date('2026-11-20') }] },
    { now: new Date('2026-11-24') },
  );
  result.scoring = {
    score: scored.score, grade: scored.grade, lifecycle: scored.lifecycle,
    applied: scored.contributions.reduce((total, c) => total + c.applied, 0),
  };
  // The test pages' Content-Security-Policy has no 'unsafe-eval': scores() takes its columnar path.
  const fast = new pipescore.LeadScorer({
    groups: [{ id: 'fit', type: 'fit', rules: [
      { id: 'mid', points: 10, when: { '>=': [{ var: 'employees' }, 100] } },
      { id: 'saas', points: 5, when: { in: [{ var: 'industry' }, ['saas', 'software']] } },
      { id: 'student', points: -20, when: { '==': [{ var: 'seniority' }, 'student'] } },
    ] }],
    grades: { fit: { A: 15, B: 10, C: 5 }, engagement: { 1: 15, 2: 10, 3: 5 } },
  });
  result.scores = Array.from(fast.scores([
    { employees: 120, industry: 'saas' }, { employees: 50 }, { industry: 'software', employees: '150' }, { seniority: 'student' },
  ]));
  const pipeline = new pipescore.Pipeline();
  const deal = { stage: 'discovery', painPoints: 'Manual forecasts', budgetRange: '20-40k', contacts: [{ name: 'Ada', role: 'decision_maker' }] };
  const move = pipeline.checkMove(deal, 'proposal', { now: new Date('2025-11-24T16:00:00Z') });
  const handoff = pipeline.checkHandoff('marketing_to_sdr', { mqlAt: new Date('2025-11-24T16:00:00Z') }, { now: '2025-11-24T16:05:00.001Z' });
  result.gates = {
    exitCompleteness: pipeline.check(deal, { now: new Date('2025-11-24T16:00:00Z') }).exit.completeness,
    allowed: move.allowed,
    firstReasons: move.reasons.slice(0, 2).map((r) => `${r.kind}:${r.stage}:${r.criterion ?? ''}`),
    sla: handoff.sla.status,
  };
  const healthDeal = {
    stage: 'negotiation', createdAt: '2026-09-01', stageEnteredAt: new Date('2026-11-06'), closeDate: '2026-11-30', closeDatePushes: 2,
    contacts: [{ name: 'Kim Park', role: 'champion' }], activities: [{ type: 'email', at: '2026-11-03', contact: 'Kim Park' }],
  };
  const dealHealth = new pipescore.DealHealth();
  const health = dealHealth.score(healthDeal, { now: new Date('2026-11-24'), topFactors: 1 });
  // A DealSet edited in place: [closed] -> [healthDeal] -> [healthDeal, closed] -> [closed].
  const dealSet = new pipescore.DealSet([{ stage: 'closed_won' }]);
  dealSet.set(0, healthDeal);
  dealSet.append([{ stage: 'closed_lost' }]);
  const setScores = dealHealth.scoreMany(dealSet, { now: new Date('2026-11-24'), explain: false }).map((r) => r.score);
  dealSet.remove(0);
  setScores.push(dealSet.length, dealHealth.scoreMany(dealSet, { now: new Date('2026-11-24') })[0].band);
  result.health = { score: health.score, band: health.band, top: health.factors[0].reason, warnings: health.warnings.map((w) => w.id), setScores };
  const metrics = pipescore.computeMetrics({
    deals: [
      { owner: 'ana', amount: 1200.1, createdAt: '2024-01-05', closeDate: new Date('2024-02-04'), outcome: 'won' },
      { owner: 'ana', amount: '800.45', createdAt: '2024-01-10', closeDate: '2024-02-20', stage: 'Closed Lost' },
      { owner: 'bo', amount: 2000.05, createdAt: '2024-01-20', closeDate: '2024-03-01', stage: 'closed_won' },
      { owner: 'bo', amount: 5000, createdAt: '2024-02-01', closeDate: '2024-03-28', stage: 'negotiation' },
    ],
  }, { now: new Date('2024-03-15'), period: 'this_quarter', groupBy: 'owner', pipeline: new pipescore.Pipeline() });
  // A MetricsDataset edited in place: one deal put back with another amount, then removed.
  const dataset = new pipescore.MetricsDataset({ deals: [{ owner: 'ana', amount: 10, closeDate: '2024-01-02', outcome: 'won' }] });
  dataset.setDeal(0, { owner: 'ana', amount: '12.5', closeDate: new Date('2024-01-03'), outcome: 'won' });
  dataset.appendDeals([{ owner: 'bo', amount: 1, closeDate: '2024-01-04', outcome: 'won' }]);
  dataset.removeDeals(1);
  const datasetWon = dataset.compute({ now: new Date('2024-03-15'), period: 'this_quarter' }).won.value;
  result.metrics = {
    datasetWon,
    won: metrics.won.value, winRate: metrics.winRate.byCount.value, weighted: metrics.forecast.weighted,
    likely: metrics.forecast.scenarios.likely, owners: metrics.groups.map((g) => g.key), coverage: metrics.coverage.ratio.reason,
  };
  return result;
}
