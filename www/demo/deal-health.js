// Deal health demo: every open sample deal scored in one scoreMany call, least healthy first;
// choosing one shows it in <pipescore-deal-health>.
import { DealHealth, Pipeline } from '../widgets/pipescore.js';
import { BANDS } from '../widgets/deal-health.js';
import { h, money, plural, render } from '../widgets/dom.js';
import { now, openDeals, showcase } from '../data/sample.js';

const widget = document.getElementById('health');
const filter = document.getElementById('band-filter');
const stageLabels = Object.fromEntries(Pipeline.defaultConfig().stages.map((s) => [s.id, s.label]));

const engine = new DealHealth();
const rows = engine.scoreMany(openDeals, { now, explain: false })
  .map((report, i) => ({ deal: openDeals[i], report }))
  .sort((a, b) => (a.report.score ?? 101) - (b.report.score ?? 101));
engine.free();

let selected = showcase.atRisk;
widget.now = now;

/** Shows `deal` in the widget and marks its row. */
function select(deal) {
  selected = deal;
  widget.deal = deal;
  showRows();
}

function showRows() {
  const shown = rows.filter((row) => !filter.value || row.report.band === filter.value);
  const counts = Object.fromEntries(Object.keys(BANDS).map((band) => [band, rows.filter((r) => r.report.band === band).length]));
  document.getElementById('deals-summary').textContent =
    `${plural(rows.length, 'open deal')}: ${counts.healthy} healthy, ${counts.at_risk} at risk, ${counts.critical} critical.`;
  render(document.querySelector('#deals tbody'), shown.map(({ deal, report }) => {
    const band = BANDS[report.band];
    return h('tr', { 'aria-current': deal === selected ? 'true' : null },
      h('td', {}, h('button', { type: 'button', class: 'link-button', onclick: () => select(deal) }, deal.name)),
      h('td', {}, stageLabels[deal.stage] ?? deal.stage),
      h('td', { class: 'num' }, money(deal.amount)),
      h('td', { class: 'num' }, h('span', { class: `badge tone-bg-${band.tone}`, title: band.label }, String(report.score ?? '—'),
        h('span', { class: 'visually-hidden' }, `, ${band.label}`))));
  }));
}

filter.addEventListener('change', showRows);
select(selected);
