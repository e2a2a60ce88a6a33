// Safe DOM building for the widgets: every piece of record text becomes a Text node, never
// HTML, so a deal named `<img src=x onerror=alert(1)>` shows literally. No innerHTML anywhere.

/**
 * Creates an element. `props` sets attributes (strings), `on*` listeners (functions),
 * `class`, `style` (object) and `dataset` (object); `children` are nodes, strings (as text),
 * numbers, arrays of those, or null/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'style') Object.assign(el.style, value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Creates an SVG element with attributes and children (same rules as `h`). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) if (value != null) el.setAttribute(name, String(value));
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `el` with `children`. */
export function render(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Formats money in a locale, without cents for large amounts; `compact` gives e.g. "$1.2M". */
export function money(amount, currency = 'USD', { compact = false } = {}) {
  if (amount == null || !Number.isFinite(amount)) return '—';
  const digits = compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: Math.abs(amount) >= 1000 || Number.isInteger(amount) ? 0 : 2 };
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, ...digits }).format(amount);
}

/** Formats a ratio (0–1) as a percentage; `null` as an em dash. */
export function percent(ratio, digits = 0) {
  if (ratio == null || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** Reads a JSON attribute or returns `fallback`; a parse error is reported, not thrown. */
export function jsonAttribute(el, name, fallback) {
  const text = el.getAttribute(name);
  if (text == null || text === '') return fallback;
  try {
    return JSON.parse(text);
  } catch (err) {
    console.warn(`${el.localName}: attribute ${name} is not valid JSON: ${err.message}`);
    return fallback;
  }
}

/** Formats a date (a `Date`, ISO-8601 text or epoch ms) as e.g. "Dec 20, 2026", in UTC; `—` when missing or invalid. */
export function formatDate(value) {
  const date = value == null || value === '' ? null : new Date(value);
  if (!date || Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** `count` with the word, pluralised with an "s" (or `plural`) unless it is 1: "3 deals". */
export function plural(count, word, pluralWord = `${word}s`) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : pluralWord}`;
}
