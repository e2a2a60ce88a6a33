// `LeadScorer.prototype.scores(leads, options)`: the total scores of many plain leads as a
// Float64Array. When the model has a fast plan (`fastFields()` is not null: lead rules over
// top-level fields only, see README), the leads' fields travel to wasm as typed columns plus
// one joined string, with no JSON; leads the columns can't carry exactly go through
// `scoreMany`. Results equal `scoreMany(leads, options).map((r) => r.score)`.
import { PipescoreInputError } from './errors.js';

/** Strings that can't travel joined at U+0000 or that UTF-8 can't carry (lone surrogates). */
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
/** Column tags, as `scoreColumns` reads them. */
const NULL = 0, FALSE = 1, TRUE = 2, NUMBER = 3, STRING = 4;

/** Adds `scores` to the wasm `LeadScorer` class (called once by api.js). */
export function withScores(LeadScorer) {
  LeadScorer.prototype.scores = scores;
}

/** See `LeadScorer.scores` in index.d.ts. */
function scores(leads, options) {
  const opts = withoutExplain(options);
  const fields = Array.isArray(leads) ? this.fastFields() : null;
  if (!fields) return totals(this.scoreMany(leads, opts), null);
  const columns = encode(leads, fields);
  const fast = this.scoreColumns(columns.count, columns.tags, columns.numbers, columns.strings, opts);
  const general = columns.general;
  const slow = general.length ? totals(this.scoreMany(general.map((i) => leads[i]), opts), general) : fast;
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

/** Columns of the leads the fast path can take; the indices of the others in `general`. */
function encode(leads, fields) {
  const width = fields.length;
  const tags = new Uint8Array(leads.length * width);
  const numbers = new Float64Array(leads.length * width);
  const strings = { index: new Map(), list: [] };
  const general = [];
  let count = 0;
  for (let i = 0; i < leads.length; i++) {
    if (isFlat(leads[i]) && encodeLead(leads[i], fields, count * width, tags, numbers, strings)) count++;
    else general.push(i);
  }
  const cells = count * width;
  return { count, tags: tags.subarray(0, cells), numbers: numbers.subarray(0, cells), strings: strings.list.join('\u0000'), general, };
}

/** A plain object without events and without `toJSON`: JSON.stringify would write its fields as they are. */
function isFlat(lead) {
  if (lead === null || typeof lead !== 'object') return false;
  const proto = Object.getPrototypeOf(lead);
  return (proto === Object.prototype || proto === null) && lead.events == null && typeof lead.toJSON !== 'function';
}

/** Writes one lead's row at `at`; false when a field needs the general path (an object, a BigInt, unsafe text). */
function encodeLead(lead, fields, at, tags, numbers, strings) {
  for (let j = 0; j < fields.length; j++) {
    const value = lead[fields[j]];
    const k = at + j;
    switch (typeof value) {
      case 'number':
        // JSON writes NaN and ±Infinity as null, and -0 as 0.
        if (Number.isFinite(value)) { tags[k] = NUMBER; numbers[k] = value + 0; } else tags[k] = NULL;
        break;
      case 'boolean':
        tags[k] = value ? TRUE : FALSE;
        break;
      case 'string': {
        let s = strings.index.get(value);
        if (s === undefined) {
          if (UNSAFE_TEXT.test(value)) return false;
          s = strings.list.push(value) - 1;
          strings.index.set(value, s);
        }
        tags[k] = STRING;
        numbers[k] = s;
        break;
      }
      case 'object':
        if (value !== null) return false;
        tags[k] = NULL;
        break;
      case 'bigint':
        return false;
      default:
        // undefined, functions and symbols: JSON leaves them out.
        tags[k] = NULL;
    }
  }
  return true;
}
