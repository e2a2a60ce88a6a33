// Stage checklist demo: pick an open sample deal, see its gates in <pipescore-stage-checklist>,
// propose moves; the widget's events are logged as a CRM integration would receive them.
import { Pipeline } from '../widgets/pipescore.js';
import '../widgets/stage-checklist.js';
import { h, money, plural } from '../widgets/dom.js';
import { now, openDeals, showcase } from '../data/sample.js';

const widget = document.getElementById('checklist');
const picker = document.getElementById('deal-picker');
const log = document.getElementById('event-log');
const pipeline = new Pipeline();
const stages = pipeline.stages();
const labels = Object.fromEntries(stages.map((s) => [s.id, s.label]));

// One compiled pipeline for the page, shared with the widget.
widget.pipeline = pipeline;
widget.now = now;

for (const stage of stages.filter((s) => !s.outcome)) {
  const deals = openDeals.filter((d) => d.stage === stage.id);
  picker.append(h('optgroup', { label: `${stage.label} (${deals.length})` },
    deals.map((d) => h('option', { value: d.id, selected: d === showcase.atRisk }, `${d.name} · ${money(d.amount)}`))));
}

/** Shows the chosen deal. */
function choose() {
  const deal = openDeals.find((d) => d.id === picker.value);
  widget.deal = deal;
  document.getElementById('picker-note').textContent = `${deal.owner} · ${plural(deal.contacts.length, 'contact')} · ${plural(deal.activities.length, 'activity', 'activities')}`;
}

/** Adds a line to the event log (newest first, at most eight). */
function logEvent(type, text) {
  log.prepend(h('li', {}, h('code', {}, type), ' ', text));
  while (log.children.length > 8) log.lastChild.remove();
}

widget.addEventListener('pipescore-move-check', ({ detail }) =>
  logEvent('pipescore-move-check', `${labels[detail.from]} → ${labels[detail.to]}: ${detail.allowed ? 'allowed' : `blocked (${plural(detail.reasons.length, 'reason')})`}`));
widget.addEventListener('pipescore-move', ({ detail }) =>
  logEvent('pipescore-move', `${detail.deal.id} moved ${labels[detail.from]} → ${labels[detail.to]} (a CRM would save it here)`));
widget.addEventListener('pipescore-error', ({ detail }) => logEvent('pipescore-error', detail.message));
picker.addEventListener('change', choose);
choose();
