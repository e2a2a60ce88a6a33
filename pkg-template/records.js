// Reading plain JS records without JSON: the members an engine uses become typed columns (a tag
// and a number per cell) plus one joined string, which wasm reads with the same per-member
// readers as JSON (src/metrics/columns.rs). Whatever JSON.stringify would write differently
// (class instances, `toJSON`, inherited enumerable keys, text UTF-8 can't carry, objects where
// a scalar belongs) is refused, and the caller sends the input as JSON instead.
//
// wasm-bindgen imports `encodeRecords` from here (bindings/wasm/src/metrics.rs); `scores.js`
// shares the helpers. It imports only boundary.js, another snippet: it runs from
// wasm-bindgen's snippets folder in the wasm tests.
import { keyPath, MAX_ITEMS, tooLarge } from './boundary.js';

/** Lone surrogates, which UTF-8 (and so wasm) can't carry. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
/** Strings that can't travel joined at U+0000 or that UTF-8 can't carry. */
const UNSAFE_TEXT = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);

/** Whether UTF-8 can carry the string (no lone surrogates). */
export const wellFormed = typeof String.prototype.isWellFormed === 'function'
  ? (s) => s.isWellFormed()
  : (s) => !LONE_SURROGATE.test(s);

/** Whether `for…in` over a plain object would list keys that JSON.stringify leaves out. */
export function hasEnumerableInheritedKeys() {
  for (const _ in {}) return true;
  return false;
}

/** A plain object without `toJSON`: JSON.stringify would write its members as they are. */
export function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof value.toJSON !== 'function';
}

/** How many of a field's first distinct strings are found by identity before the map. */
const RECENT = 12;

/**
 * Distinct strings, numbered per field, joined at U+0000 for wasm. CRM fields such as stage
 * or owner have few distinct values, and comparing a string with the same string object is
 * cheaper than a map lookup.
 */
export class TextTable {
  constructor(fieldCount) {
    this.list = [];
    this.seen = Array.from({ length: fieldCount }, () => ({ recent: [], recentIds: [], ids: new Map() }));
  }

  /** The number of `value` as a value of field `j`, added if new; −1 for text that can't travel. */
  id(j, value) {
    const seen = this.seen[j];
    const { recent, recentIds } = seen;
    for (let r = 0; r < recent.length; r++) if (recent[r] === value) return recentIds[r];
    let s = seen.ids.get(value);
    if (s === undefined) {
      if (UNSAFE_TEXT.test(value)) return -1;
      s = this.list.push(value) - 1;
      seen.ids.set(value, s);
      if (recent.length < RECENT) {
        recent.push(value);
        recentIds.push(s);
      }
    }
    return s;
  }

  /** The strings, in number order, as one string. */
  joined() {
    return this.list.join('\u0000');
  }
}

/**
 * The column of each member of a record, by name, for a `for…in` over records of one shape.
 * Records of one shape enumerate the same keys in the same order, so each key costs one
 * comparison with the key at the same place in the last record; `for…in` over such objects is
 * V8's fastest way to read their members.
 */
export class MemberColumns {
  constructor(fields) {
    this.columnOf = new Map(fields.map((f, j) => [f, j]));
    this.keys = [];
    this.columns = [];
  }

  /** The column of `key`, the `n`th key of a record; −1 for a member not read. */
  at(n, key) {
    if (this.keys[n] === key) return this.columns[n];
    const j = this.columnOf.get(key) ?? -1;
    this.keys[n] = key;
    this.columns[n] = j;
    return j;
  }
}

/** Cell tags, as src/metrics/columns.rs reads them. */
const NULL = 0, NUMBER = 1, TEXT = 2, FALSE = 3, TRUE = 4, LIST = 5;

/**
 * `input.deals`, their stage histories and `input.leads` as columns laid out as `layout` says
 * (`metrics::columns::layout`): `[dealTags, dealValues, historyTags, historyValues, leadTags,
 * leadValues, strings, rest]`, `rest` being `{ quotas }` for wasm to read as JSON. `undefined`
 * when the input is not plain data JSON would write member for member, or when reading it
 * throws (the JSON path reads it again and reports the error). Throws only a
 * `PipescoreInputError` `TOO_LARGE` for a list longer than `MAX_ITEMS`, before reading it.
 */
export function encodeRecords(input, layout) {
  try {
    return encode(input, layout);
  } catch (error) {
    if (refused !== null && error === refused) {
      refused = null;
      throw error;
    }
    return undefined;
  }
}

/** The TOO_LARGE error `encode` threw, told apart by identity (a caller's Proxy can't fake it). */
let refused = null;

/** `encodeRecords` without the catch. */
function encode(input, layout) {
  if (!isPlainObject(input) || hasEnumerableInheritedKeys()) return undefined;
  const { deals, leads } = input;
  if (!isRecordList(deals) || !isRecordList(leads)) return undefined;
  const fieldCount = layout.deals.fields.length + layout.history.fields.length + layout.leads.fields.length;
  const strings = new TextTable(fieldCount);
  const history = new Table(layout.history, strings, 0, null, '');
  const dealTable = new Table(layout.deals, strings, layout.history.fields.length, history, '$.deals');
  const leadTable = new Table(layout.leads, strings, layout.history.fields.length + layout.deals.fields.length, null, '$.leads');
  if (!dealTable.addAll(deals, '$.deals') || !leadTable.addAll(leads, '$.leads')) return undefined;
  return [
    dealTable.tagCells(), dealTable.valueCells(), history.tagCells(), history.valueCells(),
    leadTable.tagCells(), leadTable.valueCells(), strings.joined(), { quotas: input.quotas },
  ];
}

/** A list of records as JSON writes it (`null` and `undefined` are none): an array without `toJSON`. */
function isRecordList(value) {
  return value == null || (Array.isArray(value) && typeof value.toJSON !== 'function');
}

/** Records of one kind, a row of cells each; grows as rows are added. */
class Table {
  /**
   * `fields`, `dates` and `list` as in the layout; `strings` numbers text per field, this
   * table's fields from `firstField`; `entries` is the table of the list member's entries.
   */
  constructor({ fields, dates, list }, strings, firstField, entries) {
    this.width = fields.length;
    this.members = new MemberColumns(fields);
    this.isDate = fields.map((f) => dates.includes(f));
    this.list = list == null ? -1 : fields.indexOf(list);
    this.strings = strings;
    this.firstField = firstField;
    this.entries = entries;
    this.count = 0;
    this.tags = new Uint8Array(0);
    this.values = new Float64Array(0);
  }

  /** Adds every record of the list at `path` (`null`: none); false when one can't be written. */
  addAll(records, path) {
    if (records == null) return true;
    const n = records.length;
    if (typeof n !== 'number') return false;
    if (n > MAX_ITEMS) throw (refused = tooLarge('PipescoreInputError', 'the metrics input', path, n));
    this.reserve(n);
    for (let i = 0; i < records.length; i++) if (!this.add(records[i])) return false;
    return true;
  }

  /** Adds a row for `record`; false when it is not plain data or a member needs JSON. */
  add(record) {
    if (!isPlainObject(record)) return false;
    if ((this.count + 1) * this.width > this.tags.length) this.reserve(1);
    const at = this.count * this.width;
    const members = this.members;
    let n = 0;
    for (const key in record) {
      const j = members.at(n++, key);
      if (j < 0) continue;
      if (!this.cell(at + j, j, record[key], key)) return false;
    }
    this.count++;
    return true;
  }

  /** Writes cell `k` (column `j`) for the member `key`'s value; false when it needs JSON. */
  cell(k, j, value, key) {
    switch (typeof value) {
      case 'number':
        // JSON writes NaN and ±Infinity as null, and -0 as 0.
        if (Number.isFinite(value)) {
          this.tags[k] = NUMBER;
          this.values[k] = value + 0;
        }
        return true;
      case 'string':
        return this.text(k, j, value);
      case 'boolean':
        this.tags[k] = value ? TRUE : FALSE;
        return true;
      case 'object':
        if (value === null) return true;
        if (j === this.list) {
          if (!isRecordList(value) || !this.entries.addAll(value, keyPath(`${this.path}[${this.count}]`, key))) return false;
          this.tags[k] = LIST;
          this.values[k] = value.length;
          return true;
        }
        // What JSON writes for a `Date` (its ISO text, or null when invalid) or any toJSON giving text.
        if (typeof value.toJSON === 'function') {
          const json = value.toJSON(key);
          return json === null || (typeof json === 'string' && this.text(k, j, json));
        }
        return false;
      case 'bigint':
        return false;
      default:
        // undefined, functions and symbols: JSON leaves them out.
        return true;
    }
  }

  /** Writes text to cell `k`: a date member's ISO-8601 text as its epoch ms when JS can read it. */
  text(k, j, value) {
    const ms = this.isDate[j] ? isoMillis(value) : NaN;
    if (ms === ms) {
      this.tags[k] = NUMBER;
      this.values[k] = ms;
      return true;
    }
    const s = this.strings.id(this.firstField + j, value);
    if (s < 0) return false;
    this.tags[k] = TEXT;
    this.values[k] = s;
    return true;
  }

  /** Makes room for `rows` more rows (at least doubling when it grows); new cells are NULL. */
  reserve(rows) {
    const cells = (this.count + rows) * this.width;
    if (cells <= this.tags.length) return;
    const room = Math.max(cells, this.tags.length * 2);
    const tags = new Uint8Array(room);
    tags.set(this.tags);
    const values = new Float64Array(room);
    values.set(this.values);
    this.tags = tags;
    this.values = values;
  }

  /** The tags of the rows written. */
  tagCells() {
    return this.tags.subarray(0, this.count * this.width);
  }

  /** The values of the rows written. */
  valueCells() {
    return this.values.subarray(0, this.count * this.width);
  }
}

const DAY_MS = 86_400_000;

/**
 * Epoch milliseconds of a date in one of the forms CRM APIs and `Date.prototype.toISOString`
 * write: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC); NaN for any
 * other text, which wasm then parses itself. For these forms the result equals
 * `time::parse_iso8601`'s (tests/wasm checks it on generated strings).
 */
export function isoMillis(s) {
  const n = s.length;
  if (n !== 10 && n !== 20 && n !== 24) return NaN;
  const year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || !(month >= 1 && month <= 12)) return NaN;
  if (!(day >= 1 && day <= daysInMonth(year, month))) return NaN;
  const date = daysFromCivil(year, month, day) * DAY_MS;
  if (n === 10) return date;
  // 'T', ':', ':' and a final 'Z'; '.' before three fraction digits.
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(n - 1) !== 90) return NaN;
  const hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  const millis = n === 24 ? (s.charCodeAt(19) === 46 ? digits(s, 20, 3) : NaN) : 0;
  return date + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
}

/** The number written by `count` ASCII digits from `at`; NaN if one is not a digit. */
function digits(s, at, count) {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year, month) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a civil date (H. Hinnant's algorithm, as src/time.rs). */
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
