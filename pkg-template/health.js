// `DealHealth.prototype.scoreMany(deals, options)` for an array of deals or a `DealSet`. The
// results cross from wasm packed, as typed arrays and one string (see
// bindings/wasm/src/packed/), and are rebuilt here with object literals: for a large batch
// that is several times faster than JSON text and `JSON.parse`. They are the same plain
// objects `score` returns.
import { freedError } from './boundary.js';

/** Tags, as bindings/wasm/src/health.rs and bindings/wasm/src/packed/value.rs write them. */
const NO_ID = 0, TEXT_ID = 1, NUMBER_ID = 2, ERROR = 3;
const NULL = 0, FALSE = 1, TRUE = 2, NUMBER = 3, TEXT = 4, LIST = 5;

/**
 * Makes `scoreMany` take a `DealSet` too, and unpack packed results (called once by api.js
 * with the guarded classes, see `guard` in boundary.js). A `DealSet` is scored while it is in
 * use, so it can't change under the call; a freed one, or an object that only looks like one
 * (`Object.create(DealSet.prototype)`), is a `PipescoreInputError` `FREED`.
 */
export function withDealSets(health, sets) {
  const { scoreSet, scoreManyPacked } = health.internal;
  health.Class.prototype.scoreMany = function scoreMany(deals, options) {
    if (sets.isLive(deals)) return unpack(sets.use(deals, false, (set) => scoreSet(this, set, options)));
    if (looksLike(deals, sets.Class)) throw freedError('DealSet');
    return unpack(scoreManyPacked(this, deals, options));
  };
}

/** Whether `value` inherits from `Class.prototype` (false should a Proxy's trap throw). */
function looksLike(value, Class) {
  try {
    return value instanceof Class;
  } catch {
    return false;
  }
}

/** Reads a packed batch in order. */
class Reader {
  constructor([words, ints, nums, text]) {
    this.words = words;
    this.ints = ints;
    this.nums = nums;
    this.text = text;
    this.i = 0;
    this.n = 0;
    this.t = 0;
  }
  int() { return this.ints[this.i++]; }
  num() { return this.nums[this.n++]; }
  word() { return this.words[this.ints[this.i++]]; }
  string() { return this.text.slice(this.t, (this.t += this.ints[this.i++])); }
  /** A value as src/bindings/packed/value.rs writes it. */
  value() {
    switch (this.int()) {
      case NULL: return null;
      case FALSE: return false;
      case TRUE: return true;
      case NUMBER: return this.num();
      case TEXT: return this.string();
      case LIST: {
        const list = [];
        for (let k = this.int(); k > 0; k--) list.push(this.value());
        return list;
      }
      default: {
        const object = {};
        for (let k = this.int(); k > 0; k--) {
          const key = this.word();
          // A data property even for "__proto__", as JSON.parse makes it.
          if (key === '__proto__') Object.defineProperty(object, key, { value: this.value(), writable: true, enumerable: true, configurable: true });
          else object[key] = this.value();
        }
        return object;
      }
    }
  }
}

/** The plain results of a packed batch. */
function unpack(packed) {
  const r = new Reader(packed);
  const out = [];
  for (let d = r.int(); d > 0; d--) {
    const tag = r.int();
    if (tag === ERROR) {
      const name = r.word(), code = r.word(), path = r.string();
      out.push({ error: { name, code, path, message: r.string() } });
      continue;
    }
    const id = tag === TEXT_ID ? r.string() : tag === NUMBER_ID ? r.num() : undefined;
    const raw = r.num();
    const score = Number.isNaN(raw) ? null : raw;
    const band = r.word();
    const factors = [];
    for (let f = r.int(); f > 0; f--) {
      const signal = r.word(), label = r.word(), subScore = r.value(), weight = r.value(), impact = r.value();
      const reason = r.string(), action = r.value();
      factors.push({ signal, label, subScore, weight, impact, reason, action, detail: r.value() });
    }
    const warnings = [];
    for (let w = r.int(); w > 0; w--) {
      const wid = r.word(), severity = r.word();
      warnings.push({ id: wid, severity, message: r.string() });
    }
    const skipped = [];
    for (let s = r.int(); s > 0; s--) {
      const signal = r.word(), label = r.word();
      skipped.push({ signal, label, reason: r.word() });
    }
    out.push(tag === NO_ID
      ? { score, band, factors, warnings, skipped }
      : { id, score, band, factors, warnings, skipped });
  }
  return out;
}
