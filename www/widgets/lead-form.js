// <pipescore-lead-form>: wraps an existing <form> and scores the lead live as its fields change:
// score, grade, lifecycle recommendation and the rules that fired.
//
//   Markup: any <form> inside the element. Each named field is a lead field (see readLead);
//   the result is drawn into the descendant marked data-pipescore-result, else after the form.
//   Properties (and attributes): config (JSON, a scoring model; the default model when
//   omitted), lead (JSON, known data merged under the form's values, e.g. tracked events),
//   now (ISO-8601).
//   Read-only: result (the LeadScore), currentLead (the lead scored).
//   Method: refresh() re-reads the form (after changing values from script).
//   Events: pipescore-score (detail: the LeadScore, on every change), pipescore-error.
import { LeadScorer } from './pipescore.js';
import { h, plural, render } from './dom.js';
import { bars, gauge } from './charts.js';
import { PipescoreElement } from './element.js';

const FIT = { A: 'strong fit', B: 'good fit', C: 'weak fit', D: 'poor fit' };
const ENGAGEMENT = { 1: 'very engaged', 2: 'engaged', 3: 'a little engaged', 4: 'not engaged yet' };
/** What each lifecycle stage of the default model means for the person who gets the lead. */
export const LIFECYCLE = {
  lead: { label: 'Lead', advice: 'Keep nurturing with marketing.', tone: 'muted' },
  mql: { label: 'MQL', advice: 'Marketing qualified: route to an SDR for follow-up.', tone: 'warn' },
  sql: { label: 'SQL', advice: 'Sales ready: offer a meeting with an account executive now.', tone: 'good' },
};

/**
 * Reads a lead from a form: every enabled, named field becomes `lead[name]`. Number inputs
 * (and fields with `data-type="number"`) become numbers, checkboxes booleans; a checked
 * checkbox named `events` adds an event `{ type: its value, at: now }`. Empty fields are left out.
 */
export function readLead(form, now = new Date()) {
  const lead = {};
  const events = [];
  const at = new Date(now).toISOString();
  for (const field of form.elements) {
    const { name, type } = field;
    if (!name || field.disabled || ['button', 'submit', 'reset', 'fieldset'].includes(type)) continue;
    if (type === 'checkbox' && name === 'events') {
      if (field.checked) events.push({ type: field.value, at });
    } else if (type === 'checkbox') lead[name] = field.checked;
    else if (type === 'radio') {
      if (field.checked) lead[name] = field.value;
    } else {
      const text = field.value.trim();
      if (text === '') continue;
      lead[name] = type === 'number' || field.dataset.type === 'number' ? Number(text) : text;
    }
  }
  if (events.length) lead.events = events;
  return lead;
}

/** The `<pipescore-lead-form>` element. */
export class LeadFormElement extends PipescoreElement {
  static properties = {
    config: { type: 'json' },
    lead: { type: 'json' },
    now: { type: 'string' },
  };

  /** Re-reads the form and re-scores (for values changed from script, which fire no events). */
  refresh() {
    this.invalidate();
  }

  update() {
    const form = this.querySelector('form');
    if (!form) throw new Error('<pipescore-lead-form> needs a <form> inside it.');
    if (form !== this.form) this.bind(form);
    const model = this.config ?? null;
    const scorer = this.cached('scorer', [model], () => new LeadScorer(model));
    const grades = this.cached('grades', [model], () => (model ?? LeadScorer.defaultModel()).grades);
    const options = this.evaluationOptions;
    const known = this.lead ?? {};
    const fromForm = readLead(form, options.now);
    this.currentLead = { ...known, ...fromForm, events: [...(known.events ?? []), ...(fromForm.events ?? [])] };
    this.result = scorer.score(this.currentLead, { ...options, mode: 'partial' });
    render(this.output, resultView(this.result, grades));
    this.emit('pipescore-score', this.result);
  }

  /** Listens to `form` (input, change and reset) and sets up the result area. */
  bind(form) {
    this.form = form;
    const rescore = () => this.invalidate();
    form.addEventListener('input', rescore);
    form.addEventListener('change', rescore);
    form.addEventListener('reset', () => setTimeout(rescore)); // the fields are reset after the event
    this.output = this.querySelector('[data-pipescore-result]');
    if (!this.output) this.append((this.output = h('div', { class: 'ps-lead-result-host' })));
  }

  showError(error) {
    super.showError(error, this.output ?? this);
  }
}

/** The score card: gauge, grade, lifecycle advice, fit and engagement, and the rules that fired. */
function resultView(result, grades) {
  const stage = LIFECYCLE[result.lifecycle] ?? { label: result.lifecycle.toUpperCase(), advice: '', tone: 'muted' };
  const scale = Math.max(result.fit, result.engagement, grades.fit.A, grades.engagement['1']);
  const fired = result.contributions.map((c) => ({ ...c, shown: Math.round(c.decayed) })).filter((c) => c.shown !== 0)
    .sort((a, b) => Math.abs(b.shown) - Math.abs(a.shown));
  const shown = fired.slice(0, 8);
  const total = fired.reduce((sum, c) => sum + c.shown, 0);
  return h('section', { class: 'ps-card ps-lead-result', 'aria-label': 'Lead score' },
    h('div', { class: 'ps-lead-top' },
      gauge(result.score, { tone: stage.tone === 'muted' ? 'brand' : stage.tone, label: `Lead score ${result.score} of 100` }),
      h('div', { class: 'ps-lead-summary', 'aria-live': 'polite', 'aria-atomic': 'true' },
        h('p', { class: 'ps-grade' }, h('span', { class: 'visually-hidden' }, 'Grade '), h('span', { class: 'ps-grade-value' }, result.grade)),
        h('p', { class: 'ps-grade-text' }, `Fit ${result.fitGrade}: ${FIT[result.fitGrade]} · Engagement ${result.engagementGrade}: ${ENGAGEMENT[result.engagementGrade]}`),
        h('p', { class: 'ps-lifecycle' }, h('span', { class: `badge tone-bg-${stage.tone}` }, stage.label), ' ', stage.advice))),
    bars([
      { label: 'Fit', value: result.fit, display: `${result.fit} pts` },
      { label: 'Engagement', value: result.engagement, display: `${result.engagement} pts` },
    ], { max: scale, label: 'Fit and engagement points' }),
    h('h3', {}, 'Why this score'),
    shown.length
      ? h('ul', { class: 'ps-contributions' }, shown.map((c) => h('li', {},
        h('span', { class: `ps-points ${c.shown < 0 ? 'negative' : ''}` }, `${c.shown < 0 ? '−' : '+'}${Math.abs(c.shown)}`),
        h('span', {}, c.label))))
      : h('p', { class: 'muted' }, 'No rule applies yet: fill in the form.'),
    fired.length > shown.length && h('p', { class: 'muted small' }, `and ${plural(fired.length - shown.length, 'more rule')}`),
    total !== result.score && h('p', { class: 'muted small' }, `Points as each rule gives them; the model's caps bring the total to ${result.score}.`));
}

LeadFormElement.define('pipescore-lead-form');
