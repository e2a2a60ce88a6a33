// Pieces the deal widgets share: the deal header, field names and the criteria checklist.
import { formatDate, h, money } from './dom.js';

/** A record field's name for people: `closeDate` → "Close date", `lossReason` → "Loss reason". */
export function fieldLabel(field) {
  const words = field.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The deal's name as a heading, then its stage, amount, owner and close date. */
export function dealHeader(deal, check) {
  const facts = [
    check?.stage?.label ?? deal.stage,
    deal.amount != null && money(Number(deal.amount)),
    deal.owner && `Owner ${deal.owner}`,
    deal.closeDate && `${check?.stage?.outcome ? 'Closed' : 'Closes'} ${formatDate(deal.closeDate)}`,
  ].filter(Boolean);
  return h('header', { class: 'ps-deal-header' },
    h('h2', { class: 'ps-deal-name' }, String(deal.name ?? deal.id ?? 'Untitled deal')),
    h('p', { class: 'ps-deal-facts' }, facts.map((fact, i) => [i > 0 && h('span', { 'aria-hidden': 'true' }, ' · '), h('span', {}, fact)])));
}

/**
 * A checklist of gate criteria (`GateCriterionResult`s): done, to do (with what to do), or
 * recommended. The state is spelled out for screen readers, not only drawn.
 */
export function checklist(criteria) {
  return h('ul', { class: 'ps-checklist' }, criteria.map((c) => {
    const state = c.passed ? 'done' : c.severity === 'recommended' ? 'suggested' : 'todo';
    return h('li', { class: `ps-check ps-check-${state}` },
      h('span', { class: 'ps-check-icon', 'aria-hidden': 'true' }, c.passed ? '✓' : c.severity === 'recommended' ? '○' : '✗'),
      h('span', { class: 'ps-check-text' },
        h('span', { class: 'visually-hidden' }, c.passed ? 'Done: ' : 'To do: '),
        h('span', { class: 'ps-check-label' }, c.label),
        c.severity === 'recommended' && h('span', { class: 'badge small tone-bg-muted' }, 'recommended'),
        !c.passed && c.message && h('span', { class: 'ps-check-message' }, c.message)));
  }));
}
