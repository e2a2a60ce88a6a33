// `DealHealth.prototype.scoreMany(deals, options)` for an array of deals or a `DealSet`. Results
// with no factors explained (`explain: false`) cross from wasm packed, as typed arrays and one
// string (see src/bindings/packed.rs), and are rebuilt here with object literals: for a large
// batch that is several times faster than JSON text and `JSON.parse`. Results are the same
// plain objects either way.

/** Tags of packed entries, as src/bindings/health.rs writes them. */
const NO_ID = 0, TEXT_ID = 1, NUMBER_ID = 2, ERROR = 3;

/** Makes `scoreMany` take a `DealSet` too, and unpack results (called once by api.js). */
export function withDealSets(DealHealth, DealSet) {
  const scoreArray = DealHealth.prototype.scoreMany;
  DealHealth.prototype.scoreMany = function scoreMany(deals, options) {
    return unpack(deals instanceof DealSet ? this.scoreSet(deals, options) : scoreArray.call(this, deals, options));
  };
}

/** Plain results from `scoreMany` / `scoreSet`: as they are, or rebuilt from a packed batch. */
function unpack(results) {
  if (Array.isArray(results)) return results;
  const { words, ints, nums, text } = results;
  // Cursors into ints, nums and text, kept in locals (not closures) for speed.
  let i = 1, n = 0, t = 0;
  const count = ints[0];
  const out = [];
  for (let d = 0; d < count; d++) {
    const tag = ints[i++];
    if (tag === ERROR) {
      const name = words[ints[i++]], code = words[ints[i++]];
      const path = text.slice(t, t += ints[i++]);
      out.push({ error: { name, code, path, message: text.slice(t, t += ints[i++]) } });
      continue;
    }
    const id = tag === TEXT_ID ? text.slice(t, t += ints[i++]) : tag === NUMBER_ID ? nums[n++] : undefined;
    const raw = nums[n++];
    const score = Number.isNaN(raw) ? null : raw;
    const band = words[ints[i++]];
    const warnings = [];
    for (let w = ints[i++]; w > 0; w--) {
      const wid = words[ints[i++]], severity = words[ints[i++]];
      warnings.push({ id: wid, severity, message: text.slice(t, t += ints[i++]) });
    }
    const skipped = [];
    for (let s = ints[i++]; s > 0; s--) {
      const signal = words[ints[i++]], label = words[ints[i++]];
      skipped.push({ signal, label, reason: words[ints[i++]] });
    }
    out.push(tag === NO_ID
      ? { score, band, factors: [], warnings, skipped }
      : { id, score, band, factors: [], warnings, skipped });
  }
  return out;
}
