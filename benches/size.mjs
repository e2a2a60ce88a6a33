// Size report: raw and gzip bytes of what a browser loads for pipescore (wasm + JS glue), next
// to json-logic-js, json-logic-engine and json-rules-engine bundled and minified by esbuild.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { wasmOpt } from '../scripts/wasm-opt.mjs';
import { breakdown } from './wasm-breakdown.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** Bundles `source` (an ES module) for the browser, minified, and returns its bytes. */
async function bundle(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

/** Rows of `{ name, raw, gzip }` for pipescore and its JS peers. */
export async function sizeReport() {
  const pkg = join(root, 'pkg');
  const wasm = readFileSync(join(pkg, 'pipescore_bg.wasm'));
  // The JS side of pipescore bundled the way an app would ship it (the .wasm stays an asset).
  const glue = await bundle(`export * from ${JSON.stringify(join(pkg, 'api.js'))};`);
  const rows = [
    { name: 'pipescore .wasm', raw: wasm.length, gzip: gzip(wasm) },
    { name: 'pipescore JS glue (bundled, minified)', raw: glue.length, gzip: gzip(glue) },
    { name: 'pipescore total', raw: wasm.length + glue.length, gzip: gzip(wasm) + gzip(glue) },
  ];
  const leanWasm = readFileSync(join(pkg, 'lead', 'pipescore_bg.wasm'));
  const leanGlue = await bundle(`export * from ${JSON.stringify(join(pkg, 'lead', 'api.js'))};`);
  rows.push({ name: 'pipescore/lead total (Rule, LeadScorer)', raw: leanWasm.length + leanGlue.length, gzip: gzip(leanWasm) + gzip(leanGlue) });
  for (const [name, source] of [
    ['json-logic-js 2.0.5', "export { default } from 'json-logic-js';"],
    ['json-logic-engine 5', "export { LogicEngine } from 'json-logic-engine';"],
    ['json-rules-engine 7', "export { Engine } from 'json-rules-engine';"],
  ]) {
    const bytes = await bundle(source);
    rows.push({ name: `${name} (bundled, minified)`, raw: bytes.length, gzip: gzip(bytes) });
  }
  return rows;
}

/**
 * Where the gzip bytes of each .wasm go (`benches/wasm-breakdown.mjs`): `{ full, lead }`, each a
 * list of `{ group, engine, functions, raw, gzip }`. Optimises wasm-bindgen's output of `make pkg`
 * (target/bindgen/) again as the package is built, keeping the function names.
 */
export function sizeBreakdown() {
  const dir = mkdtempSync(join(tmpdir(), 'pipescore-size-'));
  try {
    const of = (variant) => {
      const named = join(dir, `${variant}.wasm`);
      wasmOpt(join(root, 'target/bindgen', variant, 'pipescore_bg.wasm'), named, { names: true });
      return breakdown(readFileSync(named));
    };
    return { full: of('full'), lead: of('lead') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
