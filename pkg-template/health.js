// `DealHealth.prototype.scoreMany(deals, options)` for an array of deals or a `DealSet`. The
// results cross from wasm packed, as typed arrays and one string (see
// bindings/wasm/src/packed/), and are rebuilt here with object literals: for a large batch
// that is several times faster than JSON text and `JSON.parse`. They are the same plain
// objects `score` returns.
import { freedError } from './boundary.js';
import { Reader } from './results.js';

/** Tags, as bindings/wasm/src/health.rs writes them. */
const NO_ID = 0, TEXT_ID = 1, NUMBER_ID = 2, ERROR = 3;

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
