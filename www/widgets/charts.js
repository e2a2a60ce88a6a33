// Small, dependency-free charts for the widgets and the dashboard. The shapes are SVG; every
// label and number is real text next to them (or an aria-label), so the charts read well with
// a screen reader and scale to any width. Colours come from CSS classes (tone-good, tone-warn,
// tone-bad, tone-brand, tone-muted) in widgets.css.
import { h, svg } from './dom.js';

/**
 * A half-circle gauge for a 0–100 score. `score` null shows an em dash. `label` is read by
 * screen readers, e.g. "Health score 59 of 100, at risk".
 */
export function gauge(score, { tone = 'brand', label, caption = 'of 100' } = {}) {
  const arc = 'M 20 100 A 80 80 0 0 1 180 100';
  const value = score == null ? 0 : Math.max(0, Math.min(100, score));
  return svg('svg', { class: 'gauge', viewBox: '0 0 200 118', role: 'img', 'aria-label': label ?? `${score ?? 'no score'} ${caption}` },
    svg('path', { d: arc, class: 'gauge-track', pathLength: 100 }),
    value > 0 && svg('path', { d: arc, class: `gauge-value tone-${tone}`, pathLength: 100, 'stroke-dasharray': `${value} 100` }),
    svg('text', { x: 100, y: 92, class: 'gauge-score', 'text-anchor': 'middle' }, score == null ? '—' : String(score)),
    svg('text', { x: 100, y: 114, class: 'gauge-caption', 'text-anchor': 'middle' }, caption));
}

/** A thin horizontal bar filled to `ratio` (0–1), decorative (the number is shown as text). */
export function bar(ratio, tone = 'brand', { centered = false } = {}) {
  const width = Math.max(0, Math.min(1, Number.isFinite(ratio) ? ratio : 0)) * 100;
  return svg('svg', { class: 'bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
    svg('rect', { x: 0, y: 0, width: 100, height: 10, class: 'bar-track', rx: 0 }),
    width > 0 && svg('rect', { x: centered ? (100 - width) / 2 : 0, y: 0, width, height: 10, class: `bar-value tone-${tone}` }));
}

/**
 * Labelled horizontal bars: `items` are `{ label, value, display?, note?, tone? }`, scaled to
 * `max` (the largest value when omitted). A list, so each row reads "label, display, note".
 * `centered` draws a funnel.
 */
export function bars(items, { max, centered = false, tone = 'brand', label } = {}) {
  const top = max ?? Math.max(0, ...items.map((item) => item.value ?? 0));
  return h('ul', { class: `bars${centered ? ' funnel' : ''}`, role: 'list', 'aria-label': label },
    items.map((item) => h('li', { class: 'bars-row' },
      h('span', { class: 'bars-label' }, item.label),
      bar(top > 0 ? (item.value ?? 0) / top : 0, item.tone ?? tone, { centered }),
      h('span', { class: 'bars-value' }, item.display ?? String(item.value ?? '—')),
      item.note && h('span', { class: 'bars-note' }, item.note))));
}

/** A funnel: `stages` `{ label, value, display? }` as centered bars, each next step's rate as a note. */
export function funnel(stages, { rates = [], label } = {}) {
  return bars(stages.map((stage, i) => ({ ...stage, note: i > 0 && rates[i - 1] ? rates[i - 1] : null })), { centered: true, label });
}

/**
 * Vertical columns over time: `series` `{ label, value, display? }`. An image with an
 * aria-label summarising every value, plus the numbers as visible text above the columns.
 */
export function columns(series, { label, tone = 'brand', height = 140 } = {}) {
  const width = Math.max(series.length * 56, 200);
  const top = Math.max(1, ...series.map((s) => s.value ?? 0));
  const slot = width / Math.max(series.length, 1);
  const summary = series.map((s) => `${s.label}: ${s.display ?? s.value}`).join(', ');
  return svg('svg', { class: 'columns', viewBox: `0 0 ${width} ${height + 40}`, role: 'img', 'aria-label': label ? `${label}. ${summary}` : summary },
    series.map((s, i) => {
      const barHeight = ((s.value ?? 0) / top) * height;
      const x = i * slot + slot * 0.18;
      return svg('g', {},
        svg('rect', { x, y: height + 14 - barHeight, width: slot * 0.64, height: Math.max(barHeight, 1), class: `bar-value tone-${s.tone ?? tone}`, rx: 3 }),
        svg('text', { x: x + slot * 0.32, y: height + 10 - barHeight, 'text-anchor': 'middle', class: 'columns-value' }, s.display ?? String(s.value ?? '')),
        svg('text', { x: x + slot * 0.32, y: height + 32, 'text-anchor': 'middle', class: 'columns-label' }, s.label));
    }));
}

/** A progress bar with the ARIA progressbar role: `percent` 0–100 and an accessible `label`. */
export function meter(percent, { label, tone } = {}) {
  const value = Math.max(0, Math.min(100, Math.round(percent ?? 0)));
  const shade = tone ?? (value >= 100 ? 'good' : value >= 50 ? 'brand' : 'warn');
  return h('div', { class: 'meter', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': value, 'aria-label': label },
    bar(value / 100, shade));
}
