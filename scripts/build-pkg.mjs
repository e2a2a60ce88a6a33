// Assembles the npm package in pkg/ from the release .wasm, wasm-bindgen's web-target glue and
// pkg-template/, then prints raw and gzip sizes. Run by `make pkg`.
//
//   cargo build --release --target wasm32-unknown-unknown   (done by the Makefile)
//   wasm-bindgen --target web  -> target/bindgen/
//   wasm-opt -Os               -> pkg/pipescore_bg.wasm
//   esbuild (ESM -> CJS)       -> pkg/node.cjs
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(root, ...parts);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

const wasmIn = at('target/wasm32-unknown-unknown/release/pipescore.wasm');
const bindgenDir = at('target/bindgen');
const pkg = at('pkg');

if (!existsSync(wasmIn)) throw new Error(`${wasmIn} is missing: run cargo build --release --target wasm32-unknown-unknown first`);
rmSync(bindgenDir, { recursive: true, force: true });
run('wasm-bindgen', ['--target', 'web', '--out-dir', bindgenDir, '--out-name', 'pipescore', '--no-typescript', wasmIn]);

rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg);

// wasm-opt from the npm package `binaryen` (Debian's is too old for current rustc output).
run(at('node_modules/.bin/wasm-opt'), [
  '-Os', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
  '--strip-debug', '--strip-producers',
  join(bindgenDir, 'pipescore_bg.wasm'), '-o', join(pkg, 'pipescore_bg.wasm'),
]);

// The glue imports the error classes from a hashed snippets/ folder; point it at the single
// errors.js shipped at the package root, so the classes users import are the ones thrown.
const glue = readFileSync(join(bindgenDir, 'pipescore.js'), 'utf8');
const snippetImport = /(['"])\.\/snippets\/[^'"]+\/pkg-template\/errors\.js\1/g;
const rewritten = glue.replace(snippetImport, "'./errors.js'");
if (rewritten.includes('./snippets/')) throw new Error('wasm-bindgen glue imports a snippet other than errors.js');
writeFileSync(join(pkg, 'pipescore.js'), rewritten);

const cargoVersion = readFileSync(at('Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
const manifest = JSON.parse(readFileSync(at('pkg-template/package.json'), 'utf8'));
manifest.version = cargoVersion;
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

for (const file of ['api.js', 'errors.js', 'web.js', 'node.mjs', 'index.d.ts']) {
  cpSync(at('pkg-template', file), join(pkg, file));
}
cpSync(at('pkg-template/index.d.ts'), join(pkg, 'index.d.cts'));
writeFileSync(join(pkg, 'README.md'), packageReadme());
cpSync(at('LICENSE'), join(pkg, 'LICENSE'));

// Bundle the CJS entry from inside pkg/ so it picks up the rewritten glue next to it.
const cjsSource = join(pkg, 'node-cjs.src.js');
cpSync(at('pkg-template/node-cjs.js'), cjsSource);
await build({
  entryPoints: [cjsSource],
  outfile: join(pkg, 'node.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  logOverride: { 'empty-import-meta': 'silent' },
});
rmSync(cjsSource);

/**
 * The npm README: pkg-template/README.md's introduction, then the usage sections of the
 * repository README (from "Install and import" up to the widgets, which are not in the
 * package), so the two never disagree.
 */
function packageReadme() {
  const intro = readFileSync(at('pkg-template/README.md'), 'utf8').trimEnd();
  const readme = readFileSync(at('README.md'), 'utf8');
  const start = readme.indexOf('## Install and import');
  const end = readme.indexOf('## Widgets and demo');
  if (start < 0 || end < start) throw new Error('README.md: usage sections not found');
  const usage = readme.slice(start, end).replace(/<!-- section:[a-z]+ -->\n*/g, '').trimEnd();
  return `${intro}\n\n${usage}\n`;
}

const shipped = manifest.files.filter((f) => !existsSync(join(pkg, f)));
if (shipped.length) throw new Error(`package.json "files" lists missing files: ${shipped.join(', ')}`);

// The demo site in www/ is self-contained: it imports the package from www/pkg/.
rmSync(at('www/pkg'), { recursive: true, force: true });
cpSync(pkg, at('www/pkg'), { recursive: true });

const size = (file) => {
  const bytes = readFileSync(join(pkg, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const browserFiles = ['pipescore_bg.wasm', 'pipescore.js', 'errors.js', 'api.js', 'web.js'].map(size);
console.log('\npkg/ built (version %s). Sizes of what a browser loads:', cargoVersion);
for (const { file, raw, gzip } of browserFiles) console.log(`  ${file.padEnd(20)} ${String(raw).padStart(8)} B raw ${String(gzip).padStart(8)} B gzip`);
const total = browserFiles.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
console.log(`  ${'total'.padEnd(20)} ${String(total.raw).padStart(8)} B raw ${String(total.gzip).padStart(8)} B gzip (budget 60 KB gzip)`);
const rest = readdirSync(pkg).filter((f) => !browserFiles.some((b) => b.file === f));
console.log(`  also in the package: ${rest.map((f) => `${f} (${statSync(join(pkg, f)).size} B)`).join(', ')}`);
