// `LeadScorer.prototype.scores(leads, options)`: the total scores of many plain leads as a
// Float64Array. When the model has a fast plan (`fastFields()` is not null: lead rules over
// top-level fields only, see README), leads skip JSON altogether:
// - where JS may compile code (`new Function`; a Content-Security-Policy without
//   'unsafe-eval' forbids it), the plan's outline becomes one function specialised to the
//   model that reads each lead's fields and works out which rules fire (see `fireFunction`);
//   wasm adds up the points;
// - elsewhere the leads' fields travel to wasm as typed columns plus one joined string.
// Leads neither way can carry exactly go through `scoreMany`. Results equal
// `scoreMany(leads, options).map((r) => r.score)`, errors too: the leads and options are read
// once into arrays this module owns (callers' getters can't change them, or wasm memory, under
// it), and when reading them throws, `scoreMany` reads them again and reports what it meets.
import { PipescoreInputError } from './errors.js';
import { freedError, MAX_ITEMS, snapshotOptions } from './boundary.js';
import { hasEnumerableInheritedKeys, isPlainObject, MemberColumns, TextTable, wellFormed } from './records.js';
/** Column tags, as `scoring::Columns` reads them. */
const FALSE = 1, TRUE = 2, NUMBER = 3, STRING = 4;
/** Whether `new Function` works here; false once it has thrown. */
let canCompile = true;
/** How many batches went each way (for tests and profiling; not part of the API). */
export const ways = { fired: 0, columns: 0, json: 0 };
const isArray = Array.isArray;

/**
 * Adds `scores` to the guarded `LeadScorer` (`guard(...)` in boundary.js; called once by each
 * api.js); `internal` holds the methods only `scores` calls (`fastOutline`, `slotBits`,
 * `scoreFired`, `scoreColumns`), as functions of the scorer.
 */
export function withScores({ Class, internal, isLive }) {
  /** Each scorer's fire function (`null`: it has none), built on its first `scores()`. */
  const fireFunctions = new WeakMap();
  // The prototype's own methods, whatever a caller sets on an instance.
  const { scoreMany, fastFields } = Class.prototype;

  /** See `LeadScorer.scores` in index.d.ts. */
  Class.prototype.scores = function scores(leads, options) {
    if (!isLive(this)) throw freedError('LeadScorer');
    // Read once: the options into a plain object, the array into one of ours. Should reading
    // throw (a getter, a Proxy trap, a list too long), scoreMany meets the same and says so.
    let opts, list;
    try {
      opts = snapshotOptions(options);
      opts.explain = false;
      if (isArray(leads)) list = copyList(leads);
    } catch {
      return totals(scoreMany.call(this, leads, options), null);
    }
    if (list === undefined) return totals(scoreMany.call(this, leads, opts), null);
    const fire = fireFunctionOf(this);
    if (fire && !inheritsValues(fire.fields)) return byFiredRules(this, fire, leads, list, opts);
    const fields = fastFields.call(this);
    if (!fields) return totals(scoreMany.call(this, list, opts), null);
    return byColumns(this, fields, leads, list, opts);
  };

  /** The scorer's fire function, built on first use; `null` without an outline or `new Function`. */
  function fireFunctionOf(scorer) {
    let fire = fireFunctions.get(scorer);
    if (fire === undefined) {
      const outline = canCompile ? internal.fastOutline(scorer) : null;
      fire = outline ? fireFunction((j, v) => internal.slotBits(scorer, j, v), outline) : null;
      fireFunctions.set(scorer, fire);
    }
    return fire;
  }

  /** Scores `list` with the scorer's fire function; leads it can't take go through `scoreMany`. */
  function byFiredRules(scorer, fire, leads, list, opts) {
    ways.fired++;
    const fired = new Uint32Array(list.length * fire.words);
    const general = [];
    try {
      fire(list, fired, general);
    } catch {
      return totals(scoreMany.call(scorer, leads, opts), null);
    }
    const out = internal.scoreFired(scorer, list.length, fired, opts);
    if (general.length) {
      const slow = totals(scoreMany.call(scorer, general.map((i) => list[i]), opts), general);
      general.forEach((i, g) => { out[i] = slow[g]; });
    }
    return out;
  }

  /** Scores `list` as typed columns (where code can't be compiled); leads they can't carry go through `scoreMany`. */
  function byColumns(scorer, fields, leads, list, opts) {
    ways.columns++;
    const width = fields.length;
    const tags = new Uint8Array(list.length * width);
    const numbers = new Float64Array(list.length * width);
    let columns;
    try {
      columns = encode(list, fields, tags, numbers);
    } catch {
      return totals(scoreMany.call(scorer, leads, opts), null);
    }
    const cells = columns.count * width;
    const fast = internal.scoreColumns(scorer, columns.count, tags.subarray(0, cells), numbers.subarray(0, cells), columns.strings, opts);
    const general = columns.general;
    if (!general.length) return fast;
    const slow = totals(scoreMany.call(scorer, general.map((i) => list[i]), opts), general);
    const out = new Float64Array(list.length);
    for (let i = 0, f = 0, g = 0; i < list.length; i++) {
      out[i] = general[g] === i ? slow[g++] : fast[f++];
    }
    return out;
  }
}

/**
 * The items of `leads` in an array of our own (its length and items can't change while it is
 * scored); throws for a list longer than `MAX_ITEMS`, before anything is allocated.
 */
function copyList(leads) {
  const n = leads.length;
  if (typeof n !== 'number' || !(n >= 0 && n <= MAX_ITEMS) || n % 1 !== 0) throw new RangeError('not a list scores() reads itself');
  const list = new Array(n);
  for (let i = 0; i < n; i++) list[i] = leads[i];
  return list;
}

/**
 * Whether plain objects inherit a value for one of `fields` that JSON.stringify would leave
 * out but `lead[field]` would read (a function reads as absent either way).
 */
function inheritsValues(fields) {
  return fields.some((f) => f in Object.prototype && typeof Object.prototype[f] !== 'function');
}

/** The scores of `scoreMany` results (counted as a batch that went through JSON); throws the first lead error (its path re-indexed through `indices`). */
function totals(results, indices) {
  ways.json++;
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
  const members = new MemberColumns(fields);
  const strings = new TextTable(width);
  const general = [];
  const inherited = hasEnumerableInheritedKeys();
  let count = 0;
  for (let i = 0; i < leads.length; i++) {
    const lead = leads[i];
    const at = count * width;
    if (!inherited && isFlat(lead) && encodeLead(lead, at, members, tags, numbers, strings)) {
      count++;
    } else {
      tags.fill(0, at, at + width);
      general.push(i);
    }
  }
  return { count, strings: strings.joined(), general };
}

/** A plain object without events and without `toJSON`: JSON.stringify would write its fields as they are. */
function isFlat(lead) {
  return isPlainObject(lead) && lead.events == null;
}

/** Writes one lead's row at `at`; false when a field needs the general path (an object, a BigInt, unsafe text). */
function encodeLead(lead, at, members, tags, numbers, strings) {
  let n = 0;
  for (const key in lead) {
    const j = members.at(n++, key);
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
        const s = strings.id(j, value);
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


/** How many values per field `slotBits` answers are remembered (beyond, the memo restarts). */
const MEMO_LIMIT = 4096;

/**
 * `fire(leads, fired, general)` for a plan's outline (`askWasm(j, v)` is `slotBits`) (`scoring::FastPlan::outline`): for each
 * lead, one `u32` per 32 rules in `fired` (bit r % 32 of word r / 32: rule r fired); leads it
 * can't read exactly (not plain objects, with `events` or `toJSON`, an object, a BigInt or a
 * lone surrogate in a field the model reads) are pushed onto `general` instead. Each field's
 * value becomes the bits of the tests that hold for it, as the outline writes them into the
 * code; values it leaves open are asked of wasm once per field (`slotBits`). The rules then
 * combine the bits without branches. `null` where `new Function` is forbidden.
 */
function fireFunction(askWasm, { fields, rules }) {
  const words = Math.ceil(rules.length / 32);
  const bits = fields.map((_, j) => `b${j}`);
  const lines = [
    'return function fire(leads, fired, general) {',
    `  for (let i = 0, at = 0; i < leads.length; i++, at += ${words}) {`,
    '    const lead = leads[i];',
    '    if (!isFlat(lead)) { general.push(i); continue; }',
    `    let v, ${bits.join(', ')};`,
    ...fields.map((f, j) => `    v = lead[${JSON.stringify(f.field)}];\n${fieldCode(f, j)}`),
    `    if ((${bits.join(' | ')}) < 0) { general.push(i); continue; }`,
  ];
  for (let w = 0; w < words; w++) {
    const terms = rules.slice(w * 32, w * 32 + 32).map((rule, r) => `(${predicateCode(rule)} << ${r})`);
    lines.push(`    fired[at + ${w}] = ${terms.join(' | ')};`);
  }
  lines.push('  }', '};');
  const memos = fields.map(() => new Map());
  const slotBits = (j, v) => {
    const memo = memos[j];
    let b = memo.get(v);
    if (b === undefined) {
      b = typeof v === 'string' && !wellFormed(v) ? -1 : askWasm(j, v);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(v, b);
    }
    return b;
  };
  let fire;
  try {
    fire = new Function('isFlat', 'wellFormed', 'slotBits', lines.join('\n'))(isFlat, wellFormed, slotBits);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    canCompile = false;
    return null;
  }
  fire.words = words;
  fire.fields = fields.map((f) => f.field);
  return fire;
}

/** Code setting `b${j}` to the bits of `v`, the value of field `j` (−1: take the general path). */
function fieldCode({ null: nullBits, false: falseBits, true: trueBits, numbers, strings }, j) {
  const b = `b${j}`;
  const numberBits = numbers
    ? numbers.map(([op, c], i) => `((v ${op} ${c < 0 ? `(${c})` : c}) * ${2 ** i})`).join(' | ')
    : `slotBits(${j}, v)`;
  let stringBits = `${b} = slotBits(${j}, v);`;
  if (strings) {
    const byBits = new Map();
    // Cases with the bits of any other string go to `default`.
    for (const [text, value] of strings.cases) {
      if (value !== strings.other) byBits.set(value, [...(byBits.get(value) || []), text]);
    }
    const cases = [...byBits].map(([value, texts]) => `${texts.map((t) => `case ${JSON.stringify(t)}:`).join(' ')} ${b} = ${value}; break;`);
    stringBits = `switch (v) { ${cases.join(' ')} default: ${b} = wellFormed(v) ? ${strings.other} : -1; }`;
  }
  // The type the outline expects goes first; JSON writes NaN and ±Infinity as null, and
  // leaves out undefined, functions and symbols.
  const byType = {
    number: `if (typeof v === 'number') ${b} = v - v === 0 ? ${numberBits} : ${nullBits};`,
    string: `if (typeof v === 'string') { ${stringBits} }`,
    boolean: `if (typeof v === 'boolean') ${b} = v ? ${trueBits} : ${falseBits};`,
  };
  const first = numbers ? 'number' : strings ? 'string' : 'boolean';
  return [
    `    ${byType[first]}`,
    ...Object.keys(byType).filter((t) => t !== first).map((t) => `    else ${byType[t]}`),
    `    else ${b} = (typeof v === 'object' && v !== null) || typeof v === 'bigint' ? -1 : ${nullBits};`,
  ].join('\n');
}

/** Code that is 1 when the predicate outline holds and 0 when not, without branches. */
function predicateCode(p) {
  const [kind, ...args] = p;
  switch (kind) {
    case 'any': return `(-(b${args[0]} & ${args[1]}) >>> 31)`;
    case 'all': return `((((b${args[0]} & ${args[1]}) ^ ${args[1]}) - 1) >>> 31)`;
    case 'and': return args.length ? `(${args.map(predicateCode).join(' & ')})` : '0';
    case 'or': return args.length ? `(${args.map(predicateCode).join(' | ')})` : '0';
    case 'not': return `(${predicateCode(args[0])} ^ 1)`;
    default: return args[0] ? '1' : '0';
  }
}

