// Assembles the npm package in pkg/ from the release .wasm, wasm-bindgen's web-target glue and
// pkg-template/, then prints raw and gzip sizes. Run by `make pkg`.
//
//   cargo build -p pipescore-wasm --profile wasm-release (all engines, and --no-default-features for lead/; by the Makefile)
//   wasm-bindgen --target web  -> target/bindgen/{full,lead}/
//   wasm-opt (wasm-opt.mjs)    -> pkg/pipescore_bg.wasm, pkg/lead/pipescore_bg.wasm
//   esbuild (compact the glue) -> pkg/pipescore.js, pkg/lead/pipescore.js
//   esbuild (ESM -> CJS)       -> pkg/node.cjs, pkg/lead/node.cjs
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transformSync } from 'esbuild';
import { wasmOpt } from './wasm-opt.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(root, ...parts);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

const pkg = at('pkg');
/** The two builds: every engine at the root; only `Rule` and `LeadScorer` in lead/. */
const builds = [
  { wasm: at('target/wasm32-unknown-unknown/wasm-release/pipescore_wasm.wasm'), dir: pkg, root: './', template: 'pkg-template' },
  { wasm: at('target/lean/wasm32-unknown-unknown/wasm-release/pipescore_wasm.wasm'), dir: join(pkg, 'lead'), root: '../', template: 'pkg-template/lead' },
];
/** The pkg-template modules the Rust code imports (`#[wasm_bindgen(module = …)]`), shipped once at the package root. */
const snippets = ['errors.js', 'boundary.js', 'records.js', 'reader.js', 'results.js'];
for (const { wasm } of builds) {
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run make pkg (it builds both .wasm files first)`);
}
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg);
// The package's own modules, shared by both builds: errors.js (one copy, so an error thrown by
// either build is an instance of the same classes), boundary.js (callers' values read for
// wasm, and the guard of every class's methods), records.js (metrics' records read into
// columns), reader.js (records read into a compiled config's read plan) and results.js (packed
// results rebuilt), which the glue imports; health.js (`DealHealth.prototype.scoreMany` over arrays and DealSets).
// Shipped without comments and whitespace, like the glue (the commented source is in the
// repository): that makes them a third of the gzip bytes. Names are kept.
for (const file of [...snippets, 'health.js']) {
  writeFileSync(join(pkg, file), compact(readFileSync(at('pkg-template', file), 'utf8')));
}
for (const b of builds) await assemble(b);

/** An ES module without comments and whitespace, identifiers unchanged (class names still show in stack traces). */
function compact(source) {
  return transformSync(source, { format: 'esm', target: 'es2022', minifyWhitespace: true, minifySyntax: true }).code;
}

/** wasm-bindgen, wasm-opt, the glue with its snippet imports fixed, the entry points. */
async function assemble({ wasm, dir, root, template }) {
  const bindgenDir = join(at('target/bindgen'), dir === pkg ? 'full' : 'lead');
  rmSync(bindgenDir, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', bindgenDir, '--out-name', 'pipescore', '--no-typescript', wasm]);
  mkdirSync(dir, { recursive: true });
  wasmOpt(join(bindgenDir, 'pipescore_bg.wasm'), join(dir, 'pipescore_bg.wasm'));
  // The glue imports errors.js and records.js from a hashed snippets/ folder; point it at the
  // copies at the package root, so the error classes users import are the ones thrown.
  const glue = readFileSync(join(bindgenDir, 'pipescore.js'), 'utf8');
  const snippetImport = /(['"])\.\/snippets\/[^'"]+\/pkg-template\/([a-z]+\.js)\1/g;
  const rewritten = glue.replace(snippetImport, (whole, quote, file) => {
    if (!snippets.includes(file)) throw new Error(`wasm-bindgen glue imports an unknown snippet: ${file}`);
    return `'${root}${file}'`;
  });
  if (rewritten.includes('./snippets/')) throw new Error('wasm-bindgen glue imports a snippet from outside pkg-template/');
  // Generated code that no one reads: without comments and whitespace it gzips 37% smaller.
  // Identifiers are left alone, so class names (LeadScorer, …) still show in stack traces and
  // devtools, and an app's bundler, which renames them itself, gets the same input as before.
  writeFileSync(join(dir, 'pipescore.js'), compact(rewritten));
  // The same entry points in both folders; each folder has its own export list and types.
  for (const file of ['web.js', 'node.mjs']) cpSync(at('pkg-template', file), join(dir, file));
  for (const file of ['api.js', 'index.d.ts']) cpSync(at(template, file), join(dir, file));
  cpSync(at(template, dir === pkg ? 'index.d.ts' : 'index.d.cts'), join(dir, 'index.d.cts'));
  // Bundle the CJS entry from inside the folder so it picks up the rewritten glue next to it.
  const cjsSource = join(dir, 'node-cjs.src.js');
  cpSync(at('pkg-template/node-cjs.js'), cjsSource);
  await build({
    entryPoints: [cjsSource],
    outfile: join(dir, 'node.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    logOverride: { 'empty-import-meta': 'silent' },
  });
  rmSync(cjsSource);
}

const cargoVersion = readFileSync(at('Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
const manifest = JSON.parse(readFileSync(at('pkg-template/package.json'), 'utf8'));
manifest.version = cargoVersion;
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
cpSync(at('pkg-template/README.md'), join(pkg, 'README.md'));
cpSync(at('LICENSE'), join(pkg, 'LICENSE'));

const shipped = manifest.files.filter((f) => !existsSync(join(pkg, f)));
if (shipped.length) throw new Error(`package.json "files" lists missing files: ${shipped.join(', ')}`);

// The demo site in www/ is self-contained: it imports the package from www/pkg/.
rmSync(at('www/pkg'), { recursive: true, force: true });
cpSync(pkg, at('www/pkg'), { recursive: true });

const size = (file) => {
  const bytes = readFileSync(join(pkg, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
console.log('\npkg/ built (version %s). Sizes of what a browser loads:', cargoVersion);
// Each entry's own files, then the shared ones its api.js imports.
for (const [entry, prefix, shared] of [['pipescore', '', ['health.js', 'records.js', 'boundary.js', 'reader.js', 'results.js']], ['pipescore/lead', 'lead/', ['records.js', 'boundary.js', 'reader.js', 'results.js']]]) {
  const own = ['pipescore_bg.wasm', 'pipescore.js', 'api.js', 'web.js'].map((f) => size(prefix + f));
  const files = own.concat([...shared, 'errors.js'].map(size));
  console.log(`  ${entry}:`);
  for (const { file, raw, gzip } of files) console.log(`    ${file.padEnd(24)} ${String(raw).padStart(8)} B raw ${String(gzip).padStart(8)} B gzip`);
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
  console.log(`    ${'total'.padEnd(24)} ${String(total.raw).padStart(8)} B raw ${String(total.gzip).padStart(8)} B gzip (budget 60 KB gzip)`);
}
