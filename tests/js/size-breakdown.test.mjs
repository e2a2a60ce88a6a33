// The size report's breakdown (benches/wasm-breakdown.mjs): function bodies found and named as
// the wasm binary format lays them out, and grouped by the module they come from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import test from 'node:test';

const { breakdown, parseModule } = await import(`${process.env.PIPESCORE_REPO}/benches/wasm-breakdown.mjs`);

/** A section: its id, then its content's length and the content. */
const section = (id, content) => [id, content.length, ...content];
const name = (text) => [text.length, ...Buffer.from(text)];

/** A valid module: one imported function, then two defined ones (bodies of 2 and 5 bytes), named. */
function namedModule() {
  const functionNames = [2, 1, ...name('pipescore::rules::eval::Node::eval::h0123'), 2, ...name('<dlmalloc::Dlmalloc>::malloc')];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [1, ...name('m'), ...name('f'), 0x00, 0]),
    ...section(3, [2, 0, 0]),
    ...section(10, [2, 2, 0x00, 0x0b, 5, 0x00, 0x01, 0x01, 0x01, 0x0b]),
    ...section(0, [...name('name'), 1, functionNames.length, ...functionNames]),
  ]);
}

test('defined functions are read with their names, past the imported ones', () => {
  const bytes = namedModule();
  assert.ok(WebAssembly.validate(bytes));
  const { sections, functions } = parseModule(bytes);
  assert.deepEqual(sections.map((s) => s.id), [1, 2, 3, 10, 0]);
  assert.deepEqual(functions.map((f) => [f.name, f.bytes.length]), [
    ['pipescore::rules::eval::Node::eval::h0123', 2],
    ['<dlmalloc::Dlmalloc>::malloc', 5],
  ]);
});

test('breakdown groups the code by module and counts the other sections apart', () => {
  const rows = new Map(breakdown(namedModule()).map((r) => [r.group, r]));
  assert.deepEqual([rows.get('rules engine (JsonLogic)').raw, rows.get('allocator').raw], [2, 5]);
  assert.deepEqual([rows.get('rules engine (JsonLogic)').engine, rows.get('allocator').engine], [true, false]);
  assert.equal(rows.get('data (messages, default configs, tables)').raw, 0);
  // The type, import and function sections' contents; the name section is not counted.
  assert.equal(rows.get('other sections (types, imports, exports, tables)').raw, 4 + 7 + 3);
});

test('the shipped .wasm parses whole, and breakdown asks for a build with names', () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('pipescore/pipescore_bg.wasm'));
  const { sections, functions } = parseModule(wasm);
  const code = sections.find((s) => s.id === 10).bytes.length;
  const bodies = functions.reduce((sum, f) => sum + f.bytes.length, 0);
  assert.ok(functions.length > 500 && bodies < code && code - bodies < functions.length * 4, `${functions.length} bodies, ${bodies} of ${code} bytes`);
  assert.ok(functions.every((f) => f.name === ''));
  assert.throws(() => breakdown(wasm), /no function names/);
});
