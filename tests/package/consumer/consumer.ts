// Type-checked with `tsc --strict` against the packed package (tests/package/run.mjs).
// It is never run: it proves that the published .d.ts describes the API precisely.
import { version, PipescoreError, PipescoreConfigError, PipescoreInputError } from 'pipescore';
import { LeadScorer } from 'pipescore';
import { Pipeline } from 'pipescore';
import { DealHealth, DealSet } from 'pipescore';
import { computeMetrics, MetricsDataset, Rule } from 'pipescore';
import type { MetricsFilter, RuleExplanation } from 'pipescore';
import { LeadScorer as LeanScorer, Pipeline as LeanPipelineType } from 'pipescore/lead';
import type { LeadScore as LeanScore } from 'pipescore/lead';
import type { MetricsDeal, MetricsFigures, MetricsInput, MetricsLead, MetricsOptions, MetricsRate, MetricsResult, MetricsStageSpec, QuotaReport } from 'pipescore';
import type { DealHealthError, DealHealthReport, HealthBand, HealthConfig, HealthDeal, HealthFactor, HealthWarningId } from 'pipescore';
import type { DealCheck, DealRecord, HandoffCheck, MoveCheck, MoveReason, PipelineConfig, PipelineSpec, SlaStatus, StageInfo } from 'pipescore';
import type { Lead, LeadScore, LeadScoreError, MatrixGrade, ScoreContribution, ScoringModel } from 'pipescore';

const v: string = version();

function describe(err: unknown): string {
  if (err instanceof PipescoreConfigError || err instanceof PipescoreInputError) {
    const code: string = err.code;
    const path: string = err.path;
    return `${err.name} ${code} at ${path}: ${err.message}`;
  }
  return err instanceof PipescoreError ? err.message : String(err);
}

// Lead scoring: a custom model, the default one, a lead, a batch and partial mode.
const model: ScoringModel = {
  groups: [
    { id: 'fit', type: 'fit', cap: { max: 50 }, rules: [{ id: 'vp', points: 15, when: { contains: [{ var: 'jobTitle' }, 'vp'] } }] },
    {
      id: 'eng', type: 'engagement', timeframeDays: 90, decay: { type: 'stepwise', rate: 0.5, periodDays: 30 },
      rules: [{ id: 'pricing', points: 10, event: ['page_view'], where: { contains: [{ var: 'url' }, '/pricing'] }, frequency: 'perOccurrence', maxOccurrences: 3 }],
    },
  ],
  weights: { fit: 1, engagement: 1 },
  cap: { min: 0, max: 100 },
  grades: { fit: { A: 30, B: 20, C: 10 }, engagement: { '1': 30, '2': 20, '3': 10 } },
  lifecycle: { default: 'lead', stages: [{ stage: 'mql', minScore: 60, minFit: 20 }] },
};
const scorer = new LeadScorer(model);
const lead: Lead = { email: 'dana@acme.io', employees: 240, events: [{ type: 'page_view', url: '/pricing', at: new Date() }] };
const scored: LeadScore = scorer.score(lead, { now: '2026-11-24', mode: 'partial' });
const grade: MatrixGrade = scored.grade;
const top: ScoreContribution | undefined = scored.contributions[0];
const batch: Array<LeadScore | LeadScoreError> = new LeadScorer().scoreMany([lead, {}], { now: Date.now() });
const firstError: string | undefined = batch.map((r) => ('error' in r ? r.error.path : undefined)).find(Boolean);
const defaults: ScoringModel = LeadScorer.defaultModel();
scorer.free();

// Stage gates: the default pipeline, a custom config, a check, a move and a handoff.
const gatesConfig: PipelineConfig = {
  pipelines: [{
    id: 'smb', label: 'SMB',
    stages: [
      { id: 'new', label: 'New', probability: 0.1, forecastCategory: 'pipeline', expectedDays: 7,
        exit: [{ id: 'budget', rule: { filled: { var: 'budget' } }, message: 'Ask for the budget', severity: 'required' }] },
      { id: 'won', label: 'Won', probability: 1, forecastCategory: 'closed', outcome: 'won', requiredFields: ['finalAmount'] },
      { id: 'lost', label: 'Lost', probability: 0, forecastCategory: 'omitted', outcome: 'lost' },
    ],
    rules: { allowSkip: false, creationStages: ['new'] },
    handoffs: [{ id: 'ae_to_cs', label: 'AE → CS', from: 'ae', to: 'cs', sla: { startField: 'wonAt', doneField: 'kickoffAt', within: { hours: 24 } } }],
  }],
};
const gates = new Pipeline(gatesConfig);
const deal: DealRecord = { stage: 'new', pipeline: 'smb', amount: 1200, contacts: [{ name: 'Ada', role: 'champion' }], budget: '1-2k' };
const checked: DealCheck = new Pipeline().check(deal, { now: new Date() });
const exitDone: number = checked.exit.completeness;
const moved: MoveCheck = gates.checkMove(deal, 'won', { now: '2026-11-24' });
const firstReason: MoveReason | undefined = moved.reasons[0];
const reasonKind: string | undefined = firstReason?.criterion ?? firstReason?.field ?? firstReason?.kind;
const handoff: HandoffCheck = gates.checkHandoff('ae_to_cs', { pipeline: 'smb', wonAt: Date.now() });
const slaStatus: SlaStatus | undefined = handoff.sla?.status;
const table: StageInfo[] = gates.stages('smb');
const defaultPipeline: PipelineSpec = Pipeline.defaultConfig();
gates.free();

// Deal health: the default config, an override, a pipeline config, a deal, a batch and the
// per-signal detail types.
const healthConfig: HealthConfig = DealHealth.defaultConfig();
const health = new DealHealth({ signals: { last_activity: { zeroDays: 30 } }, warnings: { ghosted: { enabled: false } } }, gatesConfig);
const healthDeal: HealthDeal = {
  id: 'D-1', stage: 'new', pipeline: 'smb', createdAt: new Date(), closeDate: '2026-12-01', closeDatePushes: 1,
  contacts: [{ name: 'Ada', role: 'champion', engaged: true }], activities: [{ type: 'call', at: Date.now(), contact: 'Ada' }],
  nextStep: 'Demo', nextStepDate: '2026-11-30',
};
const report: DealHealthReport = health.score(healthDeal, { now: '2026-11-24', topFactors: 3 });
const healthScore: number | null = report.score;
const band: HealthBand = report.band;
const factor: HealthFactor | undefined = report.factors[0];
const idle: number | null | undefined = factor?.signal === 'last_activity' ? factor.detail.daysSinceLastActivity : undefined;
const warningIds: HealthWarningId[] = report.warnings.map((w) => w.id);
const reports: Array<DealHealthReport | DealHealthError> = new DealHealth(healthConfig).scoreMany([healthDeal], { now: Date.now(), explain: false });
const healthErrorPath: string | undefined = reports.map((r) => ('error' in r ? r.error.path : undefined)).find(Boolean);
const dealSet = new DealSet([healthDeal, { stage: 'demo' }]);
const setSize: number = dealSet.length;
const rescored: Array<DealHealthReport | DealHealthError> = health.scoreMany(dealSet, { now: new Date(), explain: false });
dealSet.set(1, { stage: 'proposal', closeDate: '2026-12-01' });
const grownTo: number = dealSet.append([healthDeal]);
dealSet.remove(0);
dealSet.remove(0, 2);
// @ts-expect-error set replaces one deal: it takes an index and a deal
dealSet.set([healthDeal]);
dealSet.free();
health.free();

// Pipeline metrics: records as a CRM holds them (dates as Date / text / ms, amounts as text), a
// gates deal and a health deal as they are, the three ways to give a stage table, and the result.
const metricsDeals: MetricsDeal[] = [
  { owner: 'ana', amount: '1250.50', createdAt: new Date(), closeDate: '2026-12-01', stage: 'Closed Won', crmId: 17 },
  { owner: 42, amount: 900, engagedAt: Date.now(), outcome: 'lost', stageHistory: [{ stage: 'demo', enteredAt: '2026-10-01' }] },
  deal,
  healthDeal,
];
const metricsLeads: MetricsLead[] = [{ source: 'Webinar', createdAt: '2026-11-01', mqlAt: new Date(), hot: true, firstContactAt: null }];
const metricsInput: MetricsInput = {
  deals: metricsDeals, leads: metricsLeads,
  quotas: { companyTarget: 100000, salesShare: 0.8, reps: [{ owner: 'ana', startDate: '2026-06-01' }, { owner: 'bo', quota: '40000' }], ramp: [0, 0.5] },
};
const customStages: MetricsStageSpec[] = [
  { id: 'open', probability: 0.3, category: 'best_case' },
  { id: 'signed', label: 'Signed', probability: 1, forecastCategory: 'closed', order: 1, outcome: 'won' },
];
const metricsOptions: MetricsOptions = { now: '2026-11-24', period: { start: '2026-10-01', end: new Date('2027-01-01') }, groupBy: 'owner', cycleStart: 'engaged', responseSlaMinutes: 30 };
const metrics: MetricsResult = computeMetrics(metricsInput, metricsOptions);
computeMetrics({ deals: metricsDeals }, { period: 'this_quarter', pipeline: new Pipeline() });
computeMetrics({ deals: metricsDeals }, { period: 'lastMonth', pipeline: gatesConfig });
computeMetrics({ deals: metricsDeals }, { stages: table }); // gates.stages('smb')
computeMetrics({}, { stages: customStages, groupBy: null });
// @ts-expect-error groupBy is one of the listed breakdowns
computeMetrics({}, { groupBy: 'region' });
// @ts-expect-error a stage row names its category once
computeMetrics({}, { stages: [{ id: 'x', probability: 0.5, category: 'commit', forecastCategory: 'commit' }] });
const winRate: MetricsRate = metrics.winRate.byCount;
const winRateValue: number | null = winRate.value;
const whyNoRate: string | undefined = winRate.reason;
const likely: number = metrics.forecast.scenarios.likely;
const guideline: 'belowGuideline' | 'withinGuideline' | 'aboveGuideline' | null = metrics.coverage.guideline;
const quotaReport: QuotaReport | undefined = metrics.quotas;
const anaAttainment: number | null | undefined = quotaReport?.reps[0]?.attainment.value;
const firstGroup: MetricsFigures | undefined = metrics.groups[0]?.metrics;
const groupKey: string | null | undefined = metrics.groups[0]?.key;
const funnelStage: 'lead' | 'mql' | 'sql' | 'opportunity' | 'won' | undefined = metrics.funnel.steps[0]?.to;
const sourceRevenue: number[] = metrics.sources.map((s) => s.wonRevenue);
const unknownStage: string | null | undefined = metrics.forecast.unknownStages[0]?.stage;

export { v, describe, grade, top, firstError, defaults, exitDone, reasonKind, slaStatus, table, defaultPipeline };
export { healthScore, band, idle, warningIds, healthErrorPath };
export { winRateValue, whyNoRate, likely, guideline, anaAttainment, firstGroup, groupKey, funnelStage, sourceRevenue, unknownStage };

// A dataset read once, recomputed with filters; a Pipeline passed where a config is accepted.
const dataset = new MetricsDataset({ deals: [{ owner: 'ana', amount: 10, closeDate: '2024-01-02', outcome: 'won' }] });
const byOwner: MetricsFilter = { owner: ['ana', 'bo'], product: 'core' };
const filteredWon: number = dataset.compute({ now: new Date(), filter: byOwner }).won.value;
const dealCount: number = dataset.dealCount;
dataset.setDeal(0, { owner: 'bo', amount: '12.50', closeDate: new Date(), outcome: 'lost' });
const dealsNow: number = dataset.appendDeals([{ owner: 'ana' }]);
dataset.removeDeals(0, 1);
const leadsNow: number = dataset.appendLeads([{ source: 'Webinar', mqlAt: '2024-01-03' }]);
dataset.setLead(0, { hot: true });
dataset.removeLeads(0);
dataset.setQuotas({ companyTarget: 1000 });
dataset.setQuotas(null);
// @ts-expect-error a lead's hot flag is a boolean
dataset.setLead(0, { hot: 'yes' });
const healthWithPipeline = new DealHealth(null, new Pipeline());
const pipelineConfig: PipelineConfig = new Pipeline().toJSON();
// Rules: compile once, explain with typed failures.
const rule = new Rule({ rule: { filled: { var: 'budgetRange' } }, label: 'Budget known' });
const why: RuleExplanation = rule.explain({ budgetRange: '' }, { now: Date.now() });
const failedFields: string[] = why.failures.flatMap((f) => f.fields);
const ruleFields: readonly string[] = rule.fields;
// @ts-expect-error a rule value is JSON, not a function
new Rule(() => true);
export { filteredWon, dealCount, healthWithPipeline, pipelineConfig, failedFields, ruleFields };

// pipescore/lead: the same types, only Rule and LeadScorer as values.
const leanScore: LeanScore = new LeanScorer().score({ jobTitle: 'CEO' }, { now: new Date() });
// @ts-expect-error Pipeline is not in the lean build (a type only)
new LeanPipelineType();
export { leanScore };
