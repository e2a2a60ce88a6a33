// Pipeline dashboard: the sample deals and leads, filtered by owner, source and segment and
// measured for a period by computeMetrics — recomputed in the browser on every filter change.
import { computeMetrics, Pipeline } from '../widgets/pipescore.js';
import { bars, columns, funnel } from '../widgets/charts.js';
import { formatDate, h, money, percent, plural, render } from '../widgets/dom.js';
import { errorBox } from '../widgets/element.js';
import { deals, leads, now, openDeals, owners, quotas } from '../data/sample.js';

const form = document.getElementById('filters');
const STAGE_LABELS = Object.fromEntries(new Pipeline().stages().map((s) => [s.id, s.label]));
const FUNNEL_LABELS = { lead: 'Leads', mql: 'MQL', sql: 'SQL', opportunity: 'Opportunity', won: 'Won' };
const SOURCE_LABELS = { website: 'Website', referral: 'Referral', paid_search: 'Paid search', events: 'Events', outbound: 'Outbound', partner: 'Partner' };
const SEGMENT_LABELS = { smb: 'SMB', mid_market: 'Mid-market', enterprise: 'Enterprise' };
const GUIDELINE = { belowGuideline: ['Below the 3–4× guideline', 'warn'], withinGuideline: ['Within the 3–4× guideline', 'good'], aboveGuideline: ['Above the 3–4× guideline', 'brand'] };
/** The sample's quotas are quarterly: how many quarters each period preset spans. */
const QUARTERS = { this_quarter: 1, last_quarter: 1, this_month: 1 / 3, last_month: 1 / 3, this_year: 4, last_year: 4 };

const days = (n) => (n == null ? '—' : `${Math.round(n)} days`);
const label = (labels, key) => (key == null ? 'None' : labels[key] ?? key);

/** Fills a filter's options from `labels`. */
function options(select, labels) {
  for (const [value, text] of Object.entries(labels)) select.append(h('option', { value }, text));
}
options(form.elements.owner, Object.fromEntries(owners.map((o) => [o.owner, o.owner])));
options(form.elements.source, SOURCE_LABELS);
options(form.elements.segment, SEGMENT_LABELS);

/** The filters as chosen: `{ period, owner, source, segment }` (empty text: all). */
function filters() {
  return Object.fromEntries(['period', 'owner', 'source', 'segment'].map((name) => [name, form.elements[name].value]));
}

/** The quotas for the chosen period and scope: scaled from quarterly; one rep's for an owner; none for a source or segment. */
function quotasFor({ period, owner, source, segment }) {
  const factor = QUARTERS[period];
  if (!factor || source || segment) return null;
  const reps = quotas.reps.filter((r) => !owner || r.owner === owner).map((r) => ({ ...r, quota: r.quota * factor }));
  return { ...quotas, reps, companyTarget: owner ? null : quotas.companyTarget * factor };
}

/** Recomputes everything for the current filters and redraws the page. */
function update() {
  const chosen = filters();
  const keep = (record) => ['owner', 'source', 'segment'].every((field) => !chosen[field] || record[field] === chosen[field]);
  const input = { deals: deals.filter(keep), leads: leads.filter(keep), quotas: quotasFor(chosen) };
  try {
    const metrics = computeMetrics(input, { now, period: chosen.period });
    const trend = computeMetrics({ deals: input.deals }, { now, period: 'all', groupBy: 'quarter' });
    showScope(chosen, metrics, input);
    render(document.getElementById('kpis'), kpis(metrics));
    render(document.getElementById('forecast'), forecastView(metrics));
    render(document.getElementById('pipeline'), pipelineView(metrics));
    render(document.getElementById('conversion'), conversionView(metrics));
    render(document.getElementById('funnel'), funnelView(metrics));
    render(document.getElementById('trend'), trendView(trend, metrics.period));
    render(document.getElementById('stage-time'), stageTimeView(metrics));
    render(document.getElementById('reps'), repsView(metrics));
    render(document.getElementById('sources'), sourcesView(metrics));
    render(document.getElementById('deals'), dealsView(metrics.period, input.deals));
  } catch (error) {
    render(document.getElementById('kpis'), h('li', {}, errorBox(error)));
  }
}

function showScope(chosen, metrics, input) {
  const { start, end } = metrics.period;
  const when = start ? `${formatDate(start)} – ${formatDate(Date.parse(end) - 1)}` : 'all time';
  const who = [chosen.owner || 'all reps', chosen.source ? label(SOURCE_LABELS, chosen.source) : 'all sources', chosen.segment ? label(SEGMENT_LABELS, chosen.segment) : 'all segments'];
  document.getElementById('scope').textContent =
    `${form.elements.period.selectedOptions[0].textContent} (${when}) · ${who.join(' · ')} — ${plural(input.deals.length, 'deal')}, ${plural(input.leads.length, 'lead')} in scope.`;
}

/** One headline figure. */
function kpi(title, value, detail, tone) {
  return h('li', { class: `kpi${tone ? ` kpi-${tone}` : ''}` },
    h('span', { class: 'kpi-label' }, title),
    h('span', { class: 'kpi-value' }, value),
    h('span', { class: 'kpi-detail' }, detail));
}

function kpis(m) {
  const coverage = m.coverage.ratio;
  const [guideline, tone] = GUIDELINE[m.coverage.guideline] ?? [coverage.reason ?? '', null];
  return [
    kpi('Won', money(m.won.value, 'USD', { compact: true }), plural(m.won.count, 'deal')),
    kpi('Win rate', percent(m.winRate.byCount.value), m.winRate.byCount.reason ?? `${m.won.count} won, ${m.lost.count} lost · ${percent(m.winRate.byValue.value)} by value`),
    kpi('Average deal', money(m.dealSize.mean, 'USD', { compact: true }), m.dealSize.reason ?? `median ${money(m.dealSize.median, 'USD', { compact: true })}`),
    kpi('Sales cycle', days(m.salesCycle.mean), m.salesCycle.reason ?? `median ${days(m.salesCycle.median)}`),
    kpi('Open pipeline', money(m.pipeline.value, 'USD', { compact: true }), `${plural(m.pipeline.count, 'deal')} · weighted ${money(m.forecast.weighted, 'USD', { compact: true })}`),
    kpi('Coverage', coverage.value == null ? '—' : `${coverage.value.toFixed(1)}×`, guideline, tone),
    kpi('Velocity', m.velocity.perDay == null ? '—' : `${money(m.velocity.perDay, 'USD', { compact: true })}/day`,
      m.velocity.reason ?? (m.velocity.perPeriod == null ? 'expected revenue through the pipeline' : `${money(m.velocity.perPeriod, 'USD', { compact: true })} over the period`)),
    kpi('Quota attainment', percent(m.quotas?.attainment.value ?? null), m.quotas
      ? m.quotas.attainment.reason ?? `of ${money(m.quotas.rampedCapacity, 'USD', { compact: true })} ramped quota`
      : 'no quota for this selection'),
  ];
}

const compact = (value) => money(value, 'USD', { compact: true });

function forecastView(m) {
  const { scenarios, byCategory } = m.forecast;
  const quota = m.coverage.quota;
  return [
    bars([
      { label: 'Closed won', value: byCategory.closed, display: compact(byCategory.closed), tone: 'good' },
      { label: 'Worst case', value: scenarios.worst, display: compact(scenarios.worst) },
      { label: 'Likely', value: scenarios.likely, display: compact(scenarios.likely) },
      { label: 'Best case', value: scenarios.best, display: compact(scenarios.best) },
      quota != null && { label: 'Quota', value: quota, display: compact(quota), tone: 'muted' },
    ].filter(Boolean), { label: 'Forecast scenarios' }),
    h('p', { class: 'muted small chart-foot' },
      `Open by category: commit ${compact(byCategory.commit)} · best case ${compact(byCategory.bestCase)} · pipeline ${compact(byCategory.pipeline)}.`),
  ];
}

function pipelineView(m) {
  if (!m.pipeline.count) return h('p', { class: 'muted' }, 'No open deals expected to close in this period.');
  return bars(m.pipeline.byStage.map((row) => ({
    label: row.label ?? row.stage ?? 'No stage', value: row.value, display: compact(row.value),
    note: `${plural(row.count, 'deal')}${row.averageAgeDays == null ? '' : ` · average age ${days(row.averageAgeDays)}`}`,
  })), { label: 'Open pipeline by stage' });
}

function conversionView(m) {
  if (!m.stageConversion.deals) return h('p', { class: 'muted' }, 'No deals closed in this period.');
  return [
    bars(m.stageConversion.steps.map((step) => ({
      label: `${label(STAGE_LABELS, step.from)} → ${label(STAGE_LABELS, step.to)}`, value: step.rate.value ?? 0,
      display: percent(step.rate.value), note: `${step.rate.numerator} of ${step.rate.denominator}`,
    })), { max: 1, label: 'Stage conversion' }),
    h('p', { class: 'muted small chart-foot' }, `From ${plural(m.stageConversion.deals, 'closed deal')} with a stage history.`),
  ];
}

function funnelView(m) {
  const { stages, steps, overall } = m.funnel;
  if (!stages[0]?.count) return h('p', { class: 'muted' }, 'No leads created in this period.');
  return [
    funnel(stages.map((s) => ({ label: FUNNEL_LABELS[s.stage] ?? s.stage, value: s.count, display: s.count.toLocaleString('en-US') })), {
      rates: steps.map((step) => `↓ ${percent(step.rate.value)} became ${FUNNEL_LABELS[step.to]}`),
      label: 'Lead funnel',
    }),
    h('p', { class: 'muted small chart-foot' }, `Lead to customer: ${percent(overall.value, 1)}. Hot leads contacted within ${m.responseSla.slaMinutes} minutes: ${percent(m.responseSla.compliance.value)}.`),
  ];
}

function trendView(trend, period) {
  const inPeriod = (g) => period.start == null || (g.metrics.period.start >= period.start && g.metrics.period.start < period.end);
  const quarters = trend.groups.filter((g) => g.key != null && Date.parse(g.metrics.period.start) <= Date.parse(now)).slice(-8);
  return columns(quarters.map((g) => ({
    label: g.key.replace('-', ' '), value: g.metrics.won.value, display: compact(g.metrics.won.value), tone: inPeriod(g) ? 'brand' : 'muted',
  })), { label: 'Won revenue by quarter' });
}

function stageTimeView(m) {
  const rows = m.daysInStage.filter((s) => s.deals > 0);
  if (!rows.length) return h('p', { class: 'muted' }, 'No closed deals with a stage history in this period.');
  return bars(rows.map((s) => ({
    label: s.label, value: s.averageDays, display: days(s.averageDays),
    note: `expected ${days(s.expectedDays)} · ${plural(s.deals, 'deal')}`,
    tone: s.expectedDays && s.averageDays > 1.5 * s.expectedDays ? 'warn' : 'brand',
  })), { label: 'Average days in stage' });
}

/** A table: `head` cells (a `num` class right-aligns), `rows` of cells. */
function table(caption, head, rows) {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: 0 }, h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, head.map(([text, cls]) => h('th', { scope: 'col', class: cls }, text)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map(([text, cls], i) => (i === 0 ? h('th', { scope: 'row', class: cls }, text) : h('td', { class: cls }, text))))))));
}

function repsView(m) {
  if (!m.quotas) return h('p', { class: 'muted' }, 'Quotas are per rep: choose all sources and segments, and a bounded period.');
  return table('Quota attainment by rep', [['Rep'], ['Ramp', 'num'], ['Ramped quota', 'num'], ['Won', 'num'], ['Attainment', 'num']],
    m.quotas.reps.map((r) => [[r.owner], [percent(r.rampFactor), 'num'], [money(r.rampedQuota), 'num'], [money(r.won), 'num'],
      [r.attainment.value == null ? '—' : percent(r.attainment.value), `num ${r.attainment.value >= 1 ? 'good' : ''}`]]));
}

function sourcesView(m) {
  return table('Lead source performance', [['Source'], ['Leads', 'num'], ['Lead → opportunity', 'num'], ['Deals won', 'num'], ['Win rate', 'num'], ['Won revenue', 'num'], ['Hot-lead SLA', 'num']],
    m.sources.map((s) => [[label(SOURCE_LABELS, s.source)], [s.leads.toLocaleString('en-US'), 'num'], [percent(s.leadToOpportunity.value), 'num'],
      [String(s.wonDeals), 'num'], [percent(s.winRate.value), 'num'], [money(s.wonRevenue), 'num'], [percent(s.responseSla.compliance.value), 'num']]));
}

function dealsView(period, scoped) {
  const ids = new Set(scoped.map((d) => d.id));
  const inPeriod = (d) => period.start == null || (d.closeDate >= period.start.slice(0, 10) && d.closeDate < period.end.slice(0, 10));
  const top = openDeals.filter((d) => ids.has(d.id) && inPeriod(d)).sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0)).slice(0, 8);
  if (!top.length) return h('p', { class: 'muted' }, 'No open deals expected to close in this period.');
  return table('Largest open deals in the period', [['Deal'], ['Owner'], ['Stage'], ['Amount', 'num'], ['Expected close', 'num']],
    top.map((d) => [[d.name], [d.owner], [label(STAGE_LABELS, d.stage)], [money(d.amount), 'num'], [formatDate(d.closeDate), 'num']]));
}

form.addEventListener('change', update);
form.addEventListener('reset', () => setTimeout(update)); // the fields are reset after the event
update();
