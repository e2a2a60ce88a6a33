// <pipescore-stage-checklist>: what a deal needs before it can leave its stage, where it stands
// on the whole pipeline, and whether a proposed move is allowed — with a move selector.
//
//   Properties (and attributes): deal (JSON), pipeline (a compiled Pipeline, or a pipeline
//   config as JSON), now (ISO-8601), proposedStage (attribute proposed-stage: the stage the
//   selector proposes first; default the next stage).
//   Read-only: check (the DealCheck), moveCheck (the MoveCheck of the proposed move).
//   Events: pipescore-check (detail: the DealCheck), pipescore-move-check (detail: the
//   MoveCheck, whenever the proposed stage changes), pipescore-move (cancelable; detail:
//   { deal, from, to, check } when the user confirms an allowed move — unless a listener calls
//   preventDefault(), the element then shows the deal in its new stage), pipescore-error.
import { Pipeline } from './pipescore.js';
import { h, plural, render } from './dom.js';
import { meter } from './charts.js';
import { PipescoreElement } from './element.js';
import { checklist, dealHeader, fieldLabel } from './parts.js';

let ids = 0;

/** The `<pipescore-stage-checklist>` element. */
export class StageChecklistElement extends PipescoreElement {
  static properties = {
    deal: { type: 'json' },
    pipeline: { type: 'json' },
    now: { type: 'string' },
    proposedStage: { type: 'string', attribute: 'proposed-stage' },
  };

  constructor() {
    super();
    this.uid = `ps-stage-${++ids}`;
  }

  /** The compiled pipeline: the one given, or compiled from the config given (or the default). */
  get compiledPipeline() {
    if (this.pipeline instanceof Pipeline) return this.pipeline;
    return this.cached('pipeline', [this.pipeline], () => new Pipeline(this.pipeline ?? null));
  }

  update() {
    this.check = null;
    this.moveCheck = null;
    if (!this.deal) {
      render(this, h('p', { class: 'ps-empty' }, 'No deal to show.'));
      return;
    }
    const pipeline = this.compiledPipeline;
    const check = pipeline.check(this.deal, this.evaluationOptions);
    const stages = pipeline.stages(check.pipeline);
    this.check = check;
    this.labels = Object.fromEntries(stages.map((s) => [s.id, s.label]));
    const focusKey = this.pendingFocus ?? (this.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null);
    this.notice = this.pendingFocus ? this.notice : null;
    this.pendingFocus = null;
    this.moveResult = h('div', { class: 'ps-move-result', id: `${this.uid}-result`, 'aria-live': 'polite' });
    render(this, this.view(this.deal, check, stages));
    this.emit('pipescore-check', check);
    this.proposeMove(this.select.value);
    if (focusKey) this.querySelector(`[data-focus-key="${focusKey}"]`)?.focus();
  }

  view(deal, check, stages) {
    const exitCriteria = [...check.exit.unmet, ...check.exit.met];
    const todo = check.exit.unmet.filter((c) => c.severity === 'required').length + check.requiredFields.filter((f) => !f.filled).length;
    const next = stages.find((s) => s.id === check.nextStage);
    return h('article', { class: 'ps-card ps-stages', 'aria-label': `Stage checklist: ${deal.name ?? deal.id ?? 'deal'}` },
      dealHeader(deal, check),
      stagePath(check, stages),
      h('section', { class: 'ps-section' },
        h('div', { class: 'ps-readiness' },
          h('h3', {}, check.stage.outcome ? `${check.stage.label}` : `Before leaving ${check.stage.label}`),
          readiness(check, next, todo)),
        meter(check.completeness, { label: `${check.stage.label} gates ${check.completeness}% complete` }),
        h('p', { class: 'ps-meter-caption' }, `${check.completeness}% of ${check.stage.label}'s required fields and criteria met`),
        h('p', { class: 'ps-guidance' }, check.guidance),
        exitCriteria.length ? checklist(exitCriteria) : null,
        fieldList('Required fields', check.requiredFields),
        check.entry.unmet.length ? [h('h4', {}, `Entry criteria of ${check.stage.label}`), checklist(check.entry.unmet)] : null),
      this.moveForm(check, stages));
  }

  moveForm(check, stages) {
    const choices = stages.filter((s) => s.id !== check.stage.id);
    const proposed = choices.find((s) => s.id === this.proposedStage) ?? choices.find((s) => s.id === check.nextStage) ?? choices[0];
    this.select = h('select', { id: `${this.uid}-to`, 'data-focus-key': 'to', 'aria-describedby': `${this.uid}-result`, onchange: () => this.proposeMove(this.select.value) },
      choices.map((s) => h('option', { value: s.id, selected: s === proposed }, s.label + (s.id === check.nextStage ? ' (next stage)' : ''))));
    this.moveButton = h('button', { type: 'submit', 'data-focus-key': 'move' }, 'Move deal');
    return h('form', { class: 'ps-section ps-move', 'aria-label': 'Propose a stage move', onsubmit: (event) => { event.preventDefault(); this.run(() => this.confirmMove()); } },
      h('h3', {}, 'Propose a move'),
      this.notice && h('p', { class: 'ps-notice', role: 'status' }, this.notice),
      h('div', { class: 'ps-move-controls' },
        h('div', {}, h('label', { for: `${this.uid}-to` }, 'Move to'), this.select),
        this.moveButton),
      this.moveResult);
  }

  /** Checks moving the deal to `stageId` and shows whether it is allowed and why not. */
  proposeMove(stageId) {
    this.run(() => {
      const move = this.compiledPipeline.checkMove(this.deal, stageId, this.evaluationOptions);
      this.moveCheck = move;
      const label = this.labels[stageId] ?? stageId;
      this.moveButton.disabled = !move.allowed;
      this.moveButton.textContent = `Move deal to ${label}`;
      render(this.moveResult, moveVerdict(move, label));
      this.emit('pipescore-move-check', move);
    }, this.moveResult);
  }

  /** Asks the page (cancelable `pipescore-move`) and, unless it says no, shows the deal in its new stage. */
  confirmMove() {
    const move = this.moveCheck;
    if (!move?.allowed) return;
    if (!this.emit('pipescore-move', { deal: this.deal, from: move.from, to: move.to, check: move }, { cancelable: true })) return;
    const now = new Date(this.now ?? Date.now()).toISOString();
    this.notice = `Moved from ${this.labels[move.from] ?? move.from} to ${this.labels[move.to] ?? move.to}.`;
    this.pendingFocus = 'to';
    this.deal = { ...this.deal, stage: move.to, stageEnteredAt: now, stageHistory: [...(this.deal.stageHistory ?? []), { stage: move.to, enteredAt: now }] };
    this.proposedStage = undefined;
  }
}

/** The pipeline's stages in order (lost stages apart), each with its gates' completeness. */
function stagePath(check, stages) {
  const progress = new Map(check.stages.map((s) => [s.id, s]));
  const current = stages.find((s) => s.id === check.stage.id);
  const path = stages.filter((s) => s.outcome !== 'lost' || s.id === current.id);
  return h('ol', { class: 'ps-path', 'aria-label': 'Pipeline stages' }, path.map((s) => {
    const state = s.id === current.id ? 'current' : s.order < current.order && current.outcome !== 'lost' ? 'passed' : 'ahead';
    return h('li', { class: `ps-path-step ps-path-${state}`, 'aria-current': state === 'current' ? 'step' : null },
      h('span', { class: 'ps-path-label' }, s.label),
      h('span', { class: 'ps-path-pct' }, `${progress.get(s.id)?.completeness ?? 0}%`,
        h('span', { class: 'visually-hidden' }, ' of its gates met')));
  }));
}

function readiness(check, next, todo) {
  if (check.stage.outcome) return h('span', { class: 'badge tone-bg-muted' }, 'Closed');
  if (check.readyToAdvance) return h('span', { class: 'badge tone-bg-good' }, `Ready for ${next?.label ?? 'the next stage'}`);
  return h('span', { class: 'badge tone-bg-warn' }, `${plural(todo, 'item')} to do before ${next?.label ?? 'moving on'}`);
}

function fieldList(title, fields) {
  if (!fields.length) return null;
  return [h('h4', {}, title), checklist(fields.map((f) => ({ label: fieldLabel(f.field), passed: f.filled, severity: 'required', message: `Fill in ${fieldLabel(f.field).toLowerCase()} (${f.field}).` })))];
}

/** Whether the move is allowed, and every reason it is not (and warnings that do not block). */
function moveVerdict(move, label) {
  const verdict = move.direction === 'stay'
    ? h('p', {}, h('span', { class: 'badge tone-bg-muted' }, 'No change'), ' The deal is already there.')
    : move.allowed
      ? h('p', {}, h('span', { class: 'badge tone-bg-good' }, 'Allowed'), ` The deal can move to ${label}.`)
      : h('p', {}, h('span', { class: 'badge tone-bg-bad' }, 'Blocked'), ` ${plural(move.reasons.length, 'thing')} to fix before moving to ${label}:`);
  return [
    verdict,
    move.reasons.length ? h('ul', { class: 'ps-reasons', 'aria-label': 'Blocking reasons' }, move.reasons.map((r) => h('li', {}, r.message))) : null,
    move.warnings.length ? [h('p', { class: 'muted' }, 'Recommended, not blocking:'), h('ul', { class: 'ps-warnings-list' }, move.warnings.map((w) => h('li', {}, w.message)))] : null,
  ];
}

StageChecklistElement.define('pipescore-stage-checklist');
