// Pipeline metrics from the npm package: a small quarter checked by hand for every metric family,
// group-by, zero denominators, money to the cent, pipelines as options, typed errors with paths,
// and the Maven CRM opportunities checked against plain loops over the CSV.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { computeMetrics, MetricsDataset, Pipeline, PipescoreConfigError, PipescoreInputError } from 'pipescore';

const now = new Date('2024-03-15T00:00:00Z');
const q1 = { now, period: 'this_quarter' }; // 2024-01-01 to 2024-04-01, 91 days

/** Six deals created in Q1 2024: three closed in it, two open ones expected in it, one expected in Q2. */
const deals = () => [
  { id: 'd1', owner: 'ana', source: 'Webinar', amount: 1200.1, createdAt: '2024-01-05', closeDate: new Date('2024-02-04'), outcome: 'won',
    stageHistory: [{ stage: 'discovery', enteredAt: '2024-01-05' }, { stage: 'Demo', enteredAt: '2024-01-15' }, { stage: 'proposal', enteredAt: '2024-01-25' }] },
  { id: 'd2', owner: 'ana', source: 'Ads', amount: '800.45', createdAt: '2024-01-10', closeDate: '2024-02-20', stage: 'Closed Lost',
    stageHistory: [{ stage: 'demo', enteredAt: '2024-02-01' }, { stage: 'discovery', enteredAt: '2024-01-10' }] },
  { id: 'd3', owner: 'bo', source: 'Webinar', amount: 2000.05, createdAt: '2024-01-20', closeDate: '2024-03-01', stage: 'closed_won',
    stageHistory: [{ stage: 'demo', enteredAt: '2024-01-20' }, { stage: 'negotiation', enteredAt: '2024-02-15' }] },
  { id: 'd4', owner: 'bo', amount: 5000, createdAt: '2024-02-01', closeDate: '2024-03-28', stage: 'negotiation' },
  { id: 'd5', owner: 'ana', amount: 3000, createdAt: Date.parse('2024-02-10'), closeDate: '2024-03-20', stage: 'demo' },
  { id: 'd6', owner: 'bo', amount: 1000, createdAt: '2024-03-01', closeDate: '2024-05-10', stage: 'proposal' },
];

/** Four leads created in Q1 (three hot) and one from December. */
const leads = () => [
  { source: 'Webinar', createdAt: '2024-01-03', mqlAt: '2024-01-04', sqlAt: '2024-01-10', opportunityAt: '2024-01-15', wonAt: '2024-02-04',
    hot: true, firstContactAt: '2024-01-03T00:30:00Z' },
  { source: 'Ads', createdAt: '2024-02-01', mqlAt: '2024-02-02', hot: true, firstContactAt: '2024-02-01T03:00:00Z' },
  { source: 'Ads', createdAt: '2024-03-14T23:30:00Z', hot: true },
  { source: 'Webinar', createdAt: '2023-12-20', mqlAt: '2023-12-21' },
  { createdAt: '2024-03-01', sqlAt: '2024-03-05' },
];

/** Ana fully ramped; Bo started in October, so Q1 is his tenure months 4–6 (50%). */
const quotas = () => ({
  companyTarget: 20000, salesShare: 0.8,
  reps: [{ owner: 'ana', quota: 10000 }, { owner: 'bo', quota: '6000', startDate: '2023-10-15' }],
});

const input = () => ({ deals: deals(), leads: leads(), quotas: quotas() });
const rate = (value, numerator, denominator) => ({ value, numerator, denominator });
const nullRate = (numerator, denominator, reason) => ({ value: null, numerator, denominator, reason });
const near = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≉ ${expected}`);

test('closed deals: won, lost, win rates, deal size and sales cycle', () => {
  const m = computeMetrics(input(), q1);
  assert.deepEqual(m.period, { start: '2024-01-01T00:00:00.000Z', end: '2024-04-01T00:00:00.000Z', days: 91 });
  assert.deepEqual([m.won, m.lost], [{ count: 2, value: 3200.15 }, { count: 1, value: 800.45 }]);
  assert.deepEqual(m.winRate.byCount, rate(2 / 3, 2, 3));
  assert.deepEqual([m.winRate.byValue.numerator, m.winRate.byValue.denominator], [3200.15, 4000.6]);
  near(m.winRate.byValue.value, 3200.15 / 4000.6);
  // (1200.10 + 2000.05) / 2 = 1600.075, half a cent up.
  assert.deepEqual(m.dealSize, { count: 2, mean: 1600.08, median: 1600.08 });
  // Created → closed: Jan 5 → Feb 4 is 30 days, Jan 20 → Mar 1 (2024 is a leap year) 41.
  assert.deepEqual(m.salesCycle, { count: 2, mean: 35.5, median: 35.5 });
});

test('stage conversion and days in stage from stage history', () => {
  const m = computeMetrics(input(), q1);
  assert.equal(m.stageConversion.deals, 3);
  // d1 discovery → won, d2 discovery → demo (lost), d3 demo → won; skipped stages count as passed.
  assert.deepEqual(m.stageConversion.steps, [
    { from: 'prospecting', to: 'discovery', rate: nullRate(0, 0, 'no closed deal with stage history entered this stage in the period') },
    { from: 'discovery', to: 'demo', rate: rate(1, 2, 2) },
    { from: 'demo', to: 'proposal', rate: rate(2 / 3, 2, 3) },
    { from: 'proposal', to: 'negotiation', rate: rate(1, 2, 2) },
    { from: 'negotiation', to: 'closed_won', rate: rate(1, 2, 2) },
  ]);
  // discovery: 10 and 22 days; demo: 10, 19 and 26; proposal: 10 (to the close); negotiation: Feb 15 → Mar 1.
  assert.deepEqual(m.daysInStage.map((s) => [s.stage, s.deals, s.averageDays, s.expectedDays]), [
    ['prospecting', 0, null, 7], ['discovery', 2, 16, 14], ['demo', 3, 18.33, 10], ['proposal', 1, 10, 14], ['negotiation', 1, 15, 10],
  ]);
});

test('open pipeline, pipeline created, weighted forecast, categories and scenarios', () => {
  const m = computeMetrics(input(), q1);
  assert.deepEqual(m.pipeline.byStage, [
    { stage: 'prospecting', label: 'Prospecting', count: 0, value: 0, averageAgeDays: null },
    { stage: 'discovery', label: 'Discovery', count: 0, value: 0, averageAgeDays: null },
    { stage: 'demo', label: 'Demo', count: 1, value: 3000, averageAgeDays: 34 },
    { stage: 'proposal', label: 'Proposal', count: 0, value: 0, averageAgeDays: null },
    { stage: 'negotiation', label: 'Negotiation', count: 1, value: 5000, averageAgeDays: 43 },
  ]);
  assert.deepEqual([m.pipeline.count, m.pipeline.value], [2, 8000]); // d6 closes in Q2
  assert.deepEqual(m.pipelineCreated, { count: 6, value: 13000.6 });
  assert.deepEqual(m.forecast, {
    weighted: 5200, // 5000 × 0.8 + 3000 × 0.4
    byCategory: { closed: 3200.15, commit: 5000, bestCase: 3000, pipeline: 0, omitted: 0 },
    scenarios: { worst: 8200.15, likely: 9400.15, best: 11200.15 },
    unknownStages: [],
  });
});

test('velocity, coverage and quotas with ramp', () => {
  const m = computeMetrics(input(), q1);
  // 2 open × 2/3 × 1600.08 ÷ 35.5 days = 60.0969… per day, × 91 days.
  assert.deepEqual(m.velocity, { openDeals: 2, winRate: 2 / 3, averageDealSize: 1600.08, cycleDays: 35.5, perDay: 60.1, perPeriod: 5468.82 });
  const { ratio, ...coverage } = m.coverage;
  assert.deepEqual(coverage, { openPipeline: 8000, quota: 13000, won: 3200.15, remainingQuota: 9799.85, guideline: 'belowGuideline' });
  near(ratio.value, 8000 / 9799.85);
  const { reps, attainment, ...q } = m.quotas;
  assert.deepEqual(q, {
    companyTarget: 20000, salesShare: 0.8, salesTarget: 16000, topDownQuotaPerRep: 8000, ramp: [0, 0, 0, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75],
    fullQuota: 16000, rampedCapacity: 13000, capacityGap: 3000, won: 3200.15,
  });
  near(attainment.value, 3200.15 / 13000);
  assert.deepEqual(reps.map((r) => [r.owner, r.startDate, r.quota, r.rampFactor, r.rampedQuota, r.won]), [
    ['ana', null, 10000, 1, 10000, 1200.1], ['bo', '2023-10-15T00:00:00.000Z', 6000, 0.5, 3000, 2000.05],
  ]);
  near(reps[1].attainment.value, 2000.05 / 3000);
});

test('lead funnel, response SLA and sources', () => {
  const m = computeMetrics(input(), q1);
  assert.deepEqual(m.funnel.stages.map((s) => s.count), [4, 3, 2, 1, 1]); // a lead with only sqlAt counts as an MQL
  assert.deepEqual(m.funnel.steps.map((s) => `${s.from}→${s.to} ${s.rate.numerator}/${s.rate.denominator}`),
    ['lead→mql 3/4', 'mql→sql 2/3', 'sql→opportunity 1/2', 'opportunity→won 1/1']);
  assert.deepEqual(m.funnel.overall, rate(0.25, 1, 4));
  // Within 30 minutes; 3 hours late; created 30 minutes before now and not contacted yet.
  assert.deepEqual(m.responseSla, { slaMinutes: 60, hotLeads: 3, withinSla: 1, breached: 1, pending: 1, unmeasured: 0, compliance: rate(0.5, 1, 2) });
  assert.deepEqual(m.sources.map((s) => [s.source, s.leads, s.opportunities, s.wonLeads, s.wonDeals, s.lostDeals, s.wonRevenue, s.winRate.value]), [
    ['Ads', 2, 0, 0, 0, 1, 0, 0], ['Webinar', 1, 1, 1, 2, 0, 3200.15, 1], [null, 1, 0, 0, 0, 0, 0, null],
  ]);
  assert.equal(m.sources[2].winRate.reason, 'no closed deals in the period');
  assert.equal(m.sources[0].responseSla.compliance.value, 0);
});

test('groupBy owner: per-rep figures with the rep quota as coverage', () => {
  const m = computeMetrics(input(), { ...q1, groupBy: 'owner' });
  assert.equal(m.groupBy, 'owner');
  assert.deepEqual(m.groups.map((g) => g.key), ['ana', 'bo', null]); // leads have no owner
  const [ana, bo, none] = m.groups.map((g) => g.metrics);
  assert.deepEqual([ana.won, ana.lost, ana.winRate.byCount.value, ana.pipeline.value], [{ count: 1, value: 1200.1 }, { count: 1, value: 800.45 }, 0.5, 3000]);
  assert.deepEqual([ana.coverage.quota, ana.coverage.remainingQuota], [10000, 8799.9]);
  assert.deepEqual([bo.won.value, bo.pipelineCreated, bo.coverage.remainingQuota, bo.coverage.guideline], [2000.05, { count: 3, value: 8000.05 }, 999.95, 'aboveGuideline']);
  assert.deepEqual([none.funnel.stages[0].count, none.won.count, none.coverage.ratio.reason], [4, 0, 'no quota for this scope']);
  for (const g of m.groups) assert.ok(!('groups' in g.metrics) && !('sources' in g.metrics) && !('quotas' in g.metrics));
  const cents = (money) => Math.round(money * 100);
  assert.equal(cents(ana.won.value) + cents(bo.won.value), cents(m.won.value)); // (JS adds 1200.1 + 2000.05 to 3200.1499999999996)
});

test('groupBy month slices each metric by its own date', () => {
  const m = computeMetrics(input(), { ...q1, groupBy: 'month' });
  assert.deepEqual(m.groups.map((g) => g.key), ['2024-01', '2024-02', '2024-03']);
  const [jan, feb, mar] = m.groups.map((g) => g.metrics);
  assert.deepEqual(feb.period, { start: '2024-02-01T00:00:00.000Z', end: '2024-03-01T00:00:00.000Z', days: 29 });
  assert.deepEqual([jan.won.count, feb.won.count, feb.lost.count, mar.won.count], [0, 1, 1, 1]); // by close date
  assert.deepEqual([jan.pipelineCreated.count, feb.pipelineCreated.count, mar.pipelineCreated.count], [3, 2, 1]); // by creation date
  assert.deepEqual([feb.pipeline.count, mar.pipeline.count], [0, 2]); // by expected close date
  assert.deepEqual([jan, feb, mar].map((g) => g.funnel.stages[0].count), [1, 1, 2]); // by lead creation date
});

test('zero denominators are null with a reason, never NaN or Infinity', () => {
  for (const m of [computeMetrics({}, { now }), computeMetrics({ deals: [], leads: [] }, q1), computeMetrics(null, { now })]) {
    assert.deepEqual(m.winRate.byCount, nullRate(0, 0, 'no closed deals in the period'));
    assert.deepEqual(m.winRate.byValue, nullRate(0, 0, 'closed deals in the period have no value'));
    assert.deepEqual(m.dealSize, { count: 0, mean: null, median: null, reason: 'no won deals with an amount in the period' });
    assert.equal(m.salesCycle.mean, null);
    assert.deepEqual(m.funnel.overall, nullRate(0, 0, 'no leads in the period'));
    assert.equal(m.funnel.steps[0].rate.value, null);
    assert.equal(m.responseSla.compliance.reason, 'no hot lead in the period has a measurable response');
    assert.deepEqual([m.velocity.perDay, m.velocity.reason], [null, 'no closed deals in the period']);
    assert.deepEqual([m.coverage.ratio.value, m.coverage.ratio.reason, m.coverage.guideline], [null, 'no quota for this scope', null]);
    assert.deepEqual([m.groups, m.sources, 'quotas' in m, 'groupBy' in m], [[], [], false, false]);
  }
  // Quota met: no coverage ratio; a rep in ramp month 1: no attainment.
  const met = computeMetrics({ deals: [{ owner: 'ana', outcome: 'won', amount: 500, closeDate: '2024-02-01' }],
    quotas: { reps: [{ owner: 'ana', quota: 500 }, { owner: 'cy', quota: 900, startDate: '2024-01-02' }] } }, q1);
  assert.deepEqual([met.coverage.ratio.reason, met.coverage.remainingQuota], ['quota already met', 0]);
  assert.deepEqual([met.quotas.reps[1].rampedQuota, met.quotas.reps[1].attainment.value], [0, null]);
  assert.match(met.quotas.reps[1].attainment.reason, /ramped quota is zero/);
});

test('every figure is finite and survives JSON', () => {
  const huge = { deals: [...deals(), { outcome: 'won', amount: 9_999_999_999_999.99, closeDate: '2024-01-02', createdAt: '2024-01-02' }], leads: leads(), quotas: quotas() };
  for (const groupBy of [undefined, 'owner', 'source', 'segment', 'product', 'month', 'quarter']) {
    const m = computeMetrics(huge, { ...q1, groupBy });
    const walk = (value, path) => {
      if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path} is ${value}`);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
      else assert.ok(value === null || ['string', 'boolean'].includes(typeof value), `${path} is ${typeof value}`);
    };
    walk(m, '$');
    assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
  }
});

test('money is exact to the cent', () => {
  const won = (amount) => ({ outcome: 'won', amount, closeDate: '2024-02-01' });
  const tenths = computeMetrics({ deals: Array.from({ length: 10 }, () => won(0.1)) }, { now });
  assert.equal(tenths.won.value, 1); // 0.1 added ten times in floating point is 0.9999999999999999
  const mixed = computeMetrics({ deals: [won(0.1), won(0.2), won('0.7'), won(1.005), won('2.675'), won(19.999)] }, { now });
  assert.equal(mixed.won.value, 24.69); // 0.10 + 0.20 + 0.70 + 1.01 + 2.68 + 20.00, each rounded as written
  const big = computeMetrics({ deals: [won(1234567.89), won(1234567.89), won('1234567.89'), { outcome: 'lost', amount: 0.01, closeDate: '2024-02-01' }] }, { now });
  assert.deepEqual([big.won.value, big.dealSize.mean, big.lost.value, big.winRate.byValue.denominator], [3703703.67, 1234567.89, 0.01, 3703703.68]);
  const split = computeMetrics({ deals: [won(0.01), won(0.02)] }, { now }); // mean 0.015 → 0.02 (half away from zero)
  assert.deepEqual([split.dealSize.mean, split.dealSize.median], [0.02, 0.02]);
});

const customPipeline = {
  id: 'smb', label: 'SMB',
  stages: [
    { id: 'new', label: 'New', probability: 0.1, forecastCategory: 'pipeline', expectedDays: 5 },
    { id: 'qualified', label: 'Qualified', probability: 0.5, forecastCategory: 'commit', expectedDays: 10 },
    { id: 'signed', label: 'Signed', probability: 1, forecastCategory: 'closed', outcome: 'won' },
    { id: 'dropped', label: 'Dropped', probability: 0, forecastCategory: 'omitted', outcome: 'lost' },
  ],
};
const smbDeals = {
  deals: [
    { stage: 'qualified', amount: 1000, closeDate: '2024-03-30' }, { stage: 'New', amount: 500, closeDate: '2024-03-30' },
    { stage: 'Signed', amount: 250, closeDate: '2024-02-01' }, { stage: 'dropped', amount: 80, closeDate: '2024-02-01' },
    { stage: 'demo', amount: 70, closeDate: '2024-03-30' },
  ],
};

test('options.pipeline: a Pipeline instance and a pipeline config give its stage table', () => {
  const compiled = new Pipeline(customPipeline);
  const viaInstance = computeMetrics(smbDeals, { ...q1, pipeline: compiled });
  const viaConfig = computeMetrics(smbDeals, { ...q1, pipeline: customPipeline });
  const viaStages = computeMetrics(smbDeals, { ...q1, stages: compiled.stages() });
  const viaSeveral = computeMetrics(smbDeals, { ...q1, pipeline: { pipelines: [customPipeline, Pipeline.defaultConfig()] } });
  assert.deepEqual(viaConfig, viaInstance);
  assert.deepEqual(viaStages, viaInstance);
  assert.deepEqual(viaSeveral, viaInstance);
  assert.deepEqual([viaInstance.won.value, viaInstance.lost.value], [250, 80]); // outcomes from the stages, whatever their names
  assert.equal(viaInstance.forecast.weighted, 550); // 1000 × 0.5 + 500 × 0.1
  assert.deepEqual(viaInstance.forecast.byCategory, { closed: 250, commit: 1000, bestCase: 0, pipeline: 500, omitted: 0 });
  assert.deepEqual(viaInstance.forecast.unknownStages, [{ stage: 'demo', count: 1, value: 70 }]);
  assert.deepEqual(viaInstance.daysInStage.map((s) => [s.stage, s.expectedDays]), [['new', 5], ['qualified', 10]]);
  // The default pipeline instance gives the default table; the instance is not consumed.
  assert.deepEqual(computeMetrics(input(), { ...q1, pipeline: new Pipeline() }), computeMetrics(input(), q1));
  assert.equal(compiled.stages().length, 4);
  compiled.free();
});

const thrown = (fn) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error');
};
const described = (err) => [err.name, err.code, err.path];

test('bad records are input errors with the path of the value', () => {
  const cases = [
    [{ deals: [{}, { closeDate: 'next week' }] }, '$.deals[1].closeDate'],
    [{ deals: [{ amount: { value: 3 } }] }, '$.deals[0].amount'],
    [{ deals: [{ amount: '12,50' }] }, '$.deals[0].amount'],
    [{ deals: [{ outcome: 'pending' }] }, '$.deals[0].outcome'],
    [{ deals: [{ stageHistory: [{ stage: 'demo' }] }] }, '$.deals[0].stageHistory[0]'],
    [{ leads: [{ mqlAt: true }] }, '$.leads[0].mqlAt'],
    [{ quotas: { reps: [{ owner: '' }] } }, '$.quotas.reps[0].owner'],
    [{ deals: { d1: {} } }, '$.deals'],
  ];
  for (const [records, path] of cases) {
    const err = thrown(() => computeMetrics(records, { now }));
    assert.ok(err instanceof PipescoreInputError, path);
    assert.deepEqual(described(err), ['PipescoreInputError', 'INVALID_SHAPE', path]);
  }
  const deal42 = Array.from({ length: 43 }, (_, i) => ({ amount: i, closeDate: i === 42 ? 'soon' : '2024-01-01' }));
  const err = thrown(() => computeMetrics({ deals: deal42 }, { now }));
  assert.equal(err.path, '$.deals[42].closeDate');
  assert.match(err.message, /expected a date/);
  assert.deepEqual(described(thrown(() => computeMetrics({ quotas: { reps: [{ owner: 'ana' }] } }, { now }))),
    ['PipescoreInputError', 'INVALID_QUOTA', '$.quotas.reps[0].quota']);
  // Input JSON can't write: a cycle (JSON is the path for an input that is not plain objects),
  // at the member that closes it.
  const cyclic = new (class Records {})();
  cyclic.deals = [cyclic];
  assert.deepEqual(described(thrown(() => computeMetrics(cyclic, { now }))), ['PipescoreInputError', 'UNSERIALIZABLE', '$.deals[0]']);
});

test('bad options are input errors with the path of the option', () => {
  const cases = [
    [{ period: 'fortnight' }, 'INVALID_SHAPE', '$.period'],
    [{ period: { start: '2024-02-01', end: '2024-01-01' } }, 'INVALID_PERIOD', '$.period.end'],
    [{ period: { start: '2024-02-01', end: 'later' } }, 'INVALID_SHAPE', '$.period.end'],
    [{ groupBy: 'region' }, 'INVALID_SHAPE', '$.groupBy'],
    [{ groupby: 'owner' }, 'INVALID_SHAPE', '$.groupby'],
    [{ cycleStart: 'signed' }, 'INVALID_SHAPE', '$.cycleStart'],
    [{ responseSlaMinutes: 0 }, 'INVALID_OPTION', '$.responseSlaMinutes'],
    [{ stages: [{ id: 'a', probability: 40, forecastCategory: 'pipeline' }] }, 'INVALID_STAGE', '$.stages[0].probability'],
    [{ stages: [{ id: 'a', probability: 0.4, category: 'maybe' }] }, 'INVALID_SHAPE', '$.stages[0].category'],
    [{ now: 'someday' }, 'INVALID_NOW', '$.now'],
    [{ pipeline: new Pipeline(), stages: [] }, 'INVALID_OPTION', '$.pipeline'],
    [{ pipeline: customPipeline, stages: [] }, 'INVALID_OPTION', '$.pipeline'],
  ];
  for (const [options, code, path] of cases) {
    assert.deepEqual(described(thrown(() => computeMetrics(input(), options))), ['PipescoreInputError', code, path], JSON.stringify(options));
  }
  assert.equal(thrown(() => computeMetrics({}, 'owner')).code, 'INVALID_OPTION');
  assert.equal(computeMetrics(input(), q1).won.count, 2, 'still works after errors');
});

test('a bad pipeline config is a config error under $.pipeline', () => {
  const broken = structuredClone(customPipeline);
  broken.stages[1].probability = 5;
  const err = thrown(() => computeMetrics(input(), { now, pipeline: broken }));
  assert.ok(err instanceof PipescoreConfigError);
  assert.equal(err.path, '$.pipeline.stages[1].probability');
  const noStages = thrown(() => computeMetrics(input(), { now, pipeline: { id: 'x', label: 'X' } }));
  assert.deepEqual([noStages.name, noStages.path.startsWith('$.pipeline')], ['PipescoreConfigError', true]);
});

test('now is a Date, an ISO string or epoch ms, and the same records give the same figures', () => {
  const a = computeMetrics(input(), { period: 'this_quarter', groupBy: 'quarter', now });
  assert.deepEqual(computeMetrics(input(), { period: 'thisQuarter', groupBy: 'quarter', now: '2024-03-15' }), a);
  assert.deepEqual(computeMetrics(input(), { period: 'this_quarter', groupBy: 'quarter', now: now.getTime() }), a);
  const range = computeMetrics(input(), { now, period: { start: new Date('2024-01-01'), end: '2024-04-01' }, groupBy: 'quarter' });
  assert.deepEqual(range, a);
  const before = JSON.stringify(input());
  const records = input();
  computeMetrics(records, q1);
  assert.equal(JSON.stringify(records), before, 'the input is not mutated');
});

test('MetricsDataset reads the records once and computes exactly what computeMetrics does', () => {
  const dataset = new MetricsDataset(input());
  assert.equal(dataset.dealCount, 6);
  assert.equal(dataset.leadCount, 5);
  for (const options of [q1, { ...q1, groupBy: 'owner' }, { now, period: 'all' }, { ...q1, pipeline: new Pipeline() }]) {
    assert.deepEqual(dataset.compute(options), computeMetrics(input(), options));
  }
  assert.throws(() => new MetricsDataset({ deals: [{ closeDate: 'soon' }] }),
    (e) => e instanceof PipescoreInputError && e.path === '$.deals[0].closeDate');
  assert.throws(() => dataset.compute({ period: 'fortnight' }), (e) => e instanceof PipescoreInputError && e.path === '$.period');
  assert.equal(dataset.compute(q1).won.count, 2, 'the dataset keeps working after an error');
});

test('a MetricsDataset edited in place computes what computeMetrics does over the arrays edited the same way', () => {
  const start = input();
  const pool = { deals: [...deals(), { owner: 'cy', amount: '99.99', createdAt: '2024-02-01', closeDate: '2024-03-01', outcome: 'WON' }, {}],
    leads: [...leads(), { source: 'Webinar', mqlAt: new Date('2024-02-02'), hot: true }] };
  const arrays = { deals: start.deals, leads: start.leads, quotas: start.quotas };
  const dataset = new MetricsDataset(start);
  let seed = 5;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const edit = { deals: ['setDeal', 'appendDeals', 'removeDeals'], leads: ['setLead', 'appendLeads', 'removeLeads'] };
  for (let step = 0; step < 60; step++) {
    const kind = rnd(2) ? 'deals' : 'leads';
    const list = arrays[kind], [set, append, remove] = edit[kind];
    const record = pool[kind][rnd(pool[kind].length)];
    const op = list.length === 0 ? 1 : rnd(3);
    if (op === 0) {
      const i = rnd(list.length);
      dataset[set](i, record);
      list[i] = record;
    } else if (op === 1) {
      const added = [record, pool[kind][rnd(pool[kind].length)]].slice(0, 1 + rnd(2));
      assert.equal(dataset[append](added), list.push(...added));
    } else {
      const i = rnd(list.length), n = rnd(list.length - i + 1);
      if (n === 1 && rnd(2)) dataset[remove](i); else dataset[remove](i, n);
      list.splice(i, n);
    }
    if (step === 30) {
      arrays.quotas = { companyTarget: 5000, reps: [{ owner: 'ana', quota: 2000 }] };
      dataset.setQuotas(arrays.quotas);
    }
    assert.deepEqual([dataset.dealCount, dataset.leadCount], [arrays.deals.length, arrays.leads.length]);
    const options = step % 2 ? q1 : { ...q1, groupBy: 'owner' };
    assert.deepEqual(dataset.compute(options), computeMetrics(arrays, options), `step ${step}`);
  }
  const before = dataset.compute(q1);
  const refused = (f, code, path) => assert.throws(f, (e) => {
    assert.ok(e instanceof PipescoreInputError, e.name);
    assert.deepEqual([e.code, e.path], [code, path]);
    return true;
  });
  const n = dataset.dealCount;
  refused(() => dataset.setDeal(1, { closeDate: 'someday' }), 'INVALID_SHAPE', '$.deals[1].closeDate');
  refused(() => dataset.appendDeals([{}, { amount: 'lots' }]), 'INVALID_SHAPE', `$.deals[${n + 1}].amount`);
  refused(() => dataset.appendDeals({ owner: 'ana' }), 'INVALID_SHAPE', '$.deals');
  refused(() => dataset.setLead(0, { mqlAt: 'soon' }), 'INVALID_SHAPE', '$.leads[0].mqlAt');
  refused(() => dataset.setQuotas({ reps: 'ana' }), 'INVALID_SHAPE', '$.quotas.reps');
  refused(() => dataset.setDeal(n, {}), 'INVALID_INDEX', '$');
  refused(() => dataset.removeLeads(0, dataset.leadCount + 1), 'INVALID_INDEX', '$');
  refused(() => dataset.removeDeals(-1), 'INVALID_INDEX', '$');
  assert.match(thrown(() => dataset.setDeal(n, {})).message, new RegExp(`The dataset has no deal at index ${n}: it holds ${n} deals`));
  assert.deepEqual(dataset.compute(q1), before, 'a refused edit changes nothing');
  assert.equal(dataset.dealCount, n);
  dataset.setQuotas(null);
  assert.deepEqual(dataset.compute(q1), computeMetrics({ deals: arrays.deals, leads: arrays.leads }, q1));
  dataset.free();
});

/** The same input behind a `toJSON`, which makes the package read it as JSON text, not as columns. */
const asJson = (value) => ({ toJSON: () => value });

/** The result of `f`, or the fields of the error it throws. */
const outcome = (f) => {
  try {
    return { result: f() };
  } catch (e) {
    return { error: { name: e.name, code: e.code, path: e.path, message: e.message } };
  }
};

/** A small seeded generator (xorshift32). */
function generator(seed) {
  let x = seed;
  const next = () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return { next, pick: (list) => list[Math.floor(next() * list.length)] };
}

/** Values a CRM record may carry in a member metrics reads, well-formed and not. */
const scalarValues = [
  () => null, () => undefined, () => 0, () => -0, () => 42, () => 1250.555, () => 1e21, () => NaN, () => Infinity,
  () => 1_709_251_200_000, () => 9e15, () => '', () => '  ', () => 'ana', () => 'Bo', () => '1250.50', () => '500',
  () => 'won', () => 'LOST', () => 'Closed Won', () => 'open', () => 'closed_won', () => 'negotiation', () => 'Demo',
  () => '2024-02-29', () => '2023-02-29', () => '2024-01-05T10:00:00Z', () => '2024-03-31T23:59:59.999Z',
  () => '2024-01-05T10:00:00+02:00', () => '2024-01-05 10:00', () => ' 2024-01-05', () => '2024-1-5', () => 'soon',
  () => '\ud800x', () => 'a\u0000b', () => 'Zoë', () => true, () => false, () => new Date('2024-02-04T12:00:00Z'),
  () => new Date(NaN), () => new Date(Date.UTC(10000, 0, 1)), () => ({ value: 3 }), () => [1], () => 10n,
];

/** A random record over `fields`, sometimes with a member metrics doesn't read. */
function randomRecord(g, fields, history) {
  const record = {};
  for (const field of fields) if (g.next() < 0.6) record[field] = g.pick(scalarValues)();
  if (g.next() < 0.3) record.activities = [{ type: 'call', at: '2024-01-05' }];
  if (history && g.next() < 0.5) {
    record.stageHistory = g.next() < 0.05 ? g.pick([null, 'demo', {}]) : Array.from({ length: Math.floor(g.next() * 4) }, () => {
      const entry = { stage: g.pick(['demo', 'Proposal', 'closed_won', '', null, 7]), enteredAt: g.pick(scalarValues)() };
      if (g.next() < 0.1) delete entry[g.pick(['stage', 'enteredAt'])];
      return g.next() < 0.02 ? g.pick([null, 'x', new Date()]) : entry;
    });
  }
  return record;
}

test('plain records read as columns give the results and errors JSON gives', () => {
  const dealFields = ['owner', 'source', 'segment', 'product', 'amount', 'createdAt', 'engagedAt', 'closeDate', 'stage', 'outcome'];
  const leadFields = ['owner', 'source', 'segment', 'createdAt', 'mqlAt', 'sqlAt', 'opportunityAt', 'wonAt', 'hot', 'firstContactAt'];
  const g = generator(20261125);
  let computed = 0;
  for (let run = 0; run < 300; run++) {
    // Mostly one bad value at most, so that most inputs compute.
    const bad = run % 3 === 0;
    const records = (fields, history) => Array.from({ length: Math.floor(g.next() * 8) }, () => {
      const record = randomRecord(g, fields, history);
      if (bad) return record;
      for (const [key, value] of Object.entries(record)) {
        const error = outcome(() => computeMetrics(asJson({ deals: history ? [{ [key]: value }] : [], leads: history ? [] : [{ [key]: value }] })));
        if (error.error) delete record[key];
      }
      return record;
    });
    const input = { deals: records(dealFields, true), leads: records(leadFields, false), quotas: g.next() < 0.2 ? quotas() : undefined };
    for (const options of [q1, { now, period: 'all', groupBy: 'owner' }]) {
      const columns = outcome(() => computeMetrics(input, options));
      assert.deepEqual(columns, outcome(() => computeMetrics(asJson(input), options)), JSON.stringify(input, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
      if (columns.result) computed++;
    }
    assert.deepEqual(outcome(() => new MetricsDataset(input).compute(q1)), outcome(() => computeMetrics(asJson(input), q1)));
  }
  assert.ok(computed > 300, `only ${computed} inputs computed`);
});

test('columns read only the members metrics use; JSON reads them all', () => {
  let reads = 0;
  const deal = { owner: 'ana', amount: 100, createdAt: '2024-01-05', outcome: 'won', closeDate: '2024-02-01' };
  Object.defineProperty(deal, 'activities', { enumerable: true, get: () => { reads++; return [{ type: 'call' }]; } });
  assert.equal(computeMetrics({ deals: [deal] }, q1).won.count, 1);
  assert.equal(reads, 0);
  assert.equal(computeMetrics(asJson({ deals: [deal] }), q1).won.count, 1);
  assert.equal(reads, 1);
  // A member whose value needs JSON (an object where text belongs) sends the whole input that way.
  assert.throws(() => computeMetrics({ deals: [deal, { owner: { name: 'ana' } }] }, q1),
    (e) => e instanceof PipescoreInputError && e.path === '$.deals[1].owner');
  assert.equal(reads, 2);
  // So members metrics don't read may hold what JSON can't write: a BigInt, a cycle.
  const crm = { owner: 'ana', amount: 100, outcome: 'won', closeDate: '2024-02-01', externalId: 10n };
  crm.self = crm;
  assert.equal(computeMetrics({ deals: [crm] }, q1).won.count, 1);
});

test('options.filter keeps the deals and leads of an owner, source or segment', () => {
  const ana = computeMetrics(input(), { ...q1, filter: { owner: 'ana' } });
  const anaOnly = computeMetrics({ deals: deals().filter((d) => d.owner === 'ana'), leads: [], quotas: quotas() }, q1);
  assert.deepEqual(ana.won, anaOnly.won);
  assert.deepEqual(ana.lost, anaOnly.lost);
  assert.deepEqual(ana.pipeline.count, anaOnly.pipeline.count);
  const webinar = new MetricsDataset(input()).compute({ ...q1, filter: { source: ['Webinar'] } });
  assert.deepEqual(webinar.won, { count: 2, value: 3200.15 });
  assert.equal(webinar.funnel.stages[0].count, 1, 'leads are filtered by source too');
  assert.throws(() => computeMetrics(input(), { filter: { ownr: 'ana' } }), (e) => e instanceof PipescoreInputError && e.path === '$.filter.ownr');
});

test('the example of docs/metrics.md gives the figures the page explains', () => {
  const readmeDeals = [
    { owner: 'ana', amount: 1200.10, createdAt: '2024-01-05', closeDate: '2024-02-04', stage: 'closed_won',
      stageHistory: [{ stage: 'discovery', enteredAt: '2024-01-05' }, { stage: 'demo', enteredAt: '2024-01-15' }] },
    { owner: 'ana', amount: '800.45', createdAt: '2024-01-10', closeDate: '2024-02-20', stage: 'Closed Lost' },
    { owner: 'bo', amount: 2000.05, createdAt: '2024-01-20', closeDate: '2024-03-01', outcome: 'won' },
    { owner: 'bo', amount: 5000, createdAt: '2024-02-01', closeDate: '2024-03-28', stage: 'negotiation' },
    { owner: 'ana', amount: 3000, createdAt: '2024-02-10', closeDate: '2024-03-20', stage: 'demo' },
  ];
  const readmeLeads = [
    { source: 'Webinar', createdAt: '2024-01-03', mqlAt: '2024-01-04', sqlAt: '2024-01-10', hot: true, firstContactAt: '2024-01-03T00:30:00Z' },
    { source: 'Ads', createdAt: '2024-02-01', hot: true },
  ];
  const readmeQuotas = { reps: [{ owner: 'ana', quota: 10000 }, { owner: 'bo', quota: 6000, startDate: '2023-10-15' }] };
  const m = computeMetrics({ deals: readmeDeals, leads: readmeLeads, quotas: readmeQuotas },
    { now: new Date('2024-03-15'), period: 'this_quarter', groupBy: 'owner', pipeline: new Pipeline() });
  assert.deepEqual(Object.keys(m), ['period', 'groupBy', 'won', 'lost', 'winRate', 'dealSize', 'salesCycle', 'stageConversion', 'daysInStage',
    'funnel', 'pipeline', 'pipelineCreated', 'forecast', 'velocity', 'coverage', 'responseSla', 'quotas', 'sources', 'groups']);
  assert.deepEqual(m.winRate.byValue, rate(0.799917512373144, 3200.15, 4000.6));
  assert.deepEqual([m.dealSize, m.salesCycle, m.stageConversion.deals], [{ count: 2, mean: 1600.08, median: 1600.08 }, { count: 2, mean: 35.5, median: 35.5 }, 1]);
  assert.deepEqual(m.daysInStage[2], { stage: 'demo', label: 'Demo', deals: 1, averageDays: 20, expectedDays: 10 });
  assert.deepEqual([m.funnel.stages[1].count, m.funnel.overall], [1, rate(0, 0, 2)]);
  assert.deepEqual([m.pipeline.byStage[2].averageAgeDays, m.pipeline.byStage[4].averageAgeDays, m.pipelineCreated], [34, 43, { count: 5, value: 12000.6 }]);
  assert.deepEqual(m.forecast.scenarios, { worst: 8200.15, likely: 9400.15, best: 11200.15 });
  assert.deepEqual([m.velocity.perDay, m.velocity.perPeriod, m.coverage.ratio.value, m.coverage.guideline], [60.1, 5468.82, 0.8163390255973306, 'belowGuideline']);
  assert.deepEqual([m.responseSla.withinSla, m.responseSla.breached, m.quotas.rampedCapacity, m.quotas.attainment.value], [1, 1, 13000, 0.24616538461538462]);
  assert.deepEqual(m.sources.map((s) => [s.source, s.leads, s.wonDeals, s.wonRevenue]), [['Ads', 1, 0, 0], ['Webinar', 1, 0, 0], [null, 0, 2, 3200.15]]);
  assert.deepEqual(m.groups.map((g) => [g.key, g.metrics.won.value, g.metrics.coverage.remainingQuota, g.metrics.coverage.guideline]),
    [['ana', 1200.1, 8799.9, 'belowGuideline'], ['bo', 2000.05, 999.95, 'aboveGuideline'], [null, 0, null, null]]);
});

/** The Maven Analytics CRM opportunities, next to the repository (skipped when absent). */
const mavenCsv = process.env.PIPESCORE_REPO && join(process.env.PIPESCORE_REPO, '..', 'shared', 'data', 'crm', 'maven', 'sales_pipeline.csv');

test('Maven CRM opportunities: won count, won total, win rate and median cycle match plain loops', (t) => {
  if (!mavenCsv || !existsSync(mavenCsv)) {
    t.skip(`Maven data not found at ${mavenCsv ?? '$PIPESCORE_REPO/../shared/data/crm/maven/sales_pipeline.csv'} (set PIPESCORE_REPO)`);
    return;
  }
  const [header, ...lines] = readFileSync(mavenCsv, 'utf8').split(/\r?\n/).filter(Boolean);
  assert.equal(header, 'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value');
  const rows = lines.map((line) => line.split(','));
  const deals = rows.map(([id, agent, product, , stage, engage, close, value]) => ({
    id, owner: agent, product, stage, engagedAt: engage || null, closeDate: close || null, amount: value === '' ? null : Number(value),
  }));
  let won = 0;
  let lost = 0;
  let wonCents = 0;
  const cycles = [];
  for (const [, , , , stage, engage, close, value] of rows) {
    if (stage === 'Lost') lost += 1;
    if (stage !== 'Won') continue;
    won += 1;
    wonCents += Number(value) * 100;
    cycles.push((Date.parse(`${close}T00:00:00Z`) - Date.parse(`${engage}T00:00:00Z`)) / 86_400_000);
  }
  cycles.sort((a, b) => a - b);
  const mid = cycles.length >> 1;
  const median = cycles.length % 2 ? cycles[mid] : (cycles[mid - 1] + cycles[mid]) / 2;

  const m = computeMetrics({ deals }, { now: '2018-01-01', cycleStart: 'engaged' });
  assert.equal(rows.length, 8800);
  assert.equal(m.won.count, won);
  assert.equal(m.lost.count, lost);
  assert.equal(m.won.value, wonCents / 100);
  assert.equal(m.winRate.byCount.value, won / (won + lost));
  assert.equal(m.salesCycle.median, median);
  t.diagnostic(`Maven: ${won} won, ${lost} lost, won total ${(wonCents / 100).toFixed(2)}, win rate ${(won / (won + lost)).toFixed(4)}, median cycle ${median} days`);
});
