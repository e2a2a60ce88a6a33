// `LeadScorer.prototype.scores(leads, options)`: the total scores of many plain leads as a
// Float64Array. When the model has a fast plan (`fastFields()` is not null: lead rules over
// top-level fields only, see README), the leads' fields travel to wasm as typed columns plus
// one joined string, with no JSON; leads the columns can't carry exactly go through
// `scoreMany`. Results equal `scoreMany(leads, options).map((r) => r.score)`.
import { PipescoreInputError } from './errors.js';

/** Strings that can't travel joined at U+0000 or that UTF-8 can't carry (lone surrogates). */
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
/** Column tags, as `scoring::Columns` reads them. */
const FALSE = 1, TRUE = 2, NUMBER = 3, STRING = 4;

/** Adds `scores` to the wasm `LeadScorer` class (called once by api.js). */
export function withScores(LeadScorer) {
  LeadScorer.prototype.scores = scores;
}

/** See `LeadScorer.scores` in index.d.ts. */
function scores(leads, options) {
  const opts = withoutExplain(options);
  const fields = Array.isArray(leads) ? this.fastFields() : null;
  if (!fields) return totals(this.scoreMany(leads, opts), null);
  // Nothing may call into wasm between `columnBuffers` and `scoreColumns`: the buffers are
  // views of wasm memory.
  const [tags, numbers] = this.columnBuffers(leads.length);
  const columns = encode(leads, fields, tags, numbers);
  const fast = this.scoreColumns(columns.count, columns.strings, opts);
  const general = columns.general;
  if (!general.length) return fast;
  const slow = totals(this.scoreMany(general.map((i) => leads[i]), opts), general);
  const out = new Float64Array(leads.length);
  for (let i = 0, f = 0, g = 0; i < leads.length; i++) {
    out[i] = general[g] === i ? slow[g++] : fast[f++];
  }
  return out;
}

/** `options` with `explain: false`; anything but an object is left for scoreMany to reject. */
function withoutExplain(options) {
  if (options === undefined || options === null) return { explain: false };
  if (typeof options !== 'object' || Array.isArray(options)) return options;
  return { ...options, explain: false };
}

/** The scores of `scoreMany` results; throws the first lead error (its path re-indexed through `indices`). */
function totals(results, indices) {
  const out = new Float64Array(results.length);
  for (let i = 0; i < results.length; i++) {
    const { error } = results[i];
    if (error) {
      const path = indices ? error.path.replace(/^\$\[\d+\]/, `$[${indices[i]}]`) : error.path;
      throw new PipescoreInputError(error.message, error.code, path);
    }
    out[i] = results[i].score;
  }
  return out;
}

/**
 * Writes the leads the fast path can take into `tags` and `numbers` (zeroed: every cell
 * starts null), one row each; the indices of the others go to `general`. Strings are numbered
 * per field, so wasm tests each distinct value of a field once.
 */
function encode(leads, fields, tags, numbers) {
  const width = fields.length;
  const columnOf = new Map(fields.map((f, j) => [f, j]));
  const seen = fields.map(() => ({ recent: [], recentIds: [], ids: new Map() }));
  const strings = [];
  const general = [];
  // The keys of the last lead shape seen and their columns (−1: a field the model doesn't
  // read). Leads of one shape enumerate the same keys in the same order, so each key costs
  // one comparison; `for…in` over such objects is V8's fastest way to read their fields.
  const shape = { keys: [], columns: [] };
  const inherited = hasEnumerableInheritedKeys();
  let count = 0;
  for (let i = 0; i < leads.length; i++) {
    const lead = leads[i];
    const at = count * width;
    if (!inherited && isFlat(lead) && encodeLead(lead, at, shape, columnOf, tags, numbers, seen, strings)) {
      count++;
    } else {
      tags.fill(0, at, at + width);
      general.push(i);
    }
  }
  return { count, strings: strings.join('\u0000'), general };
}

/** Whether `for…in` over a plain object would list keys that JSON.stringify leaves out. */
function hasEnumerableInheritedKeys() {
  for (const _ in {}) return true;
  return false;
}

/** A plain object without events and without `toJSON`: JSON.stringify would write its fields as they are. */
function isFlat(lead) {
  if (lead === null || typeof lead !== 'object') return false;
  const proto = Object.getPrototypeOf(lead);
  return (proto === Object.prototype || proto === null) && lead.events == null && typeof lead.toJSON !== 'function';
}

/** Writes one lead's row at `at`; false when a field needs the general path (an object, a BigInt, unsafe text). */
function encodeLead(lead, at, shape, columnOf, tags, numbers, seen, strings) {
  const { keys, columns } = shape;
  let n = 0;
  for (const key in lead) {
    let j;
    if (keys[n] === key) j = columns[n];
    else {
      j = columnOf.get(key);
      if (j === undefined) j = -1;
      keys[n] = key;
      columns[n] = j;
    }
    n++;
    if (j < 0) continue;
    const value = lead[key];
    const k = at + j;
    switch (typeof value) {
      case 'number':
        // JSON writes NaN and ±Infinity as null, and -0 as 0.
        if (Number.isFinite(value)) {
          tags[k] = NUMBER;
          numbers[k] = value + 0;
        }
        break;
      case 'boolean':
        tags[k] = value ? TRUE : FALSE;
        break;
      case 'string': {
        const s = stringId(seen[j], value, strings);
        if (s < 0) return false;
        tags[k] = STRING;
        numbers[k] = s;
        break;
      }
      case 'object':
        if (value !== null) return false;
        break;
      case 'bigint':
        return false;
      default:
      // undefined, functions and symbols: JSON leaves them out (null).
    }
  }
  return true;
}

/** How many of a field's first distinct strings are found by identity before the map. */
const RECENT = 12;

/**
 * The index in `strings` of `value` as a value of one field (`seen`), added if new; −1 for
 * text that can't travel. CRM fields such as industry or country have few distinct values,
 * and comparing a string with the same string object is cheaper than a map lookup.
 */
function stringId(seen, value, strings) {
  const { recent, recentIds } = seen;
  for (let r = 0; r < recent.length; r++) if (recent[r] === value) return recentIds[r];
  let s = seen.ids.get(value);
  if (s === undefined) {
    if (UNSAFE_TEXT.test(value)) return -1;
    s = strings.push(value) - 1;
    seen.ids.set(value, s);
    if (recent.length < RECENT) {
      recent.push(value);
      recentIds.push(s);
    }
  }
  return s;
}
