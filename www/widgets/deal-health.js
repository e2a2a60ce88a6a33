// <pipescore-deal-health>: a deal's health score as a gauge, its band and warnings, the top
// factors with their reasons and suggested actions, and the current stage's exit criteria as a
// checklist.
//
//   Properties (and attributes): deal (JSON), config (JSON, a health config laid over the
//   default), pipeline (a Pipeline or its config, JSON as an attribute), now (ISO-8601),
//   topFactors (attribute top-factors; default 3).
//   Read-only: report (the DealHealthReport), check (the stage DealCheck).
//   Events: pipescore-health (detail: the DealHealthReport), pipescore-error (detail: the error).
import { DealHealth, Pipeline } from './pipescore.js';
import { h, plural, render } from './dom.js';
import { gauge } from './charts.js';
import { PipescoreElement } from './element.js';
import { checklist, dealHeader } from './parts.js';

/** Display names and tones of the health bands. */
export const BANDS = {
  healthy: { label: 'Healthy', tone: 'good' },
  at_risk: { label: 'At risk', tone: 'warn' },
  critical: { label: 'Critical', tone: 'bad' },
  closed: { label: 'Closed', tone: 'muted' },
  unscored: { label: 'Not scored', tone: 'muted' },
};
const SEVERITY_TONES = { critical: 'bad', warning: 'warn', info: 'muted' };

/** The `<pipescore-deal-health>` element. */
export class DealHealthElement extends PipescoreElement {
  static properties = {
    deal: { type: 'json' },
    config: { type: 'json' },
    pipeline: { type: 'json' },
    now: { type: 'string' },
    topFactors: { type: 'number', attribute: 'top-factors' },
  };

  update() {
    this.report = null;
    this.check = null;
    if (!this.deal) {
      render(this, h('p', { class: 'ps-empty' }, 'No deal to show.'));
      return;
    }
    const pipelineConfig = this.pipeline ?? null;
    const health = this.cached('health', [this.config, pipelineConfig], () => new DealHealth(this.config ?? null, pipelineConfig));
    const pipeline = this.cached('pipeline', [pipelineConfig], () => new Pipeline(pipelineConfig));
    const options = this.evaluationOptions;
    this.report = health.score(this.deal, options);
    this.check = pipeline.check(this.deal, options);
    render(this, this.view(this.deal, this.report, this.check));
    this.emit('pipescore-health', this.report);
  }

  view(deal, report, check) {
    const band = BANDS[report.band] ?? BANDS.unscored;
    const top = report.factors.filter((f) => f.impact > 0).slice(0, this.topFactors ?? 3);
    const scoreText = report.score == null ? 'not scored' : `${report.score} of 100`;
    return h('article', { class: 'ps-card ps-health', 'aria-label': `Deal health: ${deal.name ?? deal.id ?? 'deal'}` },
      dealHeader(deal, check),
      h('div', { class: 'ps-health-summary' },
        gauge(report.score, { tone: band.tone, label: `Health score ${scoreText}, ${band.label.toLowerCase()}` }),
        h('div', { class: 'ps-health-verdict' },
          h('p', { class: 'ps-band-line' }, h('span', { class: `badge tone-bg-${band.tone}` }, band.label), ' ',
            h('span', { class: 'muted' }, `Health score ${scoreText}`)),
          warnings(report.warnings))),
      h('section', { class: 'ps-section' },
        h('h3', {}, 'What is holding it back'),
        top.length
          ? h('ol', { class: 'ps-factors' }, top.map(factor))
          : h('p', { class: 'muted' }, report.band === 'closed' ? 'The deal is closed.' : 'Nothing: every signal is at full marks.')),
      stageChecklist(check));
  }
}

function warnings(list) {
  if (!list.length) return h('p', { class: 'muted ps-no-warnings' }, 'No warnings.');
  return h('ul', { class: 'ps-warnings', 'aria-label': 'Warnings' },
    list.map((w) => h('li', {}, h('span', { class: `badge small tone-bg-${SEVERITY_TONES[w.severity] ?? 'muted'}` }, w.severity), ' ', w.message)));
}

function factor(f) {
  return h('li', { class: 'ps-factor' },
    h('div', { class: 'ps-factor-head' },
      h('strong', {}, f.label),
      h('span', { class: 'ps-impact', title: 'Score points lost to this signal' }, `−${f.impact} pts`)),
    h('p', { class: 'ps-reason' }, f.reason),
    f.action && h('p', { class: 'ps-action' }, h('span', { class: 'visually-hidden' }, 'Suggested action: '), f.action));
}

function stageChecklist(check) {
  const { exit, stage } = check;
  const items = [...exit.unmet, ...exit.met];
  if (stage.outcome || !items.length) return null;
  const required = items.filter((c) => c.severity === 'required');
  const met = required.filter((c) => c.passed).length;
  return h('section', { class: 'ps-section' },
    h('h3', {}, `Exit criteria for ${stage.label}`),
    h('p', { class: 'muted' }, `${met} of ${plural(required.length, 'required criterion', 'required criteria')} met`),
    checklist(items));
}

DealHealthElement.define('pipescore-deal-health');
