// Reads plain JS records into the columns of a read plan: the cells `Records::from_json`
// (src/record/from_json.rs) builds from the same records as JSON, reading only the members the
// plan names. A plan's description (`Plan::describe`) gives the tag numbers and, per scope, its
// paths; scope 0 is the record, a list path's items are rows of their own scope.
//
// What a cell holds is what `{"var": path}` finds in the record's JSON. Plain values are read
// directly: objects whose prototype is Object.prototype or null, arrays, strings, numbers,
// booleans, null, and Dates (as JSON writes them). A record holding anything else on a planned
// path (a class instance, an object with toJSON, a BigInt, a Map…) is read from
// `JSON.parse(JSON.stringify(record))`, which is what JSON makes of it; when that throws (a
// cycle, a BigInt, a getter that throws) the record is reported as unserializable.

import { describeThrown, jsonText, MAX_ITEMS } from './boundary.js';
import { createError, isPipescoreError } from './errors.js';

const hasOwn = Object.prototype.hasOwnProperty;
const isArray = Array.isArray;
const isEnumerable = Object.prototype.propertyIsEnumerable;

/** The columns of one scope, grown as rows are added and reused from one batch to the next
 * (a batch's columns are copied into wasm before the next one is read). */
class Rows {
  constructor(width) {
    this.width = width;
    this.length = 0;
    this.allocate(16);
  }

  allocate(rows) {
    const cells = rows * Math.max(this.width, 1);
    this.tags = new Uint8Array(cells);
    this.nums = new Float64Array(cells);
    this.ints = new Uint32Array(cells);
    this.shapes = new Uint8Array(rows);
    /** Per row, the index of its document in `docs`, or -1. */
    this.docs = new Int32Array(rows);
  }

  /** Starts a batch with room for `rows` rows. */
  reset(rows) {
    this.length = 0;
    if (rows > this.shapes.length) this.allocate(rows);
  }

  /** Starts a row (all cells absent; a cell's number and id are read only when its tag says
   * so) and returns its index. */
  add() {
    const row = this.length++;
    if (this.length > this.shapes.length) this.grow();
    const at = row * this.width;
    this.tags.fill(0, at, at + this.width);
    this.docs[row] = -1;
    return row;
  }

  grow() {
    const old = { tags: this.tags, nums: this.nums, ints: this.ints, shapes: this.shapes, docs: this.docs };
    this.allocate(this.shapes.length * 2);
    this.tags.set(old.tags);
    this.nums.set(old.nums);
    this.ints.set(old.ints);
    this.shapes.set(old.shapes);
    this.docs.set(old.docs);
  }

  /** The columns, cut to the rows written. */
  columns() {
    const cells = this.length * this.width;
    return {
      tags: this.tags.subarray(0, cells),
      nums: this.nums.subarray(0, cells),
      ints: this.ints.subarray(0, cells),
      shapes: this.shapes.subarray(0, this.length),
      docs: this.docs.subarray(0, this.length),
    };
  }
}

/** Thrown while reading a record that must be read from its JSON instead. */
const EXOTIC = Symbol('exotic');

/** Row shapes, as `record::Shape` numbers them. */
const SHAPE = { object: 0, list: 1, text: 2, number: 3, boolean: 4, null: 5 };

/**
 * Reads records for one plan. `read(records)` returns `{ scopes, texts, textLengths, docs,
 * errors }`: per scope its columns (`tags`, `nums`, `ints`, `shapes`, `docs`), the texts
 * concatenated with each one's length in UTF-16 units (ids in `ints` count them), the
 * documents as JSON text, and `[index, error]` for each record that could not be read at all
 * (a getter or `toJSON` threw, a cycle, a BigInt on a planned path; its row holds nothing): a
 * PipescoreInputError `UNSERIALIZABLE` at the member (`$.jobTitle`, relative to the record),
 * with what was thrown as `cause`.
 * A `records` that is not an array, or longer than the package reads in one call, gives
 * `{ refused: [code, message] }` instead; nothing here throws.
 */
export class PlanReader {
  constructor(description) {
    const t = description.tags;
    this.tag = { absent: t.absent, null: t.null, false: t.false, true: t.true, number: t.number, text: t.text, json: t.json, list: t.list };
    this.scopes = description.scopes.map((s) => ({
      json: s.json,
      paths: s.paths.map((p) => ({ keys: p.keys, key: p.keys.length === 1 ? p.keys[0] : null, list: p.list, inherited: false })),
    }));
    this.marks = new Int32Array(this.scopes.length);
    this.rows = this.scopes.map((s) => new Rows(s.paths.length));
    this.readers = compileReaders(this.scopes);
  }

  /** Notes which one-segment keys plain objects inherit a value for (Object.prototype's own
   * members, or anything added to it): those are read as own members only. */
  checkInherited() {
    for (const scope of this.scopes) {
      for (const path of scope.paths) path.inherited = path.key !== null && path.key in Object.prototype;
    }
  }

  read(records) {
    let count;
    try {
      if (!isArray(records)) return { refused: ['NOT_A_LIST', 'a list (an array) of records is expected'] };
      count = records.length;
    } catch (cause) {
      return { refused: ['UNSERIALIZABLE', `the list could not be read: ${describeThrown(cause)}`] };
    }
    if (count > MAX_ITEMS) {
      return { refused: ['TOO_LARGE', `at most ${MAX_ITEMS} records are read in one call, found ${count}; split the list`] };
    }
    this.rows.forEach((r, s) => r.reset(s === 0 ? count : 16));
    const state = { rows: this.rows, texts: new Map(), textList: [], docs: [], errors: [] };
    this.checkInherited();
    for (let i = 0; i < count; i++) this.readRecord(records, i, state);
    return {
      scopes: state.rows.map((r) => r.columns()),
      texts: state.textList.join(''),
      textLengths: Uint32Array.from(state.textList, (s) => s.length),
      docs: state.docs,
      errors: state.errors,
    };
  }

  /** Reads one record: plain values directly, anything else from its JSON; a record that
   * can't be read (user code threw) gets an empty row and an error. */
  readRecord(records, index, state) {
    const marks = this.marks;
    for (let s = 0; s < marks.length; s++) marks[s] = state.rows[s].length;
    const texts = state.textList.length;
    const docs = state.docs.length;
    let failure, record;
    try {
      record = records[index];
      this.readRow(0, record, state);
      return;
    } catch (e) {
      failure = e;
    }
    rollBack(state, marks, texts, docs);
    if (failure === EXOTIC && record !== undefined) {
      try {
        const text = JSON.stringify(record);
        this.readRow(0, text === undefined ? null : JSON.parse(text), state);
        return;
      } catch (e) {
        failure = e;
        rollBack(state, marks, texts, docs);
      }
    }
    state.rows[0].shapes[state.rows[0].add()] = SHAPE.null;
    state.errors.push([index, unreadableRecord(record, failure)]);
  }

  /** Adds a row of `scope` for `value` and returns its index. */
  readRow(scope, value, state) {
    const spec = this.scopes[scope];
    const rows = state.rows[scope];
    const row = rows.add();
    rows.shapes[row] = shapeOf(value);
    let needsDoc = spec.json;
    const base = row * rows.width;
    const paths = spec.paths;
    // A plain object's one-segment members are read by name (checked once per object), by the
    // scope's generated reader where there is one.
    const plain = value !== null && typeof value === 'object' && !Array.isArray(value) && isPlain(value);
    const generated = this.readers && this.readers[scope];
    if (plain && generated) {
      if (generated(value, rows, base, state, this, paths)) needsDoc = true;
    } else {
      for (let slot = 0; slot < paths.length; slot++) {
        const path = paths[slot];
        let found;
        if (plain && path.key !== null) {
          found = path.inherited && !isEnumerable.call(value, path.key) ? undefined : plainValue(value[path.key]);
        } else {
          found = path.key !== null ? member(value, path.key) : walk(value, path.keys);
        }
        if (found !== undefined && this.write(rows, base + slot, found, path.list, state)) needsDoc = true;
      }
    }
    if (needsDoc) {
      rows.docs[row] = state.docs.length;
      state.docs.push(JSON.stringify(value));
    } else if (holdsNothing(rows, base, this.tag, state.textList)) {
      // Kept so that an engine can say what the record is (a CRM's own shape, say); a record
      // JSON can't write simply goes without.
      let text;
      try { text = JSON.stringify(value); } catch { text = undefined; }
      if (text !== undefined) {
        rows.docs[row] = state.docs.length;
        state.docs.push(text);
      }
    }
    return row;
  }

  /** Writes a found value into cell `at`; true when the row needs its document (a container cell). */
  write(rows, at, value, list, state) {
    const tag = this.tag;
    switch (typeof value) {
      case 'string':
        rows.tags[at] = tag.text;
        rows.ints[at] = textId(value, state);
        return false;
      case 'number':
        if (Number.isFinite(value)) {
          rows.tags[at] = tag.number;
          rows.nums[at] = value + 0;
        } else {
          rows.tags[at] = tag.null;
        }
        return false;
      case 'boolean':
        rows.tags[at] = value ? tag.true : tag.false;
        return false;
      case 'object':
        if (value === null) {
          rows.tags[at] = tag.null;
          return false;
        }
        if (Array.isArray(value) && list !== null) {
          const items = state.rows[list];
          const start = items.length;
          for (let i = 0; i < value.length; i++) this.readRow(list, item(value, i), state);
          // The item rows may have grown the columns: write the cell into the current arrays.
          rows.tags[at] = tag.list;
          rows.nums[at] = start;
          rows.ints[at] = value.length;
          return false;
        }
        rows.tags[at] = tag.json;
        return true;
      default:
        throw EXOTIC;
    }
  }
}

/** The error for a record that could not be read: JSON's reading of it names the member that
 * failed; a record that could not even be taken from the list fails at itself. */
function unreadableRecord(record, failure) {
  if (record !== undefined) {
    try {
      jsonText(record, 'the record', 'PipescoreInputError');
    } catch (error) {
      if (isPipescoreError(error)) return error;
    }
  }
  const message = `the record must be plain data (objects, arrays, strings, numbers, booleans, null, dates): ${describeThrown(failure)}`;
  return createError('PipescoreInputError', 'UNSERIALIZABLE', '$', message, failure === EXOTIC ? undefined : failure);
}

/** Undoes a record's rows, texts and documents. */
function rollBack(state, lengths, texts, docs) {
  for (let s = 0; s < state.rows.length; s++) state.rows[s].length = lengths[s];
  for (let t = texts; t < state.textList.length; t++) state.texts.delete(state.textList[t]);
  state.textList.length = texts;
  state.docs.length = docs;
}

/** Whether `new Function` may run here (a Content-Security-Policy without 'unsafe-eval'
 * forbids it); false once it has thrown. */
let canCompile = true;

/**
 * Per scope, a function reading a plain object's members with their names written out (so the
 * engine's property caches see one shape of access per member), or `null` where code can't be
 * compiled: `(value, rows, base, state, reader, paths) => needsDoc`.
 */
function compileReaders(scopes) {
  if (!canCompile) return null;
  try {
    return scopes.map((scope) => {
      const lines = ['let v, doc = false;'];
      scope.paths.forEach((path, slot) => {
        const read = path.key === null
          ? `walk(value, paths[${slot}].keys)`
          : `paths[${slot}].inherited && !isEnumerable.call(value, ${JSON.stringify(path.key)}) ? undefined : plainValue(value[${JSON.stringify(path.key)}])`;
        lines.push(`v = ${read};`, `if (v !== undefined && reader.write(rows, base + ${slot}, v, paths[${slot}].list, state)) doc = true;`);
      });
      lines.push('return doc;');
      const make = new Function('walk', 'plainValue', 'isEnumerable', `return function read(value, rows, base, state, reader, paths) {\n${lines.join('\n')}\n};`);
      return make(walk, plainValue, isEnumerable);
    });
  } catch {
    canCompile = false;
    return null;
  }
}

/** What `{"var": key}` (one segment) finds in `value`, as in its JSON; throws EXOTIC for values JSON would rewrite. */
function member(value, key) {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? stringMember(value, key) : undefined;
  if (Array.isArray(value)) return arrayMember(value, key);
  if (!isPlain(value)) throw EXOTIC;
  if (!isEnumerable.call(value, key)) return undefined;
  return plainValue(value[key]);
}

/** What a dotted path finds, step by step (absent as soon as a step finds nothing or starts from null). */
function walk(value, keys) {
  let current = value;
  for (let i = 0; i < keys.length; i++) {
    if (current === undefined || current === null) return undefined;
    current = member(current, keys[i]);
  }
  return current;
}

/** An array item as JSON has it (`undefined`, functions and symbols are `null` in a JSON array). */
function item(array, i) {
  const v = array[i];
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : plainValue(v);
}

function arrayMember(array, key) {
  if (key === 'length') return array.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
  const i = Number(key);
  if (i >= 4294967295) return undefined;
  return i < array.length ? item(array, i) : undefined;
}

/** A string's character (a UTF-16 code unit; a lone surrogate reads as U+FFFD) or its length. */
function stringMember(s, key) {
  if (key === 'length') return s.length;
  if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
  const i = Number(key);
  if (i >= s.length) return undefined;
  const unit = s.charCodeAt(i);
  return unit >= 0xd800 && unit <= 0xdfff ? '\ufffd' : s[i];
}

/** A member's value as JSON writes it: Dates as their ISO text (or null), absent for functions, symbols and undefined. */
function plainValue(v) {
  switch (typeof v) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw EXOTIC;
    case 'object':
      if (v === null || Array.isArray(v) || isPlain(v)) return v;
      if (v instanceof Date && Object.getPrototypeOf(v) === Date.prototype && !hasOwn.call(v, 'toJSON')) {
        const ms = Date.prototype.getTime.call(v);
        return Number.isNaN(ms) ? null : Date.prototype.toISOString.call(v);
      }
      throw EXOTIC;
    default:
      return v;
  }
}

/** A plain object: its own enumerable members are its JSON. */
function isPlain(o) {
  const proto = Object.getPrototypeOf(o);
  return (proto === Object.prototype || proto === null) && !hasOwn.call(o, 'toJSON');
}

function shapeOf(v) {
  if (v === null || v === undefined) return SHAPE.null;
  if (Array.isArray(v)) return SHAPE.list;
  switch (typeof v) {
    case 'object': return SHAPE.object;
    case 'string': return SHAPE.text;
    case 'number': return SHAPE.number;
    case 'boolean': return SHAPE.boolean;
    default: return SHAPE.null;
  }
}

/** Whether the row's cells from `base` are all absent, null or blank text (JS's `trim` takes
 * away at least what Rust's does, so no row Rust finds empty is missed). */
function holdsNothing(rows, base, tag, texts) {
  for (let c = base; c < base + rows.width; c++) {
    const t = rows.tags[c];
    if (t === tag.absent || t === tag.null) continue;
    if (t === tag.text && texts[rows.ints[c]].trim() === '') continue;
    return false;
  }
  return true;
}

/** The id of `text` in the batch (equal texts share one); lone surrogates become U+FFFD, as in UTF-8. */
function textId(text, state) {
  let id = state.texts.get(text);
  if (id !== undefined) return id;
  id = state.textList.length;
  state.texts.set(text, id);
  state.textList.push(text.isWellFormed() ? text : text.toWellFormed());
  return id;
}
