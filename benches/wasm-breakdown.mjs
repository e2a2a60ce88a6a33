// Where the bytes of a .wasm go: its function bodies grouped by the Rust module (or runtime) they
// come from, from the `name` section that `wasm-opt -g` keeps, plus the data and the other
// sections. Used by the size report (benches/size.mjs) on a build optimised with the shipped
// flags and its names kept (without the last `--converge` passes, which change little).
import { gzipSync } from 'node:zlib';

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Section ids of the wasm binary format. */
const IMPORT = 2, CODE = 10, DATA = 11, CUSTOM = 0;

/** A reader over the bytes of a module: LEB128 numbers and length-prefixed names. */
class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  u32() {
    let result = 0, shift = 0, byte;
    do {
      byte = this.bytes[this.at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }

  name() {
    const length = this.u32();
    const text = Buffer.from(this.bytes.subarray(this.at, this.at + length)).toString('utf8');
    this.at += length;
    return text;
  }

  /** Skips a table's or memory's limits. */
  limits() {
    const flags = this.u32();
    this.u32();
    if (flags & 1) this.u32();
  }
}

/**
 * The sections of a module (`{ id, name, bytes }`, `name` for custom sections) and its defined
 * functions (`{ name, bytes }`, the name from the `name` section when there is one).
 */
export function parseModule(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a WebAssembly module');
  const r = new Reader(bytes, 8);
  const sections = [];
  let importedFunctions = 0;
  const bodies = [];
  const names = new Map();
  while (r.at < bytes.length) {
    const id = bytes[r.at++];
    const size = r.u32();
    const start = r.at;
    const section = { id, name: '', bytes: bytes.subarray(start, start + size) };
    if (id === IMPORT) {
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        r.name();
        const kind = bytes[r.at++];
        if (kind === 0) { r.u32(); importedFunctions++; }
        else if (kind === 1) { r.at++; r.limits(); }
        else if (kind === 2) r.limits();
        else if (kind === 3) r.at += 2;
        else r.u32(); // a tag
      }
    } else if (id === CODE) {
      for (let n = r.u32(); n > 0; n--) {
        const length = r.u32();
        bodies.push(bytes.subarray(r.at, r.at + length));
        r.at += length;
      }
    } else if (id === CUSTOM) {
      section.name = r.name();
      if (section.name === 'name') readFunctionNames(r, start + size, names);
    }
    sections.push(section);
    r.at = start + size;
  }
  const functions = bodies.map((body, i) => ({ name: names.get(importedFunctions + i) ?? '', bytes: body }));
  return { sections, functions };
}

/** Reads the function-names subsection of a `name` section ending at `end` into `names`. */
function readFunctionNames(r, end, names) {
  while (r.at < end) {
    const id = r.bytes[r.at++];
    const size = r.u32();
    const next = r.at + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        const index = r.u32();
        names.set(index, r.name());
      }
    }
    r.at = next;
  }
}

/** Whether `name` is an item of the module at `path` or an impl of one of its traits. */
const within = (name, path) => name.startsWith(path) || name.includes(` as ${path}`);

/** The engines' own modules: a group each. */
const ENGINES = [
  ['rules engine (JsonLogic)', 'pipescore::rules::'],
  ['lead scoring', 'pipescore::scoring::'],
  ['stage gates', 'pipescore::gates::'],
  ['deal health', 'pipescore::health::'],
  ['metrics', 'pipescore::metrics::'],
];

/** The groups functions are counted in, first match wins; `test` sees the demangled name. */
const GROUPS = [
  ...ENGINES.map(([group, path]) => [group, (n) => within(n, path)]),
  // wasm-bindgen's exports and their shims, with whatever wasm-opt inlined into them.
  ['JS boundary (bindings, exports)', (n) => within(n, 'pipescore_wasm::') || / shim$/.test(n) || /^[a-z]+_[a-zA-Z]+$/.test(n)],
  ['shared core (config readers, errors, time, text)', (n) => within(n, 'pipescore::')],
  ['serde_json, serde (JSON text in and out)', (n) => /^(serde_json|serde_core|serde)::/.test(n) || within(n, 'zmij::') || within(n, 'itoa::')],
  ['allocator', (n) => /^(dlmalloc::|__rdl_|__rust_(alloc|dealloc|realloc)|__rg_)/.test(n)],
  ['wasm-bindgen runtime', (n) => /^(wasm_bindgen|js_sys)::|^__wbindgen|^__wbg|^__externref/.test(n)],
  ['Rust core/alloc (generic code, mostly for the engines\' types)',
    (n) => /^(core|alloc|std|compiler_builtins|hashbrown)::|^__[a-z]+[sdt]f[a-z]*$|^[A-Za-z0-9_]+( as (core|alloc)::|>::)/.test(n)],
];

/** `<&mut a::B as c::D>::e` → `a::B as c::D>::e`; crate disambiguators (`core[1a2b]`) dropped. */
function plainName(name) {
  return name.replace(/\[[0-9a-f]+\]/g, '').replace(/^[<&\s]*(mut\s+)?/, '').replace(/^impl\s+/, '');
}

const engineGroups = new Set(ENGINES.map(([group]) => group));

/**
 * Bytes of `module` (a .wasm with a `name` section) by group: `{ group, engine, functions, raw,
 * gzip }` rows for the code (`engine`: an engine's own module), then the data section and
 * everything else. Each group's gzip is of its
 * bytes alone, so the rows add up to a little more than the module's gzip.
 */
export function breakdown(module) {
  const { sections, functions } = parseModule(module);
  if (!functions.some((f) => f.name)) throw new Error('the module has no function names: build it with wasm-opt -g');
  const rows = new Map([...GROUPS.map(([group]) => group), 'other'].map((group) => [group, []]));
  for (const f of functions) {
    const name = plainName(f.name);
    const group = GROUPS.find(([, test]) => test(name))?.[0] ?? 'other';
    rows.get(group).push(f.bytes);
  }
  const result = [...rows].filter(([, parts]) => parts.length).map(([group, parts]) => {
    const bytes = Buffer.concat(parts);
    return { group, engine: engineGroups.has(group), functions: parts.length, raw: bytes.length, gzip: gzip(bytes) };
  });
  result.sort((a, b) => b.gzip - a.gzip);
  const data = sections.filter((s) => s.id === DATA);
  const rest = sections.filter((s) => s.id !== DATA && s.id !== CODE && !(s.id === CUSTOM && s.name === 'name'));
  for (const [group, list] of [['data (messages, default configs, tables)', data], ['other sections (types, imports, exports, tables)', rest]]) {
    const bytes = Buffer.concat(list.map((s) => s.bytes));
    result.push({ group, engine: false, functions: 0, raw: bytes.length, gzip: gzip(bytes) });
  }
  return result;
}
