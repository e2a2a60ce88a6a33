// Results that cross from wasm packed: a few typed arrays and one string (see
// bindings/wasm/src/packed/), rebuilt here with object literals, which for large batches is
// faster than JSON text and `JSON.parse`. `Reader` reads a packed result in order; `unpack`
// rebuilds a value packed whole (`Packer::value` in Rust); engines with a packer of their own
// (health.js) read their fields with it.

/** Value tags, as bindings/wasm/src/packed/value.rs writes them. */
const NULL = 0, FALSE = 1, TRUE = 2, NUMBER = 3, TEXT = 4, LIST = 5;

/** Reads a packed batch in order. */
export class Reader {
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

/** A value packed whole by `Packer::value`: the same plain data JSON would give. */
export function unpack(packed) {
  return new Reader(packed).value();
}
